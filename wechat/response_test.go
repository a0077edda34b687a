package wechat

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseV2XML(t *testing.T) {
	p, err := ParseV2XML([]byte("<xml><return_code><![CDATA[SUCCESS]]></return_code><total_fee>100</total_fee></xml>\n  "))
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"return_code": "SUCCESS", "total_fee": "100"}, p)
	p, err = ParseV2XML([]byte(`<?xml version="1.0"?><xml><a>&lt;b&gt;</a><empty></empty></xml>`))
	require.NoError(t, err)
	assert.Equal(t, "<b>", p["a"])
	assert.Equal(t, "", p["empty"])

	tests := []struct {
		name, in string
		param    string
		want     error
	}{
		{"nested", "<xml><a><b>1</b></a></xml>", "xml", ErrSyntax},
		{"other root", "<root><a>1</a></root>", "xml", ErrSyntax},
		{"two roots", "<xml><a>1</a></xml><xml><b>2</b></xml>", "xml", ErrSyntax},
		{"text after the root", "<xml><a>1</a></xml>trailing", "xml", ErrSyntax},
		{"text before the root", "junk<xml><a>1</a></xml>", "xml", ErrSyntax},
		{"unclosed", "<xml><a>1</a>", "xml", ErrSyntax},
		{"not xml", "not xml", "xml", ErrSyntax},
		{"empty", "", "xml", ErrSyntax},
		{"empty root", "<xml></xml>", "xml", ErrSyntax},
		{"namespace", `<xml><x:a xmlns:x="u">1</x:a></xml>`, "xml", ErrSyntax},
		{"doctype", `<!DOCTYPE xml [<!ENTITY e "x">]><xml><a>1</a></xml>`, "xml", ErrSyntax},
		{"repeated", "<xml><a>1</a><a>2</a></xml>", "a", ErrFormat},
		{"repeated long name", "<xml><" + strings.Repeat("n", 200) + ">1</" + strings.Repeat("n", 200) + "><" + strings.Repeat("n", 200) + ">2</" + strings.Repeat("n", 200) + "></xml>", strings.Repeat("n", 32), ErrFormat},
		{"too big", "<xml><a>" + strings.Repeat("x", maxBody) + "</a></xml>", "xml", ErrSyntax},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseV2XML([]byte(tt.in))
			assertParam(t, err, tt.param, tt.want)
		})
	}
	var many strings.Builder
	many.WriteString("<xml>")
	for i := range maxParams + 1 {
		fmt.Fprintf(&many, "<p%d>1</p%d>", i, i)
	}
	many.WriteString("</xml>")
	_, err = ParseV2XML([]byte(many.String()))
	assertParam(t, err, "xml", ErrSyntax)
}

func signedV2(t *testing.T, p map[string]string) []byte {
	b, err := SignedXML(p, testKeyV2, SignMD5)
	require.NoError(t, err)
	return b
}

