package wechat

import (
	"strings"
	"testing"
	"time"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	testKeyV2   = NewSecret("192006250b4c09247ec02edce69f6a2d")
	institution = Merchant{MchID: "1900000100", AppID: "wx2421b1c4370ec43b", SubMchID: "1900000109"}
	direct      = Merchant{Mode: Common, MchID: "10000100", AppID: "wx2421b1c4370ec43b"}
	krw         = fx.MustCurrency("KRW")
)

func testOrder() Order {
	return Order{Description: "명동 칼국수", OutTradeNo: "ZP20261126000001", Total: fx.FromMinor(12000, krw), MerchantCategoryCode: "5812"}
}

func quickPayV2(t *testing.T) V2QuickPayRequest {
	code, err := ParsePaymentCode("134567890123456789")
	require.NoError(t, err)
	return V2QuickPayRequest{Order: testOrder(), SpbillCreateIP: "203.0.113.7", NonceStr: "5K8264ILTKCH16CQ2502SI8ZNMTM67VS", AuthCode: code}
}

func TestV2QuickPayParams(t *testing.T) {
	p, err := quickPayV2(t).Params(institution)
	require.NoError(t, err)
	assert.Equal(t, V2Params{
		"appid": "wx2421b1c4370ec43b", "mch_id": "1900000100", "sub_mch_id": "1900000109", "nonce_str": "5K8264ILTKCH16CQ2502SI8ZNMTM67VS",
		"body": "명동 칼국수", "out_trade_no": "ZP20261126000001", "total_fee": "12000", "fee_type": "KRW",
		"spbill_create_ip": "203.0.113.7", "auth_code": "134567890123456789", "version": "1.0",
		"detail": `{"merchant_category_code":"5812"}`,
	}, p, "KRW has no minor units: 12000 won; the caller's nonce is kept")

	body, err := p.SignedXML(testKeyV2, SignMD5)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(body), "<xml><appid>wx2421b1c4370ec43b</appid><auth_code>134567890123456789</auth_code><body>"))
	back, err := ParseV2XML(body)
	require.NoError(t, err)
	assert.Equal(t, "명동 칼국수", back["body"])
	require.NoError(t, VerifyV2(back, testKeyV2), "what we send verifies")

	// Determinism: the same request with the same nonce is the same bytes;
	// without a nonce each request gets its own.
	again, err := quickPayV2(t).Params(institution)
	require.NoError(t, err)
	body2, _ := again.SignedXML(testKeyV2, SignMD5)
	assert.Equal(t, body, body2)
	r := quickPayV2(t)
	r.NonceStr = ""
	a, _ := r.Params(institution)
	b, _ := r.Params(institution)
	assert.NotEqual(t, a["nonce_str"], b["nonce_str"])
	assert.Len(t, a["nonce_str"], 26)
	r.NonceStr = "bad nonce"
	_, err = r.Params(institution)
	assertParam(t, err, "nonce_str", ErrFormat)
}

// assertParam checks err is a *ParamError for param wrapping want.
func assertParam(t *testing.T, err error, param string, want error) {
	t.Helper()
	require.ErrorIs(t, err, want)
	var pe *ParamError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, param, pe.Param)
}

func TestV2Modes(t *testing.T) {
	r := quickPayV2(t)
	tests := []struct {
		name  string
		m     Merchant
		param string
		want  error
	}{
		{"institutional without sub_mch_id", Merchant{MchID: "1900000100", AppID: "wx1"}, "sub_mch_id", ErrMissing},
		{"institutional without mch_id", Merchant{AppID: "wx1", SubMchID: "1"}, "mch_id", ErrMissing},
		{"institutional without appid", Merchant{MchID: "1", SubMchID: "1"}, "appid", ErrMissing},
		{"common with sub_mch_id", Merchant{Mode: Common, MchID: "1", AppID: "wx1", SubMchID: "2"}, "sub_mch_id", ErrMode},
		{"common with sub_appid", Merchant{Mode: Common, MchID: "1", AppID: "wx1", SubAppID: "wx2"}, "sub_appid", ErrMode},
		{"injected mch_id", Merchant{MchID: "1<x>", AppID: "wx1", SubMchID: "1"}, "mch_id", ErrFormat},
		{"long sub_appid", Merchant{MchID: "1", AppID: "wx1", SubMchID: "1", SubAppID: strings.Repeat("a", 33)}, "sub_appid", ErrFormat},
		{"unknown mode", Merchant{Mode: 7, MchID: "1", AppID: "wx1"}, "mode", ErrFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := r.Params(tt.m)
			assertParam(t, err, tt.param, tt.want)
		})
	}
	p, err := r.Params(direct)
	require.NoError(t, err)
	assert.NotContains(t, p, "sub_mch_id")
	m := institution
	m.SubAppID = "wxd678efh567hg6999"
	p, err = r.Params(m)
	require.NoError(t, err)
	assert.Equal(t, "wxd678efh567hg6999", p["sub_appid"])
}

