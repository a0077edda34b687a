package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/qrbridge/qrbridge/emvco"
	"github.com/qrbridge/qrbridge/emvco/profile"
)

var cmdLint = &command{
	name:    "lint",
	summary: "check an EMVCo payload against EMV MPM v1.1 and the national profiles",
	usage:   "lint [--profile NAME] [--now RFC3339] [--json] PAYLOAD | - | --jsonl",
	help: `
Lint reports every conformance finding of an EMVCo merchant-presented
payload at once: severity, stable rule ID, tag path, byte offset, message
and the public specification it comes from. The EMVCo rules run first, then
those of each national scheme the payload carries, or only the one
--profile names (the profiles are listed below). Expiry rules (PayNow, KHQR) read the clock: --now
fixes it, so that results never depend on when they run.

Codes of other kinds (Zero Pay, WeChat, CPM...) are decoded, which checks
them, and have no further findings. Exit status: 0 no error-severity
finding, 1 an error finding or a refused payload, 2 usage error. --jsonl
works as for decode, with the findings in each line's object.

examples:
  qrbridge lint '00020101021129370016A000000677010111011300668012345675802TH530376463046197'
  qrbridge lint --json --now 2026-01-01T00:00:00Z -
  qrbridge lint --profile pix --jsonl < payloads.txt`,
	run: runLint,
}

func init() {
	var names []string
	for _, p := range profile.Builtin() {
		names = append(names, p.Name)
	}
	cmdLint.help += "\n\nprofiles: " + strings.Join(names, ", ")
}

// finding is an emvco.Finding as JSON output carries it.
type finding struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Path     string `json:"path"`
	Offset   int    `json:"offset"`
	Message  string `json:"message"`
	Ref      string `json:"ref"`
}

func runLint(e env, c *command, args []string) error {
	fs := e.newFlags(c)
	asJSON := fs.Bool("json", false, "print the result as one JSON object")
	batch := fs.Bool("jsonl", false, "batch: one payload per line on standard input, one JSON object per line out")
	only := fs.String("profile", "", "run the EMVCo rules and only this national profile's")
	nowFlag := fs.String("now", "", "the time expiry rules compare with, RFC 3339 (default: the clock)")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	reg, err := registry(*only)
	if err != nil {
		return err
	}
	reg.Now = e.now
	if *nowFlag != "" {
		t, err := time.Parse(time.RFC3339, *nowFlag)
		if err != nil {
			return fmt.Errorf("%w: --now %q is not an RFC 3339 time", errUsage, *nowFlag)
		}
		reg.Now = func() time.Time { return t }
	}
	linter := reg.Linter()
	if *batch {
		if len(pos) != 0 {
			return fmt.Errorf("%w: --jsonl reads standard input and takes no argument", errUsage)
		}
		return e.batch(func(s string, r *record) { _ = lintRecord(s, reg, linter, r) })
	}
	s, err := e.payloadArg(c.name, pos)
	if err != nil {
		return err
	}
	var r record
	err = lintRecord(s, reg, linter, &r)
	if *asJSON {
		if jerr := writeJSON(e.stdout, lintDoc{r.OK, r.Error, r.Kind, r.Schemes, r.Findings}); jerr != nil {
			return jerr
		}
	} else if err == nil {
		printFindings(e.stdout, r)
	}
	if err != nil {
		return err
	}
	if !r.OK {
		return errReported
	}
	return nil
}

// lintDoc is lint's JSON output for one payload.
type lintDoc struct {
	OK       bool       `json:"ok"`
	Error    *errorInfo `json:"error,omitempty"`
	Kind     string     `json:"kind"`
	Schemes  []scheme   `json:"schemes"`
	Findings []finding  `json:"findings"`
}

// registry returns the profiles lint runs: all, or the one named.
func registry(name string) (*profile.Registry, error) {
	if name == "" {
		return profile.Default(), nil
	}
	var names []string
	for _, p := range profile.Builtin() {
		if p.Name == name {
			return profile.New(p), nil
		}
		names = append(names, p.Name)
	}
	slices.Sort(names)
	return nil, fmt.Errorf("%w: --profile %q is not one of %s", errUsage, name, strings.Join(names, ", "))
}

// lintRecord fills r with the findings of s; OK is false when s is refused
// or has an error-severity finding. It returns the error that refused s.
func lintRecord(s string, reg *profile.Registry, l *emvco.Linter, r *record) error {
	d, err := decodeCode(s, reg)
	r.Kind, r.Schemes, r.Findings = d.kind, schemesOf(d.schemes), []finding{}
	if err != nil {
		r.Error = info(err)
		return err
	}
	if d.mpm == nil {
		r.OK = true
		return nil
	}
	fs := l.Lint(d.mpm)
	for _, f := range fs {
		r.Findings = append(r.Findings, finding{f.Rule, f.Severity.String(), f.Path, f.Offset, f.Message, f.Ref})
	}
	r.OK = !emvco.HasErrors(fs)
	return nil
}

func printFindings(w io.Writer, r record) {
	fmt.Fprintf(w, "kind     %s\n", r.Kind)
	for _, m := range r.Schemes {
		fmt.Fprintf(w, "scheme   %s (%s)\n", m.Scheme, m.Path)
	}
	for _, f := range r.Findings {
		path := f.Path
		if path == "" {
			path = "-"
		}
		fmt.Fprintf(w, "%-7s %-28s %-6s %4d  %s (%s)\n", f.Severity, f.Rule, path, f.Offset, f.Message, f.Ref)
	}
	if len(r.Findings) == 0 {
		fmt.Fprintln(w, "no findings")
	}
}
