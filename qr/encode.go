package qr

import (
	"errors"
	"fmt"

	goqr "github.com/piglig/go-qr"
)

// Symbol is an encoded QR code: its module matrix and how it was made. It
// is immutable and safe for concurrent use. The zero Symbol has no
// modules.
type Symbol struct {
	size    int
	modules []uint64 // row-major bits, one per module
	version int
	level   Level
	eci     bool
	opts    Options // rendering options given to Encode
}

// Encode turns text into a QR symbol with piglig/go-qr's segment API:
// byte mode with an ECI 000026 for EMVCo payloads (EMV MPM §4.12), compact
// segments for others, never Kanji (see [Mode]). The symbol keeps o for
// its renderers.
func Encode(text string, o Options) (*Symbol, error) {
	if text == "" {
		return nil, fmt.Errorf("%w: empty text", ErrOptions)
	}
	if err := checkLogo(&o); err != nil {
		return nil, err
	}
	segs, eci, err := segments(text, &o)
	if err != nil {
		return nil, err
	}
	minV, maxV := versionBounds(&o)
	code, err := goqr.EncodeSegments(segs, ecc(o.level()), minV, maxV, -1, false)
	if err != nil {
		if errors.Is(err, goqr.ErrDataTooLong) {
			return nil, fmt.Errorf("%w (versions %d-%d, level %s)", ErrTooLong, minV, maxV, o.level())
		}
		return nil, fmt.Errorf("%w: %v", ErrOptions, err)
	}
	return newSymbol(code, o, eci), nil
}

func versionBounds(o *Options) (int, int) {
	minV, maxV := o.MinVersion, o.MaxVersion
	if minV < 1 {
		minV = 1
	}
	if maxV < 1 || maxV > 40 {
		maxV = 40
	}
	return minV, maxV
}

func ecc(l Level) goqr.Ecc {
	return [...]goqr.Ecc{goqr.Medium, goqr.Low, goqr.Quartile, goqr.High}[l&3]
}

func newSymbol(code *goqr.QrCode, o Options, eci bool) *Symbol {
	n := code.Size()
	s := &Symbol{size: n, modules: make([]uint64, (n*n+63)/64), version: (n - 17) / 4, level: o.level(), eci: eci, opts: o}
	for y := range n {
		for x := range n {
			if code.Module(x, y) {
				i := y*n + x
				s.modules[i/64] |= 1 << (i % 64)
			}
		}
	}
	return s
}

// Size returns the number of modules per side, without the quiet zone.
func (s *Symbol) Size() int { return s.size }

// Module reports whether the module at column x, row y is dark. Outside
// the symbol it reports false (light, as the quiet zone).
func (s *Symbol) Module(x, y int) bool {
	if x < 0 || y < 0 || x >= s.size || y >= s.size {
		return false
	}
	i := y*s.size + x
	return s.modules[i/64]&(1<<(i%64)) != 0
}

// Version returns the symbol version, 1 to 40.
func (s *Symbol) Version() int { return s.version }

// Level returns the error-correction level used.
func (s *Symbol) Level() Level { return s.level }

// ECI reports whether the symbol carries an ECI 000026 (UTF-8) segment.
func (s *Symbol) ECI() bool { return s.eci }

// maxLogoPercent bounds a logo's share of the symbol area: at level H, 10%
// decoded 20/20 and 20% only 16-20/20 in our measurements (research notes
// qr-layer.md §3).
const maxLogoPercent = 15

func checkLogo(o *Options) error {
	if o.Logo == nil {
		return nil
	}
	if o.LogoPercent == 0 {
		o.LogoPercent = 10
	}
	if o.LogoPercent < 0 || o.LogoPercent > maxLogoPercent {
		return fmt.Errorf("%w: %d%% of the area, at most %d%%", ErrLogoTooLarge, o.LogoPercent, maxLogoPercent)
	}
	return nil
}
