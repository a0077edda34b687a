package qr

import (
	"fmt"
	"testing"

	goqr "github.com/piglig/go-qr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSegmentModes reads hand-built bit streams. Each data field's length
// is worked out from ISO/IEC 18004:2015 §7.4.3–7.4.6 (numeric: 10 bits per
// 3 digits, 4 or 7 for a remainder of 1 or 2; alphanumeric: 11 per pair, 6
// for a single; byte 8; Kanji 13) and the count field from its Table 3, so
// a wrong skip misreads the next indicator.
func TestSegmentModes(t *testing.T) {
	const (
		num, alnum, byt, kanji, eci = 1, 2, 4, 8, 7
	)
	N, A, B, K, E, O := SegmentNumeric, SegmentAlphanumeric, SegmentByte, SegmentKanji, SegmentECI, SegmentOther
	tests := []struct {
		name    string
		version int
		raw     []byte
		want    []SegmentMode
	}{
		// ISO/IEC 18004:2015 Annex I.2: "01234567" at 1-M, its 16 data codewords.
		{"iso annex i numeric example", 1, []byte{0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11}, []SegmentMode{N}},
		{"numeric 7 digits (24 bits) then alnum", 1, bits(num, 4, 7, 10, 0, 24, alnum, 4, 1, 9, 0, 6), []SegmentMode{N, A}},
		{"numeric 8 digits (27 bits) then byte", 1, bits(num, 4, 8, 10, 0, 27, byt, 4, 1, 8, 0, 8), []SegmentMode{N, B}},
		{"numeric 6 digits (20 bits) then kanji", 1, bits(num, 4, 6, 10, 0, 20, kanji, 4, 1, 8, 0, 13), []SegmentMode{N, K}},
		{"alnum 5 characters (28 bits) then numeric", 1, bits(alnum, 4, 5, 9, 0, 28, num, 4, 1, 10, 0, 4), []SegmentMode{A, N}},
		{"alnum 4 characters (22 bits) then byte", 1, bits(alnum, 4, 4, 9, 0, 22, byt, 4, 0, 8), []SegmentMode{A, B}},
		{"byte 3 (24 bits) then alnum", 1, bits(byt, 4, 3, 8, 0, 24, alnum, 4, 0, 9), []SegmentMode{B, A}},
		{"kanji 2 (26 bits) then numeric", 1, bits(kanji, 4, 2, 8, 0, 26, num, 4, 0, 10), []SegmentMode{K, N}},
		{"eci of one byte (26, utf-8) then byte", 1, bits(eci, 4, 26, 8, byt, 4, 1, 8, 0, 8), []SegmentMode{E, B}},
		{"eci of two bytes (899) then byte", 1, bits(eci, 4, 0b10, 2, 899, 14, byt, 4, 0, 8), []SegmentMode{E, B}},
		{"eci of three bytes (100000) then numeric", 1, bits(eci, 4, 0b110, 3, 100000, 21, num, 4, 0, 10), []SegmentMode{E, N}},
		{"version 9 counts: byte 8, numeric 10", 9, bits(byt, 4, 1, 8, 0, 8, num, 4, 1, 10, 0, 4, alnum, 4, 0, 9), []SegmentMode{B, N, A}},
		{"version 10 counts: byte 16, numeric 12, kanji 10", 10, bits(byt, 4, 1, 16, 0, 8, num, 4, 1, 12, 0, 4, kanji, 4, 1, 10, 0, 13, alnum, 4, 0, 11), []SegmentMode{B, N, K, A}},
		{"version 26 counts: alnum 11, kanji 10", 26, bits(alnum, 4, 1, 11, 0, 6, kanji, 4, 1, 10, 0, 13, num, 4, 0, 12), []SegmentMode{A, K, N}},
		{"version 27 counts: alnum 13, kanji 12, numeric 14", 27, bits(alnum, 4, 1, 13, 0, 6, kanji, 4, 1, 12, 0, 13, num, 4, 1, 14, 0, 4, byt, 4, 0, 16), []SegmentMode{A, K, N, B}},
		{"a mode indicator in the last 4 bits", 1, []byte{0x40, 0x01}, []SegmentMode{B, N}},
		{"terminator first", 1, []byte{0x00, 0x40}, nil},
		{"terminator ends the list", 1, bits(byt, 4, 0, 8, 0, 4, byt, 4, 0, 8), []SegmentMode{B}},
		{"structured append stops", 1, bits(3, 4, byt, 4, 0, 8), []SegmentMode{O}},
		{"fnc1 stops", 1, bits(5, 4, byt, 4, 0, 8), []SegmentMode{O}},
		{"data shorter than its count", 1, bits(byt, 4, 5, 8, 0, 16, num, 4), []SegmentMode{B}},
		{"count cut short", 10, bits(byt, 4, 0, 12), []SegmentMode{B}},
		{"eci cut short", 1, bits(eci, 4, 0, 4), []SegmentMode{E}},
		{"two-byte eci cut short", 1, bits(eci, 4, 0b10, 2, 0, 10), []SegmentMode{E}},
		{"empty", 1, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, segmentModes(tt.raw, tt.version))
		})
	}
}

// TestSegmentModesRoundTrip: symbols built segment by segment with
// piglig/go-qr at the versions where the count fields change (ISO/IEC
// 18004 Table 3), read back by gozxing, list the same modes.
func TestSegmentModesRoundTrip(t *testing.T) {
	mk := func(s *goqr.QrSegment, err error) *goqr.QrSegment {
		require.NoError(t, err)
		return s
	}
	segs := []*goqr.QrSegment{
		mk(goqr.MakeNumeric("0123456")),
		mk(goqr.MakeKanji("点茗")),
		mk(goqr.MakeAlphanumeric("AC-42")),
		mk(goqr.MakeBytes([]byte("pay"))),
		mk(goqr.MakeNumeric("98")),
		mk(goqr.MakeAlphanumeric("Z")),
	}
	want := []SegmentMode{SegmentNumeric, SegmentKanji, SegmentAlphanumeric, SegmentByte, SegmentNumeric, SegmentAlphanumeric}
	for _, v := range []int{3, 9, 10, 26, 27} {
		t.Run(fmt.Sprint("version ", v), func(t *testing.T) {
			code, err := goqr.EncodeSegments(segs, goqr.Low, v, v, -1, false)
			require.NoError(t, err)
			img, err := newSymbol(code, Options{ModuleSize: 2}, false).Image()
			require.NoError(t, err)
			res, err := Decode(img)
			require.NoError(t, err)
			assert.Equal(t, v, res.Version)
			assert.Equal(t, "0123456点茗AC-42pay98Z", res.Text)
			assert.Equal(t, want, res.Segments)
		})
	}
}

func TestSegmentModeString(t *testing.T) {
	for m, want := range map[SegmentMode]string{
		0: "?", SegmentNumeric: "numeric", SegmentAlphanumeric: "alphanumeric", SegmentByte: "byte",
		SegmentKanji: "kanji", SegmentECI: "eci", SegmentOther: "other", 200: "other",
	} {
		assert.Equal(t, want, m.String())
	}
}
