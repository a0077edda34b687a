package qr

import (
	"errors"
	"testing"

	goqr "github.com/piglig/go-qr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGuessCharset(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // "" when no character set fits
	}{
		{"ascii is the default latin-1", "HELLO 123", CharsetLatin1},
		{"latin-1 letters", "Gr\xfc\xdfe", CharsetLatin1},
		{"one utf-8 sequence", "Gr\xc3\xbc\xc3\x9fe", CharsetUTF8},
		{"utf-8 bom", "\xef\xbb\xbfabc", CharsetUTF8},
		{"three shift_jis double-byte characters", "\x83\x65\x83\x58\x83\x67", CharsetShiftJIS},
		{"three half-width katakana", "\xb1\xb2\xb3", CharsetShiftJIS},
		{"two katakana, exactly", "a\xb1\xb2b", CharsetShiftJIS},
		{"latin-1 symbols over 10%", "ab\xa9", CharsetShiftJIS},
		{"latin-1 symbols under 10%", "abcdefghijklmnopqrst\xa9", CharsetLatin1},
		{"c1 control rules out latin-1", "\x83\x65x", CharsetShiftJIS},
		{"one three-byte utf-8 sequence", "\xe6\x97\xa5", CharsetUTF8},
		{"three katakana outside latin-1's symbols", "abcdefghij\xc1\xc2\xc3", CharsetShiftJIS},
		{"two katakana in a row, exactly", "abcdefghijklmnopqrstuvwx\xc1\xc2", CharsetShiftJIS},
		{"two katakana apart", "abcdefghijklmnopqrstuvwx\xc1z\xc2", CharsetLatin1},
		{"three katakana, two in a row", "abcdefghijklmnopqrstuvwx\xc1\xc2z\xc3", CharsetLatin1},
		{"latin-1 symbols at exactly 10%", "abcdefghi\xa9", CharsetShiftJIS},
		{"three double-byte characters, no c1", "abcdefghijklmnopqrstuvwxyz\xe0\xc1\xe0\xc1\xe0\xc1", CharsetShiftJIS},
		{"shift_jis trail bytes 40 and fc", "\x81\x40\x81\xfc\x81\x40", CharsetShiftJIS},
		{"shift_jis trail byte 3f", "\x81\x3f\x81\x40\x81\x40", ""},
		{"shift_jis trail byte fd", "\x81\xfd\x81\x40\x81\x40", ""},
		{"shift_jis trail byte 7f", "\x81\x7f\x81\x40\x81\x40", ""},
		{"nothing fits", "\x80\xff\xfe", ""},
		{"cut shift_jis, c1 for latin-1", "\x81", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs, ok := guessCharset([]byte(tt.in))
			assert.Equal(t, tt.want != "", ok)
			assert.Equal(t, tt.want, cs.name)
		})
	}
}

func TestDecodeBytesASCII(t *testing.T) {
	ascii := eciCharsets[27]
	_, ok := decodeBytes([]byte{0x7F}, ascii)
	assert.True(t, ok)
	_, ok = decodeBytes([]byte{0x80}, ascii)
	assert.False(t, ok)
	_, ok = decodeBytes([]byte{0x81}, eciCharsets[21]) // undefined in windows-1250
	assert.False(t, ok, "an undefined byte is refused, not replaced")
}

// symbolOf encodes raw segments, which Encode cannot make: bytes that are
// not UTF-8, Kanji, other ECIs.
func symbolOf(t *testing.T, segs ...*goqr.QrSegment) []byte {
	code, err := goqr.EncodeSegments(segs, goqr.Medium, 1, 40, -1, false)
	require.NoError(t, err)
	png, err := newSymbol(code, Options{}, false).PNG()
	require.NoError(t, err)
	return png
}

