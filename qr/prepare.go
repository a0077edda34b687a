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
// f (each output pixel the mean of an f×f block) when it is over about
// 2 Mpx so that detection stays fast; a photo of a sticker keeps its
// modules well above the 2-pixel limit. It reads img row by row, without
// an allocation per pixel for the image types the decoders produce.
func prepare(img image.Image) plane {
	b := img.Bounds()
	f := 1
	for (b.Dx()/f)*(b.Dy()/f) > defaultWorkPx {
		f++
	}
	f = max(1, min(f, b.Dx(), b.Dy()))
	w, h := b.Dx()/f, b.Dy()/f
	p := plane{pix: make([]byte, w*h), w: w, h: h}
	rr := newRowReader(img)
	if f == 1 {
		for y := range h {
			rr.row(b.Min.Y+y, p.pix[y*w:(y+1)*w])
		}
		return p
	}
	row := make([]byte, w*f)
	sums := make([]uint32, w)
	for y := range h {
		clear(sums)
		for dy := range f {
			rr.row(b.Min.Y+y*f+dy, row)
			for x := range sums {
				for _, v := range row[x*f : (x+1)*f] {
					sums[x] += uint32(v)
				}
			}
		}
		out := p.pix[y*w : (y+1)*w]
		for x, s := range sums {
			out[x] = uint8(s / uint32(f*f))
		}
	}
	return p
}

// bilevel reports a plane of at most two grey levels: a rendered symbol.
func (p plane) bilevel() bool {
	if len(p.pix) == 0 {
		return false
	}
	a, b := p.pix[0], p.pix[0]
	for _, v := range p.pix {
		if v != a && v != b {
			if a != b {
				return false
			}
			b = v
		}
	}
	return true
}

// turned returns the plane turned 90° counter-clockwise: (x, y) moves
// to (y, w-1-x).
func (p plane) turned() plane {
	t := plane{pix: make([]byte, len(p.pix)), w: p.h, h: p.w}
	const tile = 32 // in tiles, so that both planes stay in cache
	for y0 := 0; y0 < p.h; y0 += tile {
		for x0 := 0; x0 < p.w; x0 += tile {
			for y := y0; y < min(y0+tile, p.h); y++ {
				row := p.pix[y*p.w : (y+1)*p.w]
				for x := x0; x < min(x0+tile, p.w); x++ {
					t.pix[(p.w-1-x)*t.w+y] = row[x]
				}
			}
		}
	}
	return t
}

// source returns the luminance source gozxing reads: the plane itself,
// without a copy.
func (p plane) source() (gozxing.LuminanceSource, error) {
	return gozxing.NewPlanarYUVLuminanceSource(p.pix, p.w, p.h, 0, 0, p.w, p.h, false)
}

// rowReader converts rows of an image to luminance. Colour becomes grey
// as zxing's RGBLuminanceSource and gozxing's image source weigh it,
// (R + 2G + B) / 4, and transparent pixels are composited over white, as
// a design tool's PNG shows on a page: a dark code on a transparent
// background is a dark code on white. JPEG's Y channel is used as it is.
type rowReader struct {
	img image.Image
	lut []byte // luminance of each palette entry
}

func newRowReader(img image.Image) rowReader {
	rr := rowReader{img: img}
	if m, ok := img.(*image.Paletted); ok {
		rr.lut = make([]byte, 256)
		for i := range rr.lut {
			rr.lut[i] = 0xFF // an index past the palette: image/png refuses it, others may not
		}
		for i, c := range m.Palette {
			rr.lut[i] = luma16(c.RGBA())
		}
	}
	return rr
}

// luma16 is the luminance of a premultiplied 16-bit colour over white.
func luma16(r, g, b, a uint32) uint8 {
	bg := 0xFFFF - a // white shows through what alpha leaves
	return uint8(((r + bg) + 2*(g+bg) + (b + bg)) >> 10)
}

// lumaN8 is the luminance of a non-premultiplied 8-bit colour over white.
func lumaN8(r, g, b, a uint8) uint8 {
	l := (uint32(r) + 2*uint32(g) + uint32(b)) >> 2
	return uint8(255 - (255-l)*uint32(a)/255)
}

// row writes the luminance of row y, from the image's left edge, into
// dst.
func (rr rowReader) row(y int, dst []byte) {
	b := rr.img.Bounds()
	x0 := b.Min.X
	switch m := rr.img.(type) {
	case *image.Gray:
		copy(dst, m.Pix[m.PixOffset(x0, y):])
	case *image.YCbCr:
		copy(dst, m.Y[m.YOffset(x0, y):])
	case *image.NYCbCrA:
		ys, as := m.Y[m.YOffset(x0, y):], m.A[m.AOffset(x0, y):]
		for x := range dst {
			dst[x] = uint8(255 - (255-uint32(ys[x]))*uint32(as[x])/255)
		}
	case *image.Paletted:
		for x, v := range m.Pix[m.PixOffset(x0, y):][:len(dst)] {
			dst[x] = rr.lut[v]
		}
	case *image.RGBA:
		pix := m.Pix[m.PixOffset(x0, y):]
		for x := range dst {
			p := pix[4*x : 4*x+4]
			bg := 255 - uint32(p[3])
			dst[x] = uint8((uint32(p[0]) + 2*uint32(p[1]) + uint32(p[2]) + 4*bg) >> 2)
		}
	case *image.NRGBA:
		pix := m.Pix[m.PixOffset(x0, y):]
		for x := range dst {
			p := pix[4*x : 4*x+4]
			dst[x] = lumaN8(p[0], p[1], p[2], p[3])
		}
	case *image.Gray16:
		pix := m.Pix[m.PixOffset(x0, y):]
		for x := range dst {
			dst[x] = pix[2*x]
		}
	case *image.CMYK:
		pix := m.Pix[m.PixOffset(x0, y):]
		for x := range dst {
			p := pix[4*x : 4*x+4]
			r, g, bl := color.CMYKToRGB(p[0], p[1], p[2], p[3])
			dst[x] = lumaN8(r, g, bl, 255)
		}
	case *image.RGBA64:
		for x := range dst {
			dst[x] = luma16(m.RGBA64At(x0+x, y).RGBA())
		}
	case *image.NRGBA64:
		for x := range dst {
			dst[x] = luma16(m.RGBA64At(x0+x, y).RGBA())
		}
	default: // other image types: correct, with the interface's costs
		for x := range dst {
			dst[x] = luma16(rr.img.At(x0+x, y).RGBA())
		}
	}
}
