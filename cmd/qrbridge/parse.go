package main

import (
	"fmt"
	"strings"

	"github.com/qrbridge/qrbridge/emvco"
)

// cmdParse decodes an MPM or CPM payload and prints its objects.
func cmdParse(e env, args []string) error {
	fs := e.newFlags("parse")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	payload, err := e.payloadArg(fs)
	if err != nil {
		return err
	}
	if strings.HasPrefix(payload, "hQVDUFY") {
		return printCPM(e, payload)
	}
	p, err := emvco.Parse(payload)
	if err != nil {
		return err
	}
	for o := range p.Objects() {
		printObject(e, o, "")
		for c := range o.Objects() {
			printObject(e, c, "  ")
		}
	}
	return nil
}

func printObject(e env, o emvco.Object, indent string) {
	v := o.Value()
	if o.IsTemplate() {
		v = "(template)"
	}
	fmt.Fprintf(e.stdout, "%s%-6s %s\n", indent, o.Path(), v)
}

// printCPM prints a consumer-presented payload's masked summary and its
// applications; card data stays masked.
func printCPM(e env, payload string) error {
	c, err := emvco.ParseCPM(payload)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%v\n", c)
	return nil
}
