package wechat

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var testKey = func() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return k
}()

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

func TestV3VerifyResponse(t *testing.T) {
	now := time.Unix(1700000000, 0)
	v := Verifier{PublicKey: &testKey.PublicKey, Serial: "PUB_KEY_ID_01", Replay: &MemoryReplay{}, Now: func() time.Time { return now }}
	body := []byte(`{"code_url":"weixin://wxpay/bizpayurl?pr=abc"}`)
	h := signResponse(t, "1700000000", "nonce-1", body)
	require.NoError(t, v.Verify(h, body))
	assert.ErrorIs(t, v.Verify(h, body), ErrReplay, "the same nonce twice")

	tests := []struct {
		name string
		h    Headers
		body []byte
		want error
	}{
		{"tampered body", signResponse(t, "1700000000", "n2", body), []byte(`{}`), ErrSignature},
		{"5 minutes old", signResponse(t, "1699999700", "n3", body), body, ErrTimestamp},
		{"5 minutes ahead", signResponse(t, "1700000300", "n4", body), body, ErrTimestamp},
		{"no signature", Headers{Timestamp: "1700000000", Nonce: "n5", Serial: "PUB_KEY_ID_01"}, body, ErrMissing},
		{"other serial", func() Headers { h := signResponse(t, "1700000000", "n6", body); h.Serial = "X"; return h }(), body, ErrSignature},
		{"bad base64", func() Headers { h := signResponse(t, "1700000000", "n7", body); h.Signature = "!!"; return h }(), body, ErrSyntax},
		{"bad timestamp", signResponse(t, "soon", "n8", body), body, ErrFormat},
	}
	for _, tt := range tests {
		assert.ErrorIs(t, v.Verify(tt.h, tt.body), tt.want, tt.name)
	}
	h2 := signResponse(t, "1699999701", "n9", body)
	assert.NoError(t, v.Verify(h2, body), "4m59s old is fine")
}

func TestMemoryReplayForgets(t *testing.T) {
	var m MemoryReplay
	t0 := time.Unix(1700000000, 0)
	for i := range 100 {
		assert.False(t, m.Seen(fmt.Sprint(i), t0))
	}
	assert.True(t, m.Seen("7", t0.Add(time.Minute)))
	assert.False(t, m.Seen("new", t0.Add(11*time.Minute)))
	assert.Equal(t, 1, m.Len(), "old nonces are pruned")
}

func TestDecryptOfficialVector(t *testing.T) {
	// The API v3 SDK's test vector (research notes §2.4), a 16-byte key.
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
