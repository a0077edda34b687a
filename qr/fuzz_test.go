package qr

import (
	"errors"
	"testing"
)

// FuzzDecodeBytes: no panic on any input, and every error is one of the
// package's sentinels.
func FuzzDecodeBytes(f *testing.F) {
	good, _ := PNG("00020101021229370016A000000677010111011300668012345675802TH530376463046197", Options{ModuleSize: 2})
	f.Add(good)
	f.Add(pngHeader(20000, 20000))
	f.Add([]byte("GIF89a"))
	f.Add([]byte{0xFF, 0xD8, 0xFF})
	d := Decoder{MaxPixels: 1 << 20}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := d.DecodeBytes(data)
		if err == nil {
			return
		}
		for _, s := range []error{ErrFormat, ErrImageTooLarge, ErrNotFound, ErrUnreadable} {
			if errors.Is(err, s) {
				return
			}
		}
		t.Fatalf("unmatched error %v", err)
	})
}
