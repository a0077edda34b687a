package qr

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSplitAndMerge(t *testing.T) {
	N, A, B := classNumeric, classAlnum, classByte
	tests := []struct {
		text string
		want []int
		why  string
	}{
		{"1-ZP-202012AB0123-T000000000000001--X9-Z", []int{A, N, A}, "a Zero Pay sticker"},
		{"800088744930123456789017", []int{N}, ""},
		{"weixin://wxpay/bizpayurl?pr=9xFPmlUzz", []int{B}, "short runs join the byte text"},
		{"AB12CD", []int{A}, "a lone short run keeps its class"},
		{"pay:1234567890", []int{B, N}, ""},
		{"0", []int{N}, "0 is numeric, though also in the alphanumeric set"},
		{"9", []int{N}, "9 is numeric"},
		{"/:", []int{A}, "the neighbours of the digits are alphanumeric"},
		{"123456abc", []int{B}, "6 digits join a byte neighbour"},
		{"1234567abc", []int{N, B}, "7 digits keep their segment"},
		{"abc123456", []int{B}, "6 digits join the byte run before them"},
		{"ABCDEFGHIJabc", []int{B}, "10 alphanumerics join a byte neighbour"},
		{"ABCDEFGHIJKabc", []int{A, B}, "11 alphanumerics keep their segment"},
		{"abcABCDEFGHIJ", []int{B}, "10 alphanumerics join the byte run before them"},
		{"ABCDEFGHIJK1234abc", []int{A, B}, "short digits between alphanumerics and bytes join the cheaper, alphanumeric"},
		{"abc1234ABCDEFGHIJK", []int{B, A}, "the same with the neighbours swapped"},
		{"1234567ABC1234567", []int{N, A, N}, "a short run between denser ones keeps its class"},
		{"ABCDEFGHIJK1234567", []int{A, N}, ""},
		{"a", []int{B}, ""},
		{"", nil, ""},
	}
	for _, tt := range tests {
		runs := merge(merge(splitRuns(tt.text), classNumeric, 7), classAlnum, 11)
		var got []int
		joined := ""
		for _, r := range runs {
			got = append(got, r.class)
			joined += r.text
		}
		assert.Equal(t, tt.want, got, "%q: %s", tt.text, tt.why)
		assert.Equal(t, tt.text, joined, "no text lost")
	}
}

// TestSegmentsRoundTrip: what Encode chooses (mode, ECI) is what gozxing
// reads back from the symbol, at the edges of the printable ASCII (ans)
// set, for EMVCo prefixes and for the knobs.
func TestSegmentsRoundTrip(t *testing.T) {
	S := func(m ...SegmentMode) []SegmentMode { return m }
	N, A, B, E := SegmentNumeric, SegmentAlphanumeric, SegmentByte, SegmentECI
	tests := []struct {
		name string
		text string
		o    Options
		want []SegmentMode
	}{
		{"space and tilde are ans: no eci", "a b~", Options{}, S(B)},
		{"0x1f needs the eci", "a\x1fb", Options{}, S(E, B)},
		{"0x7f needs the eci", "a\x7fb", Options{}, S(E, B)},
		{"tab needs the eci", "\t", Options{}, S(E, B)},
		{"utf-8 needs the eci", "Café", Options{}, S(E, B)},
		{"NoECI drops it", "Café", Options{NoECI: true}, S(B)},
		{"mpm prefix: one byte segment", "00020101021234567890123456", Options{}, S(B)},
		{"cpm prefix: one byte segment", "hQVDUFYwMTIzNDU2Nzg5MDEyMzQ1Njc4OQ", Options{}, S(B)},
		{"other digits: compact", "00030101021234567890123456", Options{}, S(N)},
		{"ModeEMVCo forces byte", "12345678901234567890", Options{Mode: ModeEMVCo}, S(B)},
		{"ModeCompact on an mpm prefix", "00020101021234567890123456", Options{Mode: ModeCompact}, S(N)},
		{"compact upper case", "HELLO WORLD 12", Options{}, S(A)},
		{"compact with eci", "ÉTÉ 1234567890", Options{}, S(E, B, N)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Encode(tt.text, tt.o)
			require.NoError(t, err)
			assert.Equal(t, tt.want[0] == E, s.ECI())
			img, err := s.Image()
			require.NoError(t, err)
			res, err := Decode(img)
			require.NoError(t, err)
			assert.Equal(t, tt.text, res.Text)
			assert.Equal(t, tt.want, res.Segments)
			assert.Equal(t, s.ECI(), res.ECI)
		})
	}
}
