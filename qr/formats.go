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
	// decodedSize estimates the memory the decoded image takes, in
	// bytes, from its header, so that a 4 Mpx image that would take 60 MB
	// can be refused before it is decoded.
	decodedSize func(data []byte, cfg image.Config) (int64, error)
}

// maxJPEGScans caps the scans of a progressive JPEG. Each scan is a pass
// over every block, and a scan of an all-zero band costs a few bytes, so
// a 429 KB file with repeated scans took 58 s to decode. libjpeg writes
// 10 scans for colour and 6 for grey (jcparam.c, jpeg_simple_progression).
const maxJPEGScans = 32

var formats = [...]format{
	{"png", wrapConfig(png.DecodeConfig), wrapDecode(png.Decode), pngSize},
	{"jpeg", wrapConfig(jpeg.DecodeConfig), wrapDecode(jpeg.Decode), jpegSize},
	{"gif", wrapConfig(gif.DecodeConfig), wrapDecode(gif.Decode), perPixel(1)}, // the first frame, paletted
	// WebP: lossy frames decode to YCbCr (1.5 bytes per pixel, 2.5 with
	// alpha); lossless ones hold ARGB words while transforms run.
	{"webp", wrapConfig(webp.DecodeConfig), wrapDecode(webp.Decode), perPixel(8)},
}

func perPixel(n int64) func([]byte, image.Config) (int64, error) {
	return func(_ []byte, cfg image.Config) (int64, error) {
		return n * int64(cfg.Width) * int64(cfg.Height), nil
	}
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

// pngSize is the size of the image type image/png returns, twice for an
// interlaced image (the passes are decoded apart, then merged).
func pngSize(data []byte, cfg image.Config) (int64, error) {
	n := int64(4)
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
	return n * int64(cfg.Width) * int64(cfg.Height), nil
}

// jpegSize is the size of the decoded planes, one byte per sample, plus
// for a progressive JPEG the coefficients image/jpeg keeps between scans
// (4 bytes per sample). It refuses a JPEG with more than maxJPEGScans
// scans.
func jpegSize(data []byte, cfg image.Config) (int64, error) {
	info, err := jpegScans(data)
	if err != nil {
		return 0, err
	}
	if info.scans > maxJPEGScans {
		return 0, fmt.Errorf("%w: %d jpeg scans, at most %d", ErrImageTooLarge, info.scans, maxJPEGScans)
	}
	perSample := int64(1)
	if info.progressive {
		perSample = 5
	}
	return perSample * info.samples(cfg.Width, cfg.Height), nil
}

// jpegInfo is what jpegScans learns from the marker segments.
type jpegInfo struct {
	progressive bool
	scans       int
	hv          [][2]int // each component's sampling factors
}

// samples counts the samples of all components of a w×h image.
func (j jpegInfo) samples(w, h int) int64 {
	hmax, vmax := 1, 1
	for _, c := range j.hv {
		hmax, vmax = max(hmax, c[0]), max(vmax, c[1])
	}
	n := int64(0)
	for _, c := range j.hv {
		n += int64((w*c[0]+hmax-1)/hmax) * int64((h*c[1]+vmax-1)/vmax)
	}
	if len(j.hv) == 0 {
		n = 3 * int64(w) * int64(h)
	}
	return n
}

// jpegScans walks the JPEG marker segments (ITU-T T.81 §B.1): it reads
// the frame header's sampling factors and counts the start-of-scan
// markers, skipping each scan's entropy-coded data, and stops early once
// the count is over the cap.
func jpegScans(b []byte) (jpegInfo, error) {
	var info jpegInfo
	i := 2 // after SOI
	for i+4 <= len(b) && info.scans <= maxJPEGScans {
		if b[i] != 0xFF {
			return info, fmt.Errorf("%w: jpeg: no marker at byte %d", ErrFormat, i)
		}
		m := b[i+1]
		switch {
		case m == 0xFF: // fill byte
			i++
			continue
		case m == 0xD9: // EOI
			return info, nil
		case m == 0x01 || (m >= 0xD0 && m <= 0xD7): // no length
			i += 2
			continue
		}
		n := int(binary.BigEndian.Uint16(b[i+2:]))
		if n < 2 {
			return info, fmt.Errorf("%w: jpeg: segment length %d at byte %d", ErrFormat, n, i)
		}
		if m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC { // a frame header
			info.progressive = m == 0xC2 || m == 0xC6 || m == 0xCA || m == 0xCE
			info.hv = frameSampling(b[i+4 : min(i+2+n, len(b))])
		}
		i += 2 + n
		if m == 0xDA {
			info.scans++
			i = skipEntropyData(b, i)
		}
	}
	return info, nil
}

// frameSampling reads the components' sampling factors of a frame
// header's body (T.81 §B.2.2); a factor is 1 to 4.
func frameSampling(f []byte) [][2]int {
	if len(f) < 6 {
		return nil
	}
	nf := int(f[5])
	var hv [][2]int
	for c := range min(nf, 4) {
		if 6+3*c+1 >= len(f) {
			break
		}
		s := f[6+3*c+1]
		hv = append(hv, [2]int{min(max(int(s>>4), 1), 4), min(max(int(s&15), 1), 4)})
	}
	return hv
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
