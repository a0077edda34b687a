package wechat

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestClassifyAndParse(t *testing.T) {
	tests := []struct {
		in   string
		kind Kind
	}{
		{"weixin://wxpay/bizpayurl?pr=9xFPmlUzz", KindCodeURL},
		{"weixin://wxpay/bizpayurl?pr=NwY5Mz9&groupid=00", KindCodeURL},
		{"weixin://wxpay/bizpayurl?sign=C380BEC2BFD727A4B6845133519F3AD6&appid=wx2421b1c4370ec43b&mch_id=10000100&product_id=123456789&time_stamp=1415949957&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS", KindNativeURL},
		{"wxp://f2f0Xyz-Abc_123", KindPersonal},
		{"https://payapp.weixin.qq.com/qr/abc?t=1", KindPersonal},
		{"134567890123456789", KindPaymentCode},
		{"154567890123456789", KindPaymentCode},
		{"164567890123456789", KindUnknown},
		{"280000000000000000", KindUnknown},
		{"00020101021229300012D156", KindUnknown},
		{"1-ZP-202012AB0123-T000000000000001--ABCD", KindUnknown},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.kind, Classify(tt.in), tt.in)
	}
	c, err := Parse("weixin://wxpay/bizpayurl?pr=NwY5Mz9&groupid=00")
	require.NoError(t, err)
	assert.Equal(t, "NwY5Mz9", c.CodeURL.Token)
	c, err = Parse("wxp://f2f0Xyz")
	require.NoError(t, err)
	assert.Equal(t, "wxp://f2f0Xyz", c.Personal)
	_, err = Parse("https://example.com/pay")
	assert.ErrorIs(t, err, ErrKind)
}

func TestPaymentCode(t *testing.T) {
	for _, tt := range []struct {
		in              string
		cross, hongKong bool
	}{
		{"104567890123456789", true, false},
		{"144567890123456789", true, false},
		{"154567890123456789", false, true},
	} {
		p, err := ParsePaymentCode(tt.in)
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.cross, p.CrossBorder(), tt.in)
		assert.Equal(t, tt.hongKong, p.HongKong(), tt.in)
		assert.Equal(t, tt.in, p.String())
	}
	for in, want := range map[string]error{
		"16456789012345678":   ErrFormat,
		"1345678901234567890": ErrFormat,
		"13456789012345678a":  ErrFormat,
		"164567890123456789":  ErrKind,
		"094567890123456789":  ErrKind,
		"":                    ErrFormat,
	} {
		_, err := ParsePaymentCode(in)
		assert.ErrorIs(t, err, want, in)
	}
}

func TestCodeURL(t *testing.T) {
	issued := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	c, err := NewCodeURL("weixin://wxpay/bizpayurl?pr=uD61Ba3", issued)
	require.NoError(t, err)
	assert.Equal(t, issued.Add(2*time.Hour), c.ExpiresAt())
	assert.False(t, c.Expired(issued.Add(119*time.Minute)))
	assert.True(t, c.Expired(issued.Add(2*time.Hour)))
	scanned, _ := ParseCodeURL("weixin://wxpay/bizpayurl?pr=uD61Ba3")
	assert.False(t, scanned.Expired(issued.Add(1000*time.Hour)), "unknown issue time is never reported expired")

	for in, want := range map[string]error{
		"weixin://wxpay/bizpayurl?pr=":                            ErrMissing,
		"weixin://wxpay/bizpayurl?pr=a b":                         ErrFormat,
		"weixin://wxpay/bizpayurl?pr=a&pr=b":                      ErrFormat,
		"weixin://wxpay/bizpayurl?pr=%zz":                         ErrSyntax,
		"weixin://wxpay/other?pr=abc":                             ErrKind,
		"weixin://wxpay/bizpayurl?pr=" + strings.Repeat("a", 129): ErrFormat,
	} {
		_, err := ParseCodeURL(in)
		assert.ErrorIs(t, err, want, in)
		var pe *ParamError
		assert.ErrorAs(t, err, &pe, in)
	}
}

