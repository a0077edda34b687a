package wechat

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Tests that pin behaviour mutation testing found unpinned.

func TestParamErrorMessage(t *testing.T) {
	for _, tt := range []struct {
		err  *ParamError
		want string
	}{
		{&ParamError{"total_fee", ErrFormat}, "wechat: total_fee: invalid format"},
		{&ParamError{"rate", errors.New("fx: wechat rate is not an unsigned integer")}, "wechat: rate: fx: wechat rate is not an unsigned integer"},
		{&ParamError{"x", errors.New("wechat: ")}, "wechat: x: wechat: "},
		{&ParamError{"x", errors.New("wechat: a")}, "wechat: x: a"},
		{&ParamError{"x", errors.New("wechat:_a")}, "wechat: x: wechat:_a"},
		{&ParamError{"x", errors.New("short")}, "wechat: x: short"},
	} {
		assert.Equal(t, tt.want, tt.err.Error())
	}
	assert.Equal(t, strings.Repeat("n", 32), cutName(strings.Repeat("n", 32)))
	assert.Equal(t, strings.Repeat("n", 32), cutName(strings.Repeat("n", 33)))
	assert.Equal(t, "(unprintable name)", cutName("a\x01"))
	assert.Equal(t, "(unprintable name)", cutName("명"))
}

func TestTokenBounds(t *testing.T) {
	assert.True(t, isToken(strings.Repeat("a", 128)))
	assert.False(t, isToken(strings.Repeat("a", 129)))
	for _, c := range []string{"{", "~", "\x7f", "\xc3", "`", "@", "[", "/", ":", "=", "&", "?", " "} {
		assert.False(t, isToken("a"+c+"b"), "%q", c)
	}
	for _, c := range []string{"0", "9", "a", "z", "A", "Z", "-", "_"} {
		assert.True(t, isToken(c), "%q", c)
	}
	_, err := ParseCodeURL("weixin://wxpay/s/a{b")
	assertParam(t, err, "code_url", ErrFormat)
	_, err = ParseCodeURL("weixin://wxpay/s/" + strings.Repeat("a", 128))
	assert.NoError(t, err)
}

func TestNativeURLParameterEdges(t *testing.T) {
	base := "weixin://wxpay/bizpayurl?sign=C380BEC2BFD727A4B6845133519F3AD6&appid=wx2421b1c4370ec43b&mch_id=10000100&product_id=123456789&time_stamp=1415949957&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS"
	n, err := ParseNativeURL(base + "&productid=9")
	require.NoError(t, err, "product_id present: the current form, whatever else is there")
	assert.False(t, n.Legacy)
	_, err = ParseNativeURL(strings.Replace(base, "&product_id=123456789", "", 1))
	assertParam(t, err, "product_id", ErrMissing) // neither name: a current code lacking product_id
	_, err = ParseNativeURL(strings.Replace(base, "product_id=123456789", "product_id=", 1))
	assertParam(t, err, "product_id", ErrMissing)
	_, err = ParseNativeURL(strings.Replace(base, "sign=C380BEC2BFD727A4B6845133519F3AD6", "sign=", 1))
	assertParam(t, err, "sign", ErrMissing)
	_, err = ParseNativeURL(strings.Replace(base, "sign=C380BEC2BFD727A4B6845133519F3AD6", "sign=%zz", 1))
	assertParam(t, err, "sign", ErrMissing)
	_, err = ParseNativeURL(base + "&sign=C380BEC2BFD727A4B6845133519F3AD6")
	assertParam(t, err, "sign", ErrMissing)
	legacy := "weixin://wxpay/bizpayurl?appid=wxb489e8caeabcdefg&noncestr=BBvdr5atZ9D7s08X&productid=1234567890&sign=e15d5b2ca2e0b7ef0c0f8bd1c4d6e1e3a1b2c3d4&timestamp=1408025996"
	_, err = ParseNativeURL(strings.Replace(legacy, "productid=1234567890", "productid="+strings.Repeat("p", 33), 1))
	assertParam(t, err, "product_id", ErrFormat) // a legacy code's fields after mch_id are checked too
	_, err = ParseNativeURL(strings.Replace(legacy, "noncestr=BBvdr5atZ9D7s08X", "noncestr="+strings.Repeat("n", 33), 1))
	assertParam(t, err, "nonce_str", ErrFormat)
}
