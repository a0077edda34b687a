package fx

import (
	"math"
	"math/bits"

	"github.com/shopspring/decimal"
)

// Rounding says how a value is brought to a currency's minor units. The
// zero value is [HalfEven], banker's rounding, which has no bias over many
// conversions. The modes are those of IEEE 754-2008 §4.3 and of Java's
// RoundingMode, which bojanz/currency and govalues/money also follow.
type Rounding uint8

const (
	HalfEven Rounding = iota // to nearest, ties to even: 2.345 → 2.34, 2.355 → 2.36
	HalfUp                   // to nearest, ties away from zero: 2.345 → 2.35, -2.345 → -2.35
	Down                     // toward zero (truncate): 2.349 → 2.34, -2.349 → -2.34
	Up                       // away from zero: 2.341 → 2.35, -2.341 → -2.35
	Ceiling                  // toward +∞: 2.341 → 2.35, -2.349 → -2.34
	Floor                    // toward −∞: 2.349 → 2.34, -2.341 → -2.35
	HalfDown                 // to nearest, ties toward zero: 2.345 → 2.34, 2.3451 → 2.35
)

// String returns the mode's name.
func (r Rounding) String() string {
	switch r {
	case HalfEven:
		return "half-even"
	case HalfUp:
		return "half-up"
	case Down:
		return "down"
	case Up:
		return "up"
	case Ceiling:
		return "ceiling"
	case Floor:
		return "floor"
	case HalfDown:
		return "half-down"
	}
	return "unknown"
}

// round rounds d to places decimals.
func (r Rounding) round(d decimal.Decimal, places int32) decimal.Decimal {
	switch r {
	case HalfUp:
		return d.Round(places)
	case Down:
		return d.RoundDown(places)
	case Up:
		return d.RoundUp(places)
	case Ceiling:
		return d.RoundCeil(places)
	case Floor:
		return d.RoundFloor(places)
	case HalfDown:
		return roundHalfDown(d, places)
	}
	return d.RoundBank(places)
}

// roundHalfDown rounds d to places decimals, to nearest with ties toward
// zero; shopspring/decimal has no such mode.
func roundHalfDown(d decimal.Decimal, places int32) decimal.Decimal {
	t := d.Truncate(places)
	if d.Sub(t).Abs().Cmp(decimal.New(5, -places-1)) <= 0 {
		return t
	}
	return t.Add(decimal.New(int64(d.Sign()), -places))
}

// pow10 holds 10^0 to 10^18, every power of ten an int64 holds.
var pow10 = func() (t [19]int64) {
	t[0] = 1
	for i := 1; i < len(t); i++ {
		t[i] = t[i-1] * 10
	}
	return t
}()

// mulRound returns a×b rounded with r to places decimals. When both
// coefficients and their product fit in int64, it works on integers (one
// division, no big.Int); otherwise it falls back to decimal arithmetic.
// Both paths give the same, exact result.
func (r Rounding) mulRound(a, b decimal.Decimal, places int32) decimal.Decimal {
	if d, ok := r.mulRoundInt64(a, b, places); ok {
		return d
	}
	return r.round(a.Mul(b), places)
}

func (r Rounding) mulRoundInt64(a, b decimal.Decimal, places int32) (decimal.Decimal, bool) {
	if a.NumDigits() > 18 || b.NumDigits() > 18 { // coefficient may not fit in int64
		return decimal.Decimal{}, false
	}
	ca, cb := a.CoefficientInt64(), b.CoefficientInt64()
	neg := (ca < 0) != (cb < 0)
	hi, lo := bits.Mul64(abs64(ca), abs64(cb))
	if hi != 0 || lo > math.MaxInt64 {
		return decimal.Decimal{}, false
	}
	coef, exp := int64(lo), a.Exponent()+b.Exponent()
	if exp >= -places { // already exact at the target precision
		return decimal.New(sign(coef, neg), exp), true
	}
	k := -places - exp
	if k >= int32(len(pow10)) {
		return decimal.Decimal{}, false
	}
	q, rem := coef/pow10[k], coef%pow10[k]
	if r.roundsAway(q, rem, pow10[k], neg) {
		q++
	}
	return decimal.New(sign(q, neg), -places), true
}

// roundsAway decides, for a non-negative quotient q and remainder rem of a
// division by div of a magnitude whose sign is negative when neg, whether
// the magnitude rounds away from zero.
func (r Rounding) roundsAway(q, rem, div int64, neg bool) bool {
	if rem == 0 {
		return false
	}
	switch r {
	case Down:
		return false
	case Up:
		return true
	case Ceiling:
		return !neg
	case Floor:
		return neg
	}
	twice := 2 * rem // rem < div ≤ 10^18, so no overflow
	if twice != div {
		return twice > div
	}
	// A tie: half-up goes away, half-down stays, half-even goes to even.
	return r == HalfUp || r == HalfEven && q%2 == 1
}

func abs64(v int64) uint64 {
	if v < 0 {
		return uint64(-v)
	}
	return uint64(v)
}

func sign(v int64, neg bool) int64 {
	if neg {
		return -v
	}
	return v
}
