package emvco

import (
	"encoding/base64"

	"github.com/qrbridge/qrbridge/internal/bertlv"
)

// CPMBuilder generates a consumer-presented payload: it writes the payload
// format indicator 85 "CPV01" itself, then the objects and templates the
// caller adds in order, with minimal BER lengths, and base64-encodes the
// result. String parses what it built with [ParseCPM], so it never returns
// a payload the reader would refuse.
//
// The zero value is ready to use. Errors are sticky and no method panics.
// A CPMBuilder is not safe for concurrent use.
type CPMBuilder struct {
	buf   []byte
	err   error
	open  [2]int // offsets of the open templates' length bytes
	depth int
}

// Application adds an application template (61) whose objects f adds.
func (b *CPMBuilder) Application(f func(*CPMBuilder)) *CPMBuilder {
	return b.Template(CPMTagApplication, f)
}

// Common adds the common data template (62) whose objects f adds.
func (b *CPMBuilder) Common(f func(*CPMBuilder)) *CPMBuilder {
	return b.Template(CPMTagCommon, f)
}

// Template adds a constructed object whose content f adds. Templates nest
// two levels deep (a 61 holding a 63).
func (b *CPMBuilder) Template(tag uint32, f func(*CPMBuilder)) *CPMBuilder {
	t := bertlv.Tag(tag)
	switch {
	case !b.begin(t):
		return b
	case !t.Constructed():
		return b.fail(tagPath(t), because(ErrFormat, "tag is not a constructed template"))
	case b.depth == len(b.open):
		return b.fail(tagPath(t), because(ErrFormat, "templates nest too deep"))
	}
	b.buf = bertlv.AppendTag(b.buf, t)
	b.open[b.depth] = len(b.buf)
	b.buf = append(b.buf, 0) // length, widened on close if needed
	b.depth++
	f(b)
	if b.err == nil {
		b.close()
	}
	return b
}

// close writes the length of the innermost open template, shifting its
// content when the length needs more than one byte.
func (b *CPMBuilder) close() {
	b.depth--
	at := b.open[b.depth]
	n := len(b.buf) - at - 1
	if n > bertlv.MaxLength {
		b.fail("", because(ErrLength, "template is too long"))
		return
	}
	size := bertlv.LengthSize(n)
	for range size - 1 {
		b.buf = append(b.buf, 0)
	}
	copy(b.buf[at+size:], b.buf[at+1:at+1+n])
	bertlv.AppendLength(b.buf[:at], n)
}

// Add adds a primitive data object, or the raw content of a transparent
// template (63, 64).
func (b *CPMBuilder) Add(tag uint32, value []byte) *CPMBuilder {
	t := bertlv.Tag(tag)
	switch {
	case !b.begin(t):
		return b
	case len(value) > bertlv.MaxLength:
		return b.fail(tagPath(t), because(ErrLength, "value is too long"))
	}
	b.buf = bertlv.AppendTag(b.buf, t)
	b.buf = bertlv.AppendLength(b.buf, len(value))
	b.buf = append(b.buf, value...)
	return b
}

func (b *CPMBuilder) begin(t bertlv.Tag) bool {
	if b.err != nil {
		return false
	}
	if !bertlv.ValidTag(t) {
		b.fail(tagPath(t), because(ErrSyntax, "not a valid ber tag"))
		return false
	}
	b.init()
	return true
}

// init writes the payload format indicator the first time it is needed.
func (b *CPMBuilder) init() {
	if b.buf == nil {
		b.buf = append(make([]byte, 0, 256), CPMTagFormat, 5, 'C', 'P', 'V', '0', '1')
	}
}

func (b *CPMBuilder) fail(path string, err error) *CPMBuilder {
	if b.err == nil {
		b.err = &BuildError{Path: path, Err: err}
	}
	return b
}

// String returns the base64 payload, after checking it with [ParseCPM].
func (b *CPMBuilder) String() (string, error) {
	if b.err != nil {
		return "", b.err
	}
	if b.depth != 0 {
		return "", &BuildError{Err: because(ErrSyntax, "template still open")}
	}
	b.init()
	s := base64.StdEncoding.EncodeToString(b.buf)
	if _, err := ParseCPM(s); err != nil {
		pe := err.(*ParseError) // ParseCPM returns no other error type
		return "", &BuildError{Path: pe.Path, Err: pe.Err}
	}
	return s, nil
}
