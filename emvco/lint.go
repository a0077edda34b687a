package emvco

// Severity ranks a [Finding]. The zero value is not a severity; findings
// always carry one of the three.
type Severity uint8

const (
	SeverityInfo    Severity = 1 // worth knowing; not a fault
	SeverityWarning Severity = 2 // breaks a "should" of the specification, or a known field deviation
	SeverityError   Severity = 3 // breaks a "shall": a conformant reader may refuse the code
)

// String returns "info", "warning" or "error".
func (s Severity) String() string {
	switch s {
	case SeverityInfo:
		return "info"
	case SeverityWarning:
		return "warning"
	case SeverityError:
		return "error"
	}
	return "unknown"
}

// Finding is one conformance problem of a payload. Rule is a stable ID
// ("mpm-name-length") that tests and suppressions can match; Path is the
// tag path ("" for the payload as a whole) and Offset the byte offset of
// the object at fault; Ref cites the specification ("EMV MPM v1.1
// §4.7.9.1"). Message is for people and never echoes the payload.
type Finding struct {
	Rule     string
	Severity Severity
	Path     string
	Offset   int
	Message  string
	Ref      string
}

// Rule is an extra set of checks a [Linter] runs after the core EMVCo
// rules: a national profile, say. Lint receives the findings so far and
// returns them adjusted (a profile may drop or downgrade a core finding
// its scheme relaxes) plus its own. It must not modify p.
type Rule interface {
	Lint(p *Payload, findings []Finding) []Finding
}

// Linter checks payloads against EMV QRCPS MPM v1.1 (the field tables of
// Table 3.6, §4.7-§4.8) and reports every problem at once, including each
// real-world deviation the reader accepts ([Decoder], [Payload.Notes]). Rules adds checks
// after the core ones, in order; package emvco/profile provides the
// national profiles.
//
// The zero Linter runs the core rules only, like [Lint]. A Linter is safe
// for concurrent use if its Rules are.
type Linter struct {
	Rules []Rule
}

// Lint runs the core rules of the zero [Linter]. It returns nil when there
// is nothing to report.
func Lint(p *Payload) []Finding {
	var l Linter
	return l.Lint(p)
}

// Lint checks p and returns its findings in payload order, core rules
// first; nil when there is nothing to report.
func (l *Linter) Lint(p *Payload) []Finding {
	if p == nil || len(p.nodes) == 0 {
		return nil
	}
	fs := lintCore(p)
	for _, r := range l.Rules {
		fs = r.Lint(p, fs)
	}
	return fs
}

// HasErrors reports whether any finding is an error.
func HasErrors(fs []Finding) bool {
	for _, f := range fs {
		if f.Severity == SeverityError {
			return true
		}
	}
	return false
}

// finding builds a Finding for object o.
func finding(rule string, sev Severity, o Object, msg, ref string) Finding {
	return Finding{Rule: rule, Severity: sev, Path: o.Path(), Offset: o.Offset(), Message: msg, Ref: ref}
}
