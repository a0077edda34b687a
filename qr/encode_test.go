package qr

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSymbolStructure checks the module matrix of symbols of versions 1
// to 40 against the function patterns of ISO/IEC 18004:2015 §6.3: three
// 7×7 finder patterns with their light separators, the timing patterns of
// row and column 6, the dark module at (8, 4V+9), and for versions 7 and
// up the version information of its Annex D (Table D.1). Outside the
// matrix every module is light.
func TestSymbolStructure(t *testing.T) {
	versionInfo := map[int]int{7: 0x07C94, 8: 0x085BC, 21: 0x15683, 27: 0x1B08E, 40: 0x28C69}
	for _, v := range []int{1, 2, 7, 8, 21, 27, 40} {
		t.Run(fmt.Sprint("version ", v), func(t *testing.T) {
			s, err := Encode("HELLO 123", Options{MinVersion: v, Level: LevelL, ModuleSize: 2})
			require.NoError(t, err)
			n := s.Size()
			require.Equal(t, v, s.Version())
			require.Equal(t, 17+4*v, n)
			finder := func(x0, y0 int) {
				for y := -1; y <= 7; y++ {
					for x := -1; x <= 7; x++ {
						ring := max(abs(x-3), abs(y-3)) // 3: outer dark ring, 2: light, 0-1: centre, 4: separator
						want := ring == 3 || ring <= 1
						if mx, my := x0+x, y0+y; mx >= 0 && my >= 0 && mx < n && my < n {
							require.Equal(t, want, s.Module(mx, my), "finder at %d,%d: module %d,%d", x0, y0, mx, my)
						}
					}
				}
			}
			finder(0, 0)
			finder(n-7, 0)
			finder(0, n-7)
			for i := 8; i < n-8; i++ {
				require.Equal(t, i%2 == 0, s.Module(i, 6), "timing row at %d", i)
				require.Equal(t, i%2 == 0, s.Module(6, i), "timing column at %d", i)
			}
			require.True(t, s.Module(8, 4*v+9), "the dark module")
			if want, ok := versionInfo[v]; ok {
				top, left := 0, 0
				for i := range 18 {
					if s.Module(n-11+i%3, i/3) {
						top |= 1 << i
					}
					if s.Module(i/3, n-11+i%3) {
						left |= 1 << i
					}
				}
				assert.Equal(t, want, top, "version information, top right: %#x", top)
				assert.Equal(t, want, left, "version information, bottom left: %#x", left)
			}
			for i := -1; i <= n; i++ {
				for _, p := range [][2]int{{i, -1}, {i, n}, {-1, i}, {n, i}} {
					require.False(t, s.Module(p[0], p[1]), "outside at %v", p)
				}
			}
		})
	}
}

func abs(x int) int { return max(x, -x) }

// TestVersionAndLevel: MinVersion and MaxVersion bound the version chosen,
// MaxVersion 1 included; the level asked is the level encoded.
func TestVersionAndLevel(t *testing.T) {
	long := strings.Repeat("a", 40) // byte mode: 40 bytes need version 3 at level L
	_, err := Encode(long, Options{MaxVersion: 1})
	assert.ErrorIs(t, err, ErrTooLong)
	_, err = Encode(long, Options{MaxVersion: 2, Level: LevelL})
	assert.ErrorIs(t, err, ErrTooLong)
	s, err := Encode(long, Options{MaxVersion: 3, Level: LevelL})
	require.NoError(t, err)
	assert.Equal(t, 3, s.Version())
	s, err = Encode("a", Options{MaxVersion: 1})
	require.NoError(t, err)
	assert.Equal(t, 1, s.Version())
	s, err = Encode("a", Options{MinVersion: 40, MaxVersion: 40})
	require.NoError(t, err)
	assert.Equal(t, 40, s.Version())
	s, err = Encode(strings.Repeat("a", 2900), Options{Level: LevelL})
	require.NoError(t, err, "no MaxVersion: up to 40")
	assert.Equal(t, 40, s.Version())
	for _, l := range []Level{LevelL, LevelM, LevelQ, LevelH} {
		s, err := Encode("HELLO", Options{Level: l})
		require.NoError(t, err)
		assert.Equal(t, l, s.Level())
		img, err := s.Image()
		require.NoError(t, err)
		res, err := Decode(img)
		require.NoError(t, err)
		assert.Equal(t, l, res.Level, "gozxing reads the level from the format information")
		assert.Equal(t, s.Version(), res.Version)
	}
}

