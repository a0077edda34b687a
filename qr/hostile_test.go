//go:build unix && !race

package qr

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/gif"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// The budget every input the default caps admit must meet, decoded or
// refused (the Decoder's doc states it).
const (
	cpuBudget = 250 * time.Millisecond
	memBudget = 64 << 20
)

// withinBudget runs f and checks its process CPU time and the bytes it
// allocated (an upper bound of its peak memory).
func withinBudget(t *testing.T, name string, f func() error) error {
	t.Helper()
	runtime.GC()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	c0 := cpuTime()
	err := f()
	cpu := cpuTime() - c0
	runtime.ReadMemStats(&m1)
	alloc := m1.TotalAlloc - m0.TotalAlloc
	t.Logf("%-34s cpu %6.1f ms  alloc %5.1f MB  %v", name, float64(cpu)/1e6, float64(alloc)/(1<<20), err)
	assert.LessOrEqual(t, cpu, cpuBudget, "%s: cpu", name)
	assert.LessOrEqual(t, alloc, uint64(memBudget), "%s: memory", name)
	return err
}

func encodePNG(t *testing.T, img image.Image) []byte {
	var b bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// maxSide is the side of the largest square the default cap admits.
const maxSide = 2048

func noisyRGBA(w, h int) image.Image {
	rng := rand.New(rand.NewPCG(1, 2))
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = uint8(rng.Uint32())
	}
	return img
}

// symbolAtCap is the benchmark payload's symbol, 2044 pixels wide, in
// 8-bit or 16-bit RGBA.
func symbolAtCap(t *testing.T, deep bool) image.Image {
	s, err := Encode(benchPayload, Options{ModuleSize: 28})
	if err != nil {
		t.Fatal(err)
	}
	src, _ := s.Image()
	var dst draw.Image = image.NewNRGBA(src.Bounds())
	if deep {
		dst = image.NewNRGBA64(src.Bounds())
	}
	draw.Draw(dst, dst.Bounds(), src, image.Point{}, draw.Src)
	return dst
}

// TestHostileInputsWithinBudget decodes, or refuses, each hostile input
// within cpuBudget and memBudget: finder-pattern floods, progressive
// JPEGs with repeated scans, and valid images of every format at the
// pixel cap.
func TestHostileInputsWithinBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("hostile inputs take a few seconds")
	}
	type input struct {
		name string
		data []byte
		want error // nil: any of the package's errors, or a read
	}
	var inputs []input
	for _, side := range []int{600, 1000, 1400, maxSide} {
		inputs = append(inputs, input{"finder flood " + strconv.Itoa(side) + "²", encodePNG(t, finderFlood(side, side)), ErrNotFound})
	}
	inputs = append(inputs,
		input{"progressive jpeg, 32 scans, at cap", progressiveJPEG(maxSide, maxSide, maxJPEGScans-1), ErrNotFound},
		input{"progressive jpeg, 33 scans", progressiveJPEG(maxSide, maxSide, maxJPEGScans), ErrImageTooLarge},
		input{"progressive jpeg, 60000 scans", progressiveJPEG(1024, 1024, 60000), ErrImageTooLarge},
		input{"png rgba symbol at cap", encodePNG(t, symbolAtCap(t, false)), nil},
		input{"png rgba64 symbol at cap", encodePNG(t, symbolAtCap(t, true)), nil},
		input{"png interlaced rgba64 header at cap", interlaced(pngHeader(maxSide, maxSide)), ErrImageTooLarge},
		input{"png one pixel over cap", pngHeader(maxSide+1, maxSide), ErrImageTooLarge},
	)
	var jb bytes.Buffer
	_ = jpeg.Encode(&jb, noisyRGBA(maxSide, maxSide), &jpeg.Options{Quality: 90})
	inputs = append(inputs, input{"jpeg colour noise at cap", jb.Bytes(), nil})
	var gb bytes.Buffer
	pal := image.NewPaletted(image.Rect(0, 0, maxSide, maxSide), color.Palette{color.White, color.Black})
	copy(pal.Pix, finderFlood(maxSide, maxSide).Pix)
	for i := range pal.Pix {
		pal.Pix[i] = 1 - pal.Pix[i]/255
	}
	_ = gif.Encode(&gb, pal, nil)
	inputs = append(inputs, input{"gif finder flood at cap", gb.Bytes(), ErrNotFound})
	if dir := os.Getenv("QRBRIDGE_EXTERNAL"); dir != "" {
		hostile := filepath.Join(externalDir(t), "hostile")
		for _, name := range []string{"white-4096-progressive.jpg", "white-4096-grey-progressive.jpg", "zxing-cpp-qrcode-1-1.webp"} {
			b, err := os.ReadFile(filepath.Join(hostile, name))
			if err != nil {
				t.Fatal(err)
			}
			inputs = append(inputs, input{name, b, nil})
		}
	}
	var d Decoder
	for _, in := range inputs {
		var res Result
		err := withinBudget(t, in.name, func() (err error) { res, err = d.DecodeBytes(in.data); return err })
		if in.want != nil {
			assert.ErrorIs(t, err, in.want, in.name)
		} else if strings.Contains(in.name, "symbol") {
			assert.Equal(t, benchPayload, res.Text, in.name)
		}
		err = withinBudget(t, in.name+" (all)", func() error { _, err := d.DecodeAllReader(bytes.NewReader(in.data)); return err })
		if in.want != nil {
			assert.ErrorIs(t, err, in.want, in.name+" (all)")
		}
	}
}
