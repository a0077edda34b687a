package qr

import (
	"fmt"
	"image"
	"io"

	"github.com/makiuchi-d/gozxing"
	multiqr "github.com/makiuchi-d/gozxing/multi/qrcode"
)

// DecodeAll reads every QR code in img (several stickers on one counter,
// a poster with many codes). It tries the hybrid and global-histogram
// binarizers with TRY_HARDER and keeps each distinct text once, in the
// order found. It fails with [ErrNotFound] when there is none.
func (d *Decoder) DecodeAll(img image.Image) ([]Result, error) {
	if err := d.checkPixels(img.Bounds()); err != nil {
		return nil, err
	}
	p := prepare(img)
	var out []Result
	seen := map[string]bool{}
	for _, global := range []bool{false, true} {
		rs, err := decodeMultiple(p, global)
		if err != nil {
			continue
		}
		for _, r := range rs {
			if !seen[r.Text] {
				seen[r.Text] = true
				out = append(out, r)
			}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: no qr code in the image", ErrNotFound)
	}
	return out, nil
}

// DecodeAllReader reads every QR code in an image stream, with the same
// byte and pixel caps as [Decoder.DecodeReader].
func (d *Decoder) DecodeAllReader(r io.Reader) ([]Result, error) {
	img, err := d.readImage(r)
	if err != nil {
		return nil, err
	}
	return d.DecodeAll(img)
}

func decodeMultiple(p plane, global bool) (out []Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			if r == errTooManyCandidates {
				err = errTooManyCandidates
				return
			}
			err = fmt.Errorf("decoder panic: %v", r)
		}
	}()
	src, err := p.source()
	if err != nil {
		return nil, err
	}
	bin := gozxing.NewHybridBinarizer(src)
	if global {
		bin = gozxing.NewGlobalHistgramBinarizer(src)
	}
	bmp, err := gozxing.NewBinaryBitmap(bin)
	if err != nil {
		return nil, err
	}
	var n int
	hints := passHints(false, true, &n)
	rs, err := multiqr.NewQRCodeMultiReader().DecodeMultiple(bmp, hints)
	if err != nil {
		return nil, err
	}
	for _, r := range rs {
		if res, err := resultOf(r, "multi"); err == nil {
			out = append(out, res)
		}
	}
	return out, nil
}
