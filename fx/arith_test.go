package fx

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func strs(as []Amount) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.Number()
	}
	return out
}

func TestNegAbs(t *testing.T) {
	a := FromMinor(-320, cny)
	assert.Equal(t, "3.20 CNY", a.Abs().String())
	assert.Equal(t, "3.20 CNY", a.Neg().String())
	assert.Equal(t, "-3.20 CNY", a.Neg().Neg().String())
	assert.Equal(t, 1, a.Neg().Sign())
	assert.Equal(t, -1, a.Sign())
	assert.Equal(t, 0, Zero(krw).Neg().Sign())
	assert.Equal(t, cny, a.Neg().Currency())
	assert.Equal(t, cny, a.Abs().Currency())
}

func TestMulRoundFees(t *testing.T) {
	tests := []struct {
		amount Amount
		factor string
		mode   Rounding
		want   string
	}{
		{FromMinor(12345, krw), "0.03", Up, "371 KRW"},         // 370.35
		{FromMinor(12345, krw), "0.03", Down, "370 KRW"},       // the payer's favour
		{FromMinor(12345, krw), "0.03", HalfEven, "370 KRW"},   // 370.35
		{FromMinor(1750, usd), "0.15", HalfUp, "2.63 USD"},     // a 15% tip: 2.625
		{FromMinor(1750, usd), "0.15", HalfEven, "2.62 USD"},   // the tie to even
		{FromMinor(1750, usd), "0.15", HalfDown, "2.62 USD"},   // the tie toward zero
		{FromMinor(-1750, usd), "0.15", Ceiling, "-2.62 USD"},  // toward +∞
		{FromMinor(-1750, usd), "0.15", Floor, "-2.63 USD"},    // toward −∞
		{FromMinor(1999, bhd), "1.5", HalfEven, "2.998 BHD"},   // 2.9985, tie to even
		{FromMinor(1, usd), "0", HalfEven, "0.00 USD"},         // nothing
		{FromMinor(100, usd), "-0.1", HalfEven, "-0.10 USD"},   // a discount
		{FromMinor(999, jpy), "1.0000000001", Up, "1000 JPY"},  // a tiny excess still rounds up
		{FromMinor(999, jpy), "1.0000000001", Down, "999 JPY"}, // and down
		{NewAmount(dec("1e25"), usd), "0.03", HalfEven, "300000000000000000000000.00 USD"},
	}
	for _, tt := range tests {
		got, err := tt.amount.MulRound(dec(tt.factor), tt.mode)
		require.NoError(t, err)
		assert.Equal(t, tt.want, got.String(), "%s × %s (%s)", tt.amount, tt.factor, tt.mode)
	}
	fee, err := FromMinor(12345, krw).MulBasisPoints(300, Up)
	require.NoError(t, err)
	assert.Equal(t, "371 KRW", fee.String())
	disc, err := FromMinor(1000, usd).MulBasisPoints(-250, HalfEven)
	require.NoError(t, err)
	assert.Equal(t, "-0.25 USD", disc.String())
	_, err = Amount{}.MulRound(dec("2"), HalfEven)
	assert.ErrorIs(t, err, ErrUnknownCurrency)
	_, err = Amount{}.MulBasisPoints(1, HalfEven)
	assert.ErrorIs(t, err, ErrUnknownCurrency)
}

// TestMulRoundMatchesShopspring is a property test: MulRound is the exact
// product rounded once, as shopspring/decimal computes it, in every mode.
func TestMulRoundMatchesShopspring(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	curs := []Currency{krw, usd, bhd}
	modes := []Rounding{HalfEven, HalfUp, Down, Up, Ceiling, Floor, HalfDown}
	for range 5000 {
		c := curs[rng.IntN(len(curs))]
		a := FromMinor(rng.Int64N(2e12)-1e12, c)
		f := decimal.New(rng.Int64N(2e6)-1e6, -int32(rng.IntN(8)))
		m := modes[rng.IntN(len(modes))]
		got, err := a.MulRound(f, m)
		require.NoError(t, err)
		exact := a.Decimal().Mul(f)
		var want decimal.Decimal
		switch m {
		case HalfEven:
			want = exact.RoundBank(int32(c.MinorUnits()))
		case HalfUp:
			want = exact.Round(int32(c.MinorUnits()))
		case Down:
			want = exact.Truncate(int32(c.MinorUnits()))
		case Up:
			want = exact.RoundUp(int32(c.MinorUnits()))
		case Ceiling:
			want = exact.RoundCeil(int32(c.MinorUnits()))
		case Floor:
			want = exact.RoundFloor(int32(c.MinorUnits()))
		case HalfDown:
			// Nearest, and on a tie the one nearer zero.
			lo, hi := exact.Truncate(int32(c.MinorUnits())), exact.RoundUp(int32(c.MinorUnits()))
			want = lo
			if hi.Sub(exact).Abs().LessThan(exact.Sub(lo).Abs()) {
				want = hi
			}
		}
		require.True(t, got.Decimal().Equal(want), "%s × %s (%s): got %s, want %s", a, f, m, got, want)
		require.Equal(t, c, got.Currency())
	}
}

