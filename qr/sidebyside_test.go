package qr

import (
	"bytes"
	"image"
	"testing"

	goqr "github.com/piglig/go-qr"
)

// noCodeFrame is a 1280×720 camera frame with no code, as JPEG gives it
// (YCbCr): a counter top under uneven light with a few objects on it.
func noCodeFrame(tb testing.TB) image.Image {
	g := image.NewGray(image.Rect(0, 0, 1280, 720))
	for y := range 720 {
		for x := range 1280 {
			v := 90 + x*80/1280 + y*40/720
			if (x-300)*(x-300)+(y-400)*(y-400) < 150*150 || (x > 800 && x < 1100 && y > 150 && y < 330) {
				v -= 60 // a cup and a phone
			}
			g.Pix[y*g.Stride+x] = uint8(v)
		}
	}
	return toYCbCr(noise(g, 6, 3))
}

// busyFrame is a harder frame with no code: a hard-edged checked
// pattern under texture and noise, which gozxing takes for a dozen finder
// candidates.
func busyFrame(tb testing.TB) image.Image {
	g := image.NewGray(image.Rect(0, 0, 1280, 720))
	for y := range 720 {
		for x := range 1280 {
			g.Pix[y*g.Stride+x] = uint8(120 + (x*7+y*13)%60 + (x/160+y/90)%2*40)
		}
	}
	return toYCbCr(noise(g, 10, 3))
}

func toYCbCr(g *image.Gray) *image.YCbCr {
	out := image.NewYCbCr(g.Bounds(), image.YCbCrSubsampleRatio420)
	copy(out.Y, g.Pix)
	for i := range out.Cb {
		out.Cb[i], out.Cr[i] = 128, 128
	}
	return out
}

// BenchmarkSideBySide measures our decoder against bare gozxing with
// TRY_HARDER (the reference for speed) and piglig/go-qr's decoder, on
// the same images in the same run: a no-code 1280×720 frame, a 1280×960
// photo-like image and a clean PNG-decoded symbol.
func BenchmarkSideBySide(b *testing.B) {
	photo := photoLike(b)
	png, _ := PNG(benchPayload, Options{ModuleSize: 6})
	clean, err := (&Decoder{}).readImage(bytesReader(png))
	if err != nil {
		b.Fatal(err)
	}
	images := []struct {
		name string
		img  image.Image
		want bool
	}{
		{"nocode-1280x720", noCodeFrame(b), false},
		{"nocode-busy-1280x720", busyFrame(b), false},
		{"photo-1280x960", photo, true},
		{"clean-png", clean, true},
	}
	decoders := []struct {
		name   string
		decode func(image.Image) bool
	}{
		{"qrbridge", func(img image.Image) bool { _, err := Decode(img); return err == nil }},
		{"gozxing-tryharder", func(img image.Image) bool { _, ok := bareGozxing(img); return ok }},
		{"piglig", func(img image.Image) bool { _, err := goqr.Decode(img); return err == nil }},
	}
	for _, im := range images {
		for _, d := range decoders {
			b.Run(im.name+"/"+d.name, func(b *testing.B) {
				b.ReportAllocs()
				c0 := cpuTime()
				for b.Loop() {
					if got := d.decode(im.img); got != im.want && d.name != "piglig" {
						b.Fatalf("%s on %s: read %v", d.name, im.name, got)
					}
				}
				// CPU time per call: on a loaded host, wall time measures the load.
				b.ReportMetric(float64(cpuTime()-c0)/float64(b.N)/1e6, "cpu-ms/op")
			})
		}
	}
}

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }
