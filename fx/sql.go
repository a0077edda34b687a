package fx

import (
	"database/sql/driver"
)

// Value implements [driver.Valuer]: the amount is stored as the text of
// [Amount.String], a decimal string and the currency code ("17.50 USD",
// "-3.20 CNY", "12000 KRW"), exact and readable in any database column of
// a text type. The zero Amount fails with an [*UnknownCurrencyError]; use
// sql.Null[Amount] for a nullable column.
func (a Amount) Value() (driver.Value, error) {
	b, err := a.MarshalText()
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

// Scan implements [database/sql.Scanner]: it reads the form [Amount.Value]
// writes, from a string or []byte column, as [Amount.UnmarshalText] does
// (decimals beyond the currency's minor units are refused). NULL and
// other types fail with [ErrSyntax]; scan a nullable column into
// sql.Null[Amount]. On error a is unchanged.
func (a *Amount) Scan(src any) error {
	switch v := src.(type) {
	case string:
		return a.UnmarshalText([]byte(v))
	case []byte:
		return a.UnmarshalText(v)
	}
	return &syntaxError{what: "amount column is not text"}
}
