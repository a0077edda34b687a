package emvco

// checkRoot applies the checks that follow a successful walk: the first
// object is 00, a CRC is present (the walk already placed it last), and no
// fixed-format field a payment depends on is malformed (bad, the node the
// walk found first in payload order, or -1).
func (p *Payload) checkRoot(bad int) error {
	if len(p.nodes) == 0 || p.nodes[0].id != TagPayloadFormat {
		return &ParseError{Path: "00", Err: because(ErrMissing, "payload does not start with 00 (payload format indicator)")}
	}
	if p.root[TagCRC] == 0 {
		return &ParseError{Offset: len(p.raw), Path: "63", Err: because(ErrMissing, "payload has no crc")}
	}
	if bad >= 0 {
		o := Object{p: p, i: int32(bad)}
		c := fixedCheckOf(o.ID())
		return &ParseError{Offset: o.Offset(), Path: c.id.String(), Err: because(ErrFormat, c.want)}
	}
	return nil
}

// fixedCheck is a format rule for one root field, shared by the parser and
// the builder.
type fixedCheck struct {
	id    Tag
	valid func(string) bool
	want  string
}

// fixedChecks are the fields whose malformation makes a payment impossible
// to carry out (EMV MPM v1.1 Table 3.6); the parser refuses them.
var fixedChecks = [...]fixedCheck{
	{TagPayloadFormat, isTwoDigits, "payload format indicator is not two digits"},
	{TagPointOfInitiation, validInitiation, "point of initiation is not 11 or 12"},
	{TagMerchantCategoryCode, isFourDigits, "merchant category code is not four digits"},
	{TagTransactionCurrency, isThreeDigits, "currency is not three digits"},
	{TagTransactionAmount, ValidAmount, "amount is not a non-zero number of at most 13 characters"},
	{TagCountryCode, isTwoChars, "country code is not two characters"},
}

func isTwoDigits(s string) bool   { return len(s) == 2 && isDigits(s) }
func isThreeDigits(s string) bool { return len(s) == 3 && isDigits(s) }
func isFourDigits(s string) bool  { return len(s) == 4 && isDigits(s) }
func validInitiation(s string) bool {
	return s == "11" || s == "12"
}
func isTwoChars(s string) bool { return countRunes(s) == 2 }
