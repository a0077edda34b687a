package wechat

import (
	"strings"
	"time"

	"github.com/qrbridge/qrbridge/internal/ascii"
)

// Kind is what a scanned WeChat Pay code is. The zero value is
// [KindUnknown].
type Kind uint8

const (
	KindUnknown     Kind = iota
	KindCodeURL          // Native code_url: weixin://wxpay/bizpayurl?pr=…, …/bizpayurl/up?pr=…, weixin://wxpay/s/…
	KindNativeURL        // Native Pay mode 1: weixin://wxpay/bizpayurl?sign=…&appid=…
	KindPersonal         // personal collection code: wxp://… or https://payapp.weixin.qq.com/…
	KindPaymentCode      // consumer-presented auth_code: 18 digits, prefix 10-15
)

// String names the kind.
func (k Kind) String() string {
	return [...]string{"unknown", "native code_url", "native mode 1", "personal", "payment code"}[min(int(k), 4)]
}

const (
	bizPayPrefix   = "weixin://wxpay/bizpayurl?"
	bizPayUpPrefix = "weixin://wxpay/bizpayurl/up?"
	shortPrefix    = "weixin://wxpay/s/"
	personalScheme = "wxp://"
	personalHTTPS  = "https://payapp.weixin.qq.com/"
)

// Classify tells what kind of WeChat Pay code s is, from its form alone.
// It does not validate; the Parse functions do.
func Classify(s string) Kind {
	switch {
	case strings.HasPrefix(s, shortPrefix), strings.HasPrefix(s, bizPayUpPrefix):
		return KindCodeURL
	case strings.HasPrefix(s, bizPayPrefix):
		if hasParam(s[len(bizPayPrefix):], "pr") {
			return KindCodeURL
		}
		return KindNativeURL
	case strings.HasPrefix(s, personalScheme), strings.HasPrefix(s, personalHTTPS):
		return KindPersonal
	case len(s) == 18 && s[0] == '1' && s[1] >= '0' && s[1] <= '5' && isDigits(s):
		return KindPaymentCode
	}
	return KindUnknown
}

// Code is any parsed WeChat Pay code: Kind says which field is set.
type Code struct {
	Kind        Kind
	CodeURL     CodeURL
	NativeURL   NativeURL
	Personal    string // the personal code, kept opaque: only WeChat resolves it
	PaymentCode PaymentCode
}

// Parse classifies s and parses it as its kind. Personal codes are kept
// as they are: only WeChat's servers can resolve them.
func Parse(s string) (Code, error) {
	c := Code{Kind: Classify(s)}
	var err error
	switch c.Kind {
	case KindCodeURL:
		c.CodeURL, err = ParseCodeURL(s)
	case KindNativeURL:
		c.NativeURL, err = ParseNativeURL(s)
	case KindPersonal:
		c.Personal = s
	case KindPaymentCode:
		c.PaymentCode, err = ParsePaymentCode(s)
	default:
		err = paramErr("code", ErrKind)
	}
	if err != nil {
		return Code{}, err
	}
	return c, nil
}

// PaymentCode is the code a WeChat user shows to pay (付款码, the auth_code
// of Quick Pay / Micropay): 18 digits starting 10 to 15 (the auth_code
// field of the Quick Pay API, pay.weixin.qq.com/wiki/doc/api/micropay.php).
// It is valid for about a minute. The zero value is invalid.
type PaymentCode struct{ digits string }

// ParsePaymentCode validates an auth_code. It does not allocate.
func ParsePaymentCode(s string) (PaymentCode, error) {
	if len(s) != 18 || !isDigits(s) {
		return PaymentCode{}, paramErr("auth_code", ErrFormat)
	}
	if s[0] != '1' || s[1] > '5' {
		return PaymentCode{}, paramErr("auth_code", ErrKind)
	}
	return PaymentCode{s}, nil
}

// String returns the code, as Micropay's auth_code parameter takes it.
func (p PaymentCode) String() string { return p.digits }

// CrossBorder reports whether the payer is a mainland WeChat Pay user
// (prefix 10-14), whose codes have always paid cross-border merchants.
func (p PaymentCode) CrossBorder() bool { return len(p.digits) == 18 && p.digits[1] <= '4' }

// HongKong reports whether the payer uses WeChat Pay HK (prefix 15). Whether
// such a code may pay a merchant outside Hong Kong is the caller's
// [CodePolicy].
func (p PaymentCode) HongKong() bool { return len(p.digits) == 18 && p.digits[1] == '5' }

