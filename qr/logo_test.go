package qr

import (
	"errors"
	"image"
	"slices"
	"testing"

	"github.com/makiuchi-d/gozxing/qrcode/decoder"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFunctionModules: the modules left for data are exactly the
// standard's count for every version (ISO/IEC 18004:2015 Table 1), and
// hold the version's codewords.
func TestFunctionModules(t *testing.T) {
	for v := 1; v <= 40; v++ {
		ver, err := decoder.Version_GetVersionForNumber(v)
		require.NoError(t, err)
		fn := functionModules(v, ver.GetAlignmentPatternCenters())
		free := 0
		for _, f := range fn {
			if !f {
				free++
			}
		}
		raw := (16*v+128)*v + 64
		if v >= 2 {
			na := v/7 + 2
			raw -= (25*na-10)*na - 55
		}
		if v >= 7 {
			raw -= 36
		}
		assert.Equal(t, raw, free, "version %d", v)
		assert.Equal(t, ver.GetTotalCodewords(), raw/8, "version %d", v)
	}
}

// TestBlockMapping proves the module → codeword → block mapping against
// a real decoder: in one block, ec/2 damaged codewords are corrected and
// one more is not.
func TestBlockMapping(t *testing.T) {
	for _, minV := range []int{2, 7, 13, 18} {
		s, err := Encode(benchPayload[:60], Options{Level: LevelH, MinVersion: minV})
		require.NoError(t, err)
		ver, _ := decoder.Version_GetVersionForNumber(s.version)
		ecb := ver.GetECBlocksForLevel(eclOf(LevelH))
		var dataLen []int
		for _, g := range ecb.GetECBlocks() {
			for range g.GetCount() {
				dataLen = append(dataLen, g.GetDataCodewords())
			}
		}
		blockOf := interleaving(dataLen, ecb.GetECCodewordsPerBlock())
		block := len(dataLen) - 1 // a long block when there are two kinds
		var modules [][2]int      // one module of each codeword of the block
		seen := map[int]bool{}
		placeCodewords(s.size, functionModules(s.version, ver.GetAlignmentPatternCenters()), len(blockOf), func(x, y, cw int) {
			if blockOf[cw] == block && !seen[cw] {
				seen[cw] = true
				modules = append(modules, [2]int{x, y})
			}
		})
		require.Len(t, modules, dataLen[block]+ecb.GetECCodewordsPerBlock())
		tmax := ecb.GetECCodewordsPerBlock() / 2
		for _, n := range []int{tmax, tmax + 1} {
			d := *s
			d.modules = slices.Clone(s.modules)
			for _, m := range modules[:n] {
				i := m[1]*s.size + m[0]
				d.modules[i/64] ^= 1 << (i % 64)
			}
			img, err := d.Image()
			require.NoError(t, err)
			res, err := Decode(img)
			if n == tmax {
				require.NoError(t, err, "version %d: %d errors in block %d", s.version, n, block)
				assert.Equal(t, benchPayload[:60], res.Text)
			} else {
				assert.True(t, err != nil || res.Text != benchPayload[:60], "version %d: %d errors in one block still read", s.version, n)
			}
		}
	}
}

func TestLogoRefusedOrShrunk(t *testing.T) {
	p := benchPayload // version 13 at level H: 10% takes too much of a block
	_, err := Encode(p, Options{Logo: testLogo(), LogoPercent: 10})
	require.ErrorIs(t, err, ErrLogoTooLarge)
	var le *LogoError
	require.True(t, errors.As(err, &le))
	assert.Equal(t, 10, le.Percent)
	assert.Greater(t, le.Damaged, le.Allowed)
	assert.Greater(t, le.MaxPercent, 0)
	assert.Less(t, le.MaxPercent, 10)

	s, err := Encode(p, Options{Logo: testLogo(), LogoPercent: 10, LogoShrink: true})
	require.NoError(t, err)
	assert.Equal(t, le.MaxPercent, s.opts.LogoPercent, "shrunk to the largest that fits")
	img, err := s.Image()
	require.NoError(t, err)
	res, err := Decode(img)
	require.NoError(t, err)
	assert.Equal(t, p, res.Text)

	_, err = Encode(p, Options{Logo: testLogo(), LogoPercent: 20})
	require.True(t, errors.As(err, &le))
	assert.Equal(t, LogoError{Percent: 20, MaxPercent: 15}, *le)
}

// TestCoveredModules: every module a logo pixel touches counts, and no
// other.
func TestCoveredModules(t *testing.T) {
	tests := []struct {
		px   image.Rectangle
		want image.Rectangle
	}{
		{image.Rect(16, 16, 24, 24), image.Rect(0, 0, 2, 2)}, // on module edges
		{image.Rect(17, 19, 25, 27), image.Rect(0, 0, 3, 3)}, // one pixel into the next module
		{image.Rect(19, 20, 20, 23), image.Rect(0, 1, 1, 2)}, // inside one module
		{image.Rect(40, 44, 41, 45), image.Rect(6, 7, 7, 8)}, // a single pixel
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, coveredModules(tt.px, 4, 4), "%v", tt.px)
	}
	assert.Equal(t, image.Rect(30, 30, 70, 70), logoRect(100, 2, 40, 25), "a quarter of the area: half the side, centred")
}
