package zeropay

// CheckerSelector chooses the [Checker] for a code of kind issued through
// the payment operator system (the zero SystemID for merchant codes,
// which name none). It returns nil when no checker applies; the code then
// parses as [CheckNotVerified], or is refused when [Parser.RequireCheck]
// is set. Implementations must be safe for concurrent use.
type CheckerSelector interface {
	CheckerFor(kind Kind, system SystemID) Checker
}

// CheckerSelectorFunc adapts a function to [CheckerSelector].
type CheckerSelectorFunc func(kind Kind, system SystemID) Checker

// CheckerFor implements [CheckerSelector] by calling f.
func (f CheckerSelectorFunc) CheckerFor(kind Kind, system SystemID) Checker { return f(kind, system) }

// CheckerFunc adapts a function to [Checker].
type CheckerFunc func(prefix string) (string, error)

// CheckCharacters implements [Checker] by calling f.
func (f CheckerFunc) CheckCharacters(prefix string) (string, error) { return f(prefix) }

// Checkers is a [CheckerSelector] for the two policies of the KFTC Zero Pay
// platform design (v2.6.3b, pp. 1-5 to 1-8): Merchant checks the merchant
// codes, static stickers and dynamic codes (kinds 1 and 2), by Annex B of
// the Korean QR code payment standard; Operators checks consumer and
// refund codes (kinds 3 and 4) by the policy of the operator whose
// payment-system ID they carry. An operator missing from Operators, or a
// nil Merchant, leaves those codes unverified.
//
// The package holds no operator list: operators join and leave (in 2025
// PGR, PHM and PBS left and PKM, PNT and PSN joined), so the caller's
// configuration names the ones it can verify. The zero Checkers verifies
// nothing. A Checkers must not be modified while in use; it is then safe
// for concurrent use if its checkers are.
type Checkers struct {
	Merchant  Checker
	Operators map[SystemID]Checker
}

// CheckerFor implements [CheckerSelector].
func (cs Checkers) CheckerFor(kind Kind, system SystemID) Checker {
	switch kind {
	case KindStatic, KindDynamic:
		return cs.Merchant
	case KindConsumer, KindRefund:
		if ck, ok := cs.Operators[system]; ok {
			return ck
		}
	}
	return nil
}
