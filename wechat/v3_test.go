package wechat

import (
	"context"
	"crypto/rsa"
	"encoding/base64"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestV3AuthorizationRoundTrip(t *testing.T) {
	now := time.Unix(1700000000, 0)
	s := Signer{MchID: "1900000109", SerialNo: "5157F09EFDC096DE15EBE81A47057A72", Key: testKey,
		Now: func() time.Time { return now }, Nonce: func() string { return "593BEC0C930BF1AFEB40B4A08C8FB242" }}
	body := []byte(`{"appid":"wx"}`)
	h, err := s.Authorization("POST", "/v3/global/transactions/native", body)
	require.NoError(t, err)
	m := regexp.MustCompile(`^WECHATPAY2-SHA256-RSA2048 mchid="1900000109",nonce_str="593BEC0C930BF1AFEB40B4A08C8FB242",timestamp="1700000000",serial_no="5157F09EFDC096DE15EBE81A47057A72",signature="([A-Za-z0-9+/=]+)"$`).FindStringSubmatch(h)
	require.NotNil(t, m, h)

	// The signature verifies over METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n.
	msg := "POST\n/v3/global/transactions/native\n1700000000\n593BEC0C930BF1AFEB40B4A08C8FB242\n" + string(body) + "\n"
	sig, _ := base64.StdEncoding.DecodeString(m[1])
	require.NoError(t, verifyRSA(&testKey.PublicKey, msg, sig))

	_, err = (&Signer{}).Authorization("GET", "/", nil)
	assert.ErrorIs(t, err, ErrMissing)
}

// signResponse produces the headers WeChat Pay would send.
func signResponse(t *testing.T, ts, nonce string, body []byte) Headers {
	sig, err := signSHA256(testKey, ts+"\n"+nonce+"\n"+string(body)+"\n")
	require.NoError(t, err)
	return Headers{Timestamp: ts, Nonce: nonce, Signature: sig, Serial: "PUB_KEY_ID_01"}
}

func testVerifier(now time.Time, replay ReplayStore) *Verifier {
	return NewVerifier(KeySet{"PUB_KEY_ID_01": &testKey.PublicKey}, VerifierConfig{Replay: replay, Now: func() time.Time { return now }})
}

func TestV3VerifyResponse(t *testing.T) {
	ctx := context.Background()
	now := time.Unix(1700000000, 0)
	v := testVerifier(now, nil)
	body := []byte(`{"code_url":"weixin://wxpay/bizpayurl?pr=abc"}`)
	h := signResponse(t, "1700000000", "nonce-1", body)
	require.NoError(t, v.Verify(ctx, h, body))
	assertParam(t, v.Verify(ctx, h, body), "Wechatpay-Nonce", ErrReplay) // replay protection is on by default

	with := func(h Headers, f func(*Headers)) Headers { f(&h); return h }
	tests := []struct {
		name  string
		h     Headers
		body  []byte
		param string
		want  error
	}{
		{"tampered body", signResponse(t, "1700000000", "n2", body), []byte(`{}`), "Wechatpay-Signature", ErrSignature},
		{"5 minutes old", signResponse(t, "1699999700", "n3", body), body, "Wechatpay-Timestamp", ErrTimestamp},
		{"5 minutes ahead", signResponse(t, "1700000300", "n4", body), body, "Wechatpay-Timestamp", ErrTimestamp},
		{"no signature", Headers{Timestamp: "1700000000", Nonce: "n5", Serial: "PUB_KEY_ID_01"}, body, "headers", ErrMissing},
		{"no nonce", with(signResponse(t, "1700000000", "n5", body), func(h *Headers) { h.Nonce = "" }), body, "headers", ErrMissing},
		{"no serial", with(signResponse(t, "1700000000", "n5", body), func(h *Headers) { h.Serial = "" }), body, "headers", ErrMissing},
		{"no timestamp", with(signResponse(t, "1700000000", "n5", body), func(h *Headers) { h.Timestamp = "" }), body, "headers", ErrMissing},
		{"other serial", with(signResponse(t, "1700000000", "n6", body), func(h *Headers) { h.Serial = "X" }), body, "Wechatpay-Serial", ErrUnknownKey},
		{"bad serial", with(signResponse(t, "1700000000", "n6", body), func(h *Headers) { h.Serial = "a\"b" }), body, "Wechatpay-Serial", ErrFormat},
		{"bad base64", with(signResponse(t, "1700000000", "n7", body), func(h *Headers) { h.Signature = "!!" }), body, "Wechatpay-Signature", ErrSyntax},
		{"bad timestamp", signResponse(t, "soon", "n8", body), body, "Wechatpay-Timestamp", ErrFormat},
		{"signed timestamp", signResponse(t, "+1700000000", "n8", body), body, "Wechatpay-Timestamp", ErrFormat},
		{"SM2 signature type", with(signResponse(t, "1700000000", "n9", body), func(h *Headers) { h.SignatureType = "WECHATPAY2-SM2-WITH-SM3" }), body, "Wechatpay-Signature-Type", ErrSignatureType},
		{"unprintable nonce", signResponse(t, "1700000000", "n\x01", body), body, "Wechatpay-Nonce", ErrFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertParam(t, v.Verify(ctx, tt.h, tt.body), tt.param, tt.want)
		})
	}
	h2 := signResponse(t, "1699999701", "n9", body)
	assert.NoError(t, v.Verify(ctx, h2, body), "4m59s old is fine")
	h3 := signResponse(t, "1700000299", "n10", body)
	h3.SignatureType = AuthScheme
	assert.NoError(t, v.Verify(ctx, h3, body), "4m59s ahead, with the RSA2048 type named")
	assertParam(t, (&Verifier{}).Verify(ctx, h, body), "verifier", ErrMissing)
	var nilV *Verifier
	assertParam(t, nilV.Verify(ctx, h, body), "verifier", ErrMissing)
}