func TestDecodeCharsets(t *testing.T) {
	bytesSeg := func(s string) *goqr.QrSegment {
		seg, err := goqr.MakeBytes([]byte(s))
		require.NoError(t, err)
		return seg
	}
	eci := func(v int) *goqr.QrSegment {
		seg, err := goqr.MakeEci(v)
		require.NoError(t, err)
		return seg
	}
	kanji, err := goqr.MakeKanji("漢字")
	require.NoError(t, err)
	num, _ := goqr.MakeNumeric("0123")
	alnum, _ := goqr.MakeAlphanumeric("AB:")
	tests := []struct {
		name    string
		segs    []*goqr.QrSegment
		text    string
		raw     string
		charset string
		eci     bool
		err     *CharsetError // nil: no error
	}{
		{"latin-1 without eci", []*goqr.QrSegment{bytesSeg("Gr\xfc\xdfe")}, "Grüße", "Gr\xfc\xdfe", CharsetLatin1, false, nil},
		{"shift_jis without eci", []*goqr.QrSegment{bytesSeg("\x83\x65\x83\x58\x83\x67")}, "テスト", "\x83\x65\x83\x58\x83\x67", CharsetShiftJIS, false, nil},
		{"utf-8 without eci", []*goqr.QrSegment{bytesSeg("café")}, "café", "café", CharsetUTF8, false, nil},
		{"eci 20 shift_jis, one character", []*goqr.QrSegment{eci(20), bytesSeg("\x83\x65")}, "テ", "\x83\x65", CharsetShiftJIS, true, nil},
		{"eci 3 keeps c1 bytes", []*goqr.QrSegment{eci(3), bytesSeg("a\x85")}, "a\u0085", "a\x85", CharsetLatin1, true, nil},
		{"eci 7 cyrillic", []*goqr.QrSegment{eci(7), bytesSeg("\xdf\xe0\xd8")}, "при", "\xdf\xe0\xd8", "ISO-8859-5", true, nil},
		{"numeric and alphanumeric only", []*goqr.QrSegment{num, alnum}, "0123AB:", "0123AB:", "", false, nil},
		{"kanji mode", []*goqr.QrSegment{num, kanji}, "0123漢字", "0123\x8a\xbf\x8e\x9a", CharsetShiftJIS, false, nil},
		{"two charsets", []*goqr.QrSegment{bytesSeg("\xfc"), eci(26), bytesSeg("é")}, "üé", "\xfc\xc3\xa9", CharsetLatin1 + "," + CharsetUTF8, true, nil},
		{"eci 26 with invalid utf-8", []*goqr.QrSegment{num, eci(26), bytesSeg("a\xc3(")}, "", "0123a\xc3(", "", true, &CharsetError{Offset: 4, Charset: CharsetUTF8}},
		{"eci 27 ascii with a high byte", []*goqr.QrSegment{eci(27), bytesSeg("\xe9")}, "", "\xe9", "", true, &CharsetError{Offset: 0, Charset: CharsetASCII}},
		{"no charset fits", []*goqr.QrSegment{alnum, bytesSeg("\x80\xff\xfe")}, "", "AB:\x80\xff\xfe", "", false, &CharsetError{Offset: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := DecodeBytes(symbolOf(t, tt.segs...))
			if tt.err != nil {
				require.ErrorIs(t, err, ErrCharset)
				var ce *CharsetError
				require.True(t, errors.As(err, &ce))
				assert.Equal(t, tt.err, ce)
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, tt.text, res.Text)
			assert.Equal(t, tt.raw, string(res.Raw))
			assert.Equal(t, tt.charset, res.Charset)
			assert.Equal(t, tt.eci, res.ECI)
		})
	}
}

// bits packs (value, width) pairs into codewords, big-endian.
func bits(fields ...int) []byte {
	var out []byte
	n := 0
	for i := 0; i < len(fields); i += 2 {
		v, w := fields[i], fields[i+1]
		for b := w - 1; b >= 0; b-- {
			if n%8 == 0 {
				out = append(out, 0)
			}
			out[n/8] |= byte(v>>b&1) << (7 - n%8)
			n++
		}
	}
	return out
}

