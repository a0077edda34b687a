// Command qrbridge decodes, checks, builds, renders, scans and translates
// payment QR codes from the command line: EMVCo merchant-presented codes
// with their national schemes, EMVCo consumer-presented codes (card data
// masked), WeChat Pay, Alipay and UnionPay payment codes, and Zero Pay.
//
// Install it with
//
//	go install github.com/qrbridge/qrbridge/cmd/qrbridge@latest
//
// and run "qrbridge help" for the subcommands, "qrbridge help decode" (or
// "qrbridge decode --help") for one subcommand's flags and examples.
//
// Exit status: 0 on success, 1 when an input is refused or has
// error-severity findings, 2 on usage errors (unknown subcommand, bad flag,
// wrong arguments). Errors go to standard error, results to standard
// output.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
