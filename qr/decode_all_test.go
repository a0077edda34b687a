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
