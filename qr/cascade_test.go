package qr

import (
	"context"
	"image"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// damaged is a clean symbol with every other data module flipped: its
// finder, timing and alignment patterns are intact, its codewords beyond
// repair.
func damaged(t *testing.T) image.Image {
	s, err := Encode(corpusPayloads(t)[1], Options{})
	require.NoError(t, err)
	ver, _ := decoder.Version_GetVersionForNumber(s.version)
	fn := functionModules(s.version, ver.GetAlignmentPatternCenters())
	d := *s
	d.modules = slices.Clone(s.modules)
	for i, f := range fn {
		if !f && i%2 == 0 {
			d.modules[i/64] ^= 1 << (i % 64)
		}
	}
	img, err := d.Image()
	require.NoError(t, err)
	return img
}

// TestCascadeGating: a frame with no code runs only the pure, hybrid
// and inverted passes; a symbol whose finder patterns are confirmed but
// whose data is gone runs every pass and is unreadable, not "not found".
func TestCascadeGating(t *testing.T) {
	var ran []string
	testHookPass = func(name string) { ran = append(ran, name) }
	defer func() { testHookPass = nil }()

	_, err := Decode(noCodeFrame(t))
	assert.ErrorIs(t, err, ErrNotFound)
	assert.Equal(t, []string{"pure", "hybrid+try-harder", "inverted"}, ran)

	ran = nil
	_, err = Decode(damaged(t))
	assert.ErrorIs(t, err, ErrUnreadable)
	assert.Equal(t, []string{"pure", "hybrid+try-harder", "rotated", "global+try-harder", "inverted"}, ran)

	ran = nil
	res, err := Decode(render(t, corpusPayloads(t)[1], Options{}, 4))
	require.NoError(t, err)
	assert.Equal(t, []string{"pure"}, ran, "the first read wins")
	assert.Equal(t, "pure", res.Stage)
}

// TestCandidateCap: a pass over a finder-pattern flood stops at the cap.
func TestCandidateCap(t *testing.T) {
	bm := &bitmaps{p: prepare(finderFlood(600, 600))}
	_, _, err := attempt(qrcode.NewQRCodeReader(), bm, cascade[hybridPass])
	assert.ErrorIs(t, err, errTooManyCandidates)
	res, err := decodeCascade(context.Background(), bm.p)
	assert.ErrorIs(t, err, ErrNotFound)
	assert.Empty(t, res.Text)
}

// TestResultFields: version 40 is found, and the bounds are those of the
// finder patterns, in image pixels, also for the quarter-turned pass.
func TestResultFields(t *testing.T) {
	s, err := Encode("HELLO", Options{MinVersion: 40, ModuleSize: 2, Level: LevelL})
	require.NoError(t, err)
	img, err := s.Image()
	require.NoError(t, err)
	res, err := Decode(img)
	require.NoError(t, err)
	assert.Equal(t, 40, res.Version)
	assert.Equal(t, LevelL, res.Level)

	g := render(t, corpusPayloads(t)[1], Options{}, 4)
	n := g.Bounds().Dx()/4 - 8 // modules
	res, err = Decode(g)
	require.NoError(t, err)
	assert.Equal(t, "pure", res.Stage)
	assert.Equal(t, LevelM, res.Level)
	assert.Equal(t, image.Rect(16, 16, 16+4*n, 16+4*n), res.Bounds, "a pure read: the symbol's extent")
	h, err := Encode(corpusPayloads(t)[1], Options{Level: LevelH})
	require.NoError(t, err)
	himg, _ := h.Image()
	res, err = Decode(himg)
	require.NoError(t, err)
	assert.Equal(t, "pure", res.Stage)
	assert.Equal(t, LevelH, res.Level, "a pure read keeps its metadata")

	bm := &bitmaps{p: prepare(g)}
	res, _, err = attempt(qrcode.NewQRCodeReader(), bm, cascade[hybridPass])
	require.NoError(t, err)
	// Finder centres sit 3.5 modules in from the symbol's corners.
	lo, hi := 16+14, 16+4*n-14
	assert.InDelta(t, lo, res.Bounds.Min.X, 4)
	assert.InDelta(t, lo, res.Bounds.Min.Y, 4)
	assert.InDelta(t, hi, res.Bounds.Max.X, 4)
	assert.InDelta(t, hi, res.Bounds.Max.Y, 4)
	rot, _, err := attempt(qrcode.NewQRCodeReader(), bm, cascade[2])
	require.NoError(t, err)
	assert.InDelta(t, res.Bounds.Min.X, rot.Bounds.Min.X, 4, "rotated bounds back in image coordinates")
	assert.InDelta(t, res.Bounds.Min.Y, rot.Bounds.Min.Y, 4)
	assert.InDelta(t, res.Bounds.Max.X, rot.Bounds.Max.X, 4)
	assert.InDelta(t, res.Bounds.Max.Y, rot.Bounds.Max.Y, 4)
}

// finderFlood is a white image covered in finder patterns of mixed
// module sizes (2 to 5 pixels, so that gozxing never sees three alike
// and stops early): gozxing compares every triple of candidate centres.
func finderFlood(w, h int) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, w, h))
	for i := range g.Pix {
		g.Pix[i] = 255
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for y0 := 2; y0+35 <= h; y0 += 38 {
		for x0 := 2; x0+35 <= w; x0 += 38 {
			m := 2 + rng.IntN(4)
			for y := range 7 * m {
				for x := range 7 * m {
					mx, my := x/m, y/m
					if min(mx, my, 6-mx, 6-my) != 1 {
						g.Pix[(y0+y)*g.Stride+x0+x] = 0
					}
				}
			}
		}
	}
	return g
}

