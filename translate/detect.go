package translate

import (
	"strings"

	"github.com/qrbridge/qrbridge/emvco"
	"github.com/qrbridge/qrbridge/emvco/profile"
	"github.com/qrbridge/qrbridge/zeropay"
)

// Detection is what [Detect] found a scanned string to be.
//
// Kind names it. Presentment says who shows such a code. Schemes, for an
// EMVCo merchant-presented payload, lists the schemes it carries by their
// profile names, in payload order ("paynow", "sgqr"; card networks as
// "visa", "mastercard", …); it is nil for every other kind. Alternatives
// lists the other kinds the string could be when its form alone cannot
// decide (see [Detect] for the precedence). Err is non-nil when the form
// was recognised but the content does not read: an EMVCo payload that
// fails to parse, a Zero Pay code with a malformed field. It wraps
// [ErrInvalidCode] and the scheme package's error.
type Detection struct {
	Kind         Kind        `json:"kind"`
	Presentment  Presentment `json:"presentment"`
	Schemes      []string    `json:"schemes,omitempty"`
	Alternatives KindSet     `json:"alternatives,omitempty"`
	Err          error       `json:"-"`

	payload *emvco.Payload  // the parsed MPM, reused by the Translator
	matches []profile.Match // its schemes under the default profiles
	zp      zeropay.Code    // the parsed Zero Pay QR code
}

// defaultProfiles names the national schemes of an EMVCo payload. It is
// never modified after initialisation, and a Registry is safe for
// concurrent use once built.
var defaultProfiles = profile.Default()

// Detect names what a scanned string is, from its form, without any I/O.
// It never panics. For every kind but emvco-mpm it takes under 200 ns and
// allocates nothing; an EMVCo merchant-presented payload is parsed once
// (with [emvco.Parse]) to name its schemes.
//
// The forms, tested in this order:
//
//   - "00" followed by two digits: an EMVCo merchant-presented payload
//     (EMV QRCPS MPM v1.1 §4.4: ID 00, the payload format indicator, comes
//     first).
//   - "hQVDUFY": an EMVCo consumer-presented payload, base64 of tag 85
//     "CPV" (EMV QRCPS CPM v1.0 §3).
//   - weixin://wxpay/bizpayurl? with a pr parameter: a WeChat Pay Native
//     code_url; without one, a Native mode 1 link; wxp:// and
//     https://payapp.weixin.qq.com/: a personal code (WeChat Pay Native
//     Payment, pay.weixin.qq.com).
//   - https://<host>/MPM/… in either case: an Alipay+ merchant code, which
//     only Alipay+ can identify (its identifyCode API).
//   - "1-ZP-", "2-ZP-", "3-XX-", "4-ZP-": a Zero Pay QR code (KFTC Zero Pay
//     platform design §1.4, on the FSC's 2018 QR payment standard).
//   - any other http:// or https:// URL: url.
//   - digits only, see below.
//
// Numeric consumer codes are told apart by length and prefix, in this
// precedence: 24 digits "800088" and 34 digits "8000888080" are Zero Pay
// barcodes (BIN 800, institution 088); 18 digits "10"-"15" a WeChat Pay
// payment code (WeChat Pay Quick Pay, pay.weixin.qq.com); 19 digits "62" a
// UnionPay payment code (UnionPay International QR payment, the card
// network's BIN range); 16 to 24 digits "25"-"30" an Alipay payment code
// (Alipay in-store payment guides). The documented ranges do not overlap,
// so a code inside one of them has no alternatives. Digits outside every
// range are unknown, and Alternatives then lists each kind whose length
// rule they meet, since a scheme may issue outside its published prefixes:
// an 18-digit code starting "20" gives wechat-payment-code and
// alipay-payment-code.
func Detect(raw string) Detection {
	d := detectForm(raw)
	switch d.Kind {
	case KindEMVCoMPM:
		d.detectMPM(raw)
	case KindZeroPayStatic, KindZeroPayDynamic, KindZeroPayConsumer, KindZeroPayRefund:
		code, err := zeropay.Parse(raw)
		if err != nil {
			d.Err = fieldErr("code", ErrInvalidCode, err)
		}
		d.zp = code
	}
	return d
}

// detectForm names raw from its form alone.
func detectForm(s string) Detection {
	k, alt := classify(s)
	d := Detection{Kind: k, Alternatives: alt}
	switch {
	case k == KindUnknown, k == KindURL:
	case k.Consumer():
		d.Presentment = PresentmentConsumer
	default:
		d.Presentment = PresentmentMerchant
	}
	return d
}

func classify(s string) (Kind, KindSet) {
	if len(s) < 4 {
		return KindUnknown, 0
	}
	switch {
	case s[0] == '0' && s[1] == '0' && isDigit(s[2]) && isDigit(s[3]):
		return KindEMVCoMPM, 0
	case strings.HasPrefix(s, "hQVDUFY"):
		return KindEMVCoCPM, 0
	case isDigit(s[0]) && s[1] == '-':
		return zeropayKind(s), 0
	case isDigits(s):
		return numericKind(s)
	}
	if k := wechatKind(s); k != KindUnknown {
		return k, 0
	}
	return urlKind(s), 0
}

