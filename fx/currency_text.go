package fx

// MarshalText returns the alphabetic code ("KRW"), so a Currency in a JSON
// document or a text field is its ISO 4217 code. The zero Currency
// marshals as the empty string.
func (c Currency) MarshalText() ([]byte, error) { return []byte(c.code), nil }

// UnmarshalText sets c to the current currency whose alphabetic code is
// text. The empty text gives the zero Currency; an unknown code fails
// with an [*UnknownCurrencyError] and leaves c unchanged.
func (c *Currency) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*c = Currency{}
		return nil
	}
	cur, err := LookupCurrency(string(text))
	if err != nil {
		return err
	}
	*c = cur
	return nil
}
