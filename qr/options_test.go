package qr

import (
	"errors"
	"flag"
	"image"
	"image/color"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

func TestOptionsRefusals(t *testing.T) {
	p := corpusPayloads(t)[1]
	tests := []struct {
		name string
		o    Options
		want error
	}{
		{"module 1 px", Options{ModuleSize: 1}, ErrOptions},
		{"size too small", Options{Size: 50}, ErrOptions},
		{"size far too small", Options{Size: 20}, ErrOptions},
		{"negative module", Options{ModuleSize: -3}, ErrOptions},
		{"grey on grey", Options{Foreground: color.Gray{Y: 100}, Background: color.Gray{Y: 160}}, ErrOptions},
		{"light on dark", Options{Foreground: color.White, Background: color.Black}, ErrOptions},
		{"logo 20%", Options{Logo: testLogo(), LogoPercent: 20}, ErrLogoTooLarge},
	}
	for _, tt := range tests {
		s, err := Encode(p, tt.o)
		if err == nil {
			_, err = s.Image()
		}
		assert.ErrorIs(t, err, tt.want, tt.name)
	}
	_, err := Encode(p, Options{MaxVersion: 3})
	assert.ErrorIs(t, err, ErrTooLong)
	_, err = Encode("", Options{})
	assert.ErrorIs(t, err, ErrOptions)
	_, err = Encode("a\xff", Options{})
	assert.ErrorIs(t, err, ErrOptions)
}

func TestOptionsHonoured(t *testing.T) {
	p := corpusPayloads(t)[1]
	s, err := Encode(p, Options{Logo: testLogo()})
	require.NoError(t, err)
	assert.Equal(t, LevelH, s.Level(), "a logo forces level H")

	s, err = Encode(p, Options{MinVersion: 20})
	require.NoError(t, err)
	assert.Equal(t, 20, s.Version())

	s, err = Encode(p, Options{Size: 256})
	require.NoError(t, err)
	img, err := s.Image()
	require.NoError(t, err)
	assert.LessOrEqual(t, img.Bounds().Dx(), 256)
	assert.Greater(t, img.Bounds().Dx(), 256-(s.Size()+8), "the largest whole module size that fits")

	s, err = Encode(p, Options{QuietZone: 2, ModuleSize: 3, Foreground: color.RGBA{0, 0, 128, 255}})
	require.NoError(t, err)
	img, err = s.Image()
	require.NoError(t, err)
	assert.Equal(t, (s.Size()+4)*3, img.Bounds().Dx())
	pal := img.(*image.Paletted)
	assert.Equal(t, color.RGBA{0, 0, 128, 255}, pal.Palette[1])
	res, err := Decode(img)
	require.NoError(t, err)
	assert.Equal(t, p, res.Text)
}

// TestGolden keeps one payload's PNG, SVG and terminal renderings under
// testdata; refresh them with go test ./qr -run Golden -update.
func TestGolden(t *testing.T) {
	const payload = "00020101021129370016A000000677010111011300668012345675802TH530376463046197"
	s, err := Encode(payload, Options{ModuleSize: 4})
	require.NoError(t, err)
	png, err := s.PNG()
	require.NoError(t, err)
	svg, err := s.SVG()
	require.NoError(t, err)
	outputs := map[string][]byte{
		"promptpay.png":      png,
		"promptpay.svg":      []byte(svg),
		"promptpay.txt":      []byte(s.Terminal(TextPlain)),
		"promptpay.ansi.txt": []byte(s.Terminal(TextANSI)),
	}
	for name, got := range outputs {
		path := "testdata/" + name + ".golden"
		if *update {
			require.NoError(t, os.WriteFile(path, got, 0o644))
		}
		want, err := os.ReadFile(path)
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got), name)
	}
	res, err := DecodeBytes(png)
	require.NoError(t, err)
	assert.Equal(t, payload, res.Text)
	assert.Equal(t, 1, strings.Count(svg, "<path"), "one path of runs")
	lines := strings.Split(strings.TrimSuffix(s.Terminal(TextPlain), "\n"), "\n")
	assert.Len(t, lines, (s.Size()+8+1)/2, "two module rows per line")
}