// The prefixes of WeChat Pay's merchant codes (as package wechat reads
// them; FuzzDetect holds the two in agreement).
const (
	weChatBizPay   = "weixin://wxpay/bizpayurl?"
	weChatPersonal = "wxp://"
	weChatPayApp   = "https://payapp.weixin.qq.com/"
)

// wechatKind tells WeChat Pay's merchant codes apart: a bizpayurl with a
// pr parameter is a Native code_url, without one a mode 1 link.
func wechatKind(s string) Kind {
	switch {
	case strings.HasPrefix(s, weChatBizPay):
		if hasPR(s[len(weChatBizPay):]) {
			return KindWeChatCodeURL
		}
		return KindWeChatNativeLink
	case strings.HasPrefix(s, weChatPersonal), strings.HasPrefix(s, weChatPayApp):
		return KindWeChatPersonal
	}
	return KindUnknown
}

// hasPR reports whether the query q has a parameter named pr.
func hasPR(q string) bool {
	if !strings.Contains(q, "pr=") {
		return false
	}
	for q != "" {
		var kv string
		kv, q, _ = strings.Cut(q, "&")
		if k, _, _ := strings.Cut(kv, "="); k == "pr" {
			return true
		}
	}
	return false
}

// zeropayKind reads the Zero Pay form: the kind digit, then "ZP-" (kinds 1,
// 2, 4) or a two-character payment-system ID (kind 3).
func zeropayKind(s string) Kind {
	if len(s) < 5 {
		return KindUnknown
	}
	switch s[0] {
	case '1', '2', '4':
		if s[2:5] != "ZP-" {
			return KindUnknown
		}
		return [...]Kind{'1': KindZeroPayStatic, '2': KindZeroPayDynamic, '4': KindZeroPayRefund}[s[0]]
	case '3':
		if s[4] != '-' {
			return KindUnknown
		}
		return KindZeroPayConsumer
	}
	return KindUnknown
}

// numericKind applies the precedence of the numeric consumer codes.
func numericKind(s string) (Kind, KindSet) {
	n := len(s)
	p := int(s[0]-'0')*10 + int(s[1]-'0')
	switch {
	case n == 24 && strings.HasPrefix(s, "800088"):
		return KindZeroPayConsumerBarcode, 0
	case n == 34 && strings.HasPrefix(s, "8000888080"):
		return KindZeroPayRefundBarcode, 0
	case n == 18 && p >= 10 && p <= 15:
		return KindWeChatPaymentCode, 0
	case n == 19 && p == 62:
		return KindUnionPayPaymentCode, 0
	case n >= 16 && n <= 24 && p >= 25 && p <= 30:
		return KindAlipayPaymentCode, 0
	}
	var alt KindSet
	if n == 18 {
		alt = alt.Add(KindWeChatPaymentCode)
	}
	if n == 19 {
		alt = alt.Add(KindUnionPayPaymentCode)
	}
	if n >= 16 && n <= 24 {
		alt = alt.Add(KindAlipayPaymentCode)
	}
	if n == 24 {
		alt = alt.Add(KindZeroPayConsumerBarcode)
	}
	if n == 34 {
		alt = alt.Add(KindZeroPayRefundBarcode)
	}
	return KindUnknown, alt
}

// urlKind tells an Alipay+ merchant code from any other URL. Schemes and
// hosts compare without case (RFC 3986 §3.1, §3.2.2); Alipay+ codes are
// written in upper case, which QR's alphanumeric mode encodes compactly.
func urlKind(s string) Kind {
	var rest string
	switch {
	case hasPrefixFold(s, "https://"):
		rest = s[len("https://"):]
	case hasPrefixFold(s, "http://"):
		return KindURL
	default:
		return KindUnknown
	}
	slash := strings.IndexByte(rest, '/')
	if slash > 0 && hasPrefixFold(rest[slash:], "/MPM/") {
		return KindAlipayPlusMPM
	}
	return KindURL
}

// detectMPM parses an EMVCo payload once and names its schemes.
func (d *Detection) detectMPM(raw string) {
	p, err := emvco.Parse(raw)
	if err != nil {
		d.Err = fieldErr("code", ErrInvalidCode, err)
		return
	}
	d.payload = p
	d.matches = defaultProfiles.Schemes(p)
	d.Schemes = schemeNames(d.matches)
}

// schemeNames lists the distinct scheme names of ms in payload order.
func schemeNames(ms []profile.Match) []string {
	if len(ms) == 0 {
		return nil
	}
	out := make([]string, 0, len(ms))
	for _, m := range ms {
		dup := false
		for _, s := range out {
			dup = dup || s == m.Scheme
		}
		if !dup {
			out = append(out, m.Scheme)
		}
	}
	return out
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return len(s) > 0
}

// hasPrefixFold reports whether s starts with the ASCII prefix p, ignoring
// case.
func hasPrefixFold(s, p string) bool {
	return len(s) >= len(p) && strings.EqualFold(s[:len(p)], p)
}
