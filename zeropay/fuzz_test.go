package zeropay_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/qrbridge/qrbridge/zeropay"
	"github.com/qrbridge/qrbridge/zeropay/zeropaytest"
)

// codeSeeds are FuzzParse's seeds at the boundaries of each field, with
// whether Parse accepts them; TestSeedsAreAsClaimed holds it to that.
var codeSeeds = []struct {
	s  string
	ok bool
}{
	{static, true}, {dynamic, true}, {consumer, true}, {refund, true},
	{"1-ZP---", false},
	{"4-ZP-KW-20240229-ABC1234567890--ZZZZ", true},  // a leap day
	{"4-ZP-KW-20230229-ABC1234567890--ZZZZ", false}, // not one
	{"2-ZP-" + strings.Repeat("9", 22) + "--ABCD", true},
	{"2-ZP-" + strings.Repeat("9", 23) + "--ABCD", false},
	{"2-ZP-1--ABCD", true},
	{"3-KW-" + strings.Repeat("3", 14) + "--ABCD", true},
	{"3-KW-" + strings.Repeat("3", 15) + "--ABCD", false},
	{"3-KW-3--ABCD", true},
	{"3-KW-3--~~~~", true},
	{"3-KW-3--ABC\x7f", false},
	{"1-ZP-201801AB0123-T000000000000001--ABCD", true},
	{"1-ZP-201712AB0123-T000000000000001--ABCD", false},
}

// barcodeSeeds are FuzzParseBarcode's seeds, with whether they parse.
var barcodeSeeds = []struct {
	s  string
	ok bool
}{
	{consumerBarcode, true}, {refundBarcode, true}, {"800088", false}, {"8000888080", false},
	{"800088" + "9090" + "39999999999999", true}, // "ZZ"
	{"800088" + "4848" + "30000000000000", true}, // "00"
	{"800088" + "8080" + "20240229" + "909090" + "9999999999", true},
	{"800088" + "8080" + "20230229" + "909090" + "9999999999", false},
}

func TestSeedsAreAsClaimed(t *testing.T) {
	for _, sd := range codeSeeds {
		_, err := zeropay.Parse(sd.s)
		if (err == nil) != sd.ok {
			t.Errorf("Parse(%q): %v, want ok=%v", sd.s, err, sd.ok)
		}
	}
	for _, sd := range barcodeSeeds {
		_, err := zeropay.ParseBarcode(sd.s)
		if (err == nil) != sd.ok {
			t.Errorf("ParseBarcode(%q): %v, want ok=%v", sd.s, err, sd.ok)
		}
	}
}

// FuzzParse: no panic; every error is a *FieldError; an accepted code
// re-encodes (with the fixture checker) to text that parses to the same
// fields.
func FuzzParse(f *testing.F) {
	for _, sd := range codeSeeds {
		f.Add(sd.s)
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
	for _, sd := range barcodeSeeds {
		f.Add(sd.s)
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
		out, err := b.Encode()
		if err != nil || out != s {
			t.Fatalf("%q re-encodes to %q (%v)", s, out, err)
		}
	})
}
