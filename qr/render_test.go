package qr

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"regexp"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// renderCases are symbols of different sizes, module sizes, quiet zones
// and colours.
var renderCases = []struct {
	text string
	o    Options
}{
	{"HELLO", Options{ModuleSize: 2, QuietZone: 1}},
	{"weixin://wxpay/bizpayurl?pr=9xFPmlUzz", Options{ModuleSize: 3}},
	{"00020101021129370016A000000677010111011300668012345675802TH530376463046197", Options{ModuleSize: 5, QuietZone: 2,
		Foreground: color.RGBA{0x12, 0x34, 0x56, 0xFF}, Background: color.RGBA{0xFE, 0xFD, 0xF0, 0xFF}}},
	{"1-ZP-202012AB0123-T000000000000001--X9-Z", Options{MinVersion: 7}},
}

// TestImagePixels: every pixel of Image and of the PNG is the colour of
// the module it falls in (quiet zone light), checked against Module; the
// pooled pixel buffer of WritePNG is reused from a larger symbol to a
// smaller one without leftovers.
func TestImagePixels(t *testing.T) {
	big, err := Encode(benchPayload, Options{ModuleSize: 6})
	require.NoError(t, err)
	for _, tc := range renderCases {
		t.Run(tc.text[:5], func(t *testing.T) {
			_, err := big.PNG() // leaves a larger buffer in the pool
			require.NoError(t, err)
			s, err := Encode(tc.text, tc.o)
			require.NoError(t, err)
			fg, bg, err := tc.o.colors()
			require.NoError(t, err)
			ms, qz := layout(tc.o)
			img, err := s.Image()
			require.NoError(t, err)
			b, err := s.PNG()
			require.NoError(t, err)
			decoded, err := png.Decode(bytes.NewReader(b))
			require.NoError(t, err)
			side := (s.Size() + 2*qz) * ms
			for _, im := range []image.Image{img, decoded} {
				require.Equal(t, image.Rect(0, 0, side, side), im.Bounds())
				for y := range side {
					for x := range side {
						want := bg
						if s.Module(x/ms-qz, y/ms-qz) {
							want = fg
						}
						if !sameColor(want, im.At(x, y)) {
							t.Fatalf("pixel %d,%d (module %d,%d): %v, want %v", x, y, x/ms-qz, y/ms-qz, im.At(x, y), want)
						}
					}
				}
			}
			res, err := DecodeBytes(b)
			require.NoError(t, err)
			assert.Equal(t, tc.text, res.Text)
		})
	}
}

// TestPooledBufferGrows: a pooled pixel buffer left by a small symbol is
// replaced, not overrun, when a larger one is written next.
func TestPooledBufferGrows(t *testing.T) {
	small, err := Encode("HI", Options{ModuleSize: 2})
	require.NoError(t, err)
	big, err := Encode(benchPayload, Options{ModuleSize: 6})
	require.NoError(t, err)
	for range 3 {
		_, err := small.PNG()
		require.NoError(t, err)
		b, err := big.PNG()
		require.NoError(t, err)
		res, err := DecodeBytes(b)
		require.NoError(t, err)
		assert.Equal(t, benchPayload, res.Text)
	}
}

// layout is the module size and quiet zone of options that set neither
// Size nor a zero-default they do not mean: 4 px and 4 modules by default.
func layout(o Options) (ms, qz int) {
	ms, qz = o.ModuleSize, o.QuietZone
	if ms == 0 {
		ms = 4
	}
	if qz == 0 {
		qz = 4
	}
	return ms, qz
}

func sameColor(a, b color.Color) bool {
	r1, g1, b1, a1 := a.RGBA()
	r2, g2, b2, a2 := b.RGBA()
	return r1 == r2 && g1 == g2 && b1 == b2 && a1 == a2
}