func TestSplit(t *testing.T) {
	tests := []struct {
		amount Amount
		n      int
		want   []string
	}{
		{FromMinor(10000, usd), 3, []string{"33.34", "33.33", "33.33"}},
		{FromMinor(-10000, usd), 3, []string{"-33.34", "-33.33", "-33.33"}},
		{FromMinor(1, usd), 3, []string{"0.01", "0.00", "0.00"}},
		{FromMinor(12000, krw), 7, []string{"1715", "1715", "1714", "1714", "1714", "1714", "1714"}},
		{FromMinor(1000, bhd), 3, []string{"0.334", "0.333", "0.333"}},
		{FromMinor(500, usd), 1, []string{"5.00"}},
		{Zero(krw), 2, []string{"0", "0"}},
	}
	for _, tt := range tests {
		parts, err := tt.amount.Split(tt.n)
		require.NoError(t, err)
		assert.Equal(t, tt.want, strs(parts), "%s / %d", tt.amount, tt.n)
		for _, p := range parts {
			assert.Equal(t, tt.amount.Currency(), p.Currency())
		}
	}
	for _, n := range []int{0, -1, maxParts + 1} {
		_, err := FromMinor(100, usd).Split(n)
		assert.ErrorIs(t, err, ErrRange, n)
	}
	parts, err := FromMinor(100, usd).Split(maxParts)
	require.NoError(t, err)
	assert.Len(t, parts, maxParts)
	_, err = NewAmount(dec("1.005"), usd).Split(2)
	assert.ErrorIs(t, err, ErrPrecision)
	_, err = Amount{}.Split(2)
	assert.ErrorIs(t, err, ErrUnknownCurrency)
}

func TestAllocate(t *testing.T) {
	tests := []struct {
		amount Amount
		ratios []int64
		want   []string
	}{
		{FromMinor(1000, usd), []int64{70, 30}, []string{"7.00", "3.00"}},
		{FromMinor(5, usd), []int64{1, 1, 1}, []string{"0.02", "0.02", "0.01"}},
		{FromMinor(5, usd), []int64{0, 1, 1}, []string{"0.00", "0.03", "0.02"}},
		{FromMinor(5, usd), []int64{1, 0, 1}, []string{"0.03", "0.00", "0.02"}},
		{FromMinor(-5, usd), []int64{1, 1, 1}, []string{"-0.02", "-0.02", "-0.01"}},
		{FromMinor(100, krw), []int64{1, 2, 3}, []string{"17", "33", "50"}}, // 16.67, 33.33, 50
		{FromMinor(12000, krw), []int64{3}, []string{"12000"}},
		{FromMinor(12000, krw), []int64{0, 5}, []string{"0", "12000"}},
		{FromMinor(1, krw), []int64{9223372036854775807, 9223372036854775807}, []string{"1", "0"}},
		{NewAmount(dec("1e30"), krw), []int64{1, 1, 1}, []string{
			"333333333333333333333333333334", "333333333333333333333333333333", "333333333333333333333333333333"}},
	}
	for _, tt := range tests {
		parts, err := tt.amount.Allocate(tt.ratios...)
		require.NoError(t, err)
		assert.Equal(t, tt.want, strs(parts), "%s by %v", tt.amount, tt.ratios)
	}
	tooMany := make([]int64, maxParts+1)
	for i := range tooMany {
		tooMany[i] = 1
	}
	for _, bad := range [][]int64{nil, {0}, {0, 0}, {1, -1}, {-1, 2}, tooMany} {
		_, err := FromMinor(100, usd).Allocate(bad...)
		assert.ErrorIs(t, err, ErrRange, "%v", len(bad))
	}
	_, err := NewAmount(dec("0.5"), krw).Allocate(1, 1)
	assert.ErrorIs(t, err, ErrPrecision)
	_, err = Amount{}.Allocate(1)
	assert.ErrorIs(t, err, ErrUnknownCurrency)
}