func TestVerifierKeyRotationAndStrength(t *testing.T) {
	ctx := context.Background()
	now := time.Unix(1700000000, 0)
	body := []byte(`{}`)
	loads := 0
	src := KeySourceFunc(func(_ context.Context, serial string) (*rsa.PublicKey, error) {
		loads++
		switch serial {
		case "NEW", "PUB_KEY_ID_01":
			return &testKey.PublicKey, nil
		case "WEAK":
			return &weakKey.PublicKey, nil
		}
		return nil, errors.New("download failed")
	})
	v := NewVerifier(src, VerifierConfig{Now: func() time.Time { return now }})
	h := signResponse(t, "1700000000", "r1", body)
	h.Serial = "NEW"
	require.NoError(t, v.Verify(ctx, h, body), "a serial the loader finds")
	h = signResponse(t, "1700000000", "r2", body)
	h.Serial = "GONE"
	err := v.Verify(ctx, h, body)
	assertParam(t, err, "Wechatpay-Serial", ErrUnknownKey)
	assert.Contains(t, err.Error(), "download failed", "the loader's cause is kept")
	h = signResponse(t, "1700000000", "r3", body)
	h.Serial = "WEAK"
	assertParam(t, v.Verify(ctx, h, body), "Wechatpay-Serial", ErrSignatureType)
	assert.Equal(t, 3, loads)
	_, err = KeySet{}.PublicKey(ctx, "x")
	assert.ErrorIs(t, err, ErrUnknownKey)
}

// failingStore is a replay store that cannot answer.
type failingStore struct{}

func (failingStore) Claim(context.Context, string, time.Time) (bool, error) {
	return false, errors.New("redis down")
}

func TestVerifierFailsClosed(t *testing.T) {
	now := time.Unix(1700000000, 0)
	body := []byte(`{}`)
	v := testVerifier(now, failingStore{})
	assertParam(t, v.Verify(context.Background(), signResponse(t, "1700000000", "f1", body), body), "Wechatpay-Nonce", ErrReplayStore)
}

