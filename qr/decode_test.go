package qr

import (
	"bytes"
	"errors"
	"image"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDecoderCapsAtTheLimit: an input of exactly MaxBytes bytes, or of
// exactly MaxPixels pixels, is read; one byte or pixel less of cap
// refuses it with ErrImageTooLarge, also from a PNG header alone.
func TestDecoderCapsAtTheLimit(t *testing.T) {
	payload := corpusPayloads(t)[1]
	good, err := PNG(payload, Options{ModuleSize: 2})
	require.NoError(t, err)
	img, err := (&Decoder{}).readImage(bytes.NewReader(good))
	require.NoError(t, err)
	px := img.Bounds().Dx() * img.Bounds().Dy()

	for _, d := range []Decoder{{MaxBytes: int64(len(good))}, {MaxPixels: px}, {MaxBytes: int64(len(good)), MaxPixels: px}} {
		res, err := d.DecodeBytes(good)
		require.NoError(t, err, "%+v", d)
		assert.Equal(t, payload, res.Text)
		res, err = d.Decode(img)
		require.NoError(t, err, "%+v", d)
		assert.Equal(t, payload, res.Text)
		rs, err := d.DecodeAllReader(bytes.NewReader(good))
		require.NoError(t, err, "%+v", d)
		assert.Equal(t, payload, rs[0].Text)
	}
	for _, d := range []Decoder{{MaxBytes: int64(len(good)) - 1}, {MaxPixels: px - 1}} {
		_, err := d.DecodeBytes(good)
		assert.ErrorIs(t, err, ErrImageTooLarge, "%+v", d)
		_, err = d.DecodeAllReader(bytes.NewReader(good))
		assert.ErrorIs(t, err, ErrImageTooLarge, "%+v", d)
	}
	_, err = (&Decoder{MaxPixels: px - 1}).Decode(img)
	assert.ErrorIs(t, err, ErrImageTooLarge)

	// A PNG cut after its IHDR's size fields (24 bytes) is judged by them.
	_, err = DecodeBytes(pngHeader(4096, 4096)[:24])
	assert.ErrorIs(t, err, ErrImageTooLarge)
	_, err = DecodeBytes(pngHeader(16, 16)[:24])
	assert.ErrorIs(t, err, ErrFormat)
	_, err = DecodeBytes(pngHeader(4096, 4096)[:23])
	assert.ErrorIs(t, err, ErrFormat, "too short to hold the size")
	_, err = (&Decoder{MaxPixels: 256}).DecodeBytes(pngHeader(16, 16))
	assert.ErrorIs(t, err, ErrFormat, "16×16 is within 256 pixels; the bogus IDAT is what fails")
	_, err = (&Decoder{MaxPixels: 255}).DecodeBytes(pngHeader(16, 16))
	assert.ErrorIs(t, err, ErrImageTooLarge)

	// An interlaced 16-bit RGBA PNG takes 16 bytes a pixel to decode: at
	// 10×10 that is 1,600 bytes, exactly the memory cap of 160 pixels.
	_, err = (&Decoder{MaxPixels: 160}).DecodeBytes(interlaced(pngHeader(10, 10)))
	assert.ErrorIs(t, err, ErrFormat, "at the memory cap: decoded, and the bogus IDAT fails")
	_, err = (&Decoder{MaxPixels: 159}).DecodeBytes(interlaced(pngHeader(10, 10)))
	assert.ErrorIs(t, err, ErrImageTooLarge)
	_, err = (&Decoder{MaxPixels: 159}).DecodeBytes(pngHeader(10, 10))
	assert.ErrorIs(t, err, ErrFormat, "not interlaced: 800 bytes")
}

// TestEmptyImages: an image with no pixels is a format error, whatever
// its origin.
func TestEmptyImages(t *testing.T) {
	var d Decoder
	for _, r := range []image.Rectangle{image.Rect(0, 0, 0, 0), image.Rect(0, 0, 0, 10), image.Rect(0, 0, 10, 0), image.Rect(5, 5, 5, 9)} {
		_, err := d.Decode(image.NewGray(r))
		assert.ErrorIs(t, err, ErrFormat, "%v", r)
		_, err = d.DecodeAll(image.NewGray(r))
		assert.ErrorIs(t, err, ErrFormat, "%v", r)
	}
	_, err := d.Decode(image.NewGray(image.Rect(0, 0, 1, 1)))
	assert.ErrorIs(t, err, ErrNotFound, "one pixel is an image, with no code")
}

// TestErrorFrom: a symbol that was found but not read is unreadable; no
// symbol is not found, with the last pass's reason or, when none failed,
// "no finder patterns".
func TestErrorFrom(t *testing.T) {
	last := errors.New("checksum")
	err := errorFrom(true, last)
	assert.ErrorIs(t, err, ErrUnreadable)
	assert.NotErrorIs(t, err, ErrNotFound)
	assert.Contains(t, err.Error(), "checksum")
	err = errorFrom(false, last)
	assert.ErrorIs(t, err, ErrNotFound)
	assert.Contains(t, err.Error(), "checksum")
	assert.NotContains(t, err.Error(), "no finder patterns")
	err = errorFrom(false, nil)
	assert.ErrorIs(t, err, ErrNotFound)
	assert.Contains(t, err.Error(), "no finder patterns")
}

// TestErrorMessages: the messages name the byte offset and character
// set, with the package prefix, and never the content.
func TestErrorMessages(t *testing.T) {
	assert.Equal(t, "qr: byte 3: segment is not ISO-8859-1, Shift_JIS or UTF-8 text", (&CharsetError{Offset: 3}).Error())
	assert.Equal(t, "qr: byte 0: segment is not valid US-ASCII", (&CharsetError{Charset: CharsetASCII}).Error())
	assert.Equal(t, "qr: options: Size: too big", (&OptionError{Option: "Size", Reason: "too big"}).Error())
	assert.ErrorIs(t, &CharsetError{}, ErrCharset)
	assert.ErrorIs(t, &OptionError{}, ErrOptions)
}
