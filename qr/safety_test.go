package qr

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pngHeader builds a PNG of a few hundred bytes whose IHDR claims w×h
// pixels of 16-bit RGBA, followed by a tiny bogus IDAT: the input that
// makes image/png allocate gigabytes.
func pngHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		crc := crc32.NewIEEE()
		crc.Write([]byte(typ))
		crc.Write(data)
		binary.Write(&b, binary.BigEndian, crc.Sum32())
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 16, 6 // 16-bit RGBA
	chunk("IHDR", ihdr)
	chunk("IDAT", bytes.Repeat([]byte{0x78, 0x9c, 0x63, 0x00}, 128))
	chunk("IEND", nil)
	return b.Bytes()
}

// interlaced sets a PNG's interlace method to Adam7 and fixes the CRC.
func interlaced(b []byte) []byte {
	b = bytes.Clone(b)
	b[28] = 1
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}

func TestOversizedHeaderRefusedCheaply(t *testing.T) {
	data := pngHeader(65535, 65535)
	require.Less(t, len(data), 700)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	_, err := DecodeBytes(data)
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	require.ErrorIs(t, err, ErrImageTooLarge)
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(4<<20), "allocated more than 4 MB")
	assert.Less(t, elapsed, time.Second)
}

func TestDecodeRefusals(t *testing.T) {
	payload := corpusPayloads(t)[1]
	good, err := PNG(payload, Options{})
	require.NoError(t, err)
	res, err := DecodeBytes(good)
	require.NoError(t, err, "the image the refusals cut up reads whole")
	require.Equal(t, payload, res.Text)
	tests := []struct {
		name string
		in   []byte
		want error
	}{
		{"empty", nil, ErrFormat},
		{"not an image", []byte("hello, this is text"), ErrFormat},
		{"png signature only", good[:8], ErrFormat},
		{"truncated at 50%", good[:len(good)/2], ErrFormat},
		{"20000x20000 header", pngHeader(20000, 20000), ErrImageTooLarge},
		{"blank image", blankPNG(t, 64, 64), ErrNotFound},
	}
	for _, tt := range tests {
		_, err := DecodeBytes(tt.in)
		assert.ErrorIs(t, err, tt.want, tt.name)
	}
	corrupt := bytes.Clone(good)
	corrupt[len(corrupt)/2] ^= 0xFF
	_, err = DecodeBytes(corrupt)
	assert.ErrorIs(t, err, ErrFormat, "a corrupt idat byte fails the zlib checksum")

	_, err = (&Decoder{MaxBytes: 100}).DecodeBytes(good)
	assert.ErrorIs(t, err, ErrImageTooLarge)
	_, err = (&Decoder{MaxPixels: 100}).DecodeBytes(good)
	assert.ErrorIs(t, err, ErrImageTooLarge)
}

func blankPNG(t *testing.T, w, h int) []byte {
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	var b bytes.Buffer
	require.NoError(t, pngEncoder.Encode(&b, img))
	return b.Bytes()
}

func TestDegenerateImages(t *testing.T) {
	for _, r := range []image.Rectangle{
		image.Rect(0, 0, 0, 0), image.Rect(0, 0, 1, 1), image.Rect(0, 0, 3, 3),
		image.Rect(0, 0, 1, 5000), image.Rect(0, 0, 5000, 1), image.Rect(-10, -10, 30, 30),
	} {
		_, err := Decode(image.NewGray(r))
		assert.Error(t, err, "%v", r)
	}
	half := render(t, corpusPayloads(t)[1], Options{}, 4)
	_, err := Decode(half.SubImage(image.Rect(0, 0, half.Bounds().Dx()/2, half.Bounds().Dy())))
	assert.ErrorIs(t, err, ErrNotFound)
}

func TestLargePhotoIsDownscaled(t *testing.T) {
	p := corpusPayloads(t)[1]
	sym := render(t, p, Options{}, 12)
	canvas := image.NewGray(image.Rect(0, 0, 2304, 1728)) // a 4 Mpx photo
	for i := range canvas.Pix {
		canvas.Pix[i] = 230
	}
	off := image.Pt(900, 500)
	for y := range sym.Bounds().Dy() {
		copy(canvas.Pix[(y+off.Y)*canvas.Stride+off.X:], sym.Pix[y*sym.Stride:(y+1)*sym.Stride])
	}
	res, err := Decode(canvas)
	require.NoError(t, err)
	assert.Equal(t, p, res.Text)
}

func TestDecodeContext(t *testing.T) {
	png, err := PNG(corpusPayloads(t)[1], Options{})
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var d Decoder
	_, err = d.DecodeReaderContext(ctx, bytes.NewReader(png))
	assert.ErrorIs(t, err, context.Canceled)
	_, err = d.DecodeContext(ctx, noCodeFrame(t))
	assert.ErrorIs(t, err, context.Canceled)
	res, err := d.DecodeReaderContext(context.Background(), bytes.NewReader(png))
	require.NoError(t, err)
	assert.Equal(t, corpusPayloads(t)[1], res.Text)
	_, err = d.DecodeReaderContext(context.Background(), bytes.NewReader(png[:10]))
	assert.ErrorIs(t, err, ErrFormat)
}

// TestNoCodeIsNotFound: a frame with no code is "not found", not
// "unreadable", though the pure pass fails with a format error on it; a
// finder-pattern flood stopped at the candidate cap is "not found" too.
func TestNoCodeIsNotFound(t *testing.T) {
	for _, img := range []image.Image{noCodeFrame(t), busyFrame(t)} {
		_, err := Decode(img)
		assert.ErrorIs(t, err, ErrNotFound)
	}
}
