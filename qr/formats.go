package qr

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"

	"golang.org/x/image/webp"
)

// format is one of the image formats the package reads, chosen by the
// input's magic bytes: never through image.RegisterFormat, so that a
// format the host program registers (TIFF, BMP, anything) is not reached
// with untrusted bytes, and ours are not registered on the host's behalf.
type format struct {
	name   string
	config func(data []byte) (image.Config, error)
	decode func(data []byte) (image.Image, error)
	// bytesPerPixel estimates the memory the decoded image takes, from
	// its header, so that a 4 Mpx image that would take 60 MB can be
	// refused before it is decoded.
	bytesPerPixel func(data []byte, cfg image.Config) (int, error)
}

// maxJPEGScans caps the scans of a progressive JPEG. Each scan is a pass
// over every block, and a scan of an all-zero band costs a few bytes, so
// a 429 KB file with repeated scans took 58 s to decode. libjpeg writes
// 10 scans for colour and 6 for grey (jcparam.c, jpeg_simple_progression).
const maxJPEGScans = 32

var formats = [...]format{
	{"png", wrapConfig(png.DecodeConfig), wrapDecode(png.Decode), pngBytesPerPixel},
	{"jpeg", wrapConfig(jpeg.DecodeConfig), wrapDecode(jpeg.Decode), jpegBytesPerPixel},
	{"gif", wrapConfig(gif.DecodeConfig), wrapDecode(gif.Decode), func([]byte, image.Config) (int, error) { return 1, nil }},
	// WebP: lossy frames decode to YCbCr (1.5 bytes per pixel, 2.5 with
	// alpha); lossless ones hold ARGB words while transforms run.
	{"webp", wrapConfig(webp.DecodeConfig), wrapDecode(webp.Decode), func([]byte, image.Config) (int, error) { return 8, nil }},
}

func wrapConfig(f func(r io.Reader) (image.Config, error)) func([]byte) (image.Config, error) {
	return func(b []byte) (image.Config, error) { return f(bytes.NewReader(b)) }
}

func wrapDecode(f func(r io.Reader) (image.Image, error)) func([]byte) (image.Image, error) {
	return func(b []byte) (image.Image, error) { return f(bytes.NewReader(b)) }
}

// sniff picks the format from the magic bytes.
func sniff(b []byte) (*format, bool) {
	switch {
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return &formats[0], true
	case bytes.HasPrefix(b, []byte{0xFF, 0xD8, 0xFF}):
		return &formats[1], true
	case bytes.HasPrefix(b, []byte("GIF87a")) || bytes.HasPrefix(b, []byte("GIF89a")):
		return &formats[2], true
	case len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP":
		return &formats[3], true
	}
	return nil, false
}

// pngBytesPerPixel is the size of the image type image/png returns, twice
// for an interlaced image (the passes are decoded apart, then merged).
func pngBytesPerPixel(data []byte, cfg image.Config) (int, error) {
	n := 4
	switch cfg.ColorModel {
	case color.GrayModel:
		n = 1
	case color.Gray16Model:
		n = 2
	case color.RGBA64Model, color.NRGBA64Model:
		n = 8
	default:
		if _, ok := cfg.ColorModel.(color.Palette); ok {
			n = 1
		}
	}
	if len(data) > 28 && data[28] == 1 { // IHDR's interlace method: Adam7
		n *= 2
	}
	return n, nil
}

// jpegBytesPerPixel is the size of the decoded planes (1 byte per
// component per pixel at worst, 4:4:4), plus for a progressive JPEG the
// coefficients image/jpeg keeps between scans (4 bytes each). It refuses
// a progressive JPEG with more than maxJPEGScans scans.
func jpegBytesPerPixel(data []byte, cfg image.Config) (int, error) {
	comps := 3
	switch cfg.ColorModel {
	case color.GrayModel:
		comps = 1
	case color.CMYKModel:
		comps = 4
	}
	progressive, scans, err := jpegScans(data)
	if err != nil {
		return 0, err
	}
	if scans > maxJPEGScans {
		return 0, fmt.Errorf("%w: %d jpeg scans, at most %d", ErrImageTooLarge, scans, maxJPEGScans)
	}
	if progressive {
		return 5 * comps, nil
	}
	return comps, nil
}

// jpegScans walks the JPEG marker segments (ITU-T T.81 §B.1) and counts
// the start-of-scan markers, skipping each scan's entropy-coded data; it
// stops early once the count is over the cap.
func jpegScans(b []byte) (progressive bool, scans int, err error) {
	i := 2 // after SOI
	for i+4 <= len(b) && scans <= maxJPEGScans {
		if b[i] != 0xFF {
			return false, 0, fmt.Errorf("%w: jpeg: no marker at byte %d", ErrFormat, i)
		}
		m := b[i+1]
		switch {
		case m == 0xFF: // fill byte
			i++
			continue
		case m == 0xD9: // EOI
			return progressive, scans, nil
		case m == 0x01 || (m >= 0xD0 && m <= 0xD7): // no length
			i += 2
			continue
		}
		n := int(binary.BigEndian.Uint16(b[i+2:]))
		if n < 2 {
			return false, 0, fmt.Errorf("%w: jpeg: segment length %d at byte %d", ErrFormat, n, i)
		}
		progressive = progressive || m == 0xC2 || m == 0xC6 || m == 0xCA || m == 0xCE
		i += 2 + n
		if m == 0xDA {
			scans++
			i = skipEntropyData(b, i)
		}
	}
	return progressive, scans, nil
}

// skipEntropyData returns the offset of the first marker at or after i
// that is not a stuffed 0xFF00 or a restart marker.
func skipEntropyData(b []byte, i int) int {
	for i+1 < len(b) {
		if b[i] != 0xFF {
			i++
			continue
		}
		if next := b[i+1]; next == 0x00 || (next >= 0xD0 && next <= 0xD7) {
			i += 2
			continue
		}
		return i
	}
	return len(b)
}