// CodePolicy is which payment codes a merchant accepts. The sources
// disagree on WeChat Pay HK codes (prefix 15): the older cross-border
// pages (https://pay.weixin.qq.com/wiki/doc/api/wxpay/en/guide/pos/ImportantParameters.shtml,
// https://pay.weixin.qq.com/wiki/doc/api/wxpay/en/pages/QuickPay.shtml)
// say they pay only in Hong Kong and the mainland, while WeChat Pay's
// current guide for overseas merchants, the Multi-Wallet FAQ
// (https://pay.weixin.qq.com/wiki/doc/api/wxpay/en/faq/Account.shtml),
// lets overseas merchants and institutions take Hong Kong Wallet payments
// beside mainland ones, on the same interfaces and without code changes.
// The zero value follows the current guide and accepts them;
// RefuseHongKong follows the older pages, for an acquirer whose contract
// says so.
type CodePolicy struct {
	RefuseHongKong bool
}

// Check returns nil for a code the policy accepts, an error matching
// [ErrNotAccepted] for a refused HK code, and [ErrMissing] for the zero
// PaymentCode.
func (pol CodePolicy) Check(p PaymentCode) error {
	switch {
	case p.digits == "":
		return paramErr("auth_code", ErrMissing)
	case p.HongKong() && pol.RefuseHongKong:
		return paramErr("auth_code", ErrNotAccepted)
	}
	return nil
}

// CodeURLValidity is how long a Native code_url is valid after WeChat Pay
// issues it.
const CodeURLValidity = 2 * time.Hour

// CodeURL is the code_url a Native order returns, in any of its
// documented forms: weixin://wxpay/bizpayurl?pr=<token> (API v2 and
// mainland v3), weixin://wxpay/bizpayurl/up?pr=<token>, and the short
// weixin://wxpay/s/<token> that the v3 global Native order returns
// (https://pay.weixin.qq.com/wiki/doc/api_external/en/apis/chapter3_2_1.shtml,
// and the v2 shorturl tool). The token is opaque and of variable length;
// other query parameters (groupid) are tolerated and kept in URL, which
// is the text as scanned or issued.
type CodeURL struct {
	URL      string
	Token    string
	IssuedAt time.Time // zero when the code was scanned rather than issued
}

// ParseCodeURL reads a scanned code_url. It allocates only when the token
// is percent-encoded.
func ParseCodeURL(s string) (CodeURL, error) {
	var query string
	switch {
	case strings.HasPrefix(s, shortPrefix):
		if t := s[len(shortPrefix):]; !isToken(t) {
			return CodeURL{}, paramErr("code_url", ErrFormat)
		}
		return CodeURL{URL: s, Token: s[len(shortPrefix):]}, nil
	case strings.HasPrefix(s, bizPayUpPrefix):
		query = s[len(bizPayUpPrefix):]
	case strings.HasPrefix(s, bizPayPrefix):
		query = s[len(bizPayPrefix):]
	default:
		return CodeURL{}, paramErr("code_url", ErrKind)
	}
	token, ok, err := queryValue(query, "pr")
	switch {
	case err != nil:
		return CodeURL{}, err
	case !ok || token == "":
		return CodeURL{}, paramErr("pr", ErrMissing)
	case !isToken(token):
		return CodeURL{}, paramErr("pr", ErrFormat)
	}
	return CodeURL{URL: s, Token: token}, nil
}

// NewCodeURL records a code_url that WeChat Pay issued at issued, so that
// its expiry can be enforced.
func NewCodeURL(s string, issued time.Time) (CodeURL, error) {
	c, err := ParseCodeURL(s)
	c.IssuedAt = issued
	return c, err
}

// ExpiresAt returns when the code stops being payable; zero when the issue
// time is unknown.
func (c CodeURL) ExpiresAt() time.Time {
	if c.IssuedAt.IsZero() {
		return time.Time{}
	}
	return c.IssuedAt.Add(CodeURLValidity)
}

// Expired reports whether the code is past its validity at now. A code of
// unknown issue time is not reported expired.
func (c CodeURL) Expired(now time.Time) bool {
	exp := c.ExpiresAt()
	return !exp.IsZero() && !now.Before(exp)
}

func isDigits(s string) bool { return ascii.Digits(s) }

// isToken reports a non-empty run of letters, digits, "-" and "_", at most
// 128 characters.
func isToken(s string) bool {
	if s == "" || len(s) > 128 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}