func TestVerifyV2ResponseKeepsParamsOnFailure(t *testing.T) {
	codes := map[string]error{
		"USERPAYING": ErrUserPaying, "SYSTEMERROR": ErrSystemError, "SYSTEM_ERROR": ErrSystemError, "BANKERROR": ErrBankError,
		"NOT_ENOUGH": ErrNotEnough, "NOTENOUGH": ErrPayerBalance, "ORDERPAID": ErrOrderPaid, "ORDERCLOSED": ErrOrderClosed,
		"ORDERREVERSED": ErrOrderReversed, "ORDERNOTEXIST": ErrOrderNotExist, "AUTHCODEEXPIRE": ErrAuthCodeExpired,
		"AUTH_CODE_INVALID": ErrAuthCodeInvalid, "REVERSE_EXPIRE": ErrReverseExpired, "TRADE_ERROR": ErrTradeState,
		"FREQUENCY_LIMITED": ErrFrequencyLimited, "PARAM_ERROR": ErrInvalidRequest, "NOAUTH": ErrNoAuth,
		"NOTPAY": ErrNotPaid, "PAYERROR": ErrPayError,
	}
	for code, sentinel := range codes {
		t.Run(code, func(t *testing.T) {
			body := signedV2(t, map[string]string{"return_code": "SUCCESS", "result_code": "FAIL", "err_code": code,
				"err_code_des": "설명", "out_trade_no": "ZP1"})
			p, err := VerifyV2Response(body, testKeyV2)
			require.ErrorIs(t, err, sentinel)
			require.ErrorIs(t, err, ErrResult)
			for other, s := range codes {
				if s != sentinel {
					assert.NotErrorIs(t, err, s, other)
				}
			}
			var re *ResultError
			require.ErrorAs(t, err, &re)
			assert.Equal(t, code, re.Code)
			assert.Equal(t, "설명", re.Message)
			assert.True(t, re.Verified)
			assert.Equal(t, "ZP1", p["out_trade_no"], "the parameters are returned")
			assert.Equal(t, "ZP1", re.Params["out_trade_no"], "and kept in the error")
			assert.Equal(t, code == "USERPAYING" || code == "SYSTEMERROR" || code == "SYSTEM_ERROR" || code == "BANKERROR", re.Uncertain())
			assert.Equal(t, "wechat: request did not succeed: "+code, err.Error())
		})
	}
	p, err := VerifyV2Response([]byte("<xml><return_code>FAIL</return_code><return_msg>SIGNERROR</return_msg></xml>"), testKeyV2)
	require.ErrorIs(t, err, ErrResult)
	var re *ResultError
	require.ErrorAs(t, err, &re)
	assert.False(t, re.Verified, "a FAIL return_code carries no sign")
	assert.Equal(t, "SIGNERROR", re.Message)
	assert.Equal(t, "FAIL", p["return_code"])
	assert.Equal(t, "wechat: request did not succeed: FAIL", err.Error())
	assert.Equal(t, []error{ErrResult}, re.Unwrap(), "an undocumented code matches ErrResult only")

	ok := map[string]string{"return_code": "SUCCESS", "result_code": "SUCCESS", "out_trade_no": "ZP1"}
	body := signedV2(t, ok)
	p, err = VerifyV2Response(body, testKeyV2)
	require.NoError(t, err)
	assert.Equal(t, "ZP1", p["out_trade_no"])
	tampered := strings.Replace(string(body), "ZP1", "ZP2", 1)
	p, err = VerifyV2Response([]byte(tampered), testKeyV2)
	assertParam(t, err, "sign", ErrSignature)
	assert.Nil(t, p, "nothing unverified is returned beside a signature error")
	_, err = VerifyV2Response([]byte("<xml><a>1</a><a>1</a></xml>"), testKeyV2)
	assert.ErrorIs(t, err, ErrFormat)
}

func TestIsUncertain(t *testing.T) {
	assert.True(t, IsUncertain(paramErr("x", joinErr(ErrTransport, errors.New("eof")))))
	assert.True(t, IsUncertain(&ResultError{Code: "BANKERROR"}))
	assert.False(t, IsUncertain(&ResultError{Code: "ORDERPAID"}))
	assert.False(t, IsUncertain(nil))
	assert.Equal(t, "wechat: USERPAYING: payer is entering the password", ErrUserPaying.Error())
}

