package profile

import (
	"testing"
	"time"

	"github.com/qrbridge/qrbridge/emvco"
)

func BenchmarkLintSpecExampleAllProfiles(b *testing.B) {
	p, _ := emvco.Parse(specExample)
	l := Default().Linter()
	b.ReportAllocs()
	for b.Loop() {
		if fs := l.Lint(p); fs != nil {
			b.Fatal(fs)
		}
	}
}

func BenchmarkLintPixAllProfiles(b *testing.B) {
	p, _ := emvco.Parse(pixExample)
	l := Default().Linter()
	b.ReportAllocs()
	for b.Loop() {
		l.Lint(p)
	}
}

func TestLintAllocationBudget(t *testing.T) {
	if testing.CoverMode() != "" {
		t.Skip("instrumented")
	}
	p := mustParse(t, specExample)
	l := Default().Linter()
	var fs []emvco.Finding
	if got := testing.AllocsPerRun(200, func() { fs = l.Lint(p) }); got > 5 {
		t.Errorf("lint of the specification example with every profile: %.0f allocations, budget 5", got)
	}
	if len(fs) != 0 {
		t.Errorf("the measured lint found %v; the specification example lints clean", fs)
	}
}

// FuzzLint lints whatever parses with every profile: no panic, every
// finding well formed.
func FuzzLint(f *testing.F) {
	for _, e := range corpus(f) {
		f.Add(e.Payload)
	}
	r := Default()
	r.Now = func() time.Time { return testNow }
	l := r.Linter()
	f.Fuzz(func(t *testing.T, s string) {
		p, err := emvco.Parse(s)
		if err != nil {
			return
		}
		for _, fd := range l.Lint(p) {
			if fd.Rule == "" || fd.Severity < emvco.SeverityInfo || fd.Severity > emvco.SeverityError || fd.Ref == "" || fd.Offset < 0 || fd.Offset > len(s) {
				t.Fatalf("malformed finding %+v", fd)
			}
		}
		_ = r.Schemes(p)
		_, _ = PixOf(p)
		_, _ = KHQROf(p)
		_, _ = VietQROf(p)
	})
}
