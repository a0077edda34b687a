package wechat

import (
	"context"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strconv"
	"time"
)

// MaxSkew is how far a signed response's timestamp may be from now: a
// message is refused when |now − timestamp| ≥ 300 s, as WeChat Pay's own
// SDK does (wechatpay-go core/auth/validators/wechat_pay_validator.go).
const MaxSkew = 5 * time.Minute

// Headers are the signature headers of an API v3 response or
// notification: Wechatpay-Timestamp, -Nonce, -Signature, -Serial and
// -Signature-Type (absent means WECHATPAY2-SHA256-RSA2048).
type Headers struct {
	Timestamp     string
	Nonce         string
	Signature     string
	Serial        string
	SignatureType string
}

// HeadersFrom reads the signature headers from an HTTP header.
func HeadersFrom(h http.Header) Headers {
	return Headers{
		Timestamp: h.Get("Wechatpay-Timestamp"), Nonce: h.Get("Wechatpay-Nonce"),
		Signature: h.Get("Wechatpay-Signature"), Serial: h.Get("Wechatpay-Serial"),
		SignatureType: h.Get("Wechatpay-Signature-Type"),
	}
}

// KeySource gives the WeChat Pay platform public key whose serial (a
// platform certificate serial or a public-key ID such as PUB_KEY_ID_…)
// is serial. Platform certificates rotate: an implementation may load
// keys it does not hold yet (download the certificates, read a file). It
// returns an error wrapping [ErrUnknownKey] for a serial it cannot find.
// It must be safe for concurrent use.
type KeySource interface {
	PublicKey(ctx context.Context, serial string) (*rsa.PublicKey, error)
}

// KeySourceFunc adapts a function to [KeySource].
type KeySourceFunc func(ctx context.Context, serial string) (*rsa.PublicKey, error)

// PublicKey calls f.
func (f KeySourceFunc) PublicKey(ctx context.Context, serial string) (*rsa.PublicKey, error) {
	return f(ctx, serial)
}

// KeySet is an in-memory [KeySource]: serial → key. It is read only once
// built, so it is safe for concurrent use; build a new one to rotate.
type KeySet map[string]*rsa.PublicKey

// PublicKey implements [KeySource].
func (s KeySet) PublicKey(_ context.Context, serial string) (*rsa.PublicKey, error) {
	if k := s[serial]; k != nil {
		return k, nil
	}
	return nil, paramErr("Wechatpay-Serial", ErrUnknownKey)
}

// ReplayStore remembers nonces of verified messages. Claim records nonce
// until the time until and reports whether it was fresh (not recorded, or
// recorded with an until now past). It must be atomic: of two concurrent
// claims of one nonce, one is fresh. An error refuses the message (the
// [Verifier] fails closed, with [ErrReplayStore]). It must be safe for
// concurrent use. [MemoryReplay] is the in-memory implementation; one on
// Redis is SET key 1 NX PXAT until.
type ReplayStore interface {
	Claim(ctx context.Context, nonce string, until time.Time) (fresh bool, err error)
}

// VerifierConfig configures [NewVerifier]. Its zero value is the default.
type VerifierConfig struct {
	// Replay remembers nonces. Nil means a [MemoryReplay] of the
	// Verifier's own: replay protection cannot be switched off. Give a
	// shared store (Redis) when several processes verify.
	Replay ReplayStore
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Verifier checks API v3 responses and notifications: signature type
// WECHATPAY2-SHA256-RSA2048 only, an RSA key of at least 2048 bits from
// its [KeySource] for the message's Wechatpay-Serial, the RSA-SHA256
// signature over TIMESTAMP\nNONCE\nBODY\n, a timestamp within [MaxSkew] of
// now, and a nonce not seen before (it is remembered until the timestamp
// check alone would refuse the message). Make one with [NewVerifier]; a
// zero Verifier refuses everything. It is safe for concurrent use if its
// key source and replay store are.
type Verifier struct {
	keys   KeySource
	replay ReplayStore
	now    func() time.Time
}

// NewVerifier returns a Verifier of keys with c's settings.
func NewVerifier(keys KeySource, c VerifierConfig) *Verifier {
	v := &Verifier{keys: keys, replay: c.Replay, now: c.Now}
	if v.now == nil {
		v.now = time.Now
	}
	if v.replay == nil {
		v.replay = &MemoryReplay{Now: v.now}
	}
	return v
}

// Verify checks h against body. A response that should carry a signature
// and has none is forged: every header but Wechatpay-Signature-Type is
// required. Errors match [ErrMissing], [ErrSignatureType], [ErrUnknownKey],
// [ErrSignature], [ErrSyntax], [ErrFormat], [ErrTimestamp], [ErrReplay] or
// [ErrReplayStore].
func (v *Verifier) Verify(ctx context.Context, h Headers, body []byte) error {
	switch {
	case v == nil || v.keys == nil || v.replay == nil:
		return paramErr("verifier", ErrMissing)
	case h.Timestamp == "" || h.Nonce == "" || h.Signature == "" || h.Serial == "":
		return paramErr("headers", ErrMissing)
	case h.SignatureType != "" && h.SignatureType != AuthScheme:
		return paramErr("Wechatpay-Signature-Type", ErrSignatureType)
	case !isToken(h.Serial) || len(h.Serial) > 64:
		return paramErr("Wechatpay-Serial", ErrFormat)
	case len(h.Nonce) > 64 || !isPrintable(h.Nonce):
		return paramErr("Wechatpay-Nonce", ErrFormat)
	}
	ts, err := v.checkTime(h.Timestamp)
	if err != nil {
		return err
	}
	pub, err := v.keys.PublicKey(ctx, h.Serial)
	if err != nil {
		return paramErr("Wechatpay-Serial", joinErr(ErrUnknownKey, err))
	}
	if pub == nil || pub.N.BitLen() < 2048 {
		return paramErr("Wechatpay-Serial", ErrSignatureType)
	}
	sig, err := base64.StdEncoding.DecodeString(h.Signature)
	if err != nil {
		return paramErr("Wechatpay-Signature", ErrSyntax)
	}
	if verifyRSA(pub, h.Timestamp+"\n"+h.Nonce+"\n"+string(body)+"\n", sig) != nil {
		return paramErr("Wechatpay-Signature", ErrSignature)
	}
	fresh, err := v.replay.Claim(ctx, h.Nonce, ts.Add(MaxSkew))
	switch {
	case err != nil:
		return paramErr("Wechatpay-Nonce", joinErr(ErrReplayStore, err))
	case !fresh:
		return paramErr("Wechatpay-Nonce", ErrReplay)
	}
	return nil
}

// verifyRSA checks an RSA PKCS#1 v1.5 SHA-256 signature over msg.
func verifyRSA(pub *rsa.PublicKey, msg string, sig []byte) error {
	digest := sha256.Sum256([]byte(msg))
	return rsa.VerifyPKCS1v15(pub, crypto.SHA256, digest[:], sig)
}

// checkTime parses ts (Unix seconds) and refuses it when it is MaxSkew or
// more from now.
func (v *Verifier) checkTime(ts string) (time.Time, error) {
	secs, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || len(ts) > 12 || !isDigits(ts) {
		return time.Time{}, paramErr("Wechatpay-Timestamp", ErrFormat)
	}
	t := time.Unix(secs, 0)
	if d := v.now().Sub(t); d >= MaxSkew || d <= -MaxSkew {
		return time.Time{}, paramErr("Wechatpay-Timestamp", ErrTimestamp)
	}
	return t, nil
}
