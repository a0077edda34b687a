package qr

import "errors"

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
	// ErrFormat reports input that is not a PNG, JPEG or GIF image, or is
	// corrupt, truncated or empty.
	ErrFormat = errors.New("qr: not a readable image")
)
