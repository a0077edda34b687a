package qr

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"io"
)

// Default caps of the zero [Decoder]. With them, every input is decoded
// or refused within about 250 ms of CPU and 64 MB of memory on a
// 2-core development machine (the hostile-input test checks it: images
// covered in finder patterns, progressive JPEGs with repeated scans, and
// valid images of every format at the pixel cap).
const (
	DefaultMaxBytes  = 10 << 20 // 10 MiB of image data
	DefaultMaxPixels = 4 << 20  // 4 Mpx (2048×2048, 2560×1600), checked from the header before decoding
	defaultWorkPx    = 2 << 20  // larger images are downscaled to about 2 Mpx first
	// bytesPerCapPixel bounds the memory of the decoded image, estimated
	// from its header, at this many bytes per pixel of the pixel cap: 40
	// MB at the default cap, which a 16-bit RGBA PNG or a progressive
	// colour JPEG at the cap would otherwise exceed.
	bytesPerCapPixel = 10
)

// Decoder reads QR codes from images, safely: input is bounded in bytes,
// the image header is checked against a pixel cap before the image is
// decoded (a 600-byte PNG can otherwise claim 65535×65535 and exhaust
// memory), and large photos are downscaled before detection. The zero
// value uses the defaults; a Decoder is safe for concurrent use.
type Decoder struct {
	// MaxBytes caps the input read by DecodeBytes and DecodeReader; 0
	// means DefaultMaxBytes.
	MaxBytes int64
	// MaxPixels caps width × height; 0 means DefaultMaxPixels. It also
	// bounds the memory of the decoded image, estimated from the header,
	// at 10 bytes per pixel of the cap. A larger cap admits 12 Mpx
	// photos at the cost of the budget the default keeps (see the
	// package doc's Bounds).
	MaxPixels int
}

// Result is a decoded QR code and what is known of its symbol. The
// caller owns its slices.
type Result struct {
	// Text is the content as UTF-8, each byte segment decoded from its
	// character set. It is empty when the error is [ErrCharset].
	Text string
	// Raw is the content as the symbol stores it: byte segments verbatim,
	// numeric and alphanumeric characters as ASCII, Kanji and Hanzi
	// characters as their Shift_JIS and GB 2312 bytes. For an EMVCo
	// symbol (byte mode only) it is the payload's bytes.
	Raw []byte
	// Charset names the character sets the byte, Kanji and Hanzi segments
	// were read in, comma-separated in order of first use: the ECI's, or
	// without an ECI the one decided as ISO/IEC 18004:2015 §7.4.5 and
	// zxing do ([CharsetLatin1], [CharsetShiftJIS] or [CharsetUTF8]; see
	// [ErrCharset]). It is empty for a symbol of numeric and alphanumeric
	// segments only.
	Charset string
	Version int             // 1-40
	Level   Level           // error-correction level
	ECI     bool            // the symbol carried an ECI segment
	Bounds  image.Rectangle // the finder pattern centres in image pixels; for a pure read, the symbol's extent
	Stage   string          // the cascade stage that read it: "pure", "hybrid", …
	// Segments lists the modes of the symbol's segments in order, read
	// from its data codewords: an EMVCo symbol must hold only ECI and
	// byte segments (EMV MPM §4.12).
	Segments []SegmentMode
}

// Decode reads one QR code from img with the zero Decoder.
func Decode(img image.Image) (Result, error) {
	var d Decoder
	return d.Decode(img)
}

// DecodeBytes reads one QR code from PNG, JPEG, GIF or WebP bytes with
// the zero Decoder.
func DecodeBytes(b []byte) (Result, error) {
	var d Decoder
	return d.DecodeBytes(b)
}

// DecodeBytes reads one QR code from PNG, JPEG, GIF or WebP bytes.
func (d *Decoder) DecodeBytes(b []byte) (Result, error) {
	return d.DecodeReader(bytes.NewReader(b))
}

