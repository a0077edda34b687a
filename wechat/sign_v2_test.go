package wechat

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The signing example of WeChat Pay's API v2 security specification
// (签名算法, pay.weixin.qq.com/wiki/doc/api/jsapi.php?chapter=4_3).
var (
	officialParams = map[string]string{
		"appid": "wxd930ea5d5a258f4f", "mch_id": "10000100", "device_info": "1000",
		"body": "test", "nonce_str": "ibuaiVcKdpRxkhJA",
	}
	officialKey = NewSecret("192006250b4c09247ec02edce69f6a2d")
)

func TestSignV2OfficialVectors(t *testing.T) {
	md5sig, err := SignV2(officialParams, officialKey, SignMD5)
	require.NoError(t, err)
	assert.Equal(t, "9A0A8659F005D6984697E2CA0A9CF3B7", md5sig)
	hmacsig, err := SignV2(officialParams, officialKey, SignHMACSHA256)
	require.NoError(t, err)
	assert.Equal(t, "6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6", hmacsig)
	def, _ := SignV2(officialParams, officialKey, "")
	assert.Equal(t, md5sig, def, "MD5 is the default")
}

func TestSignV2IgnoresEmptyAndSign(t *testing.T) {
	p := map[string]string{"sign": "X", "attach": ""}
	for k, v := range officialParams {
		p[k] = v
	}
	got, err := SignV2(p, officialKey, SignMD5)
	require.NoError(t, err)
	assert.Equal(t, "9A0A8659F005D6984697E2CA0A9CF3B7", got)
}

func TestVerifyV2(t *testing.T) {
	p := map[string]string{"sign": "9a0a8659f005d6984697e2ca0a9cf3b7"}
	for k, v := range officialParams {
		p[k] = v
	}
	require.NoError(t, VerifyV2(p, officialKey), "hex case does not matter")

	p["body"] = "tampered"
	assert.ErrorIs(t, VerifyV2(p, officialKey), ErrSignature)
	p["body"] = "test"

	p["sign_type"] = "HMAC-SHA256"
	assert.ErrorIs(t, VerifyV2(p, officialKey), ErrSignature, "sign_type is honoured and signed")
	p["sign_type"] = "SHA1"
	assert.ErrorIs(t, VerifyV2(p, officialKey), ErrFormat)
	delete(p, "sign_type")
	delete(p, "sign")
	assert.ErrorIs(t, VerifyV2(p, officialKey), ErrMissing)
	_, err := SignV2(officialParams, Secret{}, SignMD5)
	assert.ErrorIs(t, err, ErrMissing)
}

func TestSecretNeverPrints(t *testing.T) {
	k := NewSecret("192006250b4c09247ec02edce69f6a2d")
	for _, out := range []string{
		k.String(), fmt.Sprint(k), fmt.Sprintf("%v %+v %#v %s %q %x", k, k, k, k, k, k),
		fmt.Sprintf("%+v", struct{ Key Secret }{k}),
	} {
		assert.NotContains(t, out, "1920062")
	}
	b, _ := k.MarshalText()
	assert.Equal(t, "[redacted]", string(b))
	assert.Equal(t, "192006250b4c09247ec02edce69f6a2d", k.Reveal())
	assert.False(t, k.IsZero())
	assert.True(t, NewSecret("").IsZero())
	assert.Equal(t, "", Secret{}.Reveal())
}

// holder keeps a Secret in an unexported field, where fmt cannot call
// its methods.
type holder struct {
	name string
	key  Secret
	c    Client
}

func TestSecretInUnexportedFieldNeverPrints(t *testing.T) {
	h := holder{name: "acquirer", key: NewSecret("192006250b4c09247ec02edce69f6a2d"), c: Client{KeyV2: NewSecret("192006250b4c09247ec02edce69f6a2d")}}
	var logs strings.Builder
	text := slog.New(slog.NewTextHandler(&logs, nil))
	text.Info("config", "h", h, "p", &h)
	js := slog.New(slog.NewJSONHandler(&logs, nil))
	js.Info("config", "h", h, "c", h.c)
	j, _ := json.Marshal(struct{ Key Secret }{h.key})
	for _, out := range []string{
		fmt.Sprintf("%v", h), fmt.Sprintf("%+v", h), fmt.Sprintf("%#v", h), fmt.Sprintf("%v", &h), fmt.Sprint([]holder{h}),
		fmt.Sprintf("%x", h.key), logs.String(), string(j),
	} {
		assert.NotContains(t, out, "1920062", out)
		assert.NotContains(t, out, "31393230", "hex of the key")
	}
	assert.Contains(t, logs.String(), "acquirer", "the log did print the holder")
}
