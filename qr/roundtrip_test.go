package qr

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCorpusRoundTrip: every corpus payload at every level, through PNG
// bytes, decodes to the identical string; EMVCo symbols hold only byte
// segments, with the UTF-8 ECI exactly when a character is outside ans.
func TestCorpusRoundTrip(t *testing.T) {
	payloads := corpusPayloads(t)
	require.Greater(t, len(payloads), 50)
	for _, level := range []Level{LevelL, LevelM, LevelQ, LevelH} {
		for _, p := range payloads {
			png, err := PNG(p, Options{Level: level})
			require.NoError(t, err)
			res, err := DecodeBytes(png)
			require.NoError(t, err, "level %s: %.40s", level, p)
			require.Equal(t, p, res.Text)
			assert.Equal(t, level, res.Level)
			want := []SegmentMode{SegmentByte}
			if needsECI(p) {
				want = []SegmentMode{SegmentECI, SegmentByte}
			}
			assert.Equal(t, want, res.Segments, "%.40s", p)
			assert.Equal(t, needsECI(p), res.ECI)
			assert.NotZero(t, res.Version)
		}
	}
}

func TestNoECIKnob(t *testing.T) {
	p := corpusPayloads(t)[0] // the EMVCo example, with CJK text
	png, err := PNG(p, Options{NoECI: true})
	require.NoError(t, err)
	res, err := DecodeBytes(png)
	require.NoError(t, err)
	assert.Equal(t, []SegmentMode{SegmentByte}, res.Segments)
	assert.Equal(t, p, res.Text, "utf-8 is still guessed without the eci")
}

func TestCompactMode(t *testing.T) {
	tests := []struct {
		text string
		want []SegmentMode
	}{
		{"1-ZP-202012AB0123-T000000000000001--X9-Z", nil},
		{"weixin://wxpay/bizpayurl?pr=9xFPmlUzz", nil},
		{"800088744930123456789017", []SegmentMode{SegmentNumeric}},
		{"北京最佳运输 1234567890", nil},
	}
	for _, tt := range tests {
		s, err := Encode(tt.text, Options{})
		require.NoError(t, err)
		img, err := s.Image()
		require.NoError(t, err)
		res, err := Decode(img)
		require.NoError(t, err)
		assert.Equal(t, tt.text, res.Text)
		assert.False(t, slices.Contains(res.Segments, SegmentKanji), "never kanji: %s", tt.text)
		if tt.want != nil {
			assert.Equal(t, tt.want, res.Segments)
		}
		byteOnly, _ := Encode(tt.text, Options{Mode: ModeEMVCo})
		assert.LessOrEqual(t, s.Version(), byteOnly.Version(), "compact is never larger")
	}
	// The upper-case sticker packs into alphanumeric segments.
	zp, _ := Encode("1-ZP-202012AB0123-T000000000000001--X9-Z", Options{})
	img, _ := zp.Image()
	res, _ := Decode(img)
	assert.Contains(t, res.Segments, SegmentAlphanumeric)
}