func TestParseContent(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		text string // "" with err set
		err  bool
	}{
		// FNC1 first, then alphanumeric "%A%%" (%=38, A=10): GS, A, %.
		{"gs1 percent signs", bits(5, 4, 2, 4, 4, 9, 38*45+10, 11, 38*45+38, 11, 0, 4), "\x1dA%", false},
		{"gs1 trailing percent sign", bits(5, 4, 2, 4, 2, 9, 10*45+38, 11, 0, 4), "A\x1d", false},
		{"fnc1 second position skips its indicator", bits(9, 4, 0x41, 8, 1, 4, 1, 10, 7, 4), "7", false},
		{"structured append header skipped", bits(3, 4, 0x12, 8, 0x34, 8, 1, 4, 2, 10, 42, 7), "42", false},
		{"two-byte eci 000170, us-ascii", bits(7, 4, 0x80|170>>8, 8, 170&0xFF, 8, 4, 4, 1, 8, 'x', 8), "x", false},
		{"two-byte eci 000900 unknown", bits(7, 4, 0x80|900>>8, 8, 900&0xFF, 8), "", true},
		{"three-byte eci designator", bits(7, 4, 0xC0, 8, 26, 16, 4, 4, 1, 8, 'x', 8), "x", false},
		{"eci designator 111", bits(7, 4, 0xE0, 8), "", true},
		{"unknown mode 0110", bits(6, 4, 0, 12), "", true},
		{"byte count past the end", bits(4, 4, 0xFF, 8, 0, 4), "", true},
		{"unknown eci 000099", bits(7, 4, 99, 8), "", true},
		{"numeric group over 999", bits(1, 4, 3, 10, 1000, 10), "", true},
		{"numeric pair over 99", bits(1, 4, 2, 10, 100, 7), "", true},
		{"numeric digit over 9", bits(1, 4, 1, 10, 10, 4), "", true},
		{"alphanumeric pair over 45²", bits(2, 4, 2, 9, 45*45, 11), "", true},
		{"alphanumeric character over 44", bits(2, 4, 1, 9, 45, 6), "", true},
		{"hanzi subset 2", bits(13, 4, 2, 4, 1, 8, 0, 13), "", true},
		{"hanzi, from A6A1 up", bits(13, 4, 1, 4, 1, 8, (0xB0-0xA6)*0x60, 13), "啊", false},
		{"hanzi, below A6A1", bits(13, 4, 1, 4, 1, 8, 0xA2-0xA1, 13), "、", false},
		{"kanji cut short", bits(8, 4, 2, 8, 0, 13), "", true},
		{"kanji filling the last bit", bits(8, 4, 4, 8, 0, 13, 0, 13, 0, 13, 0, 13), "　　　　", false},
		{"structured append cut", bits(3, 4, 0, 8), "", true},
		{"count cut", bits(4, 4, 1, 3), "", true},
		{"two-byte eci designator cut", bits(7, 4, 0x80, 8), "", true},
		{"three-byte eci designator cut", bits(7, 4, 0xC0, 8, 1, 8), "", true},
		{"a mode in the last 4 bits, no count", bits(4, 4, 1, 8, 'x', 8, 1, 4), "", true},
		{"terminator in the last 4 bits", bits(4, 4, 1, 8, 'x', 8, 0, 4), "x", false},
	}
	for _, tt := range tests {
		c, err := parseContent(tt.data, 1)
		if tt.err {
			assert.ErrorIs(t, err, errContent, tt.name)
			continue
		}
		require.NoError(t, err, tt.name)
		assert.Equal(t, tt.text, string(c.text), tt.name)
	}
}

// TestScanners: the structure checks behind guessCharset, byte by byte
// at the edges of each encoding's ranges (RFC 3629 §4 for UTF-8; for
// Shift_JIS, JIS X 0208's lead bytes 81–9F and E0–EF and half-width
// katakana A1–DF, as zxing's StringUtils reads them).
func TestScanners(t *testing.T) {
	for _, tt := range []struct {
		in    string
		valid bool
		multi int
	}{
		{"abc\x7f", true, 0},
		{"\x80", false, 0},
		{"\xc3\xbc", true, 1},
		{"\xe6\x97\xa5", true, 1},
		{"\xf0\x9f\x98\x80", true, 1}, // U+1F600, four bytes
		{"\xf0\x9f\x98\x80\xf0\x9f\x98\x80", true, 2},
		{"\xf0\x9f\x98", false, 0},
		{"\xf8\x88\x80\x80\x80", false, 0},
		{"\xc3\x28", false, 0},
	} {
		u := scanUTF8([]byte(tt.in))
		assert.Equal(t, tt.valid, u.valid, "%q", tt.in)
		assert.Equal(t, tt.multi, u.multi, "%q", tt.in)
	}
	cs, ok := guessCharset([]byte("pay \xf0\x9f\x98\x80"))
	assert.True(t, ok)
	assert.Equal(t, CharsetUTF8, cs.name, "an emoji is UTF-8")

	for _, tt := range []struct {
		in       string
		valid    bool
		katakana int
	}{
		{"\x80", false, 0},
		{"\xa0", false, 0},
		{"\xf0\x40", false, 0},
		{"\xef\x40", true, 0},
		{"\xa1\xdf", true, 2},
		{"\x9f\x40\xe0\xfc", true, 0},
		{"a\x7f", true, 0},
	} {
		s := scanShiftJIS([]byte(tt.in))
		assert.Equal(t, tt.valid, s.valid, "%q", tt.in)
		assert.Equal(t, tt.katakana, s.katakana, "%q", tt.in)
	}

	for _, tt := range []struct {
		in   string
		ok   bool
		high int
	}{
		{"\x7f", true, 0}, {"\x80", false, 0}, {"\x9f", false, 0}, {"\xa0", true, 1}, {"\xbf", true, 1},
		{"\xc0", true, 0}, {"\xd7\xf7", true, 2}, {"\xd6\xd8\xf6\xf8\xff", true, 0},
	} {
		ok, high := scanLatin1([]byte(tt.in))
		assert.Equal(t, tt.ok, ok, "%q", tt.in)
		assert.Equal(t, tt.high, high, "%q", tt.in)
	}
}
