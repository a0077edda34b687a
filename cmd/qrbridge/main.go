// Command qrbridge reads, checks and renders payment QR codes from the
// command line:
//
//	qrbridge parse  <payload>           decode an EMVCo payload (MPM or CPM) and print its objects
//	qrbridge lint   [-json] <payload>   report conformance findings; exit 1 when any is an error
//	qrbridge qr     [-o file] [-svg] [-size px] <payload>
//	                                    render a QR code (terminal when no -o)
//	qrbridge decode <image>             read the payload out of a PNG, JPEG or GIF image
//
// A payload argument of "-" is read from standard input. Exit status: 0
// on success, 1 when the input is refused or has errors, 2 on usage errors.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
