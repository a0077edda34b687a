package wechat

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"sync"
	"time"
)

// MaxSkew is how far a signed response's timestamp may be from now
// (research notes §2.3).
const MaxSkew = 5 * time.Minute

// Headers are the signature headers of an API v3 response or notification:
// Wechatpay-Timestamp, -Nonce, -Signature and -Serial.
type Headers struct {
	Timestamp string
	Nonce     string
	Signature string
	Serial    string
}

// ReplayStore remembers nonces. Seen records nonce at time at and reports
// whether it had been recorded before. It must be safe for concurrent use.
type ReplayStore interface {
	Seen(nonce string, at time.Time) bool
}

// Verifier checks API v3 responses and notifications: the RSA-SHA256
// signature over TIMESTAMP\nNONCE\nBODY\n with the WeChat Pay platform
// public key whose serial (or public-key ID) is Serial, a timestamp within
// [MaxSkew] of now, and a nonce not seen before. Replay defaults to none
// (no replay check) and Now to time.Now. A Verifier is safe for concurrent
// use if its ReplayStore is.
type Verifier struct {
	PublicKey *rsa.PublicKey
	Serial    string
	Replay    ReplayStore
	Now       func() time.Time
}

// Verify checks h against body. A response that should carry a signature
// and has none is forged: every header is required.
func (v *Verifier) Verify(h Headers, body []byte) error {
	switch {
	case v.PublicKey == nil:
		return paramErr("public key", ErrMissing)
	case h.Timestamp == "" || h.Nonce == "" || h.Signature == "" || h.Serial == "":
		return paramErr("headers", ErrMissing)
	case h.Serial != v.Serial:
		return paramErr("Wechatpay-Serial", ErrSignature)
	}
	if err := v.checkTime(h.Timestamp); err != nil {
		return err
	}
	sig, err := base64.StdEncoding.DecodeString(h.Signature)
	if err != nil {
		return paramErr("Wechatpay-Signature", ErrSyntax)
	}
	if verifyRSA(v.PublicKey, h.Timestamp+"\n"+h.Nonce+"\n"+string(body)+"\n", sig) != nil {
		return paramErr("Wechatpay-Signature", ErrSignature)
	}
	if v.Replay != nil && v.Replay.Seen(h.Nonce, v.now()) {
		return paramErr("Wechatpay-Nonce", ErrReplay)
	}
	return nil
}

// verifyRSA checks an RSA PKCS#1 v1.5 SHA-256 signature over msg.
func verifyRSA(pub *rsa.PublicKey, msg string, sig []byte) error {
	digest := sha256.Sum256([]byte(msg))
	return rsa.VerifyPKCS1v15(pub, crypto.SHA256, digest[:], sig)
}

func (v *Verifier) now() time.Time {
	if v.Now != nil {
		return v.Now()
	}
	return time.Now()
}

func (v *Verifier) checkTime(ts string) error {
	secs, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return paramErr("Wechatpay-Timestamp", ErrFormat)
	}
	if d := v.now().Sub(time.Unix(secs, 0)); d >= MaxSkew || d <= -MaxSkew {
		return paramErr("Wechatpay-Timestamp", ErrTimestamp)
	}
	return nil
}

// MemoryReplay is an in-memory [ReplayStore]. It forgets a nonce once it
// is older than twice [MaxSkew], when the timestamp check alone refuses
// its message, so memory stays bounded by the traffic of ten minutes. The
// zero value is ready to use and safe for concurrent use.
type MemoryReplay struct {
	mu     sync.Mutex
	seen   map[string]time.Time
	pruned time.Time
}

// Seen implements [ReplayStore].
func (m *MemoryReplay) Seen(nonce string, at time.Time) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.seen == nil {
		m.seen = map[string]time.Time{}
	}
	if at.Sub(m.pruned) > MaxSkew {
		for n, t := range m.seen {
			if at.Sub(t) > 2*MaxSkew {
				delete(m.seen, n)
			}
		}
		m.pruned = at
	}
	if _, ok := m.seen[nonce]; ok {
		return true
	}
	m.seen[nonce] = at
	return false
}

// Len returns how many nonces the store holds.
func (m *MemoryReplay) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.seen)
}
