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
