package main

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/qrbridge/qrbridge/emvco"
	"github.com/qrbridge/qrbridge/emvco/profile"
)

// errFindings reports that lint found an error-severity finding; the
// findings themselves were already printed.
var errFindings = errors.New("lint: errors found")

// cmdLint prints the findings of the EMVCo rules and the national
// profiles, one per line or as JSON.
func cmdLint(e env, args []string) error {
	fs := e.newFlags("lint")
	asJSON := fs.Bool("json", false, "print findings as a JSON array")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	payload, err := e.payloadArg(fs)
	if err != nil {
		return err
	}
	p, err := emvco.Parse(payload)
	if err != nil {
		return err
	}
	reg := profile.Default()
	findings := reg.Linter().Lint(p)
	if *asJSON {
		err = printJSON(e, reg.Schemes(p), findings)
	} else {
		printText(e, reg.Schemes(p), findings)
	}
	if err == nil && emvco.HasErrors(findings) {
		return errFindings
	}
	return err
}

func printText(e env, schemes []profile.Match, findings []emvco.Finding) {
	for _, m := range schemes {
		fmt.Fprintf(e.stdout, "scheme %s in %s\n", m.Scheme, m.Path)
	}
	for _, f := range findings {
		path := f.Path
		if path == "" {
			path = "-"
		}
		fmt.Fprintf(e.stdout, "%-7s %-28s %-6s %s (%s)\n", f.Severity, f.Rule, path, f.Message, f.Ref)
	}
	if len(findings) == 0 {
		fmt.Fprintln(e.stdout, "no findings")
	}
}

type jsonFinding struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Path     string `json:"path"`
	Offset   int    `json:"offset"`
	Message  string `json:"message"`
	Ref      string `json:"ref"`
}

func printJSON(e env, schemes []profile.Match, findings []emvco.Finding) error {
	out := struct {
		Schemes  []profile.Match `json:"schemes"`
		Findings []jsonFinding   `json:"findings"`
	}{Schemes: schemes, Findings: []jsonFinding{}}
	for _, f := range findings {
		out.Findings = append(out.Findings, jsonFinding{f.Rule, f.Severity.String(), f.Path, f.Offset, f.Message, f.Ref})
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
