package wechat

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"
	"time"
)

// AuthScheme is the API v3 authorization scheme, and the only
// Wechatpay-Signature-Type a [Verifier] accepts.
const AuthScheme = "WECHATPAY2-SHA256-RSA2048"

// Signer builds API v3 Authorization headers
// (https://pay.weixin.qq.com/wiki/doc/api_external/ch/wechatpay/wechatpay4_0.shtml).
// Key is the merchant's API private key as a [crypto.Signer], so that an
// HSM or a KMS can hold it; it must sign RSA PKCS#1 v1.5 with SHA-256 (an
// *rsa.PrivateKey does). MchID (the merchant number that owns the key:
// sp_mchid in institutional mode) and SerialNo (its API certificate
// serial) are checked before use: 1-32 and 1-64 letters, digits, '_' or
// '-', so that nothing can break out of the header's quotes. Now and
// Nonce default to time.Now and [NewNonce].
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
	if err := s.check(method, urlPath); err != nil {
		return "", err
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
	if !isToken(n) || len(n) > 32 {
		return "", paramErr("nonce_str", ErrFormat)
	}
	sig, err := signSHA256(s.Key, method+"\n"+urlPath+"\n"+ts+"\n"+n+"\n"+string(body)+"\n")
	if err != nil {
		return "", err
	}
	return AuthScheme + ` mchid="` + s.MchID + `",nonce_str="` + n + `",timestamp="` + ts +
		`",serial_no="` + s.SerialNo + `",signature="` + sig + `"`, nil
}

// Sign returns the Authorization header of a [V3Call].
func (s *Signer) Sign(c V3Call) (string, error) { return s.Authorization(c.Method, c.Path, c.Body) }

func (s *Signer) check(method, urlPath string) error {
	switch {
	case s == nil || s.Key == nil:
		return paramErr("signer key", ErrMissing)
	case s.MchID == "":
		return paramErr("mchid", ErrMissing)
	case !isID(s.MchID):
		return paramErr("mchid", ErrFormat)
	case s.SerialNo == "":
		return paramErr("serial_no", ErrMissing)
	case !isToken(s.SerialNo) || len(s.SerialNo) > 64:
		return paramErr("serial_no", ErrFormat)
	case method == "" || strings.ToUpper(method) != method || !isToken(method):
		return paramErr("method", ErrFormat)
	case !strings.HasPrefix(urlPath, "/") || !isPrintable(urlPath):
		return paramErr("url", ErrFormat)
	}
	if k, ok := s.Key.Public().(*rsa.PublicKey); !ok || k.N.BitLen() < 2048 {
		return paramErr("signer key", ErrSignatureType)
	}
	return nil
}

func signSHA256(key crypto.Signer, msg string) (string, error) {
	digest := sha256.Sum256([]byte(msg))
	sig, err := key.Sign(rand.Reader, digest[:], crypto.SHA256)
	if err != nil {
		return "", paramErr("signature", err)
	}
	return base64.StdEncoding.EncodeToString(sig), nil
}
