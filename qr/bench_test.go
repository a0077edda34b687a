package qr

import (
	"bytes"
	"image"
	"testing"
)

// The EMVCo specification example: 260 bytes, 248 characters.
const benchPayload = "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A"

func BenchmarkEncodeMatrix(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Encode(benchPayload, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncodePNG256(b *testing.B) {
	b.ReportAllocs()
	var buf bytes.Buffer
	for b.Loop() {
		s, err := Encode(benchPayload, Options{Size: 256})
		if err != nil {
			b.Fatal(err)
		}
		buf.Reset()
		if err := s.WritePNG(&buf); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderSVG(b *testing.B) {
	s, _ := Encode(benchPayload, Options{})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.SVG(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderTerminal(b *testing.B) {
	s, _ := Encode(benchPayload, Options{})
	b.ReportAllocs()
	for b.Loop() {
		_ = s.Terminal(TextANSI)
	}
}

func BenchmarkDecodePNG(b *testing.B) {
	png, _ := PNG(benchPayload, Options{ModuleSize: 6}) // 462 px
	b.ReportAllocs()
	b.SetBytes(int64(len(png)))
	for b.Loop() {
		if _, err := DecodeBytes(png); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodePhoto reads a 1280×960 photo-like image: the symbol at
// 4 px/module turned 8° on a textured, noisy background.
func BenchmarkDecodePhoto(b *testing.B) {
	img := photoLike(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(img); err != nil {
			b.Fatal(err)
		}
	}
}

func photoLike(tb testing.TB) *image.Gray {
	sym := rotate(render(tb, benchPayload, Options{}, 4), 8)
	canvas := image.NewGray(image.Rect(0, 0, 1280, 960))
	for y := range 960 {
		for x := range 1280 {
			canvas.Pix[y*canvas.Stride+x] = uint8(170 + (x*7+y*13)%40)
		}
	}
	off := image.Pt(400, 200)
	for y := range sym.Bounds().Dy() {
		copy(canvas.Pix[(y+off.Y)*canvas.Stride+off.X:], sym.Pix[y*sym.Stride:(y+1)*sym.Stride])
	}
	return noise(canvas, 8, 1)
}

func TestPhotoLikeDecodes(t *testing.T) {
	res, err := Decode(photoLike(t))
	if err != nil {
		t.Fatal(err)
	}
	if res.Text != benchPayload {
		t.Fatal("wrong text")
	}
}
