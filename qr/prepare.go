package qr

import (
	"image"
	"image/color"

	"github.com/makiuchi-d/gozxing"
)

// plane is a tightly packed 8-bit luminance image: what gozxing reads.
type plane struct {
	pix  []byte
	w, h int
}

// prepare turns img into a luminance plane, downscaled by a whole factor
// when it is over about 2 Mpx so that detection stays fast; a photo of a
// sticker keeps its modules well above the 2-pixel limit.
func prepare(img image.Image) plane {
	b := img.Bounds()
	f := 1
	for (b.Dx()/f)*(b.Dy()/f) > defaultWorkPx {
		f++
	}
	if f == 1 {
		if p, ok := fastPlane(img); ok {
			return p
		}
	}
	return slowPlane(img, f)
}

// source returns the luminance source gozxing reads: the plane itself,
// without a copy, or for rotation a source that supports turning.
func (p plane) source(rotatable bool) (gozxing.LuminanceSource, error) {
	if rotatable {
		g := &image.Gray{Pix: p.pix, Stride: p.w, Rect: image.Rect(0, 0, p.w, p.h)}
		return gozxing.NewLuminanceSourceFromImage(g), nil
	}
	return gozxing.NewPlanarYUVLuminanceSource(p.pix, p.w, p.h, 0, 0, p.w, p.h, false)
}

// fastPlane converts the image types decoders meet (JPEG's YCbCr, PNG's
// grey, paletted and RGBA) row by row.
func fastPlane(img image.Image) (plane, bool) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	p := plane{pix: make([]byte, w*h), w: w, h: h}
	switch m := img.(type) {
	case *image.YCbCr:
		for y := range h {
			copy(p.pix[y*w:], m.Y[m.YOffset(b.Min.X, b.Min.Y+y):][:w])
		}
	case *image.Gray:
		for y := range h {
			copy(p.pix[y*w:], m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):][:w])
		}
	case *image.Paletted:
		lut := make([]byte, 256)
		for i, c := range m.Palette {
			lut[i] = color.GrayModel.Convert(c).(color.Gray).Y
		}
		for y := range h {
			row := m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):][:w]
			out := p.pix[y*w:][:w]
			for x, v := range row {
				out[x] = lut[v]
			}
		}
	case *image.RGBA:
		rgbaRows(p, m.Pix, m.Stride, m.PixOffset(b.Min.X, b.Min.Y))
	case *image.NRGBA:
		rgbaRows(p, m.Pix, m.Stride, m.PixOffset(b.Min.X, b.Min.Y))
	default:
		return plane{}, false
	}
	return p, true
}

func rgbaRows(p plane, pix []byte, stride, start int) {
	for y := range p.h {
		row := pix[start+y*stride:]
		out := p.pix[y*p.w:][:p.w]
		for x := range out {
			i := 4 * x
			out[x] = rgbLuma(row[i], row[i+1], row[i+2])
		}
	}
}

// rgbLuma is color.GrayModel's weighting for 8-bit components.
func rgbLuma(r, g, b uint8) uint8 {
	return uint8((19595*uint32(r) + 38470*uint32(g) + 7471*uint32(b) + 1<<15) >> 16)
}

// slowPlane converts any image, averaging f×f blocks.
func slowPlane(img image.Image, f int) plane {
	b := img.Bounds()
	w, h := max(b.Dx()/f, 1), max(b.Dy()/f, 1)
	p := plane{pix: make([]byte, w*h), w: w, h: h}
	for y := range h {
		for x := range w {
			sum := 0
			for dy := range f {
				for dx := range f {
					sum += int(color.GrayModel.Convert(img.At(b.Min.X+x*f+dx, b.Min.Y+y*f+dy)).(color.Gray).Y)
				}
			}
			p.pix[y*w+x] = uint8(sum / (f * f))
		}
	}
	return p
}
