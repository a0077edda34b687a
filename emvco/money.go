package emvco

import "github.com/qrbridge/qrbridge/fx"

// Money returns the transaction amount, ID 54, as an [fx.Amount] in the
// transaction currency, ID 53 (EMV MPM v1.1 Table 3.6). It never uses
// floating point: the text of 54 is read as a decimal.
//
// The error is a [*ParseError] with the path and offset of the object at
// fault (the end of the payload for an absent one). It wraps [ErrMissing] when 54 or 53 is absent (a static code that
// leaves the amount to the payer has no 54; [Payload.Amount] tells), and
// [ErrFormat] when 53 is not a current ISO 4217 code (then also
// [fx.ErrUnknownCurrency]) or when 54 has more decimals than the
// currency's exponent (then also [fx.ErrPrecision]): "100.5" in KRW,
// whose exponent is 0, is refused rather than rounded.
func (p *Payload) Money() (fx.Amount, error) {
	amount, ok := p.Object(TagTransactionAmount)
	if !ok {
		return fx.Amount{}, &ParseError{Offset: len(p.String()), Path: "54", Err: because(ErrMissing, "payload has no transaction amount")}
	}
	code, ok := p.Object(TagTransactionCurrency)
	if !ok {
		return fx.Amount{}, &ParseError{Offset: len(p.String()), Path: "53", Err: because(ErrMissing, "payload has no transaction currency")}
	}
	cur, err := fx.LookupNumeric(code.Value())
	if err != nil {
		return fx.Amount{}, &ParseError{Offset: code.Offset(), Path: "53", Err: &reason{ErrFormat, "currency is not a current iso 4217 code", err}}
	}
	a, err := fx.ParseAmount(amount.Value(), cur)
	if err != nil {
		return fx.Amount{}, &ParseError{Offset: amount.Offset(), Path: "54", Err: &reason{ErrFormat, "amount does not suit the currency's exponent", err}}
	}
	return a, nil
}