// TestLogoPlacement: the logo is drawn, scaled by nearest neighbour, over
// a centred square of LogoPercent of the symbol's area, read from its
// bounds (a sub-image whose origin is not 0, 0); every other pixel is the
// symbol's.
func TestLogoPlacement(t *testing.T) {
	quad := image.NewRGBA(image.Rect(0, 0, 40, 40))
	cols := [2][2]color.RGBA{{{255, 0, 0, 255}, {0, 200, 0, 255}}, {{0, 0, 255, 255}, {200, 200, 0, 255}}}
	for y := range 40 {
		for x := range 40 {
			c := color.RGBA{1, 2, 3, 255} // the frame the sub-image leaves out
			if x >= 10 && x < 30 && y >= 10 && y < 30 {
				c = cols[(y-10)/10][(x-10)/10]
			}
			quad.SetRGBA(x, y, c)
		}
	}
	logo := quad.SubImage(image.Rect(10, 10, 30, 30))
	for _, pct := range []int{4, 7} {
		t.Run(fmt.Sprint(pct, "%"), func(t *testing.T) {
			s, err := Encode("HELLO LOGO", Options{Logo: logo, LogoPercent: pct, ModuleSize: 3, MinVersion: 10})
			require.NoError(t, err)
			img, err := s.Image()
			require.NoError(t, err)
			plain := *s
			plain.opts.Logo = nil
			ref, err := plain.Image()
			require.NoError(t, err)
			side := img.Bounds().Dx()
			box := image.Rectangle{}
			for y := range side {
				for x := range side {
					if !sameColor(img.At(x, y), ref.At(x, y)) {
						box = box.Union(image.Rect(x, y, x+1, y+1))
					}
				}
			}
			px := int(float64(s.Size()*3) * math.Sqrt(float64(pct)/100))
			// The logo's square, found from the pixels that changed (no logo
			// colour is black or white).
			assert.InDelta(t, px, box.Dx(), 1, "side of %d%% of the area", pct)
			assert.Equal(t, box.Dx(), box.Dy())
			assert.InDelta(t, side/2, box.Min.X+box.Dx()/2, 1, "centred")
			assert.InDelta(t, side/2, box.Min.Y+box.Dy()/2, 1, "centred")
			for _, c := range []struct {
				x, y int
				want color.RGBA
			}{
				{box.Min.X, box.Min.Y, cols[0][0]}, {box.Max.X - 1, box.Min.Y, cols[0][1]},
				{box.Min.X, box.Max.Y - 1, cols[1][0]}, {box.Max.X - 1, box.Max.Y - 1, cols[1][1]},
			} {
				assert.True(t, sameColor(c.want, img.At(c.x, c.y)), "corner %d,%d: %v", c.x, c.y, img.At(c.x, c.y))
			}
			// Nearest neighbour: the first half of each row (rounded up) is
			// the left colour.
			red := 0
			for x := box.Min.X; x < box.Max.X; x++ {
				if sameColor(cols[0][0], img.At(x, box.Min.Y)) {
					red++
				}
			}
			assert.Equal(t, (box.Dx()+1)/2, red)
			res, err := Decode(img)
			require.NoError(t, err)
			assert.Equal(t, "HELLO LOGO", res.Text)
			b, err := s.PNG()
			require.NoError(t, err)
			fromPNG, err := png.Decode(bytes.NewReader(b))
			require.NoError(t, err)
			for y := range side {
				for x := range side {
					if !sameColor(img.At(x, y), fromPNG.At(x, y)) {
						t.Fatalf("the PNG differs from Image at %d,%d", x, y)
					}
				}
			}
		})
	}
}

var svgRun = regexp.MustCompile(`M(\d+) (\d+)h(\d+)v1h-(\d+)z`)

// TestSVGModules: the SVG's size, colours and runs, read back, are the
// symbol's modules.
func TestSVGModules(t *testing.T) {
	for _, tc := range renderCases {
		s, err := Encode(tc.text, tc.o)
		require.NoError(t, err)
		svg, err := s.SVG()
		require.NoError(t, err)
		fg, bg, _ := tc.o.colors()
		ms, qz := layout(tc.o)
		n := s.Size() + 2*qz
		assert.Contains(t, svg, fmt.Sprintf(`width="%d" height="%d" viewBox="0 0 %d %d"`, n*ms, n*ms, n, n))
		assert.Contains(t, svg, fmt.Sprintf(`<rect width="%d" height="%d" fill="%s"/><path fill="%s" d="`, n, n, hex(bg), hex(fg)))
		assert.True(t, strings.HasSuffix(svg, `"/></svg>`))
		dark := map[[2]int]bool{}
		runs := svgRun.FindAllStringSubmatch(svg, -1)
		for _, m := range runs {
			x, y, w, w2 := atoi(m[1]), atoi(m[2]), atoi(m[3]), atoi(m[4])
			require.Equal(t, w, w2)
			for i := range w {
				require.False(t, dark[[2]int{x + i - qz, y - qz}], "runs overlap")
				dark[[2]int{x + i - qz, y - qz}] = true
			}
			assert.False(t, s.Module(x-qz-1, y-qz), "a run starts after a light module")
			assert.False(t, s.Module(x-qz+w, y-qz), "a run ends before a light module")
		}
		assert.Equal(t, strings.Count(svg, "M"), len(runs), "nothing but runs")
		for y := -1; y <= s.Size(); y++ {
			for x := -1; x <= s.Size(); x++ {
				require.Equal(t, s.Module(x, y), dark[[2]int{x, y}], "module %d,%d", x, y)
			}
		}
	}
}

