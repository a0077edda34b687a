package fx

import (
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMulRoundMatchesDecimal checks the int64 fast path against decimal
// arithmetic on random products, ties included, in every mode.
func TestMulRoundMatchesDecimal(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	modes := []Rounding{HalfEven, HalfUp, Down, Up, Ceiling, Floor, HalfDown}
	for range 20000 {
		a := decimal.New(rng.Int64N(2e9)-1e9, -int32(rng.IntN(4)))
		b := decimal.New(rng.Int64N(2e9)+1, -int32(rng.IntN(12)))
		if rng.IntN(4) == 0 { // force ties: b ends in 5 at the cut
			b = decimal.New(rng.Int64N(1e6)*10+5, -int32(rng.IntN(4)+1))
		}
		places := int32(rng.IntN(4))
		for _, m := range modes {
			want := m.round(a.Mul(b), places)
			got := m.mulRound(a, b, places)
			if !got.Equal(want) {
				t.Fatalf("%s × %s at %d (%s): got %s, want %s", a, b, places, m, got, want)
			}
		}
	}
}

func TestMulRoundFallsBackOnOverflow(t *testing.T) {
	a := decimal.New(9e18, 0)
	b := decimal.New(9e18, -30)
	assert.True(t, HalfEven.mulRound(a, b, 2).Equal(HalfEven.round(a.Mul(b), 2)))
	_, ok := HalfEven.mulRoundInt64(a, b, 2)
	assert.False(t, ok, "the product does not fit in int64")
	big := decimal.RequireFromString("123456789012345678901234567890")
	assert.True(t, Up.mulRound(big, b, 2).Equal(Up.round(big.Mul(b), 2)))
}

func TestConvertAllocationBudget(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("instrumented builds allocate differently")
	}
	r := Rate{Base: krw, Quote: cny, Value: dec("0.0052")}
	amount := FromMinor(12000, krw)
	var out Amount
	var err error
	got := testing.AllocsPerRun(200, func() { out, err = Convert(amount, r, HalfEven) })
	require.NoError(t, err)
	assert.Equal(t, "62.40 CNY", out.String(), "the measured call converted")
	assert.LessOrEqual(t, got, 2.0, "the int64 path allocates only the result's big.Int")
}

func TestRoundingModeTable(t *testing.T) {
	// Each row: the value, then the result in HalfEven, HalfUp, Down, Up,
	// Ceiling, Floor, HalfDown at two decimals.
	tests := []struct {
		in   string
		want [7]string
	}{
		{"2.345", [7]string{"2.34", "2.35", "2.34", "2.35", "2.35", "2.34", "2.34"}},
		{"2.355", [7]string{"2.36", "2.36", "2.35", "2.36", "2.36", "2.35", "2.35"}},
		{"2.3451", [7]string{"2.35", "2.35", "2.34", "2.35", "2.35", "2.34", "2.35"}},
		{"2.341", [7]string{"2.34", "2.34", "2.34", "2.35", "2.35", "2.34", "2.34"}},
		{"2.349", [7]string{"2.35", "2.35", "2.34", "2.35", "2.35", "2.34", "2.35"}},
		{"-2.345", [7]string{"-2.34", "-2.35", "-2.34", "-2.35", "-2.34", "-2.35", "-2.34"}},
		{"-2.341", [7]string{"-2.34", "-2.34", "-2.34", "-2.35", "-2.34", "-2.35", "-2.34"}},
		{"-2.349", [7]string{"-2.35", "-2.35", "-2.34", "-2.35", "-2.34", "-2.35", "-2.35"}},
		{"2.34", [7]string{"2.34", "2.34", "2.34", "2.34", "2.34", "2.34", "2.34"}},
		{"0.005", [7]string{"0", "0.01", "0", "0.01", "0.01", "0", "0"}},
	}
	modes := []Rounding{HalfEven, HalfUp, Down, Up, Ceiling, Floor, HalfDown}
	for _, tt := range tests {
		for i, m := range modes {
			d := decimal.RequireFromString(tt.in)
			want := decimal.RequireFromString(tt.want[i])
			assert.True(t, m.round(d, 2).Equal(want), "%s %s: round %s", tt.in, m, m.round(d, 2))
			// The integer path: the same value as a product with 1.
			got := m.mulRound(d, decimal.New(1, 0), 2)
			assert.True(t, got.Equal(want), "%s %s: mulRound %s", tt.in, m, got)
		}
	}
	names := map[string]bool{}
	for _, m := range modes {
		names[m.String()] = true
	}
	assert.Len(t, names, 7, "every mode has its own name")
	assert.Equal(t, "unknown", Rounding(200).String())
	assert.Equal(t, "half-down", HalfDown.String())
	assert.Equal(t, "ceiling", Ceiling.String())
	assert.Equal(t, "floor", Floor.String())
}