func TestNativeURLGenerateAndVerify(t *testing.T) {
	key := NewSecret("192006250b4c09247ec02edce69f6a2d")
	now := time.Unix(1415949957, 0)
	s, err := NewNativeURL("wx2421b1c4370ec43b", "10000100", "123456789", key, now, "5K8264ILTKCH16CQ2502SI8ZNMTM67VS")
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(s, "weixin://wxpay/bizpayurl?sign="))
	n, err := ParseNativeURL(s)
	require.NoError(t, err)
	assert.Equal(t, "123456789", n.ProductID)
	assert.Equal(t, now, n.Time())
	require.NoError(t, n.Verify(key))
	assert.ErrorIs(t, n.Verify(NewSecret("wrong")), ErrSignature)

	tampered, err := ParseNativeURL(strings.Replace(s, "product_id=123456789", "product_id=999", 1))
	require.NoError(t, err)
	assert.ErrorIs(t, tampered.Verify(key), ErrSignature)

	_, err = NewNativeURL("wx2421b1c4370ec43b", "", "1", key, now, "")
	assert.ErrorIs(t, err, ErrFormat)
	_, err = NewNativeURL("wx2421b1c4370ec43b", "10000100", strings.Repeat("p", 33), key, now, "")
	assert.ErrorIs(t, err, ErrFormat)
}

func TestNativeURLRefusals(t *testing.T) {
	base := "weixin://wxpay/bizpayurl?sign=C380BEC2BFD727A4B6845133519F3AD6&appid=wx2421b1c4370ec43b&mch_id=10000100&product_id=123456789&time_stamp=1415949957&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS"
	_, err := ParseNativeURL(base)
	require.NoError(t, err)
	const sign = "C380BEC2BFD727A4B6845133519F3AD6"
	for _, tt := range []struct {
		name, in string
		param    string
		want     error
	}{
		{"no mch_id", strings.Replace(base, "&mch_id=10000100", "", 1), "mch_id", ErrMissing},
		{"short sign", strings.Replace(base, sign, "C380", 1), "sign", ErrFormat},
		{"sign of 32 non-hex", strings.Replace(base, sign, "G380BEC2BFD727A4B6845133519F3AD6", 1), "sign", ErrFormat},
		{"sign with a ':'", strings.Replace(base, sign, "C380BEC2BFD727A4B6845133519F3AD:", 1), "sign", ErrFormat},
		{"sign with a '/'", strings.Replace(base, sign, "/380BEC2BFD727A4B6845133519F3AD6", 1), "sign", ErrFormat},
		{"sign with a '@'", strings.Replace(base, sign, "@380BEC2BFD727A4B6845133519F3AD6", 1), "sign", ErrFormat},
		{"sign with a 'g'", strings.Replace(base, sign, "g380BEC2BFD727A4B6845133519F3AD6", 1), "sign", ErrFormat},
		{"sign with a '`'", strings.Replace(base, sign, "%60380BEC2BFD727A4B6845133519F3AD", 1), "sign", ErrFormat},
		{"bad time_stamp", strings.Replace(base, "1415949957", "14159499", 1), "time_stamp", ErrFormat},
		{"zero time_stamp", strings.Replace(base, "1415949957", "0000000000", 1), "time_stamp", ErrFormat},
		{"signed stamp", strings.Replace(base, "1415949957", "+415949957", 1), "time_stamp", ErrFormat},
		{"long nonce", strings.Replace(base, "5K8264ILTKCH16CQ2502SI8ZNMTM67VS", strings.Repeat("N", 33), 1), "nonce_str", ErrFormat},
		{"space in product_id", strings.Replace(base, "123456789", "1234%205", 1), "product_id", ErrFormat},
		{"control in appid", strings.Replace(base, "wx2421b1c4370ec43b", "wx%1F", 1), "appid", ErrFormat},
		{"DEL in nonce", strings.Replace(base, "5K8264ILTKCH16CQ2502SI8ZNMTM67VS", "5K%7F", 1), "nonce_str", ErrFormat},
		{"non-ASCII in mch_id", strings.Replace(base, "10000100", "%C3%A9", 1), "mch_id", ErrFormat},
		{"no sign", strings.Replace(base, "sign="+sign+"&", "", 1), "sign", ErrMissing},
		{"duplicate appid", base + "&appid=wx2", "appid", ErrFormat},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseNativeURL(tt.in)
			assertParam(t, err, tt.param, tt.want)
		})
	}
	for _, ok := range []string{"c380bec2bfd727a4b6845133519f3ad6", "0123456789ABCDEFabcdef0123456789"} {
		_, err := ParseNativeURL(strings.Replace(base, sign, ok, 1))
		assert.NoError(t, err, "hex of either case: %s", ok)
	}
	_, err = ParseNativeURL(strings.Replace(base, "123456789", "!~", 1))
	assert.NoError(t, err, "'!' and '~' are printable")
}