// TestOptionBounds: options out of bounds are refused by Encode with an
// OptionError naming the option, before any allocation they would size.
func TestOptionBounds(t *testing.T) {
	p := corpusPayloads(t)[1]
	tests := []struct {
		o      Options
		option string
	}{
		{Options{Size: platformInt(1e12)}, "Size"},
		{Options{Size: -1}, "Size"},
		{Options{Size: MaxImageSide + 1}, "Size"},
		{Options{ModuleSize: platformInt(1 << 40)}, "ModuleSize"},
		{Options{ModuleSize: 100}, "ModuleSize"}, // 65 modules and the quiet zone at 100 px: over 4096
		{Options{QuietZone: platformInt(1 << 61)}, "QuietZone"},
		{Options{QuietZone: -1}, "QuietZone"},
		{Options{QuietZone: MaxQuietZone + 1}, "QuietZone"},
		{Options{Level: 7}, "Level"},
		{Options{Mode: 9}, "Mode"},
		{Options{MinVersion: 41}, "MinVersion"},
		{Options{MaxVersion: -2}, "MaxVersion"},
		{Options{MinVersion: 30, MaxVersion: 20}, "MinVersion"},
		{Options{Foreground: color.White, Background: color.White}, "Foreground"},
		{Options{Size: 60}, "Size"},
	}
	for _, tt := range tests {
		_, err := Encode(p, tt.o)
		var oe *OptionError
		if assert.ErrorAs(t, err, &oe, "%+v", tt.o) {
			assert.Equal(t, tt.option, oe.Option)
			assert.ErrorIs(t, err, ErrOptions)
		}
	}
	for _, o := range []Options{ // the bounds themselves are allowed
		{Size: MaxImageSide}, {MinVersion: 40, MaxVersion: 40}, {MinVersion: 12, MaxVersion: 12},
		{Mode: ModeCompact}, {Level: LevelH}, {ModuleSize: 2}, {QuietZone: MaxQuietZone},
	} {
		_, err := Encode(p, o)
		assert.NoError(t, err, "%+v", o)
	}
	s, err := Encode(p, Options{QuietZone: MaxQuietZone, ModuleSize: 2})
	require.NoError(t, err)
	img, err := s.Image()
	require.NoError(t, err)
	assert.Equal(t, (s.Size()+2*MaxQuietZone)*2, img.Bounds().Dx())
	assert.Len(t, strings.Split(strings.TrimSuffix(s.Terminal(TextPlain), "\n"), "\n"), (s.Size()+2*MaxQuietZone+1)/2)
}

// platformInt is v, or the largest int on a 32-bit platform.
func platformInt(v int64) int { return int(min(v, math.MaxInt)) }

// FuzzOptions: Encode never panics, and a symbol it returns renders in
// every form within MaxImageSide.
func FuzzOptions(f *testing.F) {
	f.Add(int64(0), int64(0), int64(0), int64(0), int64(0), int64(0), uint8(0), uint8(0), false)
	f.Add(int64(1e12), int64(0), int64(0), int64(0), int64(0), int64(0), uint8(0), uint8(0), false)
	f.Add(int64(0), int64(1<<40), int64(0), int64(0), int64(0), int64(0), uint8(0), uint8(0), false)
	f.Add(int64(0), int64(0), int64(1<<61), int64(0), int64(0), int64(0), uint8(0), uint8(0), false)
	f.Add(int64(256), int64(0), int64(2), int64(15), int64(0), int64(0), uint8(3), uint8(1), true)
	f.Fuzz(func(t *testing.T, size, module, quiet, logo, minV, maxV int64, level, mode uint8, shrink bool) {
		o := Options{Size: int(size), ModuleSize: int(module), QuietZone: int(quiet), MinVersion: int(minV), MaxVersion: int(maxV),
			Level: Level(level), Mode: Mode(mode), LogoShrink: shrink}
		if logo != 0 {
			o.Logo, o.LogoPercent = testLogo(), int(logo)
		}
		s, err := Encode("00020101021129370016A000000677010111011300668012345675802TH530376463046197", o)
		if err != nil {
			if !errors.Is(err, ErrOptions) && !errors.Is(err, ErrLogoTooLarge) && !errors.Is(err, ErrTooLong) {
				t.Fatalf("unmatched error %v", err)
			}
			return
		}
		img, err := s.Image()
		if err != nil {
			t.Fatal(err)
		}
		if w := img.Bounds().Dx(); w > MaxImageSide || w <= 0 {
			t.Fatalf("image %d px", w)
		}
		if _, err := s.SVG(); err != nil {
			t.Fatal(err)
		}
		_ = s.Terminal(TextANSI)
	})
}