func TestV2OrderRefusals(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*V2QuickPayRequest)
		param string
		want  error
	}{
		{"a third of a cent", func(r *V2QuickPayRequest) {
			usd := fx.MustCurrency("USD")
			r.Total = fx.NewAmount(fx.FromMinor(1, usd).Decimal().Div(fx.FromMinor(3, usd).Decimal()), usd)
		}, "total_fee", ErrFormat},
		{"zero", func(r *V2QuickPayRequest) { r.Total = fx.Zero(krw) }, "total_fee", ErrFormat},
		{"no amount", func(r *V2QuickPayRequest) { r.Total = fx.Amount{} }, "total_fee", ErrMissing},
		{"no auth code", func(r *V2QuickPayRequest) { r.AuthCode = PaymentCode{} }, "auth_code", ErrMissing},
		{"no body", func(r *V2QuickPayRequest) { r.Description = "" }, "description", ErrMissing},
		{"no MCC", func(r *V2QuickPayRequest) { r.MerchantCategoryCode = "" }, "merchant_category_code", ErrMissing},
		{"MCC not 4 digits", func(r *V2QuickPayRequest) { r.MerchantCategoryCode = "581" }, "merchant_category_code", ErrFormat},
		{"MCC letters", func(r *V2QuickPayRequest) { r.MerchantCategoryCode = "58a2" }, "merchant_category_code", ErrFormat},
		{"no IP", func(r *V2QuickPayRequest) { r.SpbillCreateIP = "" }, "spbill_create_ip", ErrMissing},
		{"out_trade_no with a space", func(r *V2QuickPayRequest) { r.OutTradeNo = "A B" }, "out_trade_no", ErrFormat},
		{"out_trade_no 33 long", func(r *V2QuickPayRequest) { r.OutTradeNo = strings.Repeat("1", 33) }, "out_trade_no", ErrFormat},
		{"no out_trade_no", func(r *V2QuickPayRequest) { r.OutTradeNo = "" }, "out_trade_no", ErrMissing},
		{"NUL in body", func(r *V2QuickPayRequest) { r.Description = "a\x00b" }, "description", ErrFormat},
		{"invalid UTF-8 in attach", func(r *V2QuickPayRequest) { r.Attach = "a\xffb" }, "attach", ErrFormat},
		{"U+FFFE in attach", func(r *V2QuickPayRequest) { r.Attach = "a\uFFFEb" }, "attach", ErrFormat},
		{"body of 128 characters", func(r *V2QuickPayRequest) { r.Description = strings.Repeat("가", 128) }, "description", ErrFormat},
		{"HK code refused by policy", func(r *V2QuickPayRequest) {
			r.AuthCode, _ = ParsePaymentCode("150000000000000000")
			r.Policy.RefuseHongKong = true
		}, "auth_code", ErrNotAccepted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := quickPayV2(t)
			tt.edit(&r)
			_, err := r.Params(institution)
			assertParam(t, err, tt.param, tt.want)
		})
	}
	r := quickPayV2(t)
	r.Description = strings.Repeat("가", 127)
	_, err := r.Params(institution)
	assert.NoError(t, err, "127 characters is the limit, not 127 bytes")
	r.AuthCode, _ = ParsePaymentCode("150000000000000000")
	_, err = r.Params(institution)
	assert.NoError(t, err, "HK wallet codes are accepted by default (current guide)")
}

