package main

import (
	"fmt"
	"os"

	"github.com/qrbridge/qrbridge/qr"
)

// cmdQR renders a payload as a QR code: to the terminal, or to a PNG or
// SVG file.
func cmdQR(e env, args []string) error {
	fs := e.newFlags("qr")
	out := fs.String("o", "", "write the image to this file instead of the terminal")
	svg := fs.Bool("svg", false, "write SVG instead of PNG")
	size := fs.Int("size", 256, "largest image width in pixels")
	level := fs.String("level", "M", "error-correction level: L, M, Q or H")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	payload, err := e.payloadArg(fs)
	if err != nil {
		return err
	}
	lv, ok := map[string]qr.Level{"L": qr.LevelL, "M": qr.LevelM, "Q": qr.LevelQ, "H": qr.LevelH}[*level]
	if !ok {
		return fmt.Errorf("%w: -level must be L, M, Q or H", errUsage)
	}
	s, err := qr.Encode(payload, qr.Options{Level: lv, Size: *size})
	if err != nil {
		return err
	}
	if *out == "" {
		fmt.Fprint(e.stdout, s.Terminal(qr.TextANSI))
		return nil
	}
	return writeImage(s, *out, *svg)
}

func writeImage(s *qr.Symbol, path string, svg bool) error {
	var data []byte
	var err error
	if svg {
		var text string
		text, err = s.SVG()
		data = []byte(text)
	} else {
		data, err = s.PNG()
	}
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}