// TestAllocateProperties is a property test against shopspring/decimal:
// the parts sum exactly to the amount, each is a whole number of minor
// units, and each is within one minor unit of its exact share.
func TestAllocateProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	curs := []Currency{krw, usd, bhd}
	for range 3000 {
		c := curs[rng.IntN(len(curs))]
		a := FromMinor(rng.Int64N(2e12)-1e12, c)
		ratios := make([]int64, 1+rng.IntN(8))
		sum := int64(0)
		for i := range ratios {
			ratios[i] = rng.Int64N(1000)
			if rng.IntN(5) == 0 {
				ratios[i] = 0
			}
			sum += ratios[i]
		}
		if sum == 0 {
			ratios[0], sum = 1, 1
		}
		parts, err := a.Allocate(ratios...)
		require.NoError(t, err)
		require.Len(t, parts, len(ratios))
		total := decimal.Zero
		unit := decimal.New(1, -int32(c.MinorUnits()))
		for i, p := range parts {
			require.Equal(t, c, p.Currency())
			total = total.Add(p.Decimal())
			require.True(t, p.Decimal().Shift(int32(c.MinorUnits())).IsInteger(), "%s", p)
			exact := a.Decimal().Mul(decimal.New(ratios[i], 0)).Div(decimal.New(sum, 0))
			require.True(t, p.Decimal().Sub(exact).Abs().LessThan(unit), "%s by %v: part %d is %s, exact %s", a, ratios, i, p, exact)
			if ratios[i] == 0 {
				require.True(t, p.IsZero())
			}
		}
		require.True(t, total.Equal(a.Decimal()), "%s by %v sums to %s", a, ratios, total)

		n := 1 + rng.IntN(12)
		split, err := a.Split(n)
		require.NoError(t, err)
		total = decimal.Zero
		lo, hi := split[0].Decimal().Abs(), split[0].Decimal().Abs()
		for _, p := range split {
			total = total.Add(p.Decimal())
			lo, hi = decimal.Min(lo, p.Decimal().Abs()), decimal.Max(hi, p.Decimal().Abs())
		}
		require.True(t, total.Equal(a.Decimal()), "%s / %d", a, n)
		require.True(t, hi.Sub(lo).LessThanOrEqual(unit), "%s / %d: parts differ by more than one unit", a, n)
	}
}

func TestParseRate(t *testing.T) {
	tests := []struct {
		in   string
		want string
		err  error
	}{
		{"1380", "1380", nil},
		{"0.0052", "0.0052", nil},
		{"7.6125", "7.6125", nil},
		{"007.50", "7.5", nil},
		{"9.99", "9.99", nil},
		{"90", "90", nil},
		{"1/2", "", ErrSyntax},
		{"1:2", "", ErrSyntax},
		{"9.:", "", ErrSyntax},
		{"1." + strings.Repeat("0", 29) + "1", "1." + strings.Repeat("0", 29) + "1", nil}, // 32 bytes
		{"1." + strings.Repeat("0", 30) + "1", "", ErrSyntax},                             // 33 bytes
		{"0", "", ErrRange},
		{"0.000", "", ErrRange},
		{"", "", ErrSyntax},
		{"1e3", "", ErrSyntax},
		{"-1", "", ErrSyntax},
		{"+1", "", ErrSyntax},
		{".5", "", ErrSyntax},
		{"5.", "", ErrSyntax},
		{"1.2.3", "", ErrSyntax},
		{"1,380", "", ErrSyntax},
		{" 1", "", ErrSyntax},
		{"١", "", ErrSyntax},
	}
	for _, tt := range tests {
		r, err := ParseRate(tt.in, usd, krw)
		if tt.err != nil {
			assert.ErrorIs(t, err, tt.err, tt.in)
			continue
		}
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.want, r.Value.String())
		assert.Equal(t, usd, r.Base)
		assert.Equal(t, krw, r.Quote)
	}
	_, err := ParseRate("1", Currency{}, krw)
	assert.ErrorIs(t, err, ErrUnknownCurrency)
	start := time.Now()
	_, err = ParseRate(strings.Repeat("9", 800_000), usd, krw)
	assert.ErrorIs(t, err, ErrSyntax)
	assert.Less(t, time.Since(start).Milliseconds(), int64(100), "800K digits are refused by length")
}
