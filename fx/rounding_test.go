package fx

import (
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
)

// TestMulRoundMatchesDecimal checks the int64 fast path against decimal
// arithmetic on random products, ties included, in every mode.
func TestMulRoundMatchesDecimal(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	modes := []Rounding{HalfEven, HalfUp, Down, Up}
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
	got := testing.AllocsPerRun(200, func() { _, _ = Convert(amount, r, HalfEven) })
	assert.LessOrEqual(t, got, 2.0, "the int64 path allocates only the result's big.Int")
}
