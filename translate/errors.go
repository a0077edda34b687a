package translate

import "errors"

// Sentinel errors of the translation layer. Every error returned by
// [Detect], [Translator.Intent] and [Translator.Translate] wraps exactly one
// of them, inside an [*Error] that names the field at fault, so callers
// match the class with errors.Is and the field with errors.As. Nothing
// depends on error text.
var (
	// ErrUnknownCode reports text that is not a code of any kind the
	// package knows, or an opaque code the Resolver does not know.
	ErrUnknownCode = errors.New("translate: unknown code")
	// ErrInvalidCode reports a code whose kind is known but whose content
	// does not parse; the scheme package's error is the cause.
	ErrInvalidCode = errors.New("translate: invalid code")
	// ErrExpiredCode reports a code past its expiry (a PayNow 01.04 date,
	// a KHQR 99.01 time, a DuitNow expiry).
	ErrExpiredCode = errors.New("translate: code expired")
	// ErrMerchantUnavailable reports a merchant the directory or resolver
	// does not know, or knows as dormant or suspended.
	ErrMerchantUnavailable = errors.New("translate: merchant unavailable")
	// ErrAmountRequired reports a static code paid without an amount in
	// the request.
	ErrAmountRequired = errors.New("translate: amount required")
	// ErrAmountMismatch reports a request amount that differs from the
	// amount a dynamic code carries.
	ErrAmountMismatch = errors.New("translate: amount differs from the code's")
	// ErrInvalidAmount reports an amount that is not positive, or has more
	// decimals than its currency allows.
	ErrInvalidAmount = errors.New("translate: invalid amount")
	// ErrTipNotAllowed reports a tip in the request for a code that does
	// not prompt for one.
	ErrTipNotAllowed = errors.New("translate: tip not allowed")
	// ErrOverCap reports an amount over the corridor's per-transaction or
	// daily cap.
	ErrOverCap = errors.New("translate: amount over corridor cap")
	// ErrUnsupportedCorridor reports a payer and merchant currency (and
	// scheme) pair that no corridor rule serves.
	ErrUnsupportedCorridor = errors.New("translate: unsupported corridor")
	// ErrUnsupportedCurrency reports a currency the corridor does not serve
	// on the side where it appears.
	ErrUnsupportedCurrency = errors.New("translate: unsupported currency")
	// ErrUnsupportedScheme reports a scheme no leg builder is registered
	// for.
	ErrUnsupportedScheme = errors.New("translate: unsupported scheme")
	// ErrNotConfigured reports a Translator missing a part the code needs
	// (a quoter, a directory, a resolver).
	ErrNotConfigured = errors.New("translate: not configured")
	// ErrQuote reports a quote the fx layer could not price; the fx error
	// is the cause.
	ErrQuote = errors.New("translate: no quote")
)

// Error locates a translation failure: Field names the request or intent
// field at fault ("amount", "payer_currency", "code", "merchant.id",
// "54"), Err is one of the package's sentinels and Cause, when set, the
// error of the package below (emvco, zeropay, fx, a Resolver) that led to
// it. errors.Is matches both Err and Cause.
//
// The message never contains a field's value, a token or the payload.
type Error struct {
	Field string
	Err   error
	Cause error
}

// Error returns "translate: <field>: <reason>[: <cause>]".
func (e *Error) Error() string {
	msg := e.Err.Error()
	if len(msg) > len("translate: ") && msg[:len("translate: ")] == "translate: " {
		msg = msg[len("translate: "):]
	}
	s := "translate: " + e.Field + ": " + msg
	if e.Cause != nil {
		s += ": " + e.Cause.Error()
	}
	return s
}

// Unwrap returns the sentinel and, when set, the cause.
func (e *Error) Unwrap() []error {
	if e.Cause == nil {
		return []error{e.Err}
	}
	return []error{e.Err, e.Cause}
}

// fieldErr returns an *Error for field.
func fieldErr(field string, err, cause error) error {
	return &Error{Field: field, Err: err, Cause: cause}
}
