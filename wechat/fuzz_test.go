package wechat

import (
	"errors"
	"testing"
)

// FuzzParse: no panic; every error is a *ParamError; what parses keeps
// its kind when classified again, and a parsed mode 1 code writes back to
// text that parses to the same fields.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"weixin://wxpay/bizpayurl?pr=9xFPmlUzz", "weixin://wxpay/bizpayurl?pr=NwY5Mz9&groupid=00",
		"weixin://wxpay/bizpayurl?sign=C380BEC2BFD727A4B6845133519F3AD6&appid=wx2421b1c4370ec43b&mch_id=10000100&product_id=123456789&time_stamp=1415949957&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS",
		"wxp://f2f0", "134567890123456789", "weixin://wxpay/bizpayurl?pr=%41",
		"weixin://wxpay/s/An4baqw", "weixin://wxpay/bizpayurl/up?pr=NwY5Mz9&groupid=00", "150000000000000000",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Parse(s)
		if err != nil {
			var pe *ParamError
			if !errors.As(err, &pe) {
				t.Fatalf("%v is not a *ParamError", err)
			}
			return
		}
		if Classify(s) != c.Kind {
			t.Fatalf("kind changed")
		}
		if c.Kind == KindNativeURL && !c.NativeURL.Legacy {
			back, err := ParseNativeURL(c.NativeURL.URL())
			if err != nil || back != c.NativeURL {
				t.Fatalf("mode 1 code does not survive writing: %v", err)
			}
		}
	})
}

// FuzzParseV2XML: no panic; parameters re-encode and parse back equal.
func FuzzParseV2XML(f *testing.F) {
	f.Add([]byte("<xml><return_code><![CDATA[SUCCESS]]></return_code><total_fee>100</total_fee></xml>"))
	f.Add([]byte("<xml><a>&lt;b&gt;</a></xml>"))
	f.Fuzz(func(t *testing.T, body []byte) {
		p, err := ParseV2XML(body)
		if err != nil {
			return
		}
		out, err := SignedXML(p, NewSecret("k"), SignMD5)
		if err != nil {
			return // a value XML cannot carry
		}
		back, err := ParseV2XML(out)
		if err != nil {
			t.Fatalf("re-encoded xml does not parse: %v", err)
		}
		delete(back, "sign")
		for k, v := range p {
			if v != "" && back[k] != v && k != "sign" {
				t.Fatalf("%s: %q became %q", k, v, back[k])
			}
		}
	})
}

// FuzzParseV3Transaction: no panic; errors are *ParamError; what parses
// converts without panicking, and a payer rate that converts agrees with
// the amounts.
func FuzzParseV3Transaction(f *testing.F) {
	f.Add([]byte(`{"id":"42","trade_state":"SUCCESS","amount":{"total":12000,"currency":"KRW","payer_total":6240,"payer_currency":"CNY","exchange_rate":{"type":"USERPAYMENT_RATE","rate":520000}}}`))
	f.Add([]byte(`{"transaction_id":"1","amount":{"total":1,"currency":"USD"},"exchange_rate":{"type":"SETTLEMENT_RATE","rate":1}}`))
	f.Add([]byte(`{"id":"50","out_refund_no":"R","amount":{"refund":1,"currency":"KRW","payer_refund":0,"payer_currency":"CNY"}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		var pe *ParamError
		tx, err := ParseV3Transaction(body)
		if err != nil && !errors.As(err, &pe) {
			t.Fatalf("%v is not a *ParamError", err)
		}
		if err == nil {
			if _, err := tx.Payment(); err != nil && !errors.As(err, &pe) && !errors.Is(err, ErrAmountMismatch) {
				t.Fatalf("payment: %v", err)
			}
		}
		if r, err := ParseV3Refund(body); err == nil {
			_, _ = r.Amounts()
		}
	})
}

// FuzzVerifyV2Response: no panic; a body that verifies under the test key
// is one SignedXML wrote or an equivalent.
func FuzzVerifyV2Response(f *testing.F) {
	ok, _ := SignedXML(map[string]string{"return_code": "SUCCESS", "result_code": "SUCCESS", "a": "1"}, testKeyV2, SignMD5)
	f.Add(ok)
	fail, _ := SignedXML(map[string]string{"return_code": "SUCCESS", "result_code": "FAIL", "err_code": "USERPAYING"}, testKeyV2, SignHMACSHA256)
	f.Add(fail)
	f.Add([]byte("<xml><return_code>FAIL</return_code></xml>"))
	f.Fuzz(func(t *testing.T, body []byte) {
		p, err := VerifyV2Response(body, testKeyV2)
		var re *ResultError
		if err != nil && !errors.As(err, &re) && p != nil {
			t.Fatalf("parameters beside a non-result error: %v", err)
		}
	})
}