// TestCandidateCallback: a pass may collect exactly maxCandidates finder
// candidates; the next one stops it.
func TestCandidateCallback(t *testing.T) {
	var n int
	cb := passHints(false, false, &n)[gozxing.DecodeHintType_NEED_RESULT_POINT_CALLBACK].(gozxing.ResultPointCallback)
	for range maxCandidates {
		cb(nil)
	}
	assert.Equal(t, 48, n)
	assert.PanicsWithValue(t, errTooManyCandidates, func() { cb(nil) })
	for _, tt := range []struct{ pure, harder bool }{{false, false}, {true, false}, {false, true}, {true, true}} {
		h := passHints(tt.pure, tt.harder, &n)
		_, pure := h[gozxing.DecodeHintType_PURE_BARCODE]
		_, harder := h[gozxing.DecodeHintType_TRY_HARDER]
		assert.Equal(t, tt.pure, pure)
		assert.Equal(t, tt.harder, harder)
		assert.Equal(t, "ISO-8859-1", h[gozxing.DecodeHintType_CHARACTER_SET])
	}
}

// TestVersionFor: the version is found from the number of data codewords
// and the level, as ISO/IEC 18004:2015 Table 7 lists them.
func TestVersionFor(t *testing.T) {
	tests := []struct {
		n     int
		level Level
		want  int
	}{
		{19, LevelL, 1}, {16, LevelM, 1}, {13, LevelQ, 1}, {9, LevelH, 1},
		{274, LevelL, 10}, {216, LevelM, 10}, {154, LevelQ, 10}, {122, LevelH, 10},
		{2956, LevelL, 40}, {2334, LevelM, 40}, {1666, LevelQ, 40}, {1276, LevelH, 40},
		{17, LevelM, 0}, {0, LevelL, 0},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, versionFor(tt.n, tt.level), "%d codewords at %s", tt.n, tt.level)
	}
}

func TestBoundsOf(t *testing.T) {
	pts := []gozxing.ResultPoint{gozxing.NewResultPoint(10.7, 20.2), gozxing.NewResultPoint(3, 40), gozxing.NewResultPoint(30, 5)}
	assert.Equal(t, image.Rect(3, 5, 31, 41), boundsOf(pts))
	assert.Equal(t, image.Rect(10, 20, 11, 21), boundsOf(pts[:1]))
	assert.Equal(t, image.Rectangle{}, boundsOf(nil))
}

// TestBinarizerChoice: a rendered symbol (two grey levels) is read by
// the pure pass with the global binarizer, even at 23 grey levels of
// contrast, under the hybrid binarizer's minimum dynamic range (24 in
// zxing's HybridBinarizer), where the hybrid passes see nothing; a
// rendered light-on-dark symbol still needs the inverted pass, which
// keeps its own binarizer.
func TestBinarizerChoice(t *testing.T) {
	low := mapPixels(render(t, "LOW CONTRAST 1", Options{}, 4), func(v uint8) uint8 {
		if v < 128 {
			return 111
		}
		return 134
	})
	res, err := Decode(low)
	require.NoError(t, err)
	assert.Equal(t, "LOW CONTRAST 1", res.Text)
	assert.Equal(t, "pure", res.Stage)
	for _, st := range cascade {
		_, _, err := attempt(qrcode.NewQRCodeReader(), &bitmaps{p: prepare(low)}, st)
		if st.pure || st.global {
			assert.NoError(t, err, st.name)
		} else {
			assert.Error(t, err, st.name)
		}
	}

	inv := mapPixels(render(t, "INVERTED 1", Options{}, 4), func(v uint8) uint8 { return 255 - v })
	res, err = Decode(inv)
	require.NoError(t, err)
	assert.Equal(t, "INVERTED 1", res.Text)
	assert.Equal(t, "inverted", res.Stage)
}
