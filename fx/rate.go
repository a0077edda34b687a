package fx

import (
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Rate says that one unit of Base buys Value units of Quote: for USD/KRW
// at 1380, Base is USD, Quote is KRW and Value is 1380. AsOf is when the
// rate was published and Source who published it ("ecb", "wechat", a
// provider name); both are informational and may be zero.
//
// A Rate is a plain value, safe to copy and share. The zero Rate is
// invalid: [Convert] refuses it.
type Rate struct {
	Base, Quote Currency
	Value       decimal.Decimal
	AsOf        time.Time
	Source      string
}

// inversePlaces is the precision of an inverted or divided rate: far more
// than any currency's minor units, so that converting with it and rounding
// to the target currency is exact in practice.
const inversePlaces = 16

// maxRateLen bounds the text of a rate: ParseRate and ParseECB accept
// plain decimals of at most 32 bytes, far more digits than any published
// rate has (the ECB publishes at most six significant digits), so that the
// arithmetic on a parsed rate is bounded.
const maxRateLen = 32

// maxRateBits and maxRateScale bound the rates [Rate.Inverse], [Cross] and
// [Rate.Chain] derive from: a coefficient of at most 256 bits (77 digits)
// and an exponent within ±64. Division and multiplication work grows with
// the size of the numbers; these bounds keep it to microseconds for rates
// built by hand as well as for parsed ones.
const (
	maxRateBits  = 256
	maxRateScale = 64
)

// ParseRate reads a rate written as a plain decimal, such as "1380",
// "0.0052" or "7.6125": one unit of base buys that many units of quote.
// Only digits and at most one "." with digits on both sides are accepted,
// at most 32 bytes: no sign, exponent, spaces or grouping. The rate must
// be positive. This is the literal form callers use without importing a
// decimal package.
func ParseRate(s string, base, quote Currency) (Rate, error) {
	v, err := parseRateValue(s)
	if err != nil {
		return Rate{}, err
	}
	r := Rate{Base: base, Quote: quote, Value: v}
	return r, r.valid()
}

// parseRateValue reads the plain decimal of [ParseRate]; it runs in time
// linear in len(s), which is bounded.
func parseRateValue(s string) (decimal.Decimal, error) {
	if len(s) > maxRateLen {
		return decimal.Decimal{}, &syntaxError{what: "rate has more than 32 characters"}
	}
	if !plainRate(s) {
		return decimal.Decimal{}, &syntaxError{what: "rate is not a plain decimal"}
	}
	v, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Decimal{}, &syntaxError{what: "rate does not parse"}
	}
	if v.Sign() <= 0 {
		return decimal.Decimal{}, ErrRange
	}
	return v, nil
}

