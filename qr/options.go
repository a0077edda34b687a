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

// ParseLevel returns the level String names: "L", "M", "Q" or "H", the
// letters ISO/IEC 18004 Table 12 uses. It reports false for anything
// else, with the zero Level.
func ParseLevel(s string) (Level, bool) {
	for l := LevelM; l <= LevelH; l++ {
		if l.String() == s {
			return l, true
		}
	}
	return 0, false
}

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
// 4 pixels per module, black on white, no logo. [Encode] checks every
// option, so that a [Symbol] always renders: a bad option is refused
// with an [*OptionError] (or [ErrLogoTooLarge] for the logo) that wraps
// [ErrOptions].
type Options struct {
	// Level is the error-correction level, LevelM to LevelH.
	Level Level
	// Mode is how text becomes segments, ModeAuto to ModeCompact.
	Mode Mode
	// NoECI omits the UTF-8 ECI segment, for legacy readers that choke on
	// ECI; they may then mangle non-ASCII text.
	NoECI bool
	// MinVersion and MaxVersion bound the symbol version (1-40); 0 means
	// no bound.
	MinVersion, MaxVersion int
	// QuietZone is the margin in modules, at most MaxQuietZone; 0 means
	// 4, the minimum the QR standard requires.
	QuietZone int
	// ModuleSize is the size of a module in whole pixels, at least 2; 0
	// means 4, or the largest that fits Size (refused when Size cannot
	// give every module 2 pixels).
	ModuleSize int
	// Size, when set, is the largest image width wanted in pixels, at
	// most MaxImageSide; the module size is the largest whole number
	// that fits.
	Size int
	// Foreground and Background colour the modules; nil means black and
	// white. The foreground must be darker, with a contrast ratio of at
	// least 4.5:1.
	Foreground, Background color.Color
	// Logo is drawn over the centre of the symbol; it forces level H.
	// LogoPercent is the share of the symbol's area it covers, at most
	// 15; a share that would take more than 40% of the error correction
	// of any Reed–Solomon block is refused with a [*LogoError], or with
	// LogoShrink shrunk, whole percent by whole percent, until it fits.
	// LogoPercent 0 means 10% with LogoShrink: the largest share up to
	// 10% that fits.
	Logo        image.Image
	LogoPercent int
	LogoShrink  bool
}

// Bounds of the rendering options: an image is at most MaxImageSide
// pixels wide (16 MB as a paletted image, 64 MB as RGBA with a logo),
// and the quiet zone at most MaxQuietZone modules.
const (
	MaxImageSide = 4096
	MaxQuietZone = 64
)

// OptionError reports an option that cannot be honoured. It wraps
// [ErrOptions].
type OptionError struct {
	Option string // the field of [Options]: "Size", "QuietZone", …
	Reason string
}

func (e *OptionError) Error() string { return "qr: options: " + e.Option + ": " + e.Reason }

// Unwrap returns [ErrOptions].
func (e *OptionError) Unwrap() error { return ErrOptions }

// check refuses options out of their bounds, before any work is done.
func (o *Options) check() error {
	bad := func(opt, format string, args ...any) error {
		return &OptionError{Option: opt, Reason: fmt.Sprintf(format, args...)}
	}
	switch {
	case o.Level > LevelH:
		return bad("Level", "%d is not a level", o.Level)
	case o.Mode > ModeCompact:
		return bad("Mode", "%d is not a mode", o.Mode)
	case o.MinVersion < 0 || o.MinVersion > 40:
		return bad("MinVersion", "%d is not 1 to 40", o.MinVersion)
	case o.MaxVersion < 0 || o.MaxVersion > 40:
		return bad("MaxVersion", "%d is not 1 to 40", o.MaxVersion)
	case o.MaxVersion > 0 && o.MinVersion > o.MaxVersion:
		return bad("MinVersion", "%d is over MaxVersion %d", o.MinVersion, o.MaxVersion)
	case o.QuietZone < 0 || o.QuietZone > MaxQuietZone:
		return bad("QuietZone", "%d modules, not 0 to %d", o.QuietZone, MaxQuietZone)
	case o.ModuleSize < 0 || o.ModuleSize == 1:
		return bad("ModuleSize", "module size under 2 pixels")
	case o.ModuleSize > MaxImageSide:
		return bad("ModuleSize", "%d pixels, over %d", o.ModuleSize, MaxImageSide)
	case o.Size < 0 || o.Size > MaxImageSide:
		return bad("Size", "%d pixels, not 0 to %d", o.Size, MaxImageSide)
	}
	_, _, err := o.colors()
	return err
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

// moduleSize returns the pixels per module for a symbol of n modules,
// checking that the image stays within MaxImageSide.
func (o *Options) moduleSize(n int) (int, error) {
	ms := o.ModuleSize
	side := n + 2*o.quietZone()
	switch {
	case ms == 0 && o.Size > 0:
		if ms = o.Size / side; ms < 2 {
			return 0, &OptionError{Option: "Size", Reason: fmt.Sprintf("%d px cannot hold %d modules at 2 px each", o.Size, side)}
		}
	case ms == 0:
		ms = 4
	case ms < 2:
		return 0, &OptionError{Option: "ModuleSize", Reason: "module size under 2 pixels"}
	}
	if side*ms > MaxImageSide {
		return 0, &OptionError{Option: "ModuleSize", Reason: fmt.Sprintf("%d modules at %d px is over %d px", side, ms, MaxImageSide)}
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
		return nil, nil, &OptionError{Option: "Foreground", Reason: "foreground must be darker than background, contrast at least 4.5:1"}
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
