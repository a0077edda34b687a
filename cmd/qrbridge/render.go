package main

import (
	"bytes"
	"fmt"
	"image"
	_ "image/gif" // logo formats
	_ "image/jpeg"
	_ "image/png"
	"io"
	"os"

	"github.com/qrbridge/qrbridge/qr"
)

var cmdRender = &command{
	name:    "render",
	summary: "render a payload as a QR code: PNG, SVG or terminal",
	usage:   "render PAYLOAD | - [--png FILE] [--svg FILE] [--term] [--size PX] [--level L|M|Q|H] [--logo FILE [--logo-percent N]]",
	help: `
Render encodes a payload as a QR symbol (EMVCo payloads in byte mode, with
the UTF-8 ECI when they hold non-ASCII text) and writes it as a PNG file,
an SVG file and/or text for a terminal; at least one output is required,
and FILE - is standard output. The terminal form is coloured with ANSI
escapes only when standard output is a terminal and NO_COLOR is not set;
otherwise it is plain block characters. A size, level or logo the qr
package cannot honour (a logo that would leave the symbol unreadable
included) is refused with its error, and exit status 1.

examples:
  qrbridge render PAYLOAD --png code.png --size 512
  qrbridge render PAYLOAD --svg code.svg --level H
  qrbridge render PAYLOAD --term
  qrbridge render PAYLOAD --png code.png --logo logo.png --logo-percent 6`,
	run: runRender,
}

// maxLogo bounds the logo file, read whole before decoding.
const maxLogo = 4 << 20

// maxLogoPixels bounds the logo's header-declared pixel count, checked
// before it is decoded.
const maxLogoPixels = 4 << 20

func runRender(e env, c *command, args []string) error {
	fs := e.newFlags(c)
	png := fs.String("png", "", "write a PNG image to `FILE`")
	svg := fs.String("svg", "", "write an SVG image to `FILE`")
	term := fs.Bool("term", false, "write the symbol as text to standard output")
	size := fs.Int("size", 0, "largest image width in pixels (default: 4 pixels a module)")
	level := fs.String("level", "M", "error-correction level: L, M, Q or H")
	logo := fs.String("logo", "", "draw the image in `FILE` (PNG, JPEG or GIF) over the centre; forces level H")
	logoPercent := fs.Int("logo-percent", 0, "the share of the symbol's area the logo covers (default: the qr package's, 10)")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	lv, ok := qr.ParseLevel(*level)
	if !ok {
		return fmt.Errorf("%w: --level must be L, M, Q or H", errUsage)
	}
	if *png == "" && *svg == "" && !*term {
		return fmt.Errorf("%w: render needs --png FILE, --svg FILE or --term", errUsage)
	}
	payload, err := e.payloadArg(c.name, pos)
	if err != nil {
		return err
	}
	o := qr.Options{Level: lv, Size: *size, LogoPercent: *logoPercent}
	if *logo != "" {
		if o.Logo, err = readLogo(*logo); err != nil {
			return err
		}
	}
	s, err := qr.Encode(payload, o) // refuses unbounded options with *qr.OptionError
	if err != nil {
		return err
	}
	return e.writeSymbol(s, *png, *svg, *term)
}

func (e env) writeSymbol(s *qr.Symbol, png, svg string, term bool) error {
	if png != "" {
		b, err := s.PNG()
		if err != nil {
			return err
		}
		if err := e.writeFile(png, b); err != nil {
			return err
		}
	}
	if svg != "" {
		text, err := s.SVG()
		if err != nil {
			return err
		}
		if err := e.writeFile(svg, []byte(text)); err != nil {
			return err
		}
	}
	if term {
		style := qr.TextPlain
		if e.colour() {
			style = qr.TextANSI
		}
		_, err := io.WriteString(e.stdout, s.Terminal(style))
		return err
	}
	return nil
}

// colour reports whether terminal output may use ANSI colour: standard
// output is a terminal and NO_COLOR (https://no-color.org) is unset or
// empty.
func (e env) colour() bool {
	if e.getenv("NO_COLOR") != "" {
		return false
	}
	f, ok := e.stdout.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func (e env) writeFile(name string, b []byte) error {
	if name == "-" {
		_, err := e.stdout.Write(b)
		return err
	}
	return os.WriteFile(name, b, 0o644)
}

// readLogo reads a bounded logo image: the file size and the declared
// pixel count are checked before the pixels are decoded.
func readLogo(name string) (image.Image, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxLogo+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxLogo {
		return nil, fmt.Errorf("--logo %s: over %d bytes: %w", name, maxLogo, qr.ErrImageTooLarge)
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("--logo %s: %w", name, qr.ErrFormat)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > maxLogoPixels/cfg.Height {
		return nil, fmt.Errorf("--logo %s: %dx%d pixels: %w", name, cfg.Width, cfg.Height, qr.ErrImageTooLarge)
	}
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("--logo %s: %w", name, qr.ErrFormat)
	}
	return img, nil
}
