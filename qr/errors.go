package qr

import (
	"errors"
	"fmt"
)

// Sentinel errors; every error of this package wraps one of them.
var (
	// ErrTooLong reports a payload that does not fit the allowed versions.
	ErrTooLong = errors.New("qr: payload too long for the symbol")
	// ErrOptions reports options that cannot be honoured: a module under 2
	// pixels, colours without contrast, a target size too small.
	ErrOptions = errors.New("qr: invalid options")
	// ErrLogoTooLarge reports a centre logo over the share of the symbol
	// that error correction can absorb.
	ErrLogoTooLarge = errors.New("qr: logo covers too much of the symbol")
	// ErrNotFound reports an image in which no QR symbol was found.
	ErrNotFound = errors.New("qr: no qr code found")
	// ErrUnreadable reports a symbol that was found but could not be read
	// (too damaged, or a checksum failed).
	ErrUnreadable = errors.New("qr: qr code could not be read")
	// ErrImageTooLarge reports an image over the byte or pixel cap; it is
	// refused before the image is decoded.
	ErrImageTooLarge = errors.New("qr: image too large")
	// ErrFormat reports input that is not a PNG, JPEG, GIF or WebP image, or is
	// corrupt, truncated or empty.
	ErrFormat = errors.New("qr: not a readable image")
	// ErrCharset reports a symbol that was read, checksums and all, whose
	// bytes are not valid text in the character set its ECI names or,
	// without an ECI, in any of those the standard and zxing allow
	// (ISO-8859-1, Shift_JIS, UTF-8). The bytes are never replaced by
	// U+FFFD: the [Result] returned with it holds them in Raw.
	ErrCharset = errors.New("qr: content is not valid text in its character set")
)

// CharsetError reports the segment whose bytes are not valid in its
// character set. It wraps [ErrCharset].
type CharsetError struct {
	// Offset is the byte offset into [Result.Raw] where the segment starts.
	Offset int
	// Charset is the character set the ECI named, the one of a Kanji or
	// Hanzi segment, or "" when no character set fits a segment without ECI.
	Charset string
}

func (e *CharsetError) Error() string {
	if e.Charset == "" {
		return fmt.Sprintf("qr: byte %d: segment is not ISO-8859-1, Shift_JIS or UTF-8 text", e.Offset)
	}
	return fmt.Sprintf("qr: byte %d: segment is not valid %s", e.Offset, e.Charset)
}

// Unwrap returns [ErrCharset].
func (e *CharsetError) Unwrap() error { return ErrCharset }
