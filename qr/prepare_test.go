package qr

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
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

// opaque hides an image's concrete type, so that rowReader takes its
// generic path (At per pixel): the reference the fast paths must match.
type opaque struct{ image.Image }

// TestRowReaderFastPaths: every image type's fast path gives the grey of
// the generic path (luma16 of At), within one level of rounding, on a
// sub-image whose origin is not (0, 0), for varied colours and alphas.
func TestRowReaderFastPaths(t *testing.T) {
	r := image.Rect(0, 0, 37, 5)
	col := func(x, y int) color.NRGBA {
		return color.NRGBA{uint8(x * 7), uint8(y*50 + x), uint8(255 - x*5), uint8([]int{255, 0, 128, 200, 30}[y])}
	}
	nrgba, rgba, nrgba64, rgba64 := image.NewNRGBA(r), image.NewRGBA(r), image.NewNRGBA64(r), image.NewRGBA64(r)
	gray, gray16, cmyk := image.NewGray(r), image.NewGray16(r), image.NewCMYK(r)
	ycc := image.NewYCbCr(r, image.YCbCrSubsampleRatio444)
	nycca := image.NewNYCbCrA(r, image.YCbCrSubsampleRatio444)
	pal := image.NewPaletted(r, color.Palette{color.NRGBA{0, 0, 0, 0}, color.NRGBA{10, 200, 30, 255}, color.NRGBA{200, 10, 90, 100}})
	for y := range r.Dy() {
		for x := range r.Dx() {
			c := col(x, y)
			for _, m := range []draw.Image{nrgba, rgba, nrgba64, rgba64, gray, gray16, cmyk} {
				m.Set(x, y, c)
			}
			i := ycc.YOffset(x, y)
			ycc.Y[i], ycc.Cb[i], ycc.Cr[i] = c.G, c.B, c.R
			nycca.Y[i], nycca.Cb[i], nycca.Cr[i], nycca.A[nycca.AOffset(x, y)] = c.G, 128, 128, c.A
			pal.SetColorIndex(x, y, uint8((x+y)%3))
		}
	}
	sub := image.Rect(3, 1, 37, 5)
	for name, img := range map[string]image.Image{
		"nrgba": nrgba, "rgba": rgba, "nrgba64": nrgba64, "rgba64": rgba64, "gray": gray,
		"gray16": gray16, "cmyk": cmyk, "paletted": pal, "nycbcra": nycca,
	} {
		t.Run(name, func(t *testing.T) {
			s := img.(interface {
				SubImage(image.Rectangle) image.Image
			}).SubImage(sub)
			fast, slow := prepare(s), prepare(opaque{s})
			require.Equal(t, sub.Dx(), fast.w)
			require.Equal(t, sub.Dy(), fast.h)
			for i := range fast.pix {
				assert.InDelta(t, slow.pix[i], fast.pix[i], 1, "pixel %d,%d", i%fast.w, i/fast.w)
			}
		})
	}
	t.Run("ycbcr keeps y", func(t *testing.T) {
		s := ycc.SubImage(sub).(*image.YCbCr)
		p := prepare(s)
		for y := range p.h {
			for x := range p.w {
				assert.Equal(t, s.Y[s.YOffset(sub.Min.X+x, sub.Min.Y+y)], p.pix[y*p.w+x])
			}
		}
	})
}

// TestLumaHalfAlpha: a half-transparent dark pixel is half way to white
// in every alpha-carrying fast path.
func TestLumaHalfAlpha(t *testing.T) {
	one := image.Rect(0, 0, 1, 1)
	nycca := image.NewNYCbCrA(one, image.YCbCrSubsampleRatio444)
	nycca.Y[0], nycca.A[0] = 100, 128
	pal := image.NewPaletted(one, color.Palette{color.Black})
	pal.Pix[0] = 7 // past the palette: read as white, not a panic
	assert.Equal(t, []byte{255 - 155*128/255}, prepare(nycca).pix)
	assert.Equal(t, []byte{255}, prepare(pal).pix)
	assert.Equal(t, uint8(255-(255-100)*128/255), lumaN8(100, 100, 100, 128))
	assert.Equal(t, uint8(127), luma16(0, 0, 0, 0x8000))
}

