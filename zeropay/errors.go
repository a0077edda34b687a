package zeropay

import (
	"errors"
	"strconv"
)

// Sentinel errors; every error of this package wraps one of them.
var (
	// ErrKind reports text that is not a Zero Pay code of a known kind.
	ErrKind = errors.New("zeropay: not a zero pay code")
	// ErrSyntax reports a code whose separators are wrong.
	ErrSyntax = errors.New("zeropay: syntax error")
	// ErrLength reports a field of the wrong length.
	ErrLength = errors.New("zeropay: invalid length")
	// ErrFormat reports a field with characters or a value it may not hold.
	ErrFormat = errors.New("zeropay: invalid format")
	// ErrCheck reports check characters that a [Checker] found wrong.
	ErrCheck = errors.New("zeropay: check characters do not match")
	// ErrNoChecker reports generation without a [Checker]: the algorithm
	// of the Korean QR standard's Annex B is not public.
	ErrNoChecker = errors.New("zeropay: no check-character algorithm configured")
	// ErrNotFound reports a merchant or QR record the directory lacks.
	ErrNotFound = errors.New("zeropay: not found")
	// ErrInactive reports a merchant or QR record that is dormant or
	// suspended.
	ErrInactive = errors.New("zeropay: not in normal status")
	// ErrExpired reports a consumer or dynamic code used more than
	// [CodeValidity] after it was issued (KFTC response code 413).
	ErrExpired = errors.New("zeropay: code expired")
)

// FieldError locates a problem in one field. Field names the field
// ("merchant ID", "token"); Offset is its byte offset in the parsed text,
// or -1 when the error does not come from parsing; Reason, when set, says
// why in a few words ("QR record names another merchant"). The message
// never contains the field's value.
type FieldError struct {
	Field  string
	Offset int
	Err    error
	Reason string
}

func (e *FieldError) Error() string {
	msg := "zeropay: " + e.Field + ": " + trim(e.Err.Error())
	if e.Reason != "" {
		msg += ": " + e.Reason
	}
	if e.Offset >= 0 {
		msg += " (byte " + strconv.Itoa(e.Offset) + ")"
	}
	return msg
}

// Unwrap returns e.Err.
func (e *FieldError) Unwrap() error { return e.Err }

func trim(s string) string {
	const p = "zeropay: "
	if len(s) >= len(p) && s[:len(p)] == p {
		return s[len(p):]
	}
	return s
}

func fieldErr(field string, off int, err error) error {
	return &FieldError{Field: field, Offset: off, Err: err}
}

func fieldErrWhy(field string, off int, err error, why string) error {
	return &FieldError{Field: field, Offset: off, Err: err, Reason: why}
}
