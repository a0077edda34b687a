package cpm

import (
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"strconv"

	"github.com/qrbridge/qrbridge/emvco"
	"github.com/qrbridge/qrbridge/internal/bertlv"
)

// Builder generates a consumer-presented payload: it writes the payload
// format indicator 85 "CPV01" itself, then the objects and templates the
// caller adds, in order, with minimal BER lengths, and base64-encodes the
// result. Encode parses what it built with [Parse], so it never returns a
// payload the reader would refuse.
//
// The zero value is ready to use. Errors are sticky: the first one is
// kept and every later call does nothing. No method panics. A Builder is
// not safe for concurrent use, and must not be copied after first use (the
// copies would share their bytes). It prints as its size only, through
// every fmt verb, JSON and slog, never as the card data it holds.
type Builder struct{ s *building }

type building struct {
	buf   []byte
	err   error
	open  [2]int // offsets of the open templates' length bytes
	depth int
}

func (b *Builder) state() *building {
	if b.s == nil {
		b.s = &building{}
	}
	return b.s
}

// Application adds an application template (61) whose objects f adds.
func (b *Builder) Application(f func(*Builder)) *Builder {
	return b.Template(TagApplication, f)
}

// Common adds the common data template (62) whose objects f adds.
func (b *Builder) Common(f func(*Builder)) *Builder {
	return b.Template(TagCommon, f)
}

// Template adds a constructed object whose content f adds. Templates nest
// two levels deep (a 61 holding a 63).
func (b *Builder) Template(tag Tag, f func(*Builder)) *Builder {
	s, t := b.state(), bertlv.Tag(tag)
	switch {
	case !s.begin(t):
		return b
	case !t.Constructed():
		return s.fail(b, tag.String(), emvco.ErrFormat, "tag is not a constructed template")
	case s.depth == len(s.open):
		return s.fail(b, tag.String(), emvco.ErrFormat, "templates nest too deep")
	}
	s.buf = bertlv.AppendTag(s.buf, t)
	s.open[s.depth] = len(s.buf)
	s.buf = append(s.buf, 0) // length, widened on close if needed
	s.depth++
	f(b)
	if s.err == nil {
		s.close(b, tag)
	}
	return b
}

// close writes the length of the innermost open template, shifting its
// content when the length needs more than one byte.
func (s *building) close(b *Builder, tag Tag) {
	s.depth--
	at := s.open[s.depth]
	n := len(s.buf) - at - 1
	if n > bertlv.MaxLength {
		s.fail(b, tag.String(), emvco.ErrLength, "template is too long")
		return
	}
	size := bertlv.LengthSize(n)
	for range size - 1 {
		s.buf = append(s.buf, 0)
	}
	copy(s.buf[at+size:], s.buf[at+1:at+1+n])
	bertlv.AppendLength(s.buf[:at], n)
}

// Add adds a primitive data object, or the raw content of a transparent
// template (63, 64). The value is copied.
func (b *Builder) Add(tag Tag, value []byte) *Builder {
	s, t := b.state(), bertlv.Tag(tag)
	switch {
	case !s.begin(t):
		return b
	case len(value) > bertlv.MaxLength:
		return s.fail(b, tag.String(), emvco.ErrLength, "value is too long")
	}
	s.buf = bertlv.AppendTag(s.buf, t)
	s.buf = bertlv.AppendLength(s.buf, len(value))
	s.buf = append(s.buf, value...)
	return b
}

func (s *building) begin(t bertlv.Tag) bool {
	if s.err != nil {
		return false
	}
	if !bertlv.ValidTag(t) {
		s.err = &emvco.BuildError{Path: Tag(t).String(), Err: because(emvco.ErrSyntax, "not a valid ber tag")}
		return false
	}
	s.init()
	return true
}

// init writes the payload format indicator the first time it is needed.
func (s *building) init() {
	if s.buf == nil {
		s.buf = append(make([]byte, 0, 256), byte(TagFormat), 5, 'C', 'P', 'V', '0', '1')
	}
}

func (s *building) fail(b *Builder, path string, sentinel error, text string) *Builder {
	if s.err == nil {
		s.err = &emvco.BuildError{Path: path, Err: because(sentinel, text)}
	}
	return b
}

// Err returns the first error met, or nil.
func (b *Builder) Err() error {
	if b.s == nil {
		return nil
	}
	return b.s.err
}

// Encode returns the base64 payload, after checking it with [Parse]. Its
// error is a [*emvco.BuildError] carrying the path [Parse] reported.
func (b *Builder) Encode() (string, error) {
	s := b.state()
	if s.err != nil {
		return "", s.err
	}
	if s.depth != 0 {
		return "", &emvco.BuildError{Err: because(emvco.ErrSyntax, "template still open")}
	}
	s.init()
	text := base64.StdEncoding.EncodeToString(s.buf)
	if _, err := Parse(text); err != nil {
		be := &emvco.BuildError{Err: err}
		var pe *emvco.ParseError
		if errors.As(err, &pe) {
			be.Path, be.Err = pe.Path, pe.Err
		}
		return "", be
	}
	return text, nil
}

// String describes the builder without its content: "cpm.Builder(45
// bytes)", or "cpm.Builder(error)" once it has failed.
func (b Builder) String() string {
	switch {
	case b.s == nil:
		return "cpm.Builder(0 bytes)"
	case b.s.err != nil:
		return "cpm.Builder(error)"
	}
	return "cpm.Builder(" + strconv.Itoa(len(b.s.buf)) + " bytes)"
}

// Format writes the description of String for every verb.
func (b Builder) Format(f fmt.State, verb rune) { writeMasked(f, verb, b.String()) }

// MarshalJSON encodes the description of String as a JSON string.
func (b Builder) MarshalJSON() ([]byte, error) { return maskedJSON(b.String()) }

// LogValue logs the description of String.
func (b Builder) LogValue() slog.Value { return slog.StringValue(b.String()) }
