package emvco

import (
	"errors"
	"testing"
)

func seedCorpus(f *testing.F) {
	f.Helper()
	for _, e := range mpmCorpus(f) {
		f.Add(e.Payload)
	}
	f.Add(pixExample)
	f.Add(withCRC(minimal + "38540010A00000072701240006970436011012345678900208QRIBFTTA"))
}

// FuzzParse checks that Parse never panics, that every error is a
// positional error wrapping a sentinel, and that whatever it accepts
// re-encodes structurally to the identical text and re-parses equal.
func FuzzParse(f *testing.F) {
	seedCorpus(f)
	sentinels := []error{ErrSyntax, ErrLength, ErrCRC, ErrDuplicate, ErrFormat, ErrTrailingData, ErrMissing}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Parse(s)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Offset < 0 || pe.Offset > len(s) {
				t.Fatalf("error %v is not a positional error within the input", err)
			}
			matched := 0
			for _, s := range sentinels {
				if errors.Is(err, s) {
					matched++
				}
			}
			if matched != 1 {
				t.Fatalf("error %v matches %d sentinels", err, matched)
			}
			return
		}
		out, err := p.Edit().Encode()
		if err != nil {
			t.Fatalf("re-encoding an accepted payload: %v", err)
		}
		if out != p.String() {
			t.Fatalf("re-encode differs:\n in  %q\n out %q", p.String(), out)
		}
		q, err := Parse(out)
		if err != nil || q.String() != p.String() || len(q.nodes) != len(p.nodes) {
			t.Fatalf("re-parse differs: %v", err)
		}
		for o := range p.Objects() {
			_, _ = p.Lookup(o.Path())
		}
	})
}

// FuzzBuilder adds fuzzed objects to a builder: it must never panic, and
// whatever it produces must parse back to the same objects.
func FuzzBuilder(f *testing.F) {
	f.Add(uint8(59), "BEST TRANSPORT", uint8(62), uint8(5), "***")
	f.Add(uint8(54), "23.72", uint8(26), uint8(0), "br.gov.bcb.pix")
	f.Add(uint8(81), "opaque", uint8(64), uint8(1), "최고")
	f.Fuzz(func(t *testing.T, id uint8, value string, tmpl, sub uint8, subValue string) {
		var b Builder
		b.Add(TagPayloadFormat, "01").Add(Tag(id), value)
		b.Template(Tag(tmpl), func(b *Builder) { b.Add(Tag(sub), subValue) })
		out, err := b.Encode()
		if err != nil {
			var be *BuildError
			if !errors.As(err, &be) {
				t.Fatalf("error %v is not a *BuildError", err)
			}
			return
		}
		p, err := Parse(out)
		if err != nil {
			t.Fatalf("builder output does not parse: %v\n%q", err, out)
		}
		if got, _ := p.Lookup(Tag(id).String()); got != value {
			t.Fatalf("value of %02d: got %q, want %q", id, got, value)
		}
		if got, _ := p.Lookup(Tag(tmpl).String() + "." + Tag(sub).String()); got != subValue {
			t.Fatalf("sub value: got %q, want %q", got, subValue)
		}
	})
}
