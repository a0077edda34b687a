package qr

import (
	"fmt"
	"image"
	"image/color"
	"math"
)

// Level is the error-correction level. The zero value is [LevelM], the
// default: 15% of codewords can be restored.
type Level uint8

const (
	LevelM Level = iota // 15%
	LevelL              // 7%
	LevelQ              // 25%
	LevelH              // 30%; forced when a logo covers part of the symbol
)

// String returns "L", "M", "Q" or "H".
func (l Level) String() string { return [...]string{"M", "L", "Q", "H"}[l&3] }

// Mode is how text becomes QR segments. The zero value, [ModeAuto], uses
// [ModeEMVCo] for EMVCo payloads (text starting "0002", or CPM text
// starting "hQVDUFY") and [ModeCompact] otherwise.
type Mode uint8

const (
	ModeAuto Mode = iota
	// ModeEMVCo encodes the whole payload as one byte-mode segment, as EMV
	// MPM §4.12 requires, preceded by an ECI 000026 (UTF-8) segment when
	// the text holds a character outside the ans set.
	ModeEMVCo
	// ModeCompact uses numeric, alphanumeric and byte segments, whichever
	// is shortest, for payloads that are not EMVCo (Zero Pay codes, WeChat
	// URLs): smaller symbols read more reliably. It never uses Kanji mode.
	ModeCompact
)

// Options configure encoding and rendering. The zero value means: level M,
// automatic mode, ECI when needed, any version, a 4-module quiet zone,
// 4 pixels per module, black on white, no logo.
type Options struct {
	Level Level
	Mode  Mode
	// NoECI omits the UTF-8 ECI segment, for legacy readers that choke on
	// ECI; they may then mangle non-ASCII text.
	NoECI bool
	// MinVersion and MaxVersion bound the symbol version (1-40); 0 means
	// no bound.
	MinVersion, MaxVersion int
	// QuietZone is the margin in modules; 0 or less means 4, the minimum
	// the QR standard requires.
	QuietZone int
	// ModuleSize is the size of a module in whole pixels, at least 2; 0
	// means 4, or the largest that fits Size (refused when Size cannot
	// give every module 2 pixels).
	ModuleSize int
	// Size, when set, is the largest image width wanted in pixels; the
	// module size is the largest whole number that fits.
	Size int
	// Foreground and Background colour the modules; nil means black and
	// white. The foreground must be darker, with a contrast ratio of at
	// least 4.5:1.
	Foreground, Background color.Color
	// Logo is drawn over the centre of the symbol; it forces level H.
	// LogoPercent is the share of the symbol's area it covers, 10 when 0,
	// refused over 15.
	Logo        image.Image
	LogoPercent int
}

// level returns the effective error-correction level.
func (o *Options) level() Level {
	if o.Logo != nil {
		return LevelH
	}
	return o.Level
}

func (o *Options) quietZone() int {
	if o.QuietZone <= 0 {
		return 4
	}
	return o.QuietZone
}

// moduleSize returns the pixels per module for a symbol of n modules.
func (o *Options) moduleSize(n int) (int, error) {
	ms := o.ModuleSize
	switch {
	case ms == 0 && o.Size > 0:
		if ms = o.Size / (n + 2*o.quietZone()); ms < 2 {
			return 0, fmt.Errorf("%w: %d px cannot hold %d modules at 2 px each", ErrOptions, o.Size, n+2*o.quietZone())
		}
	case ms == 0:
		ms = 4
	case ms < 2:
		return 0, fmt.Errorf("%w: module size under 2 pixels", ErrOptions)
	}
	return ms, nil
}

func (o *Options) colors() (fg, bg color.Color, err error) {
	fg, bg = o.Foreground, o.Background
	if fg == nil {
		fg = color.Black
	}
	if bg == nil {
		bg = color.White
	}
	if contrast(fg, bg) < 4.5 || luminance(fg) >= luminance(bg) {
		return nil, nil, fmt.Errorf("%w: foreground must be darker than background, contrast at least 4.5:1", ErrOptions)
	}
	return fg, bg, nil
}

// luminance is the WCAG relative luminance of c.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xFFFF
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// contrast is the WCAG contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}
