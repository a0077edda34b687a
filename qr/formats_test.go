package qr

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
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
	_, err = DecodeBytes(progressiveJPEG(64, 32, maxJPEGScans-1))
	assert.ErrorIs(t, err, ErrNotFound, "the cap itself is decoded")
	empty := append([]byte{0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x02}, progressiveJPEG(16, 16, 1)[2:]...)
	info, err = jpegScans(empty)
	require.NoError(t, err, "an empty APP0 segment")
	assert.Equal(t, 2, info.scans)
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

func TestPNGSize(t *testing.T) {
	r := image.Rect(0, 0, 8, 4)
	pal := image.NewPaletted(r, color.Palette{color.White, color.Black})
	tests := []struct {
		img  image.Image
		want int64
	}{
		{image.NewGray(r), 32},
		{image.NewGray16(r), 64},
		{pal, 32},
		{image.NewNRGBA(r), 128},
		{image.NewRGBA(r), 128},
		{image.NewNRGBA64(r), 256},
		{image.NewRGBA64(r), 256},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		require.NoError(t, png.Encode(&b, tt.img))
		cfg, err := png.DecodeConfig(bytes.NewReader(b.Bytes()))
		require.NoError(t, err)
		n, err := pngSize(b.Bytes(), cfg)
		require.NoError(t, err)
		assert.Equal(t, tt.want, n, "%T", tt.img)
		n, _ = pngSize(interlaced(b.Bytes()), cfg)
		assert.Equal(t, 2*tt.want, n, "%T interlaced", tt.img)
	}
}

// TestJPEGMarkers: fill bytes before a marker, restart markers and
// stuffed bytes inside entropy-coded data do not hide or invent scans.
func TestJPEGMarkers(t *testing.T) {
	base := progressiveJPEG(16, 16, 3)
	info, err := jpegScans(base)
	require.NoError(t, err)
	require.Equal(t, 4, info.scans)
	info, err = jpegScans(base[:len(base)-2])
	require.NoError(t, err, "no EOI: the walk stops at the end")
	assert.Equal(t, 4, info.scans)
	info, err = jpegScans(base[:len(base)-3])
	require.NoError(t, err, "cut inside the last scan")
	assert.Equal(t, 4, info.scans)
	filled := bytes.ReplaceAll(base, []byte{0xFF, 0xDA}, []byte{0xFF, 0xFF, 0xFF, 0xDA})
	info, err = jpegScans(filled)
	require.NoError(t, err)
	assert.Equal(t, 4, info.scans, "fill bytes")
	// Entropy data with a stuffed 0xFF00 and a restart marker, then a scan.
	sos := []byte{0xFF, 0xDA, 0x00, 0x08, 1, 1, 0x00, 1, 63, 0}
	data := append([]byte{0xFF, 0xD8}, sos...)
	data = append(data, 0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD3, 0x56, 0xFF, 0x01)
	data = append(data, sos...)
	data = append(data, 0x00, 0xFF, 0xD9)
	info, err = jpegScans(data)
	require.NoError(t, err)
	assert.Equal(t, 2, info.scans)
	assert.False(t, info.progressive, "no frame header")
	assert.Equal(t, int64(3*16*16), info.samples(16, 16), "three components assumed without a frame header")
	// Markers without a length between segments: RST0, RST7 and TEM
	// (T.81 Table B.1).
	bare := append([]byte{0xFF, 0xD8, 0xFF, 0xD0, 0xFF, 0xD7, 0xFF, 0x01}, sos...)
	info, err = jpegScans(append(bare, 0x00, 0xFF, 0xD9))
	require.NoError(t, err)
	assert.Equal(t, 1, info.scans, "bare markers skipped")
	// A frame header with 4:2:0 sampling.
	sof := []byte{0xFF, 0xD8, 0xFF, 0xC2, 0x00, 0x11, 8, 0, 16, 0, 16, 3, 1, 0x22, 0, 2, 0x11, 0, 3, 0x11, 0, 0xFF, 0xD9}
	info, err = jpegScans(sof)
	require.NoError(t, err)
	assert.True(t, info.progressive)
	assert.Equal(t, [][2]int{{2, 2}, {1, 1}, {1, 1}}, info.hv)
	assert.Equal(t, int64(16*16+2*8*8), info.samples(16, 16))
	assert.Equal(t, int64(15*15+2*8*8), info.samples(15, 15), "chroma rounds up")
	assert.Nil(t, frameSampling([]byte{8, 0, 16, 0, 16}), "frame header cut")
	assert.Equal(t, [][2]int{{4, 4}, {1, 1}}, frameSampling([]byte{8, 0, 16, 0, 16, 2, 1, 0x5F, 0, 2, 0x00}), "factors clamped to 1..4")
}

// TestSniff: both GIF versions are read (GIF87a and GIF89a, by their
// signatures); inputs too short for a RIFF header are refused without
// reading past their end.
func TestSniff(t *testing.T) {
	p := "HELLO GIF"
	g := render(t, p, Options{}, 4)
	var b bytes.Buffer
	require.NoError(t, gif.Encode(&b, g, nil))
	require.True(t, bytes.HasPrefix(b.Bytes(), []byte("GIF89a")))
	for _, sig := range []string{"GIF89a", "GIF87a"} {
		data := append([]byte(sig), b.Bytes()[6:]...)
		res, err := DecodeBytes(data)
		require.NoError(t, err, sig)
		assert.Equal(t, p, res.Text)
	}
	for _, in := range []string{"RIFF", "RIFF\x00\x00\x00\x00WEB", "RIFF\x00\x00\x00\x00WEBP", "RIFX\x00\x00\x00\x00WEBP", "RIFF\x00\x00\x00\x00AVI ", "GIF8", "GIF88a", "\xff\xd8"} {
		_, err := DecodeBytes([]byte(in))
		assert.ErrorIs(t, err, ErrFormat, "%q", in)
		b := []byte(in)
		f, ok := sniff(b[:len(b):len(b)]) // no spare capacity to read into
		assert.Equal(t, in == "RIFF\x00\x00\x00\x00WEBP", ok, "%q", in)
		if ok {
			assert.Equal(t, "webp", f.name)
		}
	}
}
