package qr

import (
	"bytes"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/image/bmp" // registers BMP with package image: it must not reach us
)

// TestOnlyOurFormats: a format the host program registers is refused,
// by magic bytes, before any of its code runs.
func TestOnlyOurFormats(t *testing.T) {
	g := render(t, corpusPayloads(t)[1], Options{}, 4)
	var b bytes.Buffer
	require.NoError(t, bmp.Encode(&b, g))
	_, _, err := image.Decode(bytes.NewReader(b.Bytes()))
	require.NoError(t, err, "package image reads the bmp")
	_, err = DecodeBytes(b.Bytes())
	assert.ErrorIs(t, err, ErrFormat)
	for _, in := range []string{"II*\x00tiff", "RIFF\x00\x00\x00\x00WEBPVP8 junk", "\xff\xd8\xff\xe0junk", "GIF89a", "\x89PNG\r\n\x1a\n"} {
		_, err := DecodeBytes([]byte(in))
		assert.ErrorIs(t, err, ErrFormat, "%q", in)
	}
}

func TestJPEGSize(t *testing.T) {
	colour := image.NewRGBA(image.Rect(0, 0, 64, 32))
	for i := range colour.Pix {
		colour.Pix[i] = uint8(i)
	}
	var c, g bytes.Buffer
	require.NoError(t, jpeg.Encode(&c, colour, nil)) // 4:2:0
	require.NoError(t, jpeg.Encode(&g, image.NewGray(image.Rect(0, 0, 64, 32)), nil))
	tests := []struct {
		name string
		data []byte
		want int64
	}{
		{"baseline 4:2:0", c.Bytes(), 64*32 + 2*32*16},
		{"baseline grey", g.Bytes(), 64 * 32},
		{"progressive grey, 3 scans", progressiveJPEG(64, 32, 2), 5 * 64 * 32},
	}
	for _, tt := range tests {
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(tt.data))
		require.NoError(t, err, tt.name)
		n, err := jpegSize(tt.data, cfg)
		require.NoError(t, err, tt.name)
		assert.Equal(t, tt.want, n, tt.name)
	}
	info, err := jpegScans(progressiveJPEG(64, 32, 5))
	require.NoError(t, err)
	assert.Equal(t, jpegInfo{progressive: true, scans: 6, hv: [][2]int{{1, 1}}}, info)
	_, err = jpegScans([]byte{0xFF, 0xD8, 0x00, 0x00, 0x00, 0x00})
	assert.ErrorIs(t, err, ErrFormat, "no marker")
	_, err = jpegScans([]byte{0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01})
	assert.ErrorIs(t, err, ErrFormat, "segment length 1")
	_, err = DecodeBytes(progressiveJPEG(64, 32, maxJPEGScans))
	assert.ErrorIs(t, err, ErrImageTooLarge, "one scan over the cap")
}

// TestWebP reads zxing-cpp's WebP sample, the format phones share
// screenshots in, when the external images are there.
func TestWebP(t *testing.T) {
	dir := externalDir(t)
	data, err := os.ReadFile(filepath.Join(dir, "hostile", "zxing-cpp-qrcode-1-1.webp"))
	require.NoError(t, err)
	want, err := os.ReadFile(filepath.Join(dir, "zxing-cpp", "qrcode-1", "1.txt"))
	require.NoError(t, err)
	res, err := DecodeBytes(data)
	require.NoError(t, err)
	assert.Equal(t, string(want), res.Text)
	_, err = (&Decoder{MaxPixels: 100}).DecodeBytes(data)
	assert.ErrorIs(t, err, ErrImageTooLarge, "bounded like the others")
}