// TestContrast: the WCAG 2 contrast ratio, at its known points: 21:1 for
// black on white, and #767676 the lightest grey with 4.5:1 on white.
func TestContrast(t *testing.T) {
	assert.InDelta(t, 21, contrast(color.Black, color.White), 1e-9)
	assert.InDelta(t, 1, contrast(color.White, color.White), 1e-9)
	assert.InDelta(t, 4.54, contrast(color.RGBA{0x76, 0x76, 0x76, 255}, color.White), 0.01)
	assert.InDelta(t, 4.48, contrast(color.RGBA{0x77, 0x77, 0x77, 255}, color.White), 0.01)
	assert.InDelta(t, 0.2126, luminance(color.RGBA{255, 0, 0, 255}), 1e-4)
	assert.InDelta(t, 0.7152, luminance(color.RGBA{0, 255, 0, 255}), 1e-4)
	assert.InDelta(t, 0.0722, luminance(color.RGBA{0, 0, 255, 255}), 1e-4)
	assert.InDelta(t, 0.00243, luminance(color.Gray{Y: 8}), 1e-5, "the linear segment under 0.03928")
	p := corpusPayloads(t)[1]
	_, err := Encode(p, Options{Foreground: color.RGBA{0x76, 0x76, 0x76, 255}})
	assert.NoError(t, err)
	_, err = Encode(p, Options{Foreground: color.RGBA{0x77, 0x77, 0x77, 255}})
	assert.ErrorIs(t, err, ErrOptions)

	s, err := Encode(p, Options{})
	require.NoError(t, err)
	s, err = Encode(p, Options{Size: (s.Size() + 8) * 2})
	require.NoError(t, err, "a Size that gives exactly 2 px per module")
	img, err := s.Image()
	require.NoError(t, err)
	assert.Equal(t, (s.Size()+8)*2, img.Bounds().Dx())
}

func TestParseLevel(t *testing.T) {
	for _, l := range []Level{LevelL, LevelM, LevelQ, LevelH} {
		got, ok := ParseLevel(l.String())
		assert.True(t, ok, l.String())
		assert.Equal(t, l, got)
	}
	for _, s := range []string{"", "l", "X", "MM", "h"} {
		got, ok := ParseLevel(s)
		assert.False(t, ok, s)
		assert.Equal(t, Level(0), got, s)
	}
}

// TestOptionsCheck: check itself refuses each out-of-bounds field and
// admits the bounds, so that Encode reports the option before it encodes
// any text (a text too long for its versions is not the error then).
func TestOptionsCheck(t *testing.T) {
	for _, tt := range []struct {
		o      Options
		option string
	}{
		{Options{ModuleSize: 1}, "ModuleSize"},
		{Options{ModuleSize: -1}, "ModuleSize"},
		{Options{ModuleSize: MaxImageSide + 1}, "ModuleSize"},
		{Options{Size: -1}, "Size"},
		{Options{QuietZone: -1}, "QuietZone"},
	} {
		var oe *OptionError
		require.ErrorAs(t, tt.o.check(), &oe, "%+v", tt.o)
		assert.Equal(t, tt.option, oe.Option)
		tt.o.MaxVersion = 1
		_, err := Encode(strings.Repeat("a", 100), tt.o)
		require.ErrorAs(t, err, &oe, "%+v", tt.o)
		assert.Equal(t, tt.option, oe.Option)
	}
	for _, o := range []Options{{ModuleSize: MaxImageSide}, {ModuleSize: 2}, {ModuleSize: 0}, {Size: MaxImageSide}, {QuietZone: MaxQuietZone}} {
		assert.NoError(t, o.check(), "%+v", o)
	}
}
