package zeropay

import "time"

// CodeValidity is how long a consumer-presented code or a dynamic
// merchant code stays valid after it is issued: three minutes, by the
// FSC's QR code payment standard (2018), which the KFTC relay enforces
// with response code 413 ([ErrExpired]).
const CodeValidity = 3 * time.Minute

// Validity returns how long a code of kind k stays valid after it is
// issued: [CodeValidity] for dynamic merchant codes and consumer codes,
// and 0 for static stickers and refund codes, whose validity is not
// limited in time (a sticker stays valid while its QR record is in normal
// status).
func (k Kind) Validity() time.Duration {
	if k == KindDynamic || k == KindConsumer {
		return CodeValidity
	}
	return 0
}

// ExpiredError reports a code used at At, more than [CodeValidity] after
// it was issued at Issued. It wraps [ErrExpired]; the KFTC relay answers
// the condition with [ResponseCode413].
type ExpiredError struct {
	Kind   Kind
	Issued time.Time
	At     time.Time
}

// ResponseCode413 is the KFTC relay's response code for an expired code.
const ResponseCode413 = "413"

func (e *ExpiredError) Error() string {
	return "zeropay: " + e.Kind.String() + " code expired: used " + e.At.Sub(e.Issued).Round(time.Second).String() +
		" after issue, valid " + e.Kind.Validity().String() + " (response code " + ResponseCode413 + ")"
}

// Unwrap returns [ErrExpired].
func (e *ExpiredError) Unwrap() error { return ErrExpired }

// checkFresh refuses a code of kind k issued at issued and used at now
// when its validity has passed. The package reads no clock: the caller
// says when the code was issued (the dynamic code's creation, the
// consumer code's display, as its operator records them) and when it is
// used.
func checkFresh(k Kind, issued, now time.Time) error {
	valid := k.Validity()
	if valid == 0 {
		return nil
	}
	if issued.IsZero() || now.IsZero() {
		return &FieldError{Field: "issued", Offset: -1, Err: ErrLength, Reason: "issue or use time missing"}
	}
	if now.Before(issued) {
		return &FieldError{Field: "issued", Offset: -1, Err: ErrFormat, Reason: "used before it was issued"}
	}
	if now.Sub(issued) >= valid {
		return &ExpiredError{Kind: k, Issued: issued, At: now}
	}
	return nil
}

// CheckFresh reports whether the code, issued at issued, may still be
// used at now: a dynamic or consumer code is refused with an
// [*ExpiredError] once [CodeValidity] has passed (exactly three minutes
// after issue is too late), and a use time before the issue time is
// refused with [ErrFormat]. Static and refund codes always pass. Both
// times come from the caller; the package reads no clock.
func (c Code) CheckFresh(issued, now time.Time) error { return checkFresh(c.Kind, issued, now) }

// CheckFresh applies [Code.CheckFresh]'s rule to a barcode: a consumer
// barcode is a consumer code and lives [CodeValidity]; a refund barcode
// always passes.
func (b Barcode) CheckFresh(issued, now time.Time) error {
	if b.Kind == BarcodeConsumer {
		return checkFresh(KindConsumer, issued, now)
	}
	return nil
}