// TestLogoShare: the share of the area is refused past 15% (or below 0)
// before any symbol is made, with a LogoError of version 0; at 15% only
// the per-block damage can refuse it; 0 means 10% or the largest share
// under it that fits.
func TestLogoShare(t *testing.T) {
	big := strings.Repeat("A", 300)
	for _, pct := range []int{16, -1} {
		_, err := Encode(big, Options{Logo: testLogo(), LogoPercent: pct})
		var le *LogoError
		require.True(t, errors.As(err, &le), "%d%%", pct)
		assert.Equal(t, LogoError{Percent: pct, MaxPercent: 15}, *le)
		assert.Equal(t, fmt.Sprintf("qr: logo covers %d%% of the area, at most 15%%", pct), le.Error())
	}
	_, err := Encode(big, Options{Logo: testLogo(), LogoPercent: 15, MinVersion: 40})
	var le *LogoError
	require.True(t, errors.As(err, &le))
	assert.Equal(t, 40, le.Version, "15%% passes the share check; only the damage to a block refuses it")
	assert.Equal(t, 15, le.Percent)

	s, err := Encode(big, Options{Logo: testLogo(), MinVersion: 33, MaxVersion: 33})
	require.NoError(t, err)
	assert.Equal(t, 10, s.opts.LogoPercent, "the default share, which a version 33 symbol allows")
	s, err = Encode(big, Options{Logo: testLogo(), MinVersion: 40})
	require.NoError(t, err)
	assert.Equal(t, 9, s.opts.LogoPercent, "the default shrinks to what a version 40 symbol allows")
	s, err = Encode("HELLO", Options{Logo: testLogo()})
	require.NoError(t, err)
	assert.Equal(t, 2, s.opts.LogoPercent, "the default shrinks to what a version 1 symbol allows")
	img, err := s.Image()
	require.NoError(t, err)
	res, err := Decode(img)
	require.NoError(t, err)
	assert.Equal(t, "HELLO", res.Text)

	_, err = Encode("HELLO", Options{Logo: testLogo(), LogoPercent: 3})
	require.True(t, errors.As(err, &le))
	assert.Equal(t, 1, le.Version)
	assert.Equal(t, 3, le.Percent)
	assert.Equal(t, 2, le.MaxPercent)
	assert.Greater(t, le.Damaged, le.Allowed)
	assert.Equal(t, fmt.Sprintf("qr: logo at 3%% damages %d codewords of block %d of a version 1 symbol, at most %d (logo at most 2%%)",
		le.Damaged, le.Block, le.Allowed), le.Error())
	s, err = Encode("HELLO", Options{Logo: testLogo(), MinVersion: 2, MaxVersion: 2})
	require.NoError(t, err)
	assert.Equal(t, 1, s.opts.LogoPercent, "a version 2 symbol allows 1%%, the smallest share")
	s, err = Encode("HELLO", Options{Logo: testLogo(), LogoPercent: 2})
	require.NoError(t, err, "the largest share that fits is accepted as asked")
	assert.Equal(t, 2, s.opts.LogoPercent)
}

// TestLogoDamage: the damage reported is the worst block's (the first
// of equals), and a logo may take 40% of half a block's correction
// codewords: 5 of the 28 of a version 17-H block (ISO/IEC 18004:2015
// Table 9).
func TestLogoDamage(t *testing.T) {
	s, err := Encode(benchPayload, Options{Logo: testLogo(), LogoPercent: 1})
	require.NoError(t, err)
	require.Equal(t, 17, s.Version())
	ms, qz := layout(s.opts)
	for pct := 1; pct <= 15; pct++ {
		d := s.logoDamage(pct)
		damage, ec := blockDamage(s.version, s.level, coveredModules(logoRect((s.size+2*qz)*ms, ms, s.size, pct), ms, qz))
		require.Equal(t, 28, ec)
		worst, block := 0, 0
		for b, v := range damage {
			if v > worst {
				worst, block = v, b
			}
		}
		assert.Equal(t, worst, d.Damaged, "%d%%", pct)
		assert.Equal(t, block, d.Block, "%d%%", pct)
		assert.Equal(t, LogoError{Version: 17, Percent: pct, Block: d.Block, Damaged: d.Damaged, Allowed: 5}, d)
	}
}

// TestEncodeMemory: the module matrix takes one bit per module, and
// encoding a version 40 symbol stays within 1 MB (about 0.5 MB measured,
// most of it piglig/go-qr's working state).
func TestEncodeMemory(t *testing.T) {
	for _, v := range []int{1, 40} {
		s, err := Encode("HELLO", Options{MinVersion: v})
		require.NoError(t, err)
		assert.Len(t, s.modules, (s.size*s.size+63)/64)
	}
	var a, b runtime.MemStats
	runtime.ReadMemStats(&a)
	_, err := Encode("HELLO", Options{MinVersion: 40})
	runtime.ReadMemStats(&b)
	require.NoError(t, err)
	assert.Less(t, b.TotalAlloc-a.TotalAlloc, uint64(1<<20))
}

// TestLogoOnePercentFitsEveryVersion: at level H, which a logo forces,
// every version takes a 1% logo, so a shrinking logo always finds a
// share.
func TestLogoOnePercentFitsEveryVersion(t *testing.T) {
	if testing.Short() {
		t.Skip("40 symbols: not with -short")
	}
	for v := 1; v <= 40; v++ {
		s, err := Encode("HELLO", Options{Logo: testLogo(), LogoPercent: 1, MinVersion: v, MaxVersion: v})
		require.NoError(t, err, "version %d", v)
		assert.Equal(t, 1, s.opts.LogoPercent)
	}
}
