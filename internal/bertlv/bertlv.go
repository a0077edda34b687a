// Package bertlv reads and writes BER-TLV data objects as EMV uses them
// (EMV Book 3 Annex B): tags of one to three bytes, where a first byte
// whose low five bits are all set continues into further bytes while their
// top bit is set; bit 6 of the first byte marks a constructed object;
// lengths of one byte (under 0x80), or 0x81 and 0x82 followed by one or two
// length bytes.
//
// Reading is zero-copy: values are sub-slices of the input. Only the
// definite, minimal length encodings are accepted, so that an accepted
// object re-encodes to the same bytes.
package bertlv

import "errors"

// Sentinel errors, wrapped by [*Error].
var (
	ErrTruncated = errors.New("bertlv: truncated object")
	ErrTag       = errors.New("bertlv: invalid tag")
	ErrLength    = errors.New("bertlv: invalid length")
)

// Error locates a fault: Offset is the byte offset of the object at fault.
type Error struct {
	Offset int
	Err    error
}

func (e *Error) Error() string { return e.Err.Error() }

// Unwrap returns the sentinel.
func (e *Error) Unwrap() error { return e.Err }

// Tag is a BER tag, its bytes read big-endian: 0x5F20, 0x9F08, 0x61.
type Tag uint32

// Constructed reports whether the tag marks a constructed object (a
// template): bit 6 of its first byte.
func (t Tag) Constructed() bool {
	first := t
	for first > 0xFF {
		first >>= 8
	}
	return first&0x20 != 0
}

// Object is one data object read from data. Value aliases the input.
type Object struct {
	Tag    Tag
	Value  []byte
	Offset int // byte offset of the tag
	End    int // byte offset after the value
}

// maxTagBytes bounds a tag; EMV uses at most two, and three leaves room.
const maxTagBytes = 3

// Read reads the object at data[off:]. It never reads past len(data).
func Read(data []byte, off int) (Object, error) {
	tag, p, err := readTag(data, off)
	if err != nil {
		return Object{}, err
	}
	n, p, err := readLength(data, off, p)
	if err != nil {
		return Object{}, err
	}
	if n > len(data)-p {
		return Object{}, &Error{Offset: off, Err: ErrTruncated}
	}
	return Object{Tag: tag, Value: data[p : p+n : p+n], Offset: off, End: p + n}, nil
}

func readTag(data []byte, off int) (Tag, int, error) {
	if off >= len(data) {
		return 0, off, &Error{Offset: off, Err: ErrTruncated}
	}
	b := data[off]
	tag, p := Tag(b), off+1
	if b&0x1F != 0x1F {
		return tag, p, nil
	}
	for {
		if p >= len(data) {
			return 0, p, &Error{Offset: off, Err: ErrTruncated}
		}
		if p-off >= maxTagBytes {
			return 0, p, &Error{Offset: off, Err: ErrTag}
		}
		b = data[p]
		tag = tag<<8 | Tag(b)
		p++
		if b&0x80 == 0 {
			return tag, p, nil
		}
	}
}

func readLength(data []byte, off, p int) (int, int, error) {
	if p >= len(data) {
		return 0, p, &Error{Offset: off, Err: ErrTruncated}
	}
	b := data[p]
	p++
	switch {
	case b < 0x80:
		return int(b), p, nil
	case b == 0x81:
		if p >= len(data) {
			return 0, p, &Error{Offset: off, Err: ErrTruncated}
		}
		n := int(data[p])
		if n < 0x80 {
			return 0, p, &Error{Offset: off, Err: ErrLength} // not minimal
		}
		return n, p + 1, nil
	case b == 0x82:
		if p+1 >= len(data) {
			return 0, p, &Error{Offset: off, Err: ErrTruncated}
		}
		n := int(data[p])<<8 | int(data[p+1])
		if n < 0x100 {
			return 0, p, &Error{Offset: off, Err: ErrLength} // not minimal
		}
		return n, p + 2, nil
	}
	return 0, p, &Error{Offset: off, Err: ErrLength} // indefinite or too long
}

// AppendTag appends the tag's bytes.
func AppendTag(dst []byte, t Tag) []byte {
	switch {
	case t > 0xFFFF:
		return append(dst, byte(t>>16), byte(t>>8), byte(t))
	case t > 0xFF:
		return append(dst, byte(t>>8), byte(t))
	}
	return append(dst, byte(t))
}

// AppendLength appends n in the minimal definite form. n must be below
// 65536.
func AppendLength(dst []byte, n int) []byte {
	switch {
	case n < 0x80:
		return append(dst, byte(n))
	case n <= 0xFF:
		return append(dst, 0x81, byte(n))
	}
	return append(dst, 0x82, byte(n>>8), byte(n))
}

// LengthSize is the number of bytes AppendLength writes for n.
func LengthSize(n int) int {
	switch {
	case n < 0x80:
		return 1
	case n <= 0xFF:
		return 2
	}
	return 3
}

// MaxLength is the largest value length this package encodes.
const MaxLength = 0xFFFF

// ValidTag reports whether t's bytes form a well-formed tag of at most
// three bytes, as readTag would read them back.
func ValidTag(t Tag) bool {
	b := AppendTag(nil, t)
	got, p, err := readTag(b, 0)
	return err == nil && p == len(b) && got == t
}