func TestCodeURLForms(t *testing.T) {
	for _, tt := range []struct{ in, token string }{
		{"weixin://wxpay/s/An4baqw", "An4baqw"},
		{"weixin://wxpay/bizpayurl/up?pr=NwY5Mz9&groupid=00", "NwY5Mz9"},
		{"weixin://wxpay/bizpayurl?pr=9xFPmlUzz", "9xFPmlUzz"},
	} {
		assert.Equal(t, KindCodeURL, Classify(tt.in), tt.in)
		c, err := NewCodeURL(tt.in, time.Unix(1700000000, 0))
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.token, c.Token)
		assert.Equal(t, tt.in, c.URL)
		got, err := Parse(tt.in)
		require.NoError(t, err)
		assert.Equal(t, tt.token, got.CodeURL.Token)
	}
	for _, tt := range []struct {
		in    string
		param string
		want  error
	}{
		{"weixin://wxpay/s/", "code_url", ErrFormat},
		{"weixin://wxpay/s/a b", "code_url", ErrFormat},
		{"weixin://wxpay/s/a?x=1", "code_url", ErrFormat},
		{"weixin://wxpay/bizpayurl/up?x=1", "pr", ErrMissing},
		{"weixin://wxpay/bizpayurl/up?pr=a%20b", "pr", ErrFormat},
	} {
		_, err := ParseCodeURL(tt.in)
		assertParam(t, err, tt.param, tt.want)
	}
}

func TestCodePolicy(t *testing.T) {
	hk, _ := ParsePaymentCode("154567890123456789")
	mainland, _ := ParsePaymentCode("134567890123456789")
	assert.NoError(t, CodePolicy{}.Check(hk), "the current guide accepts WeChat Pay HK codes")
	assert.NoError(t, CodePolicy{}.Check(mainland))
	assertParam(t, CodePolicy{RefuseHongKong: true}.Check(hk), "auth_code", ErrNotAccepted)
	assert.NoError(t, CodePolicy{RefuseHongKong: true}.Check(mainland))
	assertParam(t, CodePolicy{}.Check(PaymentCode{}), "auth_code", ErrMissing)
	assert.False(t, PaymentCode{}.CrossBorder())
	assert.False(t, PaymentCode{}.HongKong())
}

func TestNativeURLLegacy(t *testing.T) {
	n, err := ParseNativeURL("weixin://wxpay/bizpayurl?appid=wxb489e8caeabcdefg&noncestr=BBvdr5atZ9D7s08X&productid=1234567890&sign=e15d5b2ca2e0b7ef0c0f8bd1c4d6e1e3a1b2c3d4&timestamp=1408025996")
	require.NoError(t, err)
	assert.True(t, n.Legacy)
	assert.Equal(t, "1234567890", n.ProductID)
	assert.ErrorIs(t, n.Verify(NewSecret("k")), ErrFormat, "sha1 legacy signatures are not verified")
}
