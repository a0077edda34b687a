package emvco

import (
	"errors"
	"strconv"
	"strings"
)

// Sentinel errors. Every error returned by this package wraps exactly one of
// them, so callers can test the class of a failure with [errors.Is]; the
// position is available through [ParseError] or [BuildError] with
// [errors.As]. Nothing in this package depends on error text.
var (
	// ErrSyntax reports input that is not TLV at all: a non-numeric ID or
	// length, a truncated header, invalid UTF-8, or an empty payload.
	ErrSyntax = errors.New("emvco: syntax error")
	// ErrLength reports a length that is not allowed: 00, over 99, a value
	// running past the end of its container, or a fixed length not met.
	ErrLength = errors.New("emvco: invalid length")
	// ErrCRC reports a checksum (ID 63) that does not match, is not four
	// hexadecimal digits, or uses lowercase hex where uppercase is required.
	ErrCRC = errors.New("emvco: crc mismatch")
	// ErrDuplicate reports an ID that occurs twice at the same level
	// (EMV MPM v1.1 §4.3.1.2).
	ErrDuplicate = errors.New("emvco: duplicate id")
	// ErrFormat reports a value whose content breaks its field's format:
	// a non-numeric MCC, a malformed amount, a point of initiation other
	// than 11 or 12, characters outside the field's character set.
	ErrFormat = errors.New("emvco: invalid format")
	// ErrTrailingData reports data after the CRC object, which must be last
	// (EMV MPM v1.1 §4.6.1). Trailing CR, LF and space are not data.
	ErrTrailingData = errors.New("emvco: data after crc")
	// ErrMissing reports a mandatory object that is absent: ID 00 not
	// first, no CRC, or a required field missing when building.
	ErrMissing = errors.New("emvco: missing object")
)

// ParseError describes where a payload failed to decode. It is modelled on
// encoding/json/v2's SyntacticError.
//
// Offset is a byte offset into the text that was parsed (after URL
// unescaping, when [Decoder.AllowURLEscaped] applied). Path is the tag path
// of the object at fault, such as "62.05", or "" when the fault concerns the
// payload as a whole. Err wraps one of the package's sentinel errors.
// The message never contains the payload or a field's value.
type ParseError struct {
	Offset int
	Path   string
	Err    error
}

// Error returns a message of the form "emvco: 62.05: <reason> (byte 120)".
func (e *ParseError) Error() string {
	return message(e.Path, e.Err) + " (byte " + strconv.Itoa(e.Offset) + ")"
}

// Unwrap returns e.Err, so that errors.Is matches the sentinel.
func (e *ParseError) Unwrap() error { return e.Err }

// BuildError describes why a [Builder] or an [Editor] refused its input.
// Path is the tag path of the offending object ("" for the payload as a
// whole) and Err wraps one of the package's sentinel errors. The message
// never contains the offending value.
type BuildError struct {
	Path string
	Err  error
}

// Error returns a message of the form "emvco: 59: <reason>".
func (e *BuildError) Error() string { return message(e.Path, e.Err) }

// Unwrap returns e.Err, so that errors.Is matches the sentinel.
func (e *BuildError) Unwrap() error { return e.Err }

func message(path string, err error) string {
	var b strings.Builder
	b.WriteString("emvco: ")
	if path != "" {
		b.WriteString(path)
		b.WriteString(": ")
	}
	if err == nil {
		b.WriteString("unknown error")
	} else {
		b.WriteString(strings.TrimPrefix(err.Error(), "emvco: "))
	}
	return b.String()
}

// reason wraps a sentinel with a human explanation and, when another
// package's error is the cause (fx's for [Payload.Money]), that error too,
// so that errors.Is matches both. It is built only on error paths.
type reason struct {
	sentinel error
	text     string
	cause    error
}

func (r *reason) Error() string { return r.sentinel.Error() + ": " + r.text }

func (r *reason) Unwrap() []error {
	if r.cause == nil {
		return []error{r.sentinel}
	}
	return []error{r.sentinel, r.cause}
}

func because(sentinel error, text string) error {
	return &reason{sentinel: sentinel, text: text}
}