// plainRate reports whether s is digits with at most one "." that has a
// digit on each side.
func plainRate(s string) bool {
	whole, frac, dot := strings.Cut(s, ".")
	return isDigits(whole) && (!dot || isDigits(frac))
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// bounded reports, with [ErrRange], a rate too large or too precise to
// derive from in bounded time (see maxRateBits).
func (r Rate) bounded() error {
	if e := r.Value.Exponent(); e < -maxRateScale || e > maxRateScale {
		return ErrRange
	}
	if r.Value.Coefficient().BitLen() > maxRateBits {
		return ErrRange
	}
	return nil
}

// derivable is valid and bounded.
func (r Rate) derivable() error {
	if err := r.valid(); err != nil {
		return err
	}
	return r.bounded()
}

// valid reports whether r can convert money.
func (r Rate) valid() error {
	if r.Base.IsZero() || r.Quote.IsZero() {
		return &UnknownCurrencyError{}
	}
	if r.Value.Sign() <= 0 {
		return ErrRange
	}
	return nil
}

// Inverse returns the rate from Quote to Base, 1/Value rounded half-even
// to 16 decimals. A rate whose value has more than 77 digits or an
// exponent beyond ±64 fails with [ErrRange].
func (r Rate) Inverse() (Rate, error) {
	if err := r.derivable(); err != nil {
		return Rate{}, err
	}
	inv := decimal.NewFromInt(1).DivRound(r.Value, inversePlaces)
	return Rate{Base: r.Quote, Quote: r.Base, Value: inv, AsOf: r.AsOf, Source: r.Source}, nil
}

// Chain returns the rate from r.Base to next.Quote through r.Quote, which
// must be next.Base: USD/EUR chained with EUR/KRW is USD/KRW. AsOf is the
// older of the two. The size bounds of [Rate.Inverse] apply to both.
func (r Rate) Chain(next Rate) (Rate, error) {
	if err := r.derivable(); err != nil {
		return Rate{}, err
	}
	if err := next.derivable(); err != nil {
		return Rate{}, err
	}
	if r.Quote != next.Base {
		return Rate{}, &MismatchError{Want: r.Quote, Got: next.Base}
	}
	return Rate{Base: r.Base, Quote: next.Quote, Value: r.Value.Mul(next.Value), AsOf: older(r.AsOf, next.AsOf), Source: r.Source}, nil
}

// Cross returns the rate from a.Quote to b.Quote given two rates from the
// same pivot: EUR/KRW and EUR/CNY (the ECB publishes rates this way) give
// KRW/CNY = EUR/CNY ÷ EUR/KRW, rounded half-even to 16 decimals. The size
// bounds of [Rate.Inverse] apply to both, so the division takes bounded
// time whatever the rates.
func Cross(a, b Rate) (Rate, error) {
	if err := a.derivable(); err != nil {
		return Rate{}, err
	}
	if err := b.derivable(); err != nil {
		return Rate{}, err
	}
	if a.Base != b.Base {
		return Rate{}, &MismatchError{Want: a.Base, Got: b.Base}
	}
	v := b.Value.DivRound(a.Value, inversePlaces)
	return Rate{Base: a.Quote, Quote: b.Quote, Value: v, AsOf: older(a.AsOf, b.AsOf), Source: a.Source}, nil
}

func older(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// Convert returns amount a in r.Quote, a × r.Value rounded with mode at the
// quote currency's minor units. a must be in r.Base.
//
// Who gains the rounding remainder: the exact product is rarely a whole
// number of minor units. With [Down] the recipient of the converted amount
// receives less than the exact value and the party paying it out keeps the
// remainder; with [Up] the recipient gains it; [HalfUp] and [HalfEven]
// give it to whichever side is nearer, [HalfEven] without bias over many
// conversions.
func Convert(a Amount, r Rate, mode Rounding) (Amount, error) {
	if err := r.valid(); err != nil {
		return Amount{}, err
	}
	if a.cur != r.Base {
		return Amount{}, &MismatchError{Want: r.Base, Got: a.cur}
	}
	n := mode.mulRound(a.n, r.Value, int32(r.Quote.minor))
	return Amount{n: n, cur: r.Quote}, nil
}

// weChatScale is WeChat Pay's rate scaling: rates travel as integers,
// foreign→CNY × 10^8 ("650000000" is 6.5).
const weChatScale = 8

// ParseWeChatRate reads WeChat Pay's scaled rate form (v2 queryexchagerate
// and v3 exchange_rate.rate): the integer value × 10^8 of one unit of
// base in quote. For the v2 rate query base is the foreign currency and
// quote CNY.
func ParseWeChatRate(s string, base, quote Currency) (Rate, error) {
	if s == "" || len(s) > 20 || strings.Trim(s, "0123456789") != "" {
		return Rate{}, &syntaxError{what: "wechat rate is not an unsigned integer"}
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return Rate{}, &syntaxError{what: "wechat rate does not parse"}
	}
	r := Rate{Base: base, Quote: quote, Value: d.Shift(-weChatScale), Source: "wechat"}
	return r, r.valid()
}

// WeChatScaled returns the rate in WeChat Pay's integer form, Value ×
// 10^8. A rate with more than eight decimals fails with [ErrPrecision]
// rather than being rounded silently.
func (r Rate) WeChatScaled() (string, error) {
	if err := r.valid(); err != nil {
		return "", err
	}
	s := r.Value.Shift(weChatScale)
	if !s.IsInteger() {
		return "", ErrPrecision
	}
	return s.String(), nil
}