// TestDownscaleBlocks: each output pixel is the mean of its f×f block
// of the input, rows and columns past the last whole block dropped; an
// image of exactly the working size is not downscaled.
func TestDownscaleBlocks(t *testing.T) {
	r := image.Rect(5, 7, 5+2900, 7+1100) // 3.19 Mpx: f = 2
	g := image.NewGray(r)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			g.SetGray(x, y, color.Gray{uint8((x*31 + y*17 + x*y) % 251)})
		}
	}
	p := prepare(g)
	require.Equal(t, 1450, p.w)
	require.Equal(t, 550, p.h)
	for _, pt := range []image.Point{{0, 0}, {1, 0}, {0, 1}, {1449, 549}, {700, 300}, {1449, 0}, {0, 549}} {
		sum := 0
		for dy := range 2 {
			for dx := range 2 {
				sum += int(g.GrayAt(r.Min.X+2*pt.X+dx, r.Min.Y+2*pt.Y+dy).Y)
			}
		}
		assert.Equal(t, uint8(sum/4), p.pix[pt.Y*p.w+pt.X], "block %v", pt)
	}

	three := image.NewGray(image.Rect(0, 0, 4200, 2100)) // f = 2 would leave 2.2 Mpx: f = 3
	for i, v := range []byte{10, 20, 30, 40, 50, 60, 70, 80, 91} {
		three.Pix[(i/3)*three.Stride+i%3] = v
	}
	q := prepare(three)
	assert.Equal(t, 1400, q.w)
	assert.Equal(t, 700, q.h)
	assert.Equal(t, uint8(451/9), q.pix[0])
	tall := image.NewGray(image.Rect(0, 0, 1, 3<<20)) // a one-pixel column is never shrunk to nothing
	assert.Equal(t, 1, prepare(tall).w)

	exact := image.NewGray(image.Rect(0, 0, 2048, 1024)) // exactly defaultWorkPx
	exact.Pix[1] = 99
	e := prepare(exact)
	assert.Equal(t, 2048, e.w)
	assert.Equal(t, uint8(99), e.pix[1])
	over := image.NewGray(image.Rect(0, 0, 2049, 1024))
	assert.Equal(t, 1024, prepare(over).w)
}

func TestBilevel(t *testing.T) {
	tests := []struct {
		pix  []byte
		want bool
	}{
		{nil, false},
		{[]byte{7}, true},
		{[]byte{7, 7, 7}, true},
		{[]byte{0, 255, 0, 255}, true},
		{[]byte{7, 7, 255, 7, 255}, true},
		{[]byte{0, 255, 128}, false},
		{[]byte{0, 0, 255, 1}, false},
		{[]byte{255, 0, 0, 255, 254}, false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, plane{pix: tt.pix, w: len(tt.pix), h: 1}.bilevel(), "%v", tt.pix)
	}
}

// TestTurned: a plane larger than one tile in both directions turns
// counter-clockwise, (x, y) to (y, w-1-x), and four turns restore it.
func TestTurned(t *testing.T) {
	p := plane{w: 70, h: 45, pix: make([]byte, 70*45)}
	for i := range p.pix {
		p.pix[i] = uint8(i * 7)
	}
	q := p.turned()
	require.Equal(t, 45, q.w)
	require.Equal(t, 70, q.h)
	for y := range p.h {
		for x := range p.w {
			require.Equal(t, p.pix[y*p.w+x], q.pix[(p.w-1-x)*q.w+y], "%d,%d", x, y)
		}
	}
	assert.Equal(t, p, q.turned().turned().turned())
}
