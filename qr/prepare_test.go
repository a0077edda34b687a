package qr

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLuminance: each image type's pixel becomes (R+2G+B)/4 composited
// over white; JPEG's Y is kept.
func TestLuminance(t *testing.T) {
	one := image.Rect(0, 0, 1, 1)
	pal := image.NewPaletted(one, color.Palette{color.NRGBA{0, 0, 0, 0}, color.NRGBA{255, 0, 0, 255}})
	pal.Pix[0] = 1
	palT := image.NewPaletted(one, color.Palette{color.NRGBA{0, 0, 0, 0}})
	ycc := image.NewYCbCr(one, image.YCbCrSubsampleRatio420)
	ycc.Y[0] = 77
	nycca := image.NewNYCbCrA(one, image.YCbCrSubsampleRatio444)
	nycca.Y[0], nycca.A[0] = 0, 0
	tests := []struct {
		name string
		img  image.Image
		set  color.Color
		want uint8
	}{
		{"nrgba red", image.NewNRGBA(one), color.NRGBA{255, 0, 0, 255}, 63},
		{"nrgba green", image.NewNRGBA(one), color.NRGBA{0, 255, 0, 255}, 127},
		{"nrgba transparent black", image.NewNRGBA(one), color.NRGBA{0, 0, 0, 0}, 255},
		{"nrgba half-transparent black", image.NewNRGBA(one), color.NRGBA{0, 0, 0, 128}, 127},
		{"rgba transparent", image.NewRGBA(one), color.RGBA{0, 0, 0, 0}, 255},
		{"rgba blue", image.NewRGBA(one), color.RGBA{0, 0, 255, 255}, 63},
		{"rgba half-transparent black", image.NewRGBA(one), color.RGBA{0, 0, 0, 128}, 127},
		{"gray", image.NewGray(one), color.Gray{Y: 42}, 42},
		{"gray16", image.NewGray16(one), color.Gray16{Y: 0x1234}, 0x12},
		{"nrgba64 transparent", image.NewNRGBA64(one), color.NRGBA64{0, 0, 0, 0}, 255},
		{"rgba64 green", image.NewRGBA64(one), color.RGBA64{0, 0xFFFF, 0, 0xFFFF}, 127},
		{"cmyk black", image.NewCMYK(one), color.CMYK{0, 0, 0, 255}, 0},
		{"paletted red", pal, nil, 63},
		{"paletted transparent", palT, nil, 255},
		{"ycbcr keeps y", ycc, nil, 77},
		{"nycbcra transparent", nycca, nil, 255},
		{"alpha (generic path)", image.NewAlpha(one), color.Alpha{A: 0}, 255},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.set != nil {
				tt.img.(interface{ Set(x, y int, c color.Color) }).Set(0, 0, tt.set)
			}
			assert.Equal(t, []byte{tt.want}, prepare(tt.img).pix)
		})
	}
}

// TestTransparentBackground: a design tool's PNG, dark modules on a
// transparent background, reads as a dark code on white.
func TestTransparentBackground(t *testing.T) {
	p := corpusPayloads(t)[1]
	g := render(t, p, Options{}, 4)
	nrgba := image.NewNRGBA(g.Bounds())
	for i, v := range g.Pix {
		if v < 128 {
			copy(nrgba.Pix[4*i:], []byte{20, 20, 60, 255})
		} // light modules stay transparent black, 0,0,0,0
	}
	var buf bytes.Buffer
	require.NoError(t, png.Encode(&buf, nrgba))
	res, err := DecodeBytes(buf.Bytes())
	require.NoError(t, err)
	assert.Equal(t, p, res.Text)
}

// TestDownscale: an image over the working size is averaged in whole
// blocks, and with no allocation per pixel.
func TestDownscale(t *testing.T) {
	img := image.NewYCbCr(image.Rect(0, 0, 3000, 1000), image.YCbCrSubsampleRatio420)
	for i := range img.Y {
		img.Y[i] = uint8(i % 2 * 200) // columns alternate 0 and 200
	}
	p := prepare(img)
	assert.Equal(t, 1500, p.w)
	assert.Equal(t, 500, p.h)
	assert.Equal(t, uint8(100), p.pix[0])
	allocs := testing.AllocsPerRun(3, func() { prepare(img) })
	assert.LessOrEqual(t, allocs, 4.0)
	nrgba := image.NewNRGBA(image.Rect(0, 0, 3000, 1000))
	allocs = testing.AllocsPerRun(3, func() { prepare(nrgba) })
	assert.LessOrEqual(t, allocs, 4.0)
}