func TestV2PaymentChecksTheRate(t *testing.T) {
	p := map[string]string{"transaction_id": "42", "out_trade_no": "ZP1", "total_fee": "12000", "fee_type": "KRW",
		"cash_fee": "6240", "cash_fee_type": "CNY", "rate": "520000"}
	pay, err := V2Payment(p)
	require.NoError(t, err)
	assert.Equal(t, "12000 KRW", pay.Total.String())
	assert.Equal(t, "62.40 CNY", pay.PayerTotal.String())
	assert.Equal(t, "0.0052", pay.Rate.Value.String())
	assert.Equal(t, "42", pay.TransactionID)

	for _, cash := range []string{"6239", "6241"} {
		p["cash_fee"] = cash
		_, err := V2Payment(p)
		require.NoError(t, err, "one minor unit either way is rounding: %s", cash)
	}
	for _, tt := range []struct{ cash, rate string }{{"6291", "52000000"}, {"6238", "520000"}, {"6242", "520000"}} {
		p["cash_fee"], p["rate"] = tt.cash, tt.rate
		_, err := V2Payment(p)
		require.ErrorIs(t, err, ErrAmountMismatch, "%v", tt)
		var ae *AmountError
		require.ErrorAs(t, err, &ae)
		assert.Equal(t, "cash_fee", ae.Param)
		assert.Equal(t, tt.cash, fmt.Sprint(mustMinor(t, ae.Got)))
		assert.Contains(t, err.Error(), "wechat: cash_fee: amounts disagree")
	}
	p["cash_fee_type"] = "USD"
	p["rate"] = "520000"
	p["cash_fee"] = "6240"
	_, err = V2Payment(p)
	assert.ErrorIs(t, err, ErrAmountMismatch, "the rate is to CNY")

	noRate := map[string]string{"total_fee": "1750", "fee_type": "USD", "cash_fee": "1"}
	pay, err = V2Payment(noRate)
	require.NoError(t, err, "no rate: nothing to check")
	assert.True(t, pay.Rate.Value.IsZero())
	for _, bad := range []map[string]string{
		{"total_fee": "-1"}, {"total_fee": "1.5"}, {"total_fee": ""}, {"total_fee": "1", "fee_type": "XYZ"},
		{"total_fee": "1", "cash_fee": "x"}, {"total_fee": "1", "rate": "-5"}, {"total_fee": "1234567890123456789"},
	} {
		_, err := V2Payment(bad)
		var pe *ParamError
		require.ErrorAs(t, err, &pe, "%v", bad)
	}
}

func mustMinor(t *testing.T, a fx.Amount) int64 {
	m, err := a.Minor(fx.HalfEven)
	require.NoError(t, err)
	return m
}

func TestV3Transaction(t *testing.T) {
	const amount = `"amount":{"total":12000,"currency":"KRW","payer_total":6240,"payer_currency":"CNY"`
	tests := []struct {
		name, body string
		wantRate   string
		wantErr    error
	}{
		{"id and rate inside amount", `{"id":"42","out_trade_no":"T1","trade_state":"SUCCESS",` + amount + `,"exchange_rate":{"type":"USERPAYMENT_RATE","rate":520000}}}`, "0.0052", nil},
		{"rate at the top level", `{"id":"42","out_trade_no":"T1","trade_state":"SUCCESS",` + amount + `},"exchange_rate":{"type":"USERPAYMENT_RATE","rate":520000}}`, "0.0052", nil},
		{"both, the same", `{"id":"42","trade_state":"SUCCESS",` + amount + `,"exchange_rate":{"type":"USERPAYMENT_RATE","rate":520000}},"exchange_rate":{"type":"USERPAYMENT_RATE","rate":520000}}`, "0.0052", nil},
		{"mainland transaction_id", `{"transaction_id":"42","trade_state":"SUCCESS",` + amount + `}}`, "", nil},
		{"settlement rate is not a payer rate", `{"id":"42","trade_state":"SUCCESS",` + amount + `,"exchange_rate":{"type":"SETTLEMENT_RATE","rate":72500000}}}`, "", nil},
		{"payer rate that disagrees", `{"id":"42","trade_state":"SUCCESS",` + amount + `,"exchange_rate":{"type":"USERPAYMENT_RATE","rate":52000000}}}`, "", ErrAmountMismatch},
		{"zero payer rate", `{"id":"42","trade_state":"SUCCESS",` + amount + `,"exchange_rate":{"type":"USERPAYMENT_RATE","rate":0}}}`, "", ErrMissing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tx, err := ParseV3Transaction([]byte(tt.body))
			require.NoError(t, err)
			assert.Equal(t, "42", tx.TransactionID)
			pay, err := tx.Payment()
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, "12000 KRW", pay.Total.String())
			assert.Equal(t, "62.40 CNY", pay.PayerTotal.String())
			if tt.wantRate == "" {
				assert.True(t, pay.Rate.Value.IsZero())
			} else {
				assert.Equal(t, tt.wantRate, pay.Rate.Value.String())
			}
		})
	}
	_, err := ParseV3Transaction([]byte(`{"id":"42",` + amount + `,"exchange_rate":{"type":"USERPAYMENT_RATE","rate":1}},"exchange_rate":{"type":"USERPAYMENT_RATE","rate":2}}`))
	assertParam(t, err, "exchange_rate", ErrFormat)
	_, err = ParseV3Transaction([]byte("{"))
	assertParam(t, err, "transaction", ErrSyntax)

	tx, _ := ParseV3Transaction([]byte(`{"id":"42","trade_state":"USERPAYING",` + amount + `,"exchange_rate":{"type":"SETTLEMENT_RATE","rate":72500000}}}`))
	assert.ErrorIs(t, tx.Err(), ErrUserPaying)
	r, err := tx.Rate(SettlementRate, fx.MustCurrency("USD"))
	require.NoError(t, err)
	assert.Equal(t, "0.725", r.Value.String())
	assert.Equal(t, "KRW", r.Base.Code())
	_, err = tx.Rate(UserPaymentRate, fx.MustCurrency("CNY"))
	assertParam(t, err, "exchange_rate.type", ErrRateType)
	tx.Amount.ExchangeRate = nil
	_, err = tx.Rate(SettlementRate, fx.MustCurrency("USD"))
	assertParam(t, err, "exchange_rate", ErrMissing)
	tx.Amount.Currency = "XYZ"
	_, err = tx.Payment()
	assert.ErrorIs(t, err, fx.ErrUnknownCurrency)
	tx.Amount.Currency, tx.Amount.PayerCurrency = "KRW", "XYZ"
	_, err = tx.Payment()
	assert.ErrorIs(t, err, fx.ErrUnknownCurrency)
	tx.ExchangeRate = &V3ExchangeRate{Type: SettlementRate, Rate: 1}
	tx.Amount.Currency = "XYZ"
	_, err = tx.Rate(SettlementRate, fx.MustCurrency("USD"))
	assertParam(t, err, "amount.currency", fx.ErrUnknownCurrency)
	for _, state := range []struct {
		s    string
		want error
	}{{"NOTPAY", ErrNotPaid}, {"CLOSED", ErrOrderClosed}, {"REVOKED", ErrOrderReversed}, {"PAYERROR", ErrPayError}} {
		assert.ErrorIs(t, V3Transaction{TradeState: state.s}.Err(), state.want)
	}
	assert.NoError(t, V3Transaction{TradeState: "SUCCESS"}.Err())
}