// TestMulRoundScaleGap covers the cut between the integer path and the
// fallback: a gap of 18 decimals is the largest power of ten an int64
// holds; 19 must fall back (indexing pow10[19] would panic).
func TestMulRoundScaleGap(t *testing.T) {
	for _, tt := range []struct {
		a       decimal.Decimal
		places  int32
		ok      bool
		halfEvn string
		down    string
	}{
		{decimal.New(9e17, -18), 0, true, "1", "0"},           // 0.9, gap 18
		{decimal.New(5e17, -18), 0, true, "0", "0"},           // 0.5, a tie
		{decimal.New(9e18, -19), 0, false, "1", "0"},          // 0.9, gap 19
		{decimal.New(15e17, -19), 0, false, "0", "0"},         // 0.15
		{decimal.New(9e18, -21), 2, false, "0.01", "0"},       // 0.009, gap 19 at 2 places
		{decimal.New(123456789, -20), 2, true, "0", "0"},      // gap 18 at 2 places
		{decimal.New(1234567891234, -19), 0, false, "0", "0"}, // gap 19, tiny value
	} {
		_, ok := HalfEven.mulRoundInt64(tt.a, decimal.New(1, 0), tt.places)
		assert.Equal(t, tt.ok, ok, "%s", tt.a)
		assert.Equal(t, tt.halfEvn, HalfEven.mulRound(tt.a, decimal.New(1, 0), tt.places).String(), "%s", tt.a)
		assert.Equal(t, tt.down, Down.mulRound(tt.a, decimal.New(1, 0), tt.places).String(), "%s", tt.a)
	}
}

// TestMulRoundWideCoefficients: a coefficient of 19 or more digits, which
// may not fit in int64, times a small number must take the decimal path
// and be exact.
func TestMulRoundWideCoefficients(t *testing.T) {
	for _, tt := range []struct{ a, b, want string }{
		{"9999999999999999999", "1", "9999999999999999999"}, // 19 digits, above MaxInt64
		{"9223372036854775808", "1", "9223372036854775808"}, // MaxInt64 + 1
		{"9223372036854775807", "1", "9223372036854775807"}, // MaxInt64, 19 digits
		{"999999999999999999", "2", "1999999999999999998"},  // 18 digits: the integer path
		{"12345678901234567890.12", "3", "37037036703703703670.36"},
		{"3", "99999999999999999999", "299999999999999999997"},
		{"4611686018427387904", "2", "9223372036854775808"}, // the product overflows int64
	} {
		a, b := decimal.RequireFromString(tt.a), decimal.RequireFromString(tt.b)
		for _, m := range []Rounding{HalfEven, Down, Up} {
			got := m.mulRound(a, b, 2)
			assert.Equal(t, tt.want, got.String(), "%s × %s (%s)", tt.a, tt.b, m)
		}
	}
	_, ok := HalfEven.mulRoundInt64(decimal.RequireFromString("999999999999999999"), decimal.New(2, 0), 2)
	assert.True(t, ok, "18 digits fit")
	_, ok = HalfEven.mulRoundInt64(decimal.RequireFromString("1000000000000000000"), decimal.New(1, 0), 2)
	assert.False(t, ok, "19 digits take the decimal path")
	_, ok = HalfEven.mulRoundInt64(decimal.New(1, 0), decimal.RequireFromString("1000000000000000000"), 2)
	assert.False(t, ok, "on either side")
	_, ok = HalfEven.mulRoundInt64(decimal.New(2, 0), decimal.RequireFromString("999999999999999999"), 2)
	assert.True(t, ok, "18 digits fit on the right too")
	neg, ok := HalfEven.mulRoundInt64(decimal.New(-5, 0), decimal.New(3, -1), 0)
	assert.True(t, ok, "negative coefficients take the integer path")
	assert.Equal(t, "-2", neg.String()) // -1.5 to even
	neg, ok = Floor.mulRoundInt64(decimal.New(5, 0), decimal.New(-3, -1), 0)
	assert.True(t, ok)
	assert.Equal(t, "-2", neg.String())
	// 2^63-1 = 454279 × 20303320287433: the largest product the integer
	// path takes; 2^63 = 2^31 × 2^32 is the first it leaves.
	got, ok := HalfEven.mulRoundInt64(decimal.New(454279, 0), decimal.New(20303320287433, 0), 0)
	assert.True(t, ok, "MaxInt64 fits")
	assert.Equal(t, "9223372036854775807", got.String())
	_, ok = HalfEven.mulRoundInt64(decimal.New(1<<31, 0), decimal.New(1<<32, 0), 0)
	assert.False(t, ok, "2^63 does not")
	assert.Equal(t, "9223372036854775808", HalfEven.mulRound(decimal.New(1<<31, 0), decimal.New(1<<32, 0), 0).String())
}
