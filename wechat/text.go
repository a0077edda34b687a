package wechat

import (
	"strings"
	"unicode/utf8"

	"github.com/qrbridge/qrbridge/fx"
)

// textField is a free-text request field: at most max characters, each
// one XML 1.0 and JSON carry unchanged.
type textField struct {
	name     string
	v        string
	max      int
	required bool
}

func (f textField) check() error {
	if f.v == "" {
		if f.required {
			return paramErr(f.name, ErrMissing)
		}
		return nil
	}
	if len(f.v) > 4*f.max || !carriable(f.v) || utf8.RuneCountInString(f.v) > f.max {
		return paramErr(f.name, ErrFormat)
	}
	return nil
}

// carriable reports whether xml.EscapeText and encoding/json write s so
// that it reads back unchanged: valid UTF-8 of characters XML 1.0 allows
// (no NUL, no C0 control but tab, newline and carriage return, no
// surrogate, no U+FFFE or U+FFFF). Both encoders would otherwise replace
// the character with U+FFFD, and a signature made over the original value
// would fail at WeChat Pay without an error here.
func carriable(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || r == 0xFFFE || r == 0xFFFF {
			return false
		}
		i += n
	}
	return true
}

// checkOutNo checks a merchant-side number (out_trade_no, out_refund_no):
// 1-32 of letters, digits and _ - | *, as the order pages allow.
func checkOutNo(name, v string) error {
	if v == "" {
		return paramErr(name, ErrMissing)
	}
	if len(v) > 32 {
		return paramErr(name, ErrFormat)
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !(isAlnum(c) || c == '_' || c == '-' || c == '|' || c == '*') {
			return paramErr(name, ErrFormat)
		}
	}
	return nil
}

func isAlnum(c byte) bool { return c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z' }

// checkNotifyURL checks notify_url: required, https, no query, at most
// 256 bytes of printable ASCII.
func checkNotifyURL(u string) error {
	switch {
	case u == "":
		return paramErr("notify_url", ErrMissing)
	case len(u) > 256 || !isPrintable(u) || !strings.HasPrefix(u, "https://") || len(u) == len("https://") ||
		strings.ContainsAny(u, "?#<>\"'&"):
		return paramErr("notify_url", ErrFormat)
	}
	return nil
}

// minorUnits returns a positive amount in minor units, refusing one with
// more decimals than its currency has rather than rounding it.
func minorUnits(a fx.Amount) (int64, error) {
	if a.Currency().IsZero() {
		return 0, ErrMissing
	}
	m, err := a.Minor(fx.Down)
	if err != nil {
		return 0, ErrFormat
	}
	if m <= 0 || !fx.FromMinor(m, a.Currency()).Decimal().Equal(a.Decimal()) {
		return 0, ErrFormat
	}
	return m, nil
}
