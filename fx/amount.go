package fx

import (
	"encoding/json"
	"strings"

	"github.com/shopspring/decimal"
)

// Amount is an exact sum of money in one currency. It is immutable: every
// operation returns a new Amount, so values are safe to share between
// goroutines. The zero Amount has no currency and every operation on it
// fails; use [Zero] for nothing of a currency.
//
// No float is involved anywhere: the number is a shopspring/decimal value.
type Amount struct {
	n   decimal.Decimal
	cur Currency
}

// Zero returns an amount of nothing in c.
func Zero(c Currency) Amount { return Amount{cur: c} }

// NewAmount returns d in c, exactly as given (it may have more decimals
// than c's minor units: an intermediate value). Use [Amount.Round] to bring
// it to the currency's exponent.
func NewAmount(d decimal.Decimal, c Currency) Amount { return Amount{n: d, cur: c} }

// ParseAmount parses an amount in the EMVCo tag 54 form (EMV MPM v1.1
// §4.7.6): digits with at most one ".", such as "23.72", "98" or "98.". A
// sign, exponent, thousands separator or more decimals than c's minor
// units is refused.
func ParseAmount(s string, c Currency) (Amount, error) {
	if c.IsZero() {
		return Amount{}, &UnknownCurrencyError{}
	}
	if !plainDecimal(s) {
		return Amount{}, &syntaxError{what: "amount is not digits with at most one '.'"}
	}
	if dot := strings.IndexByte(s, '.'); dot >= 0 && len(s)-dot-1 > c.minor {
		return Amount{}, ErrPrecision
	}
	d, err := decimal.NewFromString(strings.TrimSuffix(s, "."))
	if err != nil {
		return Amount{}, &syntaxError{what: "amount does not parse"}
	}
	return Amount{n: d, cur: c}, nil
}

// maxIntDigits bounds the integer part of a parsed amount, far beyond any
// real sum (EMVCo's tag 54 holds 13 characters), so that every accepted
// amount also formats to text ParseAmount accepts.
const maxIntDigits = 30

// plainDecimal reports whether s is digits with at most one "." and a
// digit before it, with at most maxIntDigits digits before the ".".
func plainDecimal(s string) bool {
	if s == "" || s[0] < '0' || s[0] > '9' {
		return false
	}
	intDigits, dot := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '.' && !dot:
			dot = true
		case c < '0' || c > '9':
			return false
		case !dot:
			intDigits++
		}
	}
	return intDigits <= maxIntDigits
}

// FromMinor returns units minor units of c: FromMinor(1750, USD) is $17.50,
// FromMinor(1000, KRW) is ₩1000. It is how WeChat Pay's total_fee reads.
func FromMinor(units int64, c Currency) Amount {
	return Amount{n: decimal.New(units, -int32(c.minor)), cur: c}
}

// Currency returns the amount's currency.
func (a Amount) Currency() Currency { return a.cur }

// Decimal returns the amount's exact value.
func (a Amount) Decimal() decimal.Decimal { return a.n }

// IsZero reports whether the amount is nothing.
func (a Amount) IsZero() bool { return a.n.IsZero() }

// Sign returns -1, 0 or +1.
func (a Amount) Sign() int { return a.n.Sign() }

// Minor returns the amount in minor units, rounded with r at the currency's
// exponent. It fails with [ErrRange] when the result does not fit in int64.
func (a Amount) Minor(r Rounding) (int64, error) {
	if a.cur.IsZero() {
		return 0, &UnknownCurrencyError{}
	}
	m := r.round(a.n, int32(a.cur.minor)).Shift(int32(a.cur.minor))
	if !m.BigInt().IsInt64() {
		return 0, ErrRange
	}
	return m.IntPart(), nil
}

// Round returns the amount rounded with r to the currency's minor units.
func (a Amount) Round(r Rounding) Amount {
	return Amount{n: r.round(a.n, int32(a.cur.minor)), cur: a.cur}
}

// Add returns a+b; the currencies must match.
func (a Amount) Add(b Amount) (Amount, error) {
	if err := a.same(b); err != nil {
		return Amount{}, err
	}
	return Amount{n: a.n.Add(b.n), cur: a.cur}, nil
}

// Sub returns a-b; the currencies must match.
func (a Amount) Sub(b Amount) (Amount, error) {
	if err := a.same(b); err != nil {
		return Amount{}, err
	}
	return Amount{n: a.n.Sub(b.n), cur: a.cur}, nil
}

// Cmp compares a and b: -1, 0 or +1; the currencies must match.
func (a Amount) Cmp(b Amount) (int, error) {
	if err := a.same(b); err != nil {
		return 0, err
	}
	return a.n.Cmp(b.n), nil
}

func (a Amount) same(b Amount) error {
	if a.cur.IsZero() {
		return &UnknownCurrencyError{}
	}
	if a.cur != b.cur {
		return &MismatchError{Want: a.cur, Got: b.cur}
	}
	return nil
}

// Number returns the amount with exactly the currency's minor units, such
// as "17.50" or "12000", or more decimals when the amount has them. It is
// the form EMVCo tag 54 and WeChat's v3 JSON expect.
func (a Amount) Number() string {
	places := max(int32(a.cur.minor), -a.n.Exponent())
	return a.n.StringFixed(places)
}

// String returns the amount for display: number and code, "17.50 USD".
func (a Amount) String() string {
	if a.cur.IsZero() {
		return a.n.String()
	}
	return a.Number() + " " + a.cur.code
}

// MarshalText encodes the amount as [Amount.String] does.
func (a Amount) MarshalText() ([]byte, error) {
	if a.cur.IsZero() {
		return nil, &UnknownCurrencyError{}
	}
	return []byte(a.String()), nil
}

// UnmarshalText decodes "17.50 USD". Negative amounts are accepted here
// (refunds, adjustments); decimals beyond the minor units are not.
func (a *Amount) UnmarshalText(b []byte) error {
	num, code, ok := strings.Cut(string(b), " ")
	if !ok {
		return &syntaxError{what: "amount text is not \"<number> <code>\""}
	}
	c, err := LookupCurrency(code)
	if err != nil {
		return err
	}
	neg := strings.HasPrefix(num, "-")
	v, err := ParseAmount(strings.TrimPrefix(num, "-"), c)
	if err != nil {
		return err
	}
	if neg {
		v.n = v.n.Neg()
	}
	*a = v
	return nil
}

// amountJSON is the JSON form: {"amount":"17.50","currency":"USD"}; the
// number is a string so that no JSON reader turns it into a float.
type amountJSON struct {
	Amount   string `json:"amount"`
	Currency string `json:"currency"`
}

// MarshalJSON encodes {"amount":"17.50","currency":"USD"}.
func (a Amount) MarshalJSON() ([]byte, error) {
	if a.cur.IsZero() {
		return nil, &UnknownCurrencyError{}
	}
	return json.Marshal(amountJSON{Amount: a.Number(), Currency: a.cur.code})
}

// UnmarshalJSON decodes the form MarshalJSON writes.
func (a *Amount) UnmarshalJSON(b []byte) error {
	var j amountJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return &syntaxError{what: "amount json is not {\"amount\",\"currency\"}"}
	}
	return a.UnmarshalText([]byte(j.Amount + " " + j.Currency))
}
