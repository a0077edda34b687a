package qr

import (
	"image"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDecodeAll puts three real payloads side by side on one canvas: a
// counter with a Zero Pay sticker, a WeChat code and an EMVCo code.
func TestDecodeAll(t *testing.T) {
	texts := []string{
		"1-ZP-202012AB0123-T000000000000001--X9-Z",
		"weixin://wxpay/bizpayurl?pr=9xFPmlUzz",
		corpusPayloads(t)[1],
	}
	var imgs []*image.Gray
	width, height := 0, 0
	for _, s := range texts {
		g := render(t, s, Options{}, 4)
		imgs = append(imgs, g)
		width += g.Bounds().Dx()
		height = max(height, g.Bounds().Dy())
	}
	canvas := image.NewGray(image.Rect(0, 0, width, height))
	for i := range canvas.Pix {
		canvas.Pix[i] = 255
	}
	x := 0
	for _, g := range imgs {
		for y := range g.Bounds().Dy() {
			copy(canvas.Pix[y*canvas.Stride+x:], g.Pix[y*g.Stride:(y+1)*g.Stride])
		}
		x += g.Bounds().Dx()
	}
	var d Decoder
	rs, err := d.DecodeAll(canvas)
	require.NoError(t, err)
	var got []string
	for _, r := range rs {
		got = append(got, r.Text)
	}
	assert.ElementsMatch(t, texts, got)

	blank := image.NewGray(image.Rect(0, 0, 64, 64))
	_, err = d.DecodeAll(blank)
	assert.ErrorIs(t, err, ErrNotFound)
	_, err = (&Decoder{MaxPixels: 100}).DecodeAll(canvas)
	assert.ErrorIs(t, err, ErrImageTooLarge)
}

// TestDecodeAllPasses: a sticker of 23 grey levels, under the hybrid
// binarizer's minimum dynamic range (24 in zxing's HybridBinarizer), reads
// only in the global-histogram pass, which runs after the hybrid pass
// found nothing; a code shown twice is listed once; a finder-pattern
// flood stopped at the candidate cap is "not found".
func TestDecodeAllPasses(t *testing.T) {
	low := mapPixels(render(t, "LOW CONTRAST 1", Options{}, 4), func(v uint8) uint8 {
		if v < 128 {
			return 111
		}
		return 134
	})
	_, err := decodeMultiple(prepare(low), false)
	require.Error(t, err, "the hybrid pass cannot read it")
	var d Decoder
	rs, err := d.DecodeAll(low)
	require.NoError(t, err)
	require.Len(t, rs, 1)
	assert.Equal(t, "LOW CONTRAST 1", rs[0].Text)
	assert.Equal(t, "multi", rs[0].Stage)

	g := render(t, "weixin://wxpay/bizpayurl?pr=9xFPmlUzz", Options{}, 4)
	canvas := image.NewGray(image.Rect(0, 0, 2*g.Bounds().Dx(), g.Bounds().Dy()))
	for y := range g.Bounds().Dy() {
		copy(canvas.Pix[y*canvas.Stride:], g.Pix[y*g.Stride:(y+1)*g.Stride])
		copy(canvas.Pix[y*canvas.Stride+g.Bounds().Dx():], g.Pix[y*g.Stride:(y+1)*g.Stride])
	}
	rs, err = d.DecodeAll(canvas)
	require.NoError(t, err)
	require.Len(t, rs, 1, "two copies of one code are one result")
	assert.Equal(t, "weixin://wxpay/bizpayurl?pr=9xFPmlUzz", rs[0].Text)

	flood := finderFlood(600, 600)
	_, err = decodeMultiple(prepare(flood), false)
	assert.ErrorIs(t, err, errTooManyCandidates)
	_, err = d.DecodeAll(flood)
	assert.ErrorIs(t, err, ErrNotFound)
}
