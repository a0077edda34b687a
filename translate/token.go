package translate

import (
	"fmt"
	"log/slog"
)

// Token is a consumer code's payment token: a WeChat, Alipay or UnionPay
// payment code, a Zero Pay token, an EMVCo CPM's PAN. It is sensitive: it
// prints masked through String, every fmt verb, JSON and slog, keeping at
// most the first two and last four characters ("13************3456");
// Reveal returns it for the acquirer request that needs it. The zero Token
// is empty.
type Token struct {
	scheme string
	value  string
}

// NewToken wraps a payment token of the named scheme.
func NewToken(scheme, value string) Token { return Token{scheme: scheme, value: value} }

// Scheme names the token's scheme ("wechat", "alipay", "unionpay",
// "zeropay", "emvco").
func (t Token) Scheme() string { return t.scheme }

// IsZero reports whether the token is empty.
func (t Token) IsZero() bool { return t.value == "" }

// Reveal returns the token itself. It is sensitive: send it to the
// acquirer, never to a log.
func (t Token) Reveal() string { return t.value }

// Last4 returns the last four characters, which receipts may show.
func (t Token) Last4() string {
	if len(t.value) <= 4 {
		return ""
	}
	return t.value[len(t.value)-4:]
}

// String returns the masked token.
func (t Token) String() string {
	n := len(t.value)
	if n == 0 {
		return ""
	}
	keepHead, keepTail := 2, 4
	if n < 10 {
		keepHead, keepTail = 0, 0
		if n > 6 {
			keepTail = 2
		}
	}
	b := make([]byte, n)
	copy(b, t.value[:keepHead])
	for i := keepHead; i < n-keepTail; i++ {
		b[i] = '*'
	}
	copy(b[n-keepTail:], t.value[n-keepTail:])
	return string(b)
}

// GoString returns the masked token, so %#v does not reveal it.
func (t Token) GoString() string { return "translate.Token(" + t.String() + ")" }

// Format prints the masked token for every verb.
func (t Token) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		_, _ = f.Write([]byte(t.GoString()))
		return
	}
	_, _ = f.Write([]byte(t.String()))
}

// MarshalText encodes the masked token, so JSON and XML never carry it.
func (t Token) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// LogValue implements slog.LogValuer with the masked token.
func (t Token) LogValue() slog.Value { return slog.StringValue(t.String()) }
