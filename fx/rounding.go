package fx

import "github.com/shopspring/decimal"

// Rounding says how a value is brought to a currency's minor units. The
// zero value is [HalfEven], banker's rounding, which has no bias over many
// conversions.
type Rounding uint8

const (
	HalfEven Rounding = iota // to nearest, ties to even: 2.345 → 2.34, 2.355 → 2.36
	HalfUp                   // to nearest, ties away from zero: 2.345 → 2.35, -2.345 → -2.35
	Down                     // toward zero (truncate): 2.349 → 2.34
	Up                       // away from zero: 2.341 → 2.35
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
	}
	return d.RoundBank(places)
}
