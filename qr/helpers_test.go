package qr

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

// corpusPayloads returns every valid payload of the shared corpus
// (emvco/testdata/corpus.json), merchant- and consumer-presented.
func corpusPayloads(t testing.TB) []string {
	b, err := os.ReadFile("../emvco/testdata/corpus.json")
	require.NoError(t, err)
	var c []struct {
		Payload string `json:"payload"`
		Valid   bool   `json:"valid"`
	}
	require.NoError(t, json.Unmarshal(b, &c))
	var out []string
	for _, e := range c {
		if e.Valid {
			out = append(out, e.Payload)
		}
	}
	return out
}

// robustnessSet is 20 payloads: real corpus codes, several with CJK or
// Hangul text in tag 64.
func robustnessSet(t testing.TB) []string {
	all := corpusPayloads(t)
	set := make([]string, 0, 20)
	for i := 0; len(set) < 20; i += 3 {
		set = append(set, all[i%len(all)])
	}
	return set
}

// render draws s as grey pixels at ms pixels per module with a 4-module
// quiet zone.
func render(t testing.TB, text string, o Options, ms int) *image.Gray {
	o.ModuleSize = ms
	s, err := Encode(text, o)
	require.NoError(t, err)
	img, err := s.Image()
	require.NoError(t, err)
	return toGray(img)
}

func toGray(img image.Image) *image.Gray {
	b := img.Bounds()
	g := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := range b.Dy() {
		for x := range b.Dx() {
			g.SetGray(x, y, color.GrayModel.Convert(img.At(b.Min.X+x, b.Min.Y+y)).(color.Gray))
		}
	}
	return g
}

// rotate turns g by deg degrees about its centre, bilinearly, onto a white
// canvas large enough to hold it.
func rotate(g *image.Gray, deg float64) *image.Gray {
	a := deg * math.Pi / 180
	w, h := float64(g.Bounds().Dx()), float64(g.Bounds().Dy())
	side := int(math.Ceil(math.Abs(w*math.Cos(a))+math.Abs(h*math.Sin(a)))) + 2
	out := image.NewGray(image.Rect(0, 0, side, side))
	cx, cy, oc := w/2, h/2, float64(side)/2
	for y := range side {
		for x := range side {
			dx, dy := float64(x)-oc, float64(y)-oc
			sx := math.Cos(a)*dx + math.Sin(a)*dy + cx
			sy := -math.Sin(a)*dx + math.Cos(a)*dy + cy
			out.Pix[y*out.Stride+x] = bilinear(g, sx, sy)
		}
	}
	return out
}

func bilinear(g *image.Gray, x, y float64) uint8 {
	at := func(ix, iy int) float64 {
		if ix < 0 || iy < 0 || ix >= g.Bounds().Dx() || iy >= g.Bounds().Dy() {
			return 255
		}
		return float64(g.Pix[iy*g.Stride+ix])
	}
	x0, y0 := int(math.Floor(x)), int(math.Floor(y))
	fx, fy := x-float64(x0), y-float64(y0)
	v := at(x0, y0)*(1-fx)*(1-fy) + at(x0+1, y0)*fx*(1-fy) + at(x0, y0+1)*(1-fx)*fy + at(x0+1, y0+1)*fx*fy
	return uint8(math.Round(v))
}

func mapPixels(g *image.Gray, f func(uint8) uint8) *image.Gray {
	out := image.NewGray(g.Bounds())
	for i, v := range g.Pix {
		out.Pix[i] = f(v)
	}
	return out
}

// noise adds Gaussian noise of standard deviation sigma, from a fixed seed.
func noise(g *image.Gray, sigma float64, seed uint64) *image.Gray {
	rng := rand.New(rand.NewPCG(seed, 7))
	return mapPixels(g, func(v uint8) uint8 {
		return uint8(math.Max(0, math.Min(255, float64(v)+rng.NormFloat64()*sigma)))
	})
}

// blur applies a separable Gaussian blur of standard deviation sigma px.
func blur(g *image.Gray, sigma float64) *image.Gray {
	r := int(math.Ceil(3 * sigma))
	k := make([]float64, 2*r+1)
	sum := 0.0
	for i := range k {
		d := float64(i - r)
		k[i] = math.Exp(-d * d / (2 * sigma * sigma))
		sum += k[i]
	}
	pass := func(src *image.Gray, horizontal bool) *image.Gray {
		out := image.NewGray(src.Bounds())
		w, h := src.Bounds().Dx(), src.Bounds().Dy()
		for y := range h {
			for x := range w {
				acc := 0.0
				for i, kv := range k {
					sx, sy := x, y
					if horizontal {
						sx = min(max(x+i-r, 0), w-1)
					} else {
						sy = min(max(y+i-r, 0), h-1)
					}
					acc += kv * float64(src.Pix[sy*src.Stride+sx])
				}
				out.Pix[y*out.Stride+x] = uint8(math.Round(acc / sum))
			}
		}
		return out
	}
	return pass(pass(g, true), false)
}

func jpegRoundTrip(t testing.TB, g *image.Gray, quality int) image.Image {
	var b bytes.Buffer
	require.NoError(t, jpeg.Encode(&b, g, &jpeg.Options{Quality: quality}))
	img, err := jpeg.Decode(&b)
	require.NoError(t, err)
	return img
}

// testLogo is a busy 64×64 image standing in for a merchant logo.
func testLogo() image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 64, 64))
	for y := range 64 {
		for x := range 64 {
			img.Set(x, y, color.RGBA{uint8(x * 4), uint8(y * 4), 200, 255})
		}
	}
	return img
}