func TestV2NativeRequiresEach(t *testing.T) {
	q := quickPayV2(t)
	n := V2NativeRequest{Order: q.Order, SpbillCreateIP: q.SpbillCreateIP, NonceStr: q.NonceStr, ProductID: "P1", NotifyURL: "https://merchant.example/notify"}
	p, err := n.Params(institution)
	require.NoError(t, err)
	assert.Equal(t, "NATIVE", p["trade_type"])
	assert.Equal(t, "P1", p["product_id"])
	assert.Equal(t, "https://merchant.example/notify", p["notify_url"])

	noURL := n
	noURL.NotifyURL = ""
	_, err = noURL.Params(institution)
	assertParam(t, err, "notify_url", ErrMissing) // a missing notify_url alone is refused
	noProduct := n
	noProduct.ProductID = ""
	_, err = noProduct.Params(institution)
	assertParam(t, err, "product_id", ErrMissing)
	for _, u := range []string{"http://merchant.example/n", "https://", "https://m.example/n?x=1", "https://m.example/\"x"} {
		bad := n
		bad.NotifyURL = u
		_, err = bad.Params(institution)
		assertParam(t, err, "notify_url", ErrFormat)
	}
	n.TimeExpire = time.Date(2026, 12, 1, 1, 0, 0, 0, time.UTC)
	p, _ = n.Params(institution)
	assert.Equal(t, "20261201090000", p["time_expire"], "GMT+8")
}

func TestSignedXMLSignTypeStatedOnce(t *testing.T) {
	p, err := quickPayV2(t).Params(institution)
	require.NoError(t, err)
	body, err := p.SignedXML(testKeyV2, SignHMACSHA256)
	require.NoError(t, err)
	assert.Contains(t, string(body), "<sign_type>HMAC-SHA256</sign_type>", "sign_type is not dropped when HMAC is asked for")
	assert.NotContains(t, p, "sign_type", "the caller's parameters are not modified")
	back, err := ParseV2XML(body)
	require.NoError(t, err)
	require.NoError(t, VerifyV2(back, testKeyV2), "VerifyV2 checks with the algorithm that signed")
	assert.Len(t, back["sign"], 64)

	md5Body, err := p.SignedXML(testKeyV2, SignMD5)
	require.NoError(t, err)
	assert.NotContains(t, string(md5Body), "sign_type")
	back, _ = ParseV2XML(md5Body)
	assert.Len(t, back["sign"], 32)
	require.NoError(t, VerifyV2(back, testKeyV2))

	p["sign_type"] = "HMAC-SHA256"
	_, err = p.SignedXML(testKeyV2, SignMD5)
	assertParam(t, err, "sign_type", ErrFormat) // marked HMAC, cannot be signed MD5
	_, err = p.SignedXML(testKeyV2, "")
	assertParam(t, err, "sign_type", ErrFormat)
	same, err := p.SignedXML(testKeyV2, SignHMACSHA256)
	require.NoError(t, err)
	assert.Equal(t, body, same)
	p["sign_type"] = "MD5"
	_, err = p.SignedXML(testKeyV2, SignHMACSHA256)
	assertParam(t, err, "sign_type", ErrFormat)
	_, err = p.SignedXML(testKeyV2, "")
	assert.NoError(t, err)
	_, err = p.SignedXML(testKeyV2, "SHA1")
	assertParam(t, err, "sign_type", ErrFormat)
}

