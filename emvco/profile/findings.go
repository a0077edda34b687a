package profile

import (
	"github.com/qrbridge/qrbridge/emvco"
	"github.com/qrbridge/qrbridge/internal/ascii"
)

// Helpers profiles use to adjust findings.

// relax drops the core findings with the given rule at any of paths ("" in
// paths matches every path).
func relax(fs []emvco.Finding, rule string, paths ...string) []emvco.Finding {
	out := fs[:0]
	for _, f := range fs {
		if f.Rule == rule && pathIn(f.Path, paths) {
			continue
		}
		out = append(out, f)
	}
	return out
}

func pathIn(p string, paths []string) bool {
	for _, q := range paths {
		if q == "" || q == p {
			return true
		}
	}
	return len(paths) == 0
}

// add appends a profile finding for object o.
func add(fs []emvco.Finding, rule string, sev emvco.Severity, o emvco.Object, path, msg, ref string) []emvco.Finding {
	if path == "" {
		path = o.Path()
	}
	return append(fs, emvco.Finding{Rule: rule, Severity: sev, Path: path, Offset: o.Offset(), Message: msg, Ref: ref})
}

// sub returns the value of sub-object id of template t.
func sub(t emvco.Object, id emvco.Tag) (string, bool) {
	o, ok := t.Lookup(id)
	return o.Value(), ok
}

// requireRoot reports a root field whose value is not want (53, 58).
func requireRoot(p *emvco.Payload, fs []emvco.Finding, id emvco.Tag, want []string, rule, ref string) []emvco.Finding {
	o, ok := p.Object(id)
	if !ok {
		return fs
	}
	for _, w := range want {
		if o.Value() == w {
			return fs
		}
	}
	return add(fs, rule, emvco.SeverityError, o, "", "value is not one the scheme allows", ref)
}

func isDigits(s string) bool { return ascii.Digits(s) }