func TestV3RefundAnswer(t *testing.T) {
	body := `{"id":"50","out_refund_no":"RF1","status":"SUCCESS","amount":{"refund":5000,"currency":"KRW","payer_refund":2600,"payer_currency":"CNY","exchange_rate":{"type":"USERPAYMENT_RATE","rate":520000}}}`
	r, err := ParseV3Refund([]byte(body))
	require.NoError(t, err)
	require.NoError(t, r.Err())
	a, err := r.Amounts()
	require.NoError(t, err)
	assert.Equal(t, "5000 KRW", a.Refund.String())
	assert.Equal(t, "26.00 CNY", a.PayerRefund.String())
	assert.Equal(t, "0.0052", a.Rate.Value.String())
	r.Amount.PayerRefund = 2700
	_, err = r.Amounts()
	var ae *AmountError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "amount.payer_refund", ae.Param)
	r.Amount.ExchangeRate.Type = SettlementRate
	_, err = r.Amounts()
	assert.NoError(t, err, "a settlement rate says nothing of the payer's refund")
	r.Amount.PayerCurrency = ""
	a, err = r.Amounts()
	require.NoError(t, err)
	assert.True(t, a.PayerRefund.IsZero())
	assert.ErrorIs(t, V3Refund{Status: "ABNORMAL"}.Err(), ErrResult)
	assert.NoError(t, V3Refund{Status: "PROCESSING"}.Err())
	_, err = ParseV3Refund([]byte(`{"id":"50"}`))
	assertParam(t, err, "out_refund_no", ErrMissing)
	_, err = ParseV3Refund([]byte(`[`))
	assertParam(t, err, "refund", ErrSyntax)
}

func TestParseV3Error(t *testing.T) {
	err := ParseV3Error(403, []byte(`{"code":"NOT_ENOUGH","message":"余额不足"}`))
	require.ErrorIs(t, err, ErrNotEnough)
	var re *ResultError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, 403, re.HTTPStatus)
	assert.Equal(t, "余额不足", re.Message)
	err = ParseV3Error(502, []byte(`<html>`))
	require.ErrorAs(t, err, &re)
	assert.Equal(t, "", re.Code)
	assert.ErrorIs(t, err, ErrResult)
}