func TestVerifierRemembersUntilTimestampRefuses(t *testing.T) {
	// A nonce is remembered for as long as its message would pass the
	// timestamp check: a message stamped ahead of now by 4m59s stays
	// verifiable for almost ten minutes, and its replay must fail the
	// whole time, prunes included.
	ctx := context.Background()
	body := []byte(`{}`)
	t0 := time.Unix(1700000000, 0)
	clock := t0
	v := NewVerifier(KeySet{"PUB_KEY_ID_01": &testKey.PublicKey}, VerifierConfig{Now: func() time.Time { return clock }})
	h := signResponse(t, "1700000299", "ahead", body)
	require.NoError(t, v.Verify(ctx, h, body))
	for _, d := range []time.Duration{time.Minute, 5 * time.Minute, 7 * time.Minute, 9*time.Minute + 58*time.Second} {
		clock = t0.Add(d)
		other := signResponse(t, strconv.FormatInt(clock.Unix(), 10), "other-"+d.String(), body)
		require.NoError(t, v.Verify(ctx, other, body), "a fresh message prunes the store at %v", d)
		assertParam(t, v.Verify(ctx, h, body), "Wechatpay-Nonce", ErrReplay)
	}
}

func TestMemoryReplay(t *testing.T) {
	var m MemoryReplay
	t0 := time.Unix(1700000000, 0)
	until := t0.Add(2 * MaxSkew)
	for i := range 100 {
		fresh, err := m.ClaimAt(fmt.Sprint(i), until, t0)
		require.NoError(t, err)
		assert.True(t, fresh)
	}
	// A nonce 5 to 10 minutes old is still remembered after a prune.
	for _, d := range []time.Duration{5 * time.Minute, 7 * time.Minute, 10*time.Minute - time.Second} {
		fresh, err := m.ClaimAt("new"+d.String(), t0.Add(d+2*MaxSkew), t0.Add(d))
		require.NoError(t, err)
		require.True(t, fresh)
		fresh, err = m.ClaimAt("7", until, t0.Add(d))
		require.NoError(t, err)
		assert.False(t, fresh, "a %v old nonce is remembered after a prune", d)
	}
	assert.Equal(t, 103, m.Len())
	fresh, _ := m.ClaimAt("fresh", t0.Add(30*time.Minute), t0.Add(10*time.Minute))
	assert.True(t, fresh)
	assert.Equal(t, 104, m.Len(), "pruned at most once a minute")
	fresh, _ = m.ClaimAt("fresh2", t0.Add(30*time.Minute), t0.Add(11*time.Minute))
	assert.True(t, fresh)
	assert.Equal(t, 5, m.Len(), "nonces past their until are pruned")
	fresh, _ = m.ClaimAt("7", t0.Add(20*time.Minute), t0.Add(11*time.Minute))
	assert.True(t, fresh, "a nonce past its until is fresh again (its message is refused by its timestamp)")
}

func TestMemoryReplayBounded(t *testing.T) {
	m := MemoryReplay{MaxNonces: 3}
	t0 := time.Unix(1700000000, 0)
	for _, n := range []string{"a", "b", "c"} {
		fresh, err := m.ClaimAt(n, t0.Add(time.Minute), t0)
		require.NoError(t, err)
		require.True(t, fresh)
	}
	_, err := m.ClaimAt("d", t0.Add(time.Minute), t0)
	assert.ErrorIs(t, err, ErrReplayStore, "full: refuse rather than forget early")
	fresh, err := m.ClaimAt("a", t0.Add(time.Minute), t0)
	assert.NoError(t, err)
	assert.False(t, fresh, "a replay is still a replay when full")
	fresh, err = m.ClaimAt("d", t0.Add(2*time.Minute), t0.Add(time.Minute))
	assert.NoError(t, err)
	assert.True(t, fresh, "expired nonces make room")
	assert.Equal(t, 1, m.Len())
	fresh, err = (&MemoryReplay{}).Claim(context.Background(), "x", time.Now().Add(time.Minute))
	assert.NoError(t, err)
	assert.True(t, fresh)
}

