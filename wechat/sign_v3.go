package wechat

import (
	"crypto"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"time"
)

// AuthScheme is the API v3 authorization scheme.
const AuthScheme = "WECHATPAY2-SHA256-RSA2048"

// Signer builds API v3 Authorization headers (research notes §2.2). Key
// is the merchant's API private key as a [crypto.Signer], so that an HSM
// or a KMS can hold it; it must sign RSA PKCS#1 v1.5 with SHA-256 (an
// *rsa.PrivateKey does). MchID and SerialNo identify the merchant and its
// API certificate. Now and Nonce default to time.Now and [NewNonce].
//
// A Signer does no network I/O and is safe for concurrent use if Key is.
type Signer struct {
	MchID    string
	SerialNo string
	Key      crypto.Signer
	Now      func() time.Time
	Nonce    func() string
}

// Authorization returns the header value for a request: method, the URL
// path with its query (no host), and the body ("" for GET). The signed
// message is METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n.
func (s *Signer) Authorization(method, urlPath string, body []byte) (string, error) {
	if s.Key == nil || s.MchID == "" || s.SerialNo == "" {
		return "", paramErr("signer", ErrMissing)
	}
	now, nonce := time.Now, NewNonce
	if s.Now != nil {
		now = s.Now
	}
	if s.Nonce != nil {
		nonce = s.Nonce
	}
	ts := strconv.FormatInt(now().Unix(), 10)
	n := nonce()
	msg := method + "\n" + urlPath + "\n" + ts + "\n" + n + "\n" + string(body) + "\n"
	sig, err := signSHA256(s.Key, msg)
	if err != nil {
		return "", err
	}
	return AuthScheme + ` mchid="` + s.MchID + `",nonce_str="` + n + `",timestamp="` + ts +
		`",serial_no="` + s.SerialNo + `",signature="` + sig + `"`, nil
}

func signSHA256(key crypto.Signer, msg string) (string, error) {
	digest := sha256.Sum256([]byte(msg))
	sig, err := key.Sign(rand.Reader, digest[:], crypto.SHA256)
	if err != nil {
		return "", paramErr("signature", err)
	}
	return base64.StdEncoding.EncodeToString(sig), nil
}
