package fx

import (
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
)

// amountSeeds are the fuzz seeds with, per currency, whether ParseAmount
// accepts them; TestAmountSeeds holds ParseAmount to that.
var amountSeeds = []struct {
	s             string
	usd, krw, bhd bool
}{
	{"23.72", true, false, true},
	{"98.", true, true, true},
	{"12000", true, true, true},
	{"0.001", false, false, true},
	{"0.50", true, false, true},
	{"0", true, true, true},
	{"100000000000000000000000000000", true, true, true},     // 30 integer digits
	{"1000000000000000000000000000000", false, false, false}, // 31
	{"1,0", false, false, false},
	{"-1", false, false, false},
	{"1e9", false, false, false},
	{".5", false, false, false},
	{"", false, false, false},
}

func TestAmountSeeds(t *testing.T) {
	for _, sd := range amountSeeds {
		for c, want := range map[Currency]bool{usd: sd.usd, krw: sd.krw, bhd: sd.bhd} {
			_, err := ParseAmount(sd.s, c)
			assert.Equal(t, want, err == nil, "%q in %s: %v", sd.s, c, err)
		}
	}
	for _, sd := range rateSeeds {
		_, err := ParseWeChatRate(sd.s, usd, cny)
		assert.Equal(t, sd.ok, err == nil, "%q: %v", sd.s, err)
	}
}

// FuzzParseAmount: no panic; what parses formats back to a number that
// parses to the same value.
func FuzzParseAmount(f *testing.F) {
	for _, sd := range amountSeeds {
		f.Add(sd.s, "USD")
		f.Add(sd.s, "KRW")
		f.Add(sd.s, "BHD")
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

// rateSeeds are the WeChat rate fuzz seeds and whether they parse.
var rateSeeds = []struct {
	s  string
	ok bool
}{
	{"650000000", true}, {"520000", true}, {"1", true},
	{"99999999999999999999", true}, {"999999999999999999999", false}, // 20 and 21 digits
	{"0", false}, {"-1", false}, {"6.5", false}, {"", false},
}

// FuzzParseWeChatRate: no panic; what parses re-scales to the same text,
// less leading zeros.
func FuzzParseWeChatRate(f *testing.F) {
	for _, sd := range rateSeeds {
		f.Add(sd.s)
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

// FuzzParseRate: no panic, bounded time; what parses is positive and its
// value re-parses to the same rate.
func FuzzParseRate(f *testing.F) {
	for _, s := range []string{"1380", "0.0052", "7.6125", "1e5", "0", ".5", "5.", "1." + strings.Repeat("0", 29) + "1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRate(s, usd, krw)
		if err != nil {
			if !errors.Is(err, ErrSyntax) && !errors.Is(err, ErrRange) {
				t.Fatalf("%q: unexpected error class %v", s, err)
			}
			return
		}
		if r.Value.Sign() <= 0 || len(s) > maxRateLen {
			t.Fatalf("%q accepted as %s", s, r.Value)
		}
		back, err := ParseRate(r.Value.String(), usd, krw)
		if err != nil || !back.Value.Equal(r.Value) {
			t.Fatalf("%q → %s → %v", s, r.Value, err)
		}
		if _, err := Cross(Rate{Base: eur, Quote: usd, Value: r.Value}, Rate{Base: eur, Quote: krw, Value: r.Value}); err != nil {
			t.Fatalf("a parsed rate must cross: %v", err)
		}
	})
}

// FuzzParseECB: no panic; every error is ErrSyntax; every rate is from EUR,
// positive, and listed once.
func FuzzParseECB(f *testing.F) {
	f.Add(ecbDoc(`<Cube currency="USD" rate="1.05"/><Cube currency="KRW" rate="1470"/>`))
	f.Add(ecbDoc(`<Cube currency="USD" rate="1e-100000000"/>`))
	f.Add(ecbDoc(`<Cube currency="EUR" rate="2"/>`))
	f.Add(ecbDoc(`<Cube currency="USD" rate="1"/><Cube currency="USD" rate="2"/>`))
	f.Fuzz(func(t *testing.T, doc string) {
		rates, err := ParseECB(strings.NewReader(doc))
		if err != nil {
			if !errors.Is(err, ErrSyntax) {
				t.Fatalf("error is not ErrSyntax: %v", err)
			}
			return
		}
		seen := map[Currency]bool{}
		for _, r := range rates {
			if r.Base != eur || r.Quote == eur || r.Value.Sign() <= 0 || seen[r.Quote] {
				t.Fatalf("bad rate %+v", r)
			}
			seen[r.Quote] = true
		}
	})
}