// DecodeReader reads one QR code from an image stream, reading at most
// MaxBytes.
func (d *Decoder) DecodeReader(r io.Reader) (Result, error) {
	img, err := d.readImage(r)
	if err != nil {
		return Result{}, err
	}
	return d.Decode(img)
}

// Decode reads one QR code from img.
func (d *Decoder) Decode(img image.Image) (Result, error) {
	return d.DecodeContext(context.Background(), img)
}

// DecodeContext reads one QR code from img, checking ctx between the
// passes of the cascade: a cancelled or expired ctx stops it within one
// pass, with an error that wraps ctx.Err().
func (d *Decoder) DecodeContext(ctx context.Context, img image.Image) (Result, error) {
	if err := d.checkPixels(img.Bounds()); err != nil {
		return Result{}, err
	}
	return decodeCascade(ctx, prepare(img))
}

// DecodeReaderContext is [Decoder.DecodeReader] with a context, checked
// between the passes of the cascade.
func (d *Decoder) DecodeReaderContext(ctx context.Context, r io.Reader) (Result, error) {
	img, err := d.readImage(r)
	if err != nil {
		return Result{}, err
	}
	return d.DecodeContext(ctx, img)
}

func (d *Decoder) maxBytes() int64 {
	if d.MaxBytes > 0 {
		return d.MaxBytes
	}
	return DefaultMaxBytes
}

func (d *Decoder) maxPixels() int {
	if d.MaxPixels > 0 {
		return d.MaxPixels
	}
	return DefaultMaxPixels
}

func (d *Decoder) checkPixels(r image.Rectangle) error {
	max := d.maxPixels()
	w, h := r.Dx(), r.Dy()
	if w <= 0 || h <= 0 {
		return fmt.Errorf("%w: empty image", ErrFormat)
	}
	if int64(w)*int64(h) > int64(max) {
		return fmt.Errorf("%w: %d×%d pixels, at most %d", ErrImageTooLarge, w, h, max)
	}
	return nil
}

// readImage reads at most MaxBytes, picks the format by its magic
// bytes, checks the header's dimensions and the estimated memory of the
// decoded image, and only then decodes the pixels.
func (d *Decoder) readImage(r io.Reader) (image.Image, error) {
	max := d.maxBytes()
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrImageTooLarge, max)
	}
	f, ok := sniff(data)
	if !ok {
		return nil, fmt.Errorf("%w: not png, jpeg, gif or webp", ErrFormat)
	}
	if f.name == "png" && len(data) >= 24 {
		// IHDR's width and height, checked before image/png sees them: on
		// 32-bit platforms it refuses a huge size as a format error first.
		w, h := binary.BigEndian.Uint32(data[16:]), binary.BigEndian.Uint32(data[20:])
		if uint64(w)*uint64(h) > uint64(d.maxPixels()) {
			return nil, fmt.Errorf("%w: %d×%d pixels, at most %d", ErrImageTooLarge, w, h, d.maxPixels())
		}
	}
	cfg, err := f.config(data)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrFormat, f.name, err)
	}
	if err := d.checkPixels(image.Rect(0, 0, cfg.Width, cfg.Height)); err != nil {
		return nil, err
	}
	est, err := f.decodedSize(data, cfg)
	if err != nil {
		return nil, err
	}
	if est > int64(d.maxPixels())*bytesPerCapPixel {
		return nil, fmt.Errorf("%w: %s of %d×%d would take about %d MB to decode", ErrImageTooLarge, f.name, cfg.Width, cfg.Height, est>>20)
	}
	img, err := f.decode(data)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrFormat, f.name, err)
	}
	return img, nil
}

// errorFrom maps the cascade's last failure to a sentinel.
func errorFrom(found bool, last error) error {
	if found {
		return fmt.Errorf("%w: %v", ErrUnreadable, last)
	}
	if last == nil {
		last = errors.New("no finder patterns")
	}
	return fmt.Errorf("%w: %v", ErrNotFound, last)
}
