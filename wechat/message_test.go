package wechat

import (
	"strings"
	"testing"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func micropay(t *testing.T) MicropayRequest {
	code, err := ParsePaymentCode("134567890123456789")
	require.NoError(t, err)
	return MicropayRequest{V2Order: V2Order{
		AppID: "wx2421b1c4370ec43b", MchID: "10000100", SubMchID: "1900000109", NonceStr: "5K8264ILTKCH16CQ2502SI8ZNMTM67VS",
		Body: "명동 칼국수", OutTradeNo: "ZP20261126000001", Total: fx.FromMinor(12000, fx.MustCurrency("KRW")),
		SpbillCreateIP: "203.0.113.7",
	}, AuthCode: code}
}

func TestMicropayXMLIsDeterministicAndSigned(t *testing.T) {
	key := NewSecret("192006250b4c09247ec02edce69f6a2d")
	p, err := micropay(t).Params()
	require.NoError(t, err)
	assert.Equal(t, "12000", p["total_fee"], "KRW has no minor units: 12000 won")
	assert.Equal(t, "KRW", p["fee_type"])
	body, err := SignedXML(p, key, SignMD5)
	require.NoError(t, err)
	again, _ := SignedXML(p, key, SignMD5)
	assert.Equal(t, body, again)
	assert.True(t, strings.HasPrefix(string(body), "<xml><appid>wx2421b1c4370ec43b</appid><auth_code>134567890123456789</auth_code><body>"))

	back, err := ParseV2XML(body)
	require.NoError(t, err)
	assert.Equal(t, "명동 칼국수", back["body"])
	require.NoError(t, VerifyV2(back, key), "what we send verifies")
}

func TestOrderRefusals(t *testing.T) {
	r := micropay(t)
	r.Total = fx.NewAmount(fx.FromMinor(1, fx.MustCurrency("USD")).Decimal().Div(fx.FromMinor(3, fx.MustCurrency("USD")).Decimal()), fx.MustCurrency("USD"))
	_, err := r.Params()
	assert.ErrorIs(t, err, ErrFormat, "no silent rounding of the amount")
	r = micropay(t)
	r.AuthCode = PaymentCode{}
	_, err = r.Params()
	assert.ErrorIs(t, err, ErrMissing)
	n := NativeOrderRequest{V2Order: micropay(t).V2Order}
	_, err = n.Params()
	assert.ErrorIs(t, err, ErrMissing)
	n.ProductID, n.NotifyURL = "P1", "https://merchant.example/notify"
	p, err := n.Params()
	require.NoError(t, err)
	assert.Equal(t, "NATIVE", p["trade_type"])
}

func TestV3Requests(t *testing.T) {
	amt, err := NewV3Amount(fx.FromMinor(1750, fx.MustCurrency("USD")))
	require.NoError(t, err)
	r := V3GlobalNativeRequest{AppID: "wx", MchID: "1900000109", Description: "Item", OutTradeNo: "T1", NotifyURL: "https://m.example/n", Amount: amt}
	body, err := r.Body()
	require.NoError(t, err)
	assert.Equal(t, `{"appid":"wx","mchid":"1900000109","description":"Item","out_trade_no":"T1","notify_url":"https://m.example/n","amount":{"total":1750,"currency":"USD"}}`, string(body))
	var m V3GlobalMicropayRequest
	m.Amount, m.Payer.AuthCode = amt, "134567890123456789"
	body, _ = m.Body()
	assert.Contains(t, string(body), `"payer":{"auth_code":"134567890123456789"}`)
	_, err = NewV3Amount(fx.Zero(fx.MustCurrency("USD")))
	assert.ErrorIs(t, err, ErrFormat)
}

func TestV2PaymentResponse(t *testing.T) {
	key := NewSecret("192006250b4c09247ec02edce69f6a2d")
	p := map[string]string{
		"return_code": "SUCCESS", "result_code": "SUCCESS", "appid": "wx2421b1c4370ec43b", "mch_id": "10000100",
		"transaction_id": "4200000001202611260000000001", "out_trade_no": "ZP20261126000001",
		"total_fee": "12000", "fee_type": "KRW", "cash_fee": "6240", "cash_fee_type": "CNY", "rate": "520000",
	}
	body, err := SignedXML(p, key, SignMD5)
	require.NoError(t, err)
	params, err := VerifyV2Response(body, key)
	require.NoError(t, err)
	pay, err := V2Payment(params)
	require.NoError(t, err)
	assert.Equal(t, "12000 KRW", pay.Total.String())
	assert.Equal(t, "62.40 CNY", pay.PayerTotal.String())
	assert.Equal(t, "0.0052", pay.Rate.Value.String())
	check, _ := fx.Convert(pay.Total, pay.Rate, fx.HalfEven)
	assert.Equal(t, pay.PayerTotal.String(), check.String(), "the rate explains the cash fee")

	tampered := strings.Replace(string(body), "<cash_fee>6240</cash_fee>", "<cash_fee>1</cash_fee>", 1)
	_, err = VerifyV2Response([]byte(tampered), key)
	assert.ErrorIs(t, err, ErrSignature)
	p["result_code"] = "FAIL"
	body, _ = SignedXML(p, key, SignMD5)
	_, err = VerifyV2Response(body, key)
	assert.ErrorIs(t, err, ErrResult)
	_, err = VerifyV2Response([]byte("<xml><return_code>FAIL</return_code></xml>"), key)
	assert.ErrorIs(t, err, ErrResult)
	for _, bad := range []string{"<xml><a><b>1</b></a></xml>", "<xml><a>1</a><a>2</a></xml>", "<root><a>1</a></root>", "not xml", ""} {
		_, err := ParseV2XML([]byte(bad))
		assert.Error(t, err, bad)
	}
}

func TestV3Transaction(t *testing.T) {
	tx, err := ParseV3Transaction([]byte(`{"transaction_id":"42","out_trade_no":"T1","trade_state":"SUCCESS",
		"amount":{"total":12000,"currency":"KRW","payer_total":6240,"payer_currency":"CNY"},
		"exchange_rate":{"type":"SETTLEMENT_RATE","rate":72500000}}`))
	require.NoError(t, err)
	pay, err := tx.Payment()
	require.NoError(t, err)
	assert.Equal(t, "12000 KRW", pay.Total.String())
	assert.Equal(t, "62.40 CNY", pay.PayerTotal.String())
	assert.True(t, pay.Rate.Value.IsZero(), "v3 gives no payer rate")
	r, err := tx.Rate(fx.MustCurrency("USD"))
	require.NoError(t, err)
	assert.Equal(t, "0.725", r.Value.String())
	_, err = ParseV3Transaction([]byte("{"))
	assert.ErrorIs(t, err, ErrSyntax)
	tx.Amount.Currency = "XYZ"
	_, err = tx.Payment()
	assert.ErrorIs(t, err, fx.ErrUnknownCurrency)
}
