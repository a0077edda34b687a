package zeropay

// SystemID is a payment-system ID, the two characters the Zero Pay
// platform assigns to each payment operator (결제사업자), such as "KW" for
// KIS제로위챗, the WeChat intermediary. Its zero value is invalid. Its
// text form is the two characters; [Result] and [Refund] JSON carry the
// operator code ([SystemID.Operator], "PKW") instead.
type SystemID [2]byte

// ParseSystemID validates a payment-system ID: two digits or uppercase
// letters, and not "PP", which marks refund barcodes.
func ParseSystemID(s string) (SystemID, error) {
	if len(s) != 2 {
		return SystemID{}, fieldErr("payment-system ID", -1, ErrLength)
	}
	id := SystemID{s[0], s[1]}
	if !id.valid() {
		return SystemID{}, fieldErr("payment-system ID", -1, ErrFormat)
	}
	return id, nil
}

func (id SystemID) valid() bool {
	return isUpperAlnum(id[0]) && isUpperAlnum(id[1]) && id != SystemID{'P', 'P'}
}

// String returns the two characters.
func (id SystemID) String() string { return string(id[:]) }

// Operator returns the operator code, "P" followed by the ID: "PKW" for
// "KW".
func (id SystemID) Operator() string { return "P" + string(id[:]) }

// ParseOperator reads an operator code such as "PKW" and returns its
// payment-system ID.
func ParseOperator(code string) (SystemID, error) {
	if len(code) != 3 || code[0] != 'P' {
		return SystemID{}, fieldErr("operator code", -1, ErrFormat)
	}
	return ParseSystemID(code[1:])
}
