package main

import (
	"fmt"
	"os"

	"github.com/qrbridge/qrbridge/qr"
)

// cmdDecode reads the payload out of an image file ("-" for standard
// input) and prints it, with the symbol's details on standard error.
func cmdDecode(e env, args []string) error {
	fs := e.newFlags("decode")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: decode takes one image file", errUsage)
	}
	in := e.stdin
	if name := fs.Arg(0); name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	var d qr.Decoder
	res, err := d.DecodeReader(in)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, res.Text)
	fmt.Fprintf(e.stderr, "version %d, level %s, eci %v, segments %v\n", res.Version, res.Level, res.ECI, res.Segments)
	return nil
}
