package fx

import "sort"

//go:generate go run ./internal/gen4217 iso4217.csv iso4217_table.go

// Currency is an ISO 4217 currency: its alphabetic code, numeric code,
// minor units (the exponent: 0 for KRW, JPY, VND; 2 for CNY, USD; 3 for
// BHD) and name. Obtain one with [LookupCurrency] or [LookupNumeric]; the
// table is the current ISO 4217 table A.1 (withdrawn currencies and funds
// excluded), generated from iso4217.csv.
//
// The zero Currency is invalid: its code is "" and every operation on
// money in it fails. Currency values are comparable with ==.
type Currency struct {
	code    string
	numeric string
	minor   int
	name    string
}

// Code returns the alphabetic code, such as "KRW".
func (c Currency) Code() string { return c.code }

// Numeric returns the three-digit numeric code, such as "410" for KRW, the
// form EMVCo tag 53 carries.
func (c Currency) Numeric() string { return c.numeric }

// MinorUnits returns the number of decimal places of the currency.
func (c Currency) MinorUnits() int { return c.minor }

// Name returns the currency's English name.
func (c Currency) Name() string { return c.name }

// String returns the alphabetic code.
func (c Currency) String() string { return c.code }

// IsZero reports whether c is the zero, invalid Currency.
func (c Currency) IsZero() bool { return c.code == "" }

// LookupCurrency returns the current currency with the alphabetic code code
// (case-sensitive, as ISO 4217 writes it: "KRW"). It fails with an
// [*UnknownCurrencyError] for unknown, withdrawn and funds codes.
func LookupCurrency(code string) (Currency, error) {
	i := sort.Search(len(iso4217), func(i int) bool { return iso4217[i].code >= code })
	if i < len(iso4217) && iso4217[i].code == code {
		return iso4217[i], nil
	}
	return Currency{}, &UnknownCurrencyError{Code: code}
}

// LookupNumeric returns the current currency with the numeric code num
// ("410"), as found in EMVCo tag 53.
func LookupNumeric(num string) (Currency, error) {
	if c, ok := byNumeric[num]; ok {
		return c, nil
	}
	return Currency{}, &UnknownCurrencyError{Code: num}
}

// MustCurrency is like [LookupCurrency] but panics on an unknown code. It is
// meant for package-level variables and tests with literal codes.
func MustCurrency(code string) Currency {
	c, err := LookupCurrency(code)
	if err != nil {
		panic(err)
	}
	return c
}

// Currencies returns every current currency, sorted by alphabetic code. The
// slice is a fresh copy.
func Currencies() []Currency {
	out := make([]Currency, len(iso4217))
	copy(out, iso4217[:])
	return out
}

var byNumeric = func() map[string]Currency {
	m := make(map[string]Currency, len(iso4217))
	for _, c := range iso4217 {
		m[c.numeric] = c
	}
	return m
}()
