package zeropay_test

import (
	"errors"
	"testing"

	"github.com/qrbridge/qrbridge/zeropay"
	"github.com/qrbridge/qrbridge/zeropay/zeropaytest"
)

// FuzzParse: no panic; every error is a *FieldError; an accepted code
// re-encodes (with the fixture checker) to text that parses to the same
// fields.
func FuzzParse(f *testing.F) {
	for _, s := range []string{static, dynamic, consumer, refund, "1-ZP---", "4-ZP-KW-20240229-ABC1234567890--ZZZZ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := zeropay.Parse(s)
		if err != nil {
			var fe *zeropay.FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("%v is not a *FieldError", err)
			}
			return
		}
		out, err := c.Encode(zeropaytest.FixtureChecker{})
		if err != nil {
			t.Fatalf("accepted code does not encode: %v", err)
		}
		back, err := zeropay.Parse(out)
		if err != nil {
			t.Fatalf("re-encoded code does not parse: %v", err)
		}
		back.Check, c.Check = "", ""
		if back != c {
			t.Fatalf("fields differ: %+v vs %+v", back, c)
		}
	})
}

// FuzzParseBarcode: no panic; an accepted barcode re-encodes to itself.
func FuzzParseBarcode(f *testing.F) {
	for _, s := range []string{consumerBarcode, refundBarcode, "800088", "8000888080"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := zeropay.ParseBarcode(s)
		if err != nil {
			var fe *zeropay.FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("%v is not a *FieldError", err)
			}
			return
		}
		out, err := b.String()
		if err != nil || out != s {
			t.Fatalf("%q re-encodes to %q (%v)", s, out, err)
		}
	})
}
