package fx

import (
	"slices"

	"github.com/shopspring/decimal"
)

// Neg returns -a: a refund or a reversal of a.
func (a Amount) Neg() Amount { return Amount{n: a.n.Neg(), cur: a.cur} }

// Abs returns the magnitude of a.
func (a Amount) Abs() Amount { return Amount{n: a.n.Abs(), cur: a.cur} }

// MulRound returns a × factor rounded with mode at the currency's minor
// units: a 3% convenience fee on ₩12,345 is MulRound(0.03, Up) = ₩371.
// The product is computed exactly before the one rounding. It fails with
// an [*UnknownCurrencyError] on the zero Amount.
//
// [Amount.MulBasisPoints] does the same without a decimal in the caller's
// code.
func (a Amount) MulRound(factor decimal.Decimal, mode Rounding) (Amount, error) {
	if a.cur.IsZero() {
		return Amount{}, &UnknownCurrencyError{}
	}
	return Amount{n: mode.mulRound(a.n, factor, int32(a.cur.minor)), cur: a.cur}, nil
}

// MulBasisPoints returns a × bps / 10,000 rounded with mode at the
// currency's minor units (1 bp = 0.01%): a 3% fee is MulBasisPoints(300,
// mode). Negative bps give a negative result (a discount).
func (a Amount) MulBasisPoints(bps int64, mode Rounding) (Amount, error) {
	return a.MulRound(decimal.New(bps, -4), mode)
}

// maxParts bounds [Amount.Split] and [Amount.Allocate], far beyond any
// real split of a payment, so that a hostile count cannot allocate
// without bound.
const maxParts = 1 << 16

// Split divides a into n parts that differ by at most one minor unit and
// sum exactly to a: 100.00 in three is 33.34, 33.33, 33.33 (the larger
// parts first; for a negative a, the larger magnitudes first). a must be
// a whole number of minor units ([ErrPrecision] otherwise, round it
// first); n must be between 1 and 65,536 ([ErrRange]). The slice is
// fresh.
func (a Amount) Split(n int) ([]Amount, error) {
	if n < 1 || n > maxParts {
		return nil, ErrRange
	}
	ratios := make([]int64, n)
	for i := range ratios {
		ratios[i] = 1
	}
	return a.Allocate(ratios...)
}

// Allocate divides a into parts proportional to ratios that sum exactly to
// a: a 10.00 fee shared 70:30 is 7.00 and 3.00; 0.05 shared 1:1:1 is 0.02,
// 0.02, 0.01. Each part is first its exact share rounded toward zero; the
// minor units left over (fewer than the number of ratios) go one each to
// the parts whose shares lost the most to that rounding, the earlier part
// on a tie (the largest-remainder method). So every part is less than one
// minor unit from its exact share, and a zero ratio, or a share that was
// already whole, gets nothing extra. The computation is exact
// (shopspring/decimal integer division), whatever the size of a.
//
// a must be a whole number of minor units ([ErrPrecision]); ratios must
// be non-negative with a positive sum, and at most 65,536 of them
// ([ErrRange]). The zero Amount fails with an [*UnknownCurrencyError].
// The slice is fresh.
func (a Amount) Allocate(ratios ...int64) ([]Amount, error) {
	if a.cur.IsZero() {
		return nil, &UnknownCurrencyError{}
	}
	units := a.n.Shift(int32(a.cur.minor))
	if !units.IsInteger() {
		return nil, ErrPrecision
	}
	total, err := ratioSum(ratios)
	if err != nil {
		return nil, err
	}
	magnitude, sign := units.Abs(), decimal.New(int64(units.Sign()), 0)
	out := make([]Amount, len(ratios))
	rems := make([]decimal.Decimal, len(ratios))
	left := magnitude
	for i, r := range ratios {
		share, rem := magnitude.Mul(decimal.New(r, 0)).QuoRem(total, 0) // exact, truncated
		out[i], rems[i] = Amount{n: share, cur: a.cur}, rem
		left = left.Sub(share)
	}
	// left < len(ratios) units remain; each goes to one of the parts with
	// the largest remainders, the earlier part on a tie.
	order := make([]int, len(ratios))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int { return rems[y].Cmp(rems[x]) })
	for _, i := range order[:left.IntPart()] {
		out[i].n = out[i].n.Add(decimal.New(1, 0))
	}
	for i := range out {
		out[i].n = out[i].n.Mul(sign).Shift(-int32(a.cur.minor))
	}
	return out, nil
}

// ratioSum validates ratios and returns their sum.
func ratioSum(ratios []int64) (decimal.Decimal, error) {
	if len(ratios) > maxParts { // no ratios at all fail below: their sum is 0
		return decimal.Decimal{}, ErrRange
	}
	total := decimal.Zero
	for _, r := range ratios {
		if r < 0 {
			return decimal.Decimal{}, ErrRange
		}
		total = total.Add(decimal.New(r, 0))
	}
	if total.Sign() <= 0 {
		return decimal.Decimal{}, ErrRange
	}
	return total, nil
}
