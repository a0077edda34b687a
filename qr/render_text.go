package qr

import (
	"fmt"
	"image/color"
	"strconv"
	"strings"
)

// SVG renders the symbol as SVG: one path of horizontal runs, scaled so
// that a module is ModuleSize user units, with the quiet zone.
func (s *Symbol) SVG() (string, error) {
	fg, bg, err := s.opts.colors()
	if err != nil {
		return "", err
	}
	ms, err := s.opts.moduleSize(s.size)
	if err != nil {
		return "", err
	}
	n := s.size + 2*s.opts.quietZone()
	var b strings.Builder
	b.Grow(s.size * s.size)
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" shape-rendering="crispEdges">`, n*ms, n*ms, n, n)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="%s"/><path fill="%s" d="`, n, n, hexColor(bg), hexColor(fg))
	qz := s.opts.quietZone()
	for y := range s.size {
		for x := 0; x < s.size; {
			if !s.Module(x, y) {
				x++
				continue
			}
			start := x
			for x < s.size && s.Module(x, y) {
				x++
			}
			b.WriteByte('M')
			b.WriteString(strconv.Itoa(start + qz))
			b.WriteByte(' ')
			b.WriteString(strconv.Itoa(y + qz))
			b.WriteByte('h')
			b.WriteString(strconv.Itoa(x - start))
			b.WriteString("v1h-")
			b.WriteString(strconv.Itoa(x - start))
			b.WriteByte('z')
		}
	}
	b.WriteString(`"/></svg>`)
	return b.String(), nil
}

func hexColor(c color.Color) string {
	r, g, bl, _ := c.RGBA()
	return fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, bl>>8)
}

// TextStyle chooses a terminal rendering. The zero value, [TextPlain],
// draws dark modules with block characters for a light terminal.
type TextStyle uint8

const (
	TextPlain TextStyle = iota // block characters, for light backgrounds
	TextANSI                   // black on white with ANSI colours, for any terminal
)

// Terminal renders the symbol with Unicode half blocks, two module rows
// per line, quiet zone included.
func (s *Symbol) Terminal(style TextStyle) string {
	qz := s.opts.quietZone()
	var b strings.Builder
	b.Grow((s.size + 2*qz) * (s.size + 2*qz) * 2)
	for y := -qz; y < s.size+qz; y += 2 {
		if style == TextANSI {
			b.WriteString("\x1b[30;47m")
		}
		for x := -qz; x < s.size+qz; x++ {
			b.WriteString(halfBlock(s.Module(x, y), s.Module(x, y+1)))
		}
		if style == TextANSI {
			b.WriteString("\x1b[0m")
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func halfBlock(top, bottom bool) string {
	switch {
	case top && bottom:
		return "█"
	case top:
		return "▀"
	case bottom:
		return "▄"
	}
	return " "
}
