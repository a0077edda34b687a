package fx

import (
	"testing"

	"github.com/shopspring/decimal"
)

// FuzzParseAmount: no panic; what parses formats back to a number that
// parses to the same value.
func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"23.72", "98.", "12000", "0.001", "1,0", "-1", "1e9", ""} {
		f.Add(s, "USD")
		f.Add(s, "KRW")
		f.Add(s, "BHD")
	}
	f.Fuzz(func(t *testing.T, s, code string) {
		c, err := LookupCurrency(code)
		if err != nil {
			return
		}
		a, err := ParseAmount(s, c)
		if err != nil {
			return
		}
		b, err := ParseAmount(a.Number(), c)
		if err != nil || !a.Decimal().Equal(b.Decimal()) {
			t.Fatalf("%q → %q → %v", s, a.Number(), err)
		}
		m, err := a.Minor(HalfEven)
		if err == nil && !FromMinor(m, c).Decimal().Equal(a.Decimal()) {
			t.Fatalf("minor units of %q: %d", s, m)
		}
	})
}

// FuzzParseWeChatRate: no panic; what parses re-scales to the same text,
// less leading zeros.
func FuzzParseWeChatRate(f *testing.F) {
	for _, s := range []string{"650000000", "520000", "0", "1", "-1", "6.5", "99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseWeChatRate(s, usd, cny)
		if err != nil {
			return
		}
		back, err := r.WeChatScaled()
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		if !decimal.RequireFromString(back).Equal(decimal.RequireFromString(s)) {
			t.Fatalf("%q → %q", s, back)
		}
	})
}