func TestDecryptOfficialVector(t *testing.T) {
	// The API v3 SDK's decryption test vector (wechatpay-go), a 16-byte key.
	r := Resource{Algorithm: "AEAD_AES_256_GCM", Ciphertext: "FsdXzxryWfKwvLJKf8LG/ToRPTRh8RN9wROC",
		AssociatedData: "Dl56FrqWQJF1t9LtC3vEUsniZKvbqdR8", Nonce: "wCq51qZv4Yfg"}
	plain, err := r.Decrypt(NewSecret("testAPIv3Key0000"))
	require.NoError(t, err)
	assert.Equal(t, "Hello World", string(plain))

	r2 := r
	r2.AssociatedData = "other"
	_, err = r2.Decrypt(NewSecret("testAPIv3Key0000"))
	assert.ErrorIs(t, err, ErrDecrypt)
	_, err = r.Decrypt(NewSecret("short"))
	assert.ErrorIs(t, err, ErrFormat)
	r3 := r
	r3.Algorithm = "AES_CBC"
	_, err = r3.Decrypt(NewSecret("testAPIv3Key0000"))
	assert.ErrorIs(t, err, ErrFormat)
}

func TestParseNotification(t *testing.T) {
	body := `{"id":"EV-2018022511223320873","create_time":"2015-05-20T13:29:35+08:00","resource_type":"encrypt-resource","event_type":"TRANSACTION.SUCCESS","summary":"支付成功","resource":{"original_type":"transaction","algorithm":"AEAD_AES_256_GCM","ciphertext":"FsdXzxryWfKwvLJKf8LG/ToRPTRh8RN9wROC","associated_data":"Dl56FrqWQJF1t9LtC3vEUsniZKvbqdR8","nonce":"wCq51qZv4Yfg"}}`
	n, err := ParseNotification([]byte(body))
	require.NoError(t, err)
	assert.Equal(t, "TRANSACTION.SUCCESS", n.EventType)
	plain, err := n.Resource.Decrypt(NewSecret("testAPIv3Key0000"))
	require.NoError(t, err)
	assert.Equal(t, "Hello World", string(plain))
	_, err = ParseNotification([]byte(`{"id":"x"}`))
	assert.ErrorIs(t, err, ErrMissing)
}

// TestNoSecretInErrors drives every error path that handles a key and
// checks that no error text contains it.
func TestNoSecretInErrors(t *testing.T) {
	const secret = "192006250b4c09247ec02edce69f6a2d"
	key := NewSecret(secret)
	var errs []error
	p := map[string]string{"appid": "wx", "sign": "BAD"}
	errs = append(errs, VerifyV2(p, key))
	_, e := SignV2(p, key, "SHA1")
	errs = append(errs, e)
	_, e = Resource{Ciphertext: "AAAA", Nonce: "123456789012"}.Decrypt(key)
	errs = append(errs, e)
	_, e = Resource{Ciphertext: "AAAA", Nonce: "123456789012"}.Decrypt(NewSecret(secret[:5]))
	errs = append(errs, e)
	_, e = VerifyV2Response([]byte("<xml><return_code>SUCCESS</return_code><sign>X</sign></xml>"), key)
	errs = append(errs, e)
	_, e = NewNativeURL("wx", "", "p", key, time.Now(), "")
	errs = append(errs, e)
	for _, err := range errs {
		require.Error(t, err)
		assert.NotContains(t, err.Error(), secret[:8])
		assert.NotContains(t, fmt.Sprintf("%+v", err), secret[:8])
	}
	assert.False(t, strings.Contains(fmt.Sprintf("%v", Signer{MchID: "1"}), secret))
}
