package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/qrbridge/qrbridge/qr"
)

var cmdScan = &command{
	name:    "scan",
	summary: "read every QR code in image files (PNG, JPEG, GIF)",
	usage:   "scan [--json] IMAGE...",
	help: `
Scan reads every QR code in each image, with the qr package's bounded
decoder (byte size and pixel count checked before any pixel is decoded),
and prints each code's text on a line of its own, so the output can feed
"decode --jsonl". --json prints one object per code with the file and the
symbol's version, level and ECI. An image with no readable code is
reported on standard error and makes the exit status 1; the other images
are still read.

examples:
  qrbridge scan code.png
  qrbridge scan *.png | qrbridge decode --jsonl`,
	run: runScan,
}

// scanned is one code scan found, as --json prints it.
type scanned struct {
	File    string `json:"file"`
	Text    string `json:"text"`
	Version int    `json:"version"`
	Level   string `json:"level"`
	ECI     bool   `json:"eci"`
}

func runScan(e env, c *command, args []string) error {
	fs := e.newFlags(c)
	asJSON := fs.Bool("json", false, "print one JSON object per code")
	files, err := fs.parse(args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("%w: scan takes one or more image files", errUsage)
	}
	var d qr.Decoder
	failed := false
	for _, name := range files {
		res, err := scanFile(&d, name)
		if err != nil {
			fmt.Fprintf(e.stderr, "qrbridge scan: %s: %s\n", name, describe(err))
			failed = true
			continue
		}
		for _, r := range res {
			if *asJSON {
				err = writeJSON(e.stdout, scanned{name, r.Text, r.Version, r.Level.String(), r.ECI})
			} else {
				_, err = fmt.Fprintln(e.stdout, r.Text)
			}
			if err != nil {
				return err
			}
		}
	}
	if failed {
		return errReported
	}
	return nil
}

func scanFile(d *qr.Decoder, name string) ([]qr.Result, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, errors.Unwrap(err)
	}
	defer f.Close()
	return d.DecodeAllReader(f)
}