func TestSignedXMLRefusesWhatXMLWouldChange(t *testing.T) {
	for _, v := range []string{"a\x00b", "a\x01", "a\x1fb", "\xff", "a\uFFFE", "a\uFFFF", "\xed\xa0\x80"} {
		_, err := SignedXML(map[string]string{"attach": v, "appid": "wx"}, testKeyV2, SignMD5)
		assertParam(t, err, "attach", ErrFormat)
	}
	for _, v := range []string{"tab\there", "line\nbreak", "cr\r", "<&>\"'", "명동", "\U0001F600"} {
		body, err := SignedXML(map[string]string{"attach": v}, testKeyV2, SignMD5)
		require.NoError(t, err, "%q", v)
		back, err := ParseV2XML(body)
		require.NoError(t, err)
		assert.Equal(t, v, back["attach"])
		require.NoError(t, VerifyV2(back, testKeyV2), "%q signs what is sent", v)
	}
	for _, name := range []string{"a><script", "Appid", "1a", "", "a-b", "a b", strings.Repeat("a", 33)} {
		_, err := SignedXML(map[string]string{name: "1"}, testKeyV2, SignMD5)
		require.ErrorIs(t, err, ErrFormat, name)
	}
	var pe *ParamError
	_, err := SignedXML(map[string]string{strings.Repeat("x", 100) + "<": "1"}, testKeyV2, SignMD5)
	require.ErrorAs(t, err, &pe)
	assert.LessOrEqual(t, len(pe.Param), 32, "names are cut")
	_, err = SignedXML(map[string]string{"a": "1"}, Secret{}, SignMD5)
	assertParam(t, err, "key", ErrMissing)
}

func TestV2Lifecycle(t *testing.T) {
	ref, err := V2OrderRef{OutTradeNo: "ZP1", NonceStr: "N1"}.Params(institution)
	require.NoError(t, err)
	assert.Equal(t, V2Params{"appid": "wx2421b1c4370ec43b", "mch_id": "1900000100", "sub_mch_id": "1900000109", "nonce_str": "N1", "out_trade_no": "ZP1"}, ref)
	ref, err = V2OrderRef{TransactionID: "4200000001", NonceStr: "N1"}.Params(direct)
	require.NoError(t, err)
	assert.Equal(t, "4200000001", ref["transaction_id"])
	_, err = V2OrderRef{}.Params(institution)
	assertParam(t, err, "out_trade_no", ErrMissing)
	_, err = V2OrderRef{TransactionID: "4 2"}.Params(institution)
	assertParam(t, err, "transaction_id", ErrFormat)

	rf := V2RefundRequest{OutTradeNo: "ZP1", OutRefundNo: "RF1", Refund: fx.FromMinor(5000, krw), Total: fx.FromMinor(12000, krw), NonceStr: "N1"}
	p, err := rf.Params(institution)
	require.NoError(t, err)
	assert.Equal(t, "RF1", p["out_refund_no"])
	assert.Equal(t, "5000", p["refund_fee"])
	assert.Equal(t, "12000", p["total_fee"])
	assert.Equal(t, "KRW", p["refund_fee_type"])
	again, _ := rf.Params(institution)
	assert.Equal(t, p, again, "a retry is the same request, out_refund_no included")
	tooMuch := rf
	tooMuch.Refund = fx.FromMinor(12001, krw)
	_, err = tooMuch.Params(institution)
	assertParam(t, err, "amount.refund", ErrFormat)
	other := rf
	other.Refund = fx.FromMinor(5, fx.MustCurrency("USD"))
	_, err = other.Params(institution)
	assertParam(t, err, "amount.currency", ErrFormat)
	noNo := rf
	noNo.OutRefundNo = ""
	_, err = noNo.Params(institution)
	assertParam(t, err, "out_refund_no", ErrMissing)

	q, err := V2RefundQuery{OutRefundNo: "RF1", NonceStr: "N1"}.Params(institution)
	require.NoError(t, err)
	assert.Equal(t, "RF1", q["out_refund_no"])

	rate, err := V2RateQuery{Currency: "KRW", Date: time.Date(2026, 11, 30, 20, 0, 0, 0, time.UTC)}.Params(institution)
	require.NoError(t, err)
	assert.Equal(t, "20261201", rate["date"], "the date is GMT+8")
	assert.Equal(t, "KRW", rate["fee_type"])
	_, err = V2RateQuery{Currency: "KRW"}.Params(institution)
	assertParam(t, err, "date", ErrMissing)
	_, err = V2RateQuery{Currency: "KRWX", Date: time.Now()}.Params(institution)
	assertParam(t, err, "fee_type", ErrFormat)
}
