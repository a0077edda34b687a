// Command parse decodes the EMVCo specification's example payload (EMV MPM
// v1.1 Annex B.7), or the payload given as its first argument, and prints
// every data object with its tag path and byte offset.
//
//	go run ./examples/parse
//	go run ./examples/parse '00020126580014br.gov.bcb.pix...63041D3D'
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/qrbridge/qrbridge/emvco"
)

// specExample is EMV MPM v1.1 Annex B.7.
const specExample = "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A"

func main() {
	in := specExample
	if len(os.Args) > 1 {
		in = os.Args[1]
	}
	if err := run(os.Stdout, in); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(w io.Writer, in string) error {
	p, err := emvco.Parse(in)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "payload: %d characters, %d bytes\n", p.Len(), len(p.String()))
	for o := range p.Objects() {
		print1(w, o, "")
		for c := range o.Objects() {
			print1(w, c, "  ")
		}
	}
	fmt.Fprintf(w, "merchant: %s, %s (%s), MCC %s\n", p.MerchantName(), p.MerchantCity(), p.CountryCode(), p.MerchantCategoryCode())
	if amount, ok := p.Amount(); ok {
		fmt.Fprintf(w, "amount: %s (ISO 4217 %s), %s code\n", amount, p.Currency(), p.Initiation())
	}
	return nil
}

func print1(w io.Writer, o emvco.Object, indent string) {
	v := o.Value()
	if o.IsTemplate() {
		v = "(template)"
	}
	fmt.Fprintf(w, "%s%-6s @%-4d %s\n", indent, o.Path(), o.Offset(), v)
}
