package qr

import (
	"image"
	"math"

	"github.com/makiuchi-d/gozxing/qrcode/decoder"
)

// A centre logo destroys every codeword it touches, and Reed–Solomon
// corrects errors block by block: a block with ec error-correction
// codewords corrects at most ec/2 unknown errors (ISO/IEC 18004:2015
// §7.5.2, Table 9). Whether a logo leaves a symbol readable therefore
// depends on the most damaged block, not on the share of the area.
//
// logoReserve is the share of each block's correction a logo must leave
// for everything else (print, glare, blur, a camera's angle): a logo may
// take at most (1 − logoReserve) × ec/2 codewords of any block. Measured
// on the 79 corpus payloads with a busy logo: at 10% of the area version
// 13 at level H loses 1.2 times its correction and ZBar failed it; ZBar
// also failed versions 14 and 17 at half of their correction, and read
// every symbol whose logo took less than that (TestLogoInterop checks
// every corpus symbol Encode returns with zbarimg and our decoder).
const logoReserve = 0.6

// logoRect is the logo's pixel rectangle in an image of side px, ms
// pixels per module, n modules and LogoPercent pct.
func logoRect(side, ms, n, pct int) image.Rectangle {
	logoPx := int(float64(n*ms) * math.Sqrt(float64(pct)/100))
	c := side / 2
	return image.Rect(c-logoPx/2, c-logoPx/2, c-logoPx/2+logoPx, c-logoPx/2+logoPx)
}

// coveredModules is the module rectangle any pixel of the logo touches.
func coveredModules(r image.Rectangle, ms, qz int) image.Rectangle {
	off := qz * ms
	return image.Rect((r.Min.X-off)/ms, (r.Min.Y-off)/ms, (r.Max.X-off+ms-1)/ms, (r.Max.Y-off+ms-1)/ms)
}

// blockDamage counts, for a symbol of the version and level, the
// codewords of each Reed–Solomon block that have a module in covered,
// and returns each block's number of error-correction codewords.
func blockDamage(version int, level Level, covered image.Rectangle) (damage []int, ec int) {
	ver, err := decoder.Version_GetVersionForNumber(version)
	if err != nil {
		return nil, 0
	}
	ecb := ver.GetECBlocksForLevel(eclOf(level))
	ec = ecb.GetECCodewordsPerBlock()
	var dataLen []int // per block, short blocks first
	for _, g := range ecb.GetECBlocks() {
		for range g.GetCount() {
			dataLen = append(dataLen, g.GetDataCodewords())
		}
	}
	blockOf := interleaving(dataLen, ec)
	n := 17 + 4*version
	fn := functionModules(version, ver.GetAlignmentPatternCenters())
	damage = make([]int, len(dataLen))
	seen := make([]bool, len(blockOf))
	placeCodewords(n, fn, len(blockOf), func(x, y, codeword int) {
		if image.Pt(x, y).In(covered) && !seen[codeword] {
			seen[codeword] = true
			damage[blockOf[codeword]]++
		}
	})
	return damage, ec
}

func eclOf(l Level) decoder.ErrorCorrectionLevel {
	return [...]decoder.ErrorCorrectionLevel{decoder.ErrorCorrectionLevel_M, decoder.ErrorCorrectionLevel_L, decoder.ErrorCorrectionLevel_Q, decoder.ErrorCorrectionLevel_H}[l&3]
}

// interleaving maps each position of the final codeword sequence to its
// block: data codewords are taken one from each block in turn (a short
// block has none left at the last round), then the error-correction
// codewords the same way (§7.6, Figure 15).
func interleaving(dataLen []int, ec int) []int {
	maxData := 0
	for _, d := range dataLen {
		maxData = max(maxData, d)
	}
	var blockOf []int
	for i := range maxData {
		for b, d := range dataLen {
			if i < d {
				blockOf = append(blockOf, b)
			}
		}
	}
	for range ec {
		for b := range dataLen {
			blockOf = append(blockOf, b)
		}
	}
	return blockOf
}

// functionModules marks the modules that hold no data: finder patterns
// with their separators, timing patterns, alignment patterns, format
// and version information (§6.3).
func functionModules(version int, align []int) []bool {
	n := 17 + 4*version
	fn := make([]bool, n*n)
	mark := func(x0, y0, w, h int) {
		for y := max(y0, 0); y < min(y0+h, n); y++ {
			for x := max(x0, 0); x < min(x0+w, n); x++ {
				fn[y*n+x] = true
			}
		}
	}
	mark(0, 0, 9, 9)   // top-left finder, separator, format information
	mark(n-8, 0, 8, 9) // top-right finder, separator, format information
	mark(0, n-8, 9, 8) // bottom-left finder, separator, format information, dark module
	mark(6, 0, 1, n)   // timing
	mark(0, 6, n, 1)
	for _, cy := range align {
		for _, cx := range align {
			if (cx < 9 && cy < 9) || (cx > n-9 && cy < 9) || (cx < 9 && cy > n-9) {
				continue // under a finder pattern
			}
			mark(cx-2, cy-2, 5, 5)
		}
	}
	if version >= 7 {
		mark(n-11, 0, 3, 6)
		mark(0, n-11, 6, 3)
	}
	return fn
}

// placeCodewords walks the data modules in placement order (§7.7.3): in
// two-module columns from the right, up and down in turn, skipping the
// timing column, calling f with each module of the first codewords
// codewords; the remainder bits are not visited.
func placeCodewords(n int, fn []bool, codewords int, f func(x, y, codeword int)) {
	bit := 0
	for right := n - 1; right >= 1; right -= 2 {
		if right == 6 {
			right = 5
		}
		upward := (right+1)&2 == 0
		for vert := range n {
			y := vert
			if upward {
				y = n - 1 - vert
			}
			for j := range 2 {
				x := right - j
				if fn[y*n+x] || bit >= 8*codewords {
					continue
				}
				f(x, y, bit/8)
				bit++
			}
		}
	}
}
