package qr

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"sync"
)

// Image renders the symbol as a two-colour paletted image with its quiet
// zone and, if set, the centre logo (then the palette holds the logo's
// colours too).
func (s *Symbol) Image() (image.Image, error) {
	img, err := s.paletted()
	if err != nil || s.opts.Logo == nil {
		return img, err
	}
	return s.withLogo(img), nil
}

func (s *Symbol) paletted() (*image.Paletted, error) {
	return s.palettedInto(new([]byte))
}

// palettedInto renders into *buf, growing it when needed.
func (s *Symbol) palettedInto(buf *[]byte) (*image.Paletted, error) {
	fg, bg, err := s.opts.colors()
	if err != nil {
		return nil, err
	}
	ms, err := s.opts.moduleSize(s.size)
	if err != nil {
		return nil, err
	}
	qz := s.opts.quietZone()
	side := (s.size + 2*qz) * ms
	if cap(*buf) < side*side {
		*buf = make([]byte, side*side)
	}
	pix := (*buf)[:side*side]
	clear(pix)
	img := &image.Paletted{Pix: pix, Stride: side, Rect: image.Rect(0, 0, side, side), Palette: color.Palette{bg, fg}}
	for y := range s.size {
		row := img.Pix[(y+qz)*ms*img.Stride:]
		for x := range s.size {
			if s.Module(x, y) {
				start := (x + qz) * ms
				for i := start; i < start+ms; i++ {
					row[i] = 1
				}
			}
		}
		for k := 1; k < ms; k++ { // repeat the pixel row for the module's height
			copy(img.Pix[((y+qz)*ms+k)*img.Stride:][:side], row[:side])
		}
	}
	return img, nil
}

// withLogo draws the logo, scaled to cover LogoPercent of the symbol area,
// over the centre.
func (s *Symbol) withLogo(img *image.Paletted) image.Image {
	out := image.NewRGBA(img.Bounds())
	draw.Draw(out, out.Bounds(), img, image.Point{}, draw.Src)
	ms, _ := s.opts.moduleSize(s.size)
	dst := logoRect(img.Bounds().Dx(), ms, s.size, s.opts.LogoPercent)
	logoPx := dst.Dx()
	src := s.opts.Logo.Bounds()
	for y := dst.Min.Y; y < dst.Max.Y; y++ {
		for x := dst.Min.X; x < dst.Max.X; x++ {
			sx := src.Min.X + (x-dst.Min.X)*src.Dx()/logoPx
			sy := src.Min.Y + (y-dst.Min.Y)*src.Dy()/logoPx
			out.Set(x, y, s.opts.Logo.At(sx, sy))
		}
	}
	return out
}

// pngPool reuses the encoders' compression buffers across calls.
type pngPool struct{ p sync.Pool }

func (b *pngPool) Get() *png.EncoderBuffer {
	if v, ok := b.p.Get().(*png.EncoderBuffer); ok {
		return v
	}
	return nil
}
func (b *pngPool) Put(v *png.EncoderBuffer) { b.p.Put(v) }

var pngEncoder = &png.Encoder{CompressionLevel: png.BestSpeed, BufferPool: &pngPool{}}

// WritePNG writes the symbol as a PNG. The pixel buffer and the
// compression buffers are pooled, so repeated calls allocate little; it
// is safe for concurrent use.
func (s *Symbol) WritePNG(w io.Writer) error {
	if s.opts.Logo != nil {
		img, err := s.Image()
		if err != nil {
			return err
		}
		return pngEncoder.Encode(w, img)
	}
	buf := pixPool.Get().(*[]byte)
	defer pixPool.Put(buf)
	img, err := s.palettedInto(buf)
	if err != nil {
		return err
	}
	return pngEncoder.Encode(w, img)
}

// pixPool reuses pixel buffers of WritePNG.
var pixPool = sync.Pool{New: func() any { return new([]byte) }}

// PNG returns the symbol as PNG bytes.
func (s *Symbol) PNG() ([]byte, error) {
	var b bytes.Buffer
	if err := s.WritePNG(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// PNG encodes text with o and returns the PNG image: the one-call path.
func PNG(text string, o Options) ([]byte, error) {
	s, err := Encode(text, o)
	if err != nil {
		return nil, err
	}
	return s.PNG()
}