// hex is #rrggbb, from the colour's 8-bit RGBA.
func hex(c color.Color) string {
	r := color.RGBAModel.Convert(c).(color.RGBA)
	return fmt.Sprintf("#%02x%02x%02x", r.R, r.G, r.B)
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		panic(err)
	}
	return n
}

// TestTerminalModules: the half blocks, read back, are the symbol's
// modules, two rows per line, with the quiet zone; the ANSI style wraps
// each line in black on white.
func TestTerminalModules(t *testing.T) {
	cells := map[rune][2]bool{' ': {}, '▀': {true, false}, '▄': {false, true}, '█': {true, true}}
	for _, tc := range renderCases {
		s, err := Encode(tc.text, tc.o)
		require.NoError(t, err)
		qz := tc.o.QuietZone
		if qz == 0 {
			qz = 4
		}
		plain := s.Terminal(TextPlain)
		require.True(t, strings.HasSuffix(plain, "\n"))
		lines := strings.Split(strings.TrimSuffix(plain, "\n"), "\n")
		require.Len(t, lines, (s.Size()+2*qz+1)/2)
		for i, line := range lines {
			y := 2*i - qz
			x := -qz
			for _, r := range line {
				c, ok := cells[r]
				require.True(t, ok, "%q", r)
				require.Equal(t, s.Module(x, y), c[0], "module %d,%d", x, y)
				require.Equal(t, s.Module(x, y+1), c[1], "module %d,%d", x, y+1)
				x++
			}
			require.Equal(t, s.Size()+qz, x, "line %d", i)
		}
		ansi := s.Terminal(TextANSI)
		alines := strings.Split(strings.TrimSuffix(ansi, "\n"), "\n")
		require.Len(t, alines, len(lines))
		for i, l := range alines {
			assert.Equal(t, "\x1b[30;47m"+lines[i]+"\x1b[0m", l)
		}
	}
}

// TestRenderOptionErrors: each renderer refuses colours without contrast
// and an image over MaxImageSide with the options error, not a panic.
func TestRenderOptionErrors(t *testing.T) {
	s, err := Encode("HELLO", Options{})
	require.NoError(t, err)
	for name, o := range map[string]Options{
		"grey on grey": {Foreground: color.Gray{100}, Background: color.Gray{120}},
		"huge modules": {ModuleSize: 1 << 20},
	} {
		bad := *s
		bad.opts = o
		_, err := bad.Image()
		assert.ErrorIs(t, err, ErrOptions, name)
		_, err = bad.PNG()
		assert.ErrorIs(t, err, ErrOptions, name)
		_, err = bad.SVG()
		assert.ErrorIs(t, err, ErrOptions, name)
	}
	bad := *s
	bad.opts = Options{Logo: testLogo(), Foreground: color.Gray{100}, Background: color.Gray{120}}
	_, err = bad.PNG()
	assert.ErrorIs(t, err, ErrOptions, "with a logo")
	_, err = PNG("", Options{})
	assert.ErrorIs(t, err, ErrOptions)
}

// TestWritePNGPooled: once warm, WritePNG takes its pixel buffer and its
// compression state from pools, allocating a small fraction of the
// image (the best of five rounds, with the collector off while measuring,
// since a garbage collection empties the pools, and the package's other
// tests run beside this one); concurrent calls write identical bytes.
func TestWritePNGPooled(t *testing.T) {
	s, err := Encode(benchPayload, Options{ModuleSize: 8})
	require.NoError(t, err)
	side := (s.Size() + 8) * 8
	want, err := s.PNG()
	require.NoError(t, err)
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	best := uint64(math.MaxUint64)
	for range 5 {
		var a, b runtime.MemStats
		runtime.ReadMemStats(&a)
		for range 4 {
			require.NoError(t, s.WritePNG(io.Discard))
		}
		runtime.ReadMemStats(&b)
		best = min(best, (b.TotalAlloc-a.TotalAlloc)/4)
	}
	if !raceEnabled { // the race detector's sync.Pool drops a share of its items
		assert.Less(t, best, uint64(side*side/8), "bytes per call, image of %d bytes", side*side)
	}

	var wg sync.WaitGroup
	got := make([][]byte, 4)
	for i := range got {
		wg.Go(func() { got[i], _ = s.PNG() })
	}
	wg.Wait()
	for i := range got {
		assert.Equal(t, want, got[i])
	}
}
