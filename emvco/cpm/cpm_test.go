package cpm

import (
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/qrbridge/qrbridge/emvco"
	"github.com/qrbridge/qrbridge/internal/corpus"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The EMV CPM v1.0 Annex B examples (in emvco/testdata/corpus.json, with
// provenance).
const (
	annexB1 = "hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8="
	annexB2 = "hQVDUFYwMWETTwegAAAAVVVVUAhQcm9kdWN0MWETTwegAAAAZmZmUAhQcm9kdWN0MmJJWggSNFZ4kBI0WF8gDkNBUkRIT0xERVIvRU1WXy0IcnVlc2RlZW5kIZ8QBwYBCgMAAACfJghYT9OF+iNLzJ82AgABnzcEbVjvEw=="
)

func unhex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

// corpus returns the CPM entries of the shared corpus.
func cpmCorpus(t *testing.T) []corpus.Entry {
	var out []corpus.Entry
	for _, e := range corpus.Load(t, "../testdata/corpus.json") {
		if e.Scheme == "cpm" {
			out = append(out, e)
		}
	}
	require.Len(t, out, 4)
	return out
}

func TestCorpus(t *testing.T) {
	for _, e := range cpmCorpus(t) {
		c, err := Parse(e.Payload)
		if !e.Valid {
			require.ErrorIs(t, err, emvco.ErrDuplicate, e.WhyInvalid)
			var pe *emvco.ParseError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, "61.5F20", pe.Path)
			assert.Equal(t, 28, pe.Offset, "the 5F20 of the first application")
			continue
		}
		require.NoError(t, err, e.Source)
		assert.Equal(t, e.Payload, c.Text())
		assert.Equal(t, "CPV01", c.Version())
		assert.Equal(t, e.Payload, rebuild(t, c), "re-encodes byte for byte")
	}
}

// rebuild writes a parsed CPM back through the builder.
func rebuild(t testing.TB, c CPM) string {
	var b Builder
	for i := 1; i < len(c.p.objs); i += 1 + int(c.p.objs[i].kids) {
		o := c.p.objs[i]
		if o.kids == 0 && Tag(o.tag) != TagApplication && Tag(o.tag) != TagCommon {
			b.Add(Tag(o.tag), c.p.value(i))
			continue
		}
		b.Template(Tag(o.tag), func(b *Builder) {
			for d := range (Template{c.p, i}).Objects() {
				b.Add(d.Tag(), d.Value())
			}
		})
	}
	s, err := b.Encode()
	require.NoError(t, err)
	return s
}

func TestBuilderAnnexB(t *testing.T) {
	var b1 Builder
	b1.Application(func(b *Builder) {
		b.Add(TagADFName, unhex("A0000000555555"))
		b.Add(TagTrack2, unhex("1234567890123458D191220112345F"))
	})
	got, err := b1.Encode()
	require.NoError(t, err)
	assert.Equal(t, annexB1, got)

	var b2 Builder
	b2.Application(func(b *Builder) {
		b.Add(TagADFName, unhex("A0000000555555")).Add(TagLabel, []byte("Product1"))
	})
	b2.Application(func(b *Builder) {
		b.Add(TagADFName, unhex("A0000000666666")).Add(TagLabel, []byte("Product2"))
	})
	b2.Common(func(b *Builder) {
		b.Add(TagPAN, unhex("1234567890123458"))
		b.Add(TagCardholderName, []byte("CARDHOLDER/EMV"))
		b.Add(TagLanguage, []byte("ruesdeen"))
		b.Add(TagCommonTransparent, unhex("9F10070601"+"0A03000000"+"9F2608584FD385FA234BCC"+"9F36020001"+"9F37046D58EF13"))
	})
	got, err = b2.Encode()
	require.NoError(t, err)
	assert.Equal(t, annexB2, got)
	assert.NoError(t, b2.Err())
}

func TestBuilderLongTemplate(t *testing.T) {
	var b Builder
	b.Application(func(b *Builder) {
		b.Add(TagADFName, unhex("A0000000555555"))
		b.Add(TagTrack2, unhex("1234567890123458D191220112345F"))
		b.Template(TagApplicationTransparent, func(b *Builder) { b.Add(0x9F10, make([]byte, 200)) })
	})
	s, err := b.Encode()
	require.NoError(t, err)
	c, err := Parse(s)
	require.NoError(t, err)
	app, _ := first(c.Applications())
	blob, ok := app.Lookup(TagApplicationTransparent)
	require.True(t, ok)
	assert.Len(t, blob, 204, "9F10, 81 C8, then 200 bytes, kept opaque")
	assert.Equal(t, s, rebuild(t, c))
}

func first[T any](seq func(func(T) bool)) (T, bool) {
	for v := range seq {
		return v, true
	}
	var zero T
	return zero, false
}

func TestBuilderRefusals(t *testing.T) {
	app := func(b *Builder) {
		b.Add(TagADFName, unhex("A0000000555555")).Add(TagPAN, unhex("1234567890123458"))
	}
	tests := []struct {
		name  string
		build func(*Builder)
		want  error
		path  string
	}{
		{"nothing", func(*Builder) {}, emvco.ErrMissing, "61"},
		{"primitive as template", func(b *Builder) { b.Template(0x5A, func(*Builder) {}) }, emvco.ErrFormat, "5A"},
		{"bad tag", func(b *Builder) { b.Add(0x9F, nil) }, emvco.ErrSyntax, "9F"},
		{"bad template tag", func(b *Builder) { b.Template(0xBF, func(*Builder) {}) }, emvco.ErrSyntax, "BF"},
		{"no aid", func(b *Builder) {
			b.Application(func(b *Builder) { b.Add(TagPAN, unhex("1234567890123458")) })
		}, emvco.ErrMissing, "61.4F"},
		{"duplicate with common", func(b *Builder) {
			b.Application(app)
			b.Common(func(b *Builder) { b.Add(TagPAN, unhex("1234567890123458")) })
		}, emvco.ErrDuplicate, "61.5A"},
		{"too deep", func(b *Builder) {
			b.Application(func(b *Builder) {
				b.Template(0x63, func(b *Builder) { b.Template(0x70, func(*Builder) {}) })
			})
		}, emvco.ErrFormat, "70"},
		{"value too long", func(b *Builder) { b.Application(func(b *Builder) { b.Add(0x9F10, make([]byte, 65536)) }) }, emvco.ErrLength, "9F10"},
		{"template too long", func(b *Builder) {
			b.Application(func(b *Builder) {
				app(b)
				b.Add(0x9F10, make([]byte, 65535))
			})
		}, emvco.ErrLength, "61"},
		{"template of 65535 bytes: built, then refused as text", func(b *Builder) {
			b.Application(func(b *Builder) {
				b.Add(0x9F10, make([]byte, 65535-5))
			})
		}, emvco.ErrLength, ""},
		{"sticky", func(b *Builder) {
			b.Add(0x9F, nil)
			b.Application(app)
		}, emvco.ErrSyntax, "9F"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b Builder
			tt.build(&b)
			s, err := b.Encode()
			assert.Empty(t, s)
			require.ErrorIs(t, err, tt.want)
			var be *emvco.BuildError
			require.ErrorAs(t, err, &be)
			assert.Equal(t, tt.path, be.Path)
		})
	}
}

func TestBuilderOpenTemplate(t *testing.T) {
	var b Builder
	var err error
	b.Application(func(b *Builder) {
		b.Add(TagADFName, unhex("A0000000555555")).Add(TagPAN, unhex("1234567890123458"))
		_, err = b.Encode()
	})
	assert.ErrorIs(t, err, emvco.ErrSyntax, "encoded from within the template")
	_, err = b.Encode()
	assert.NoError(t, err, "the template is closed once its callback returns")
}

// cpmOf encodes raw TLV bytes after 85 "CPV01".
func cpmOf(rest string) string {
	return base64.StdEncoding.EncodeToString(unhex("85054350563031" + rest))
}

const validApp = "611A4F07A0000000555555570F1234567890123458D191220112345F"

func TestParseRefusals(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		want   error
		path   string
		offset int
	}{
		{"not cpm", "hQVDUFZ", emvco.ErrSyntax, "", 0},
		{"mpm", "000201", emvco.ErrSyntax, "", 0},
		{"not base64", "hQVDUFYwMWEa*", emvco.ErrSyntax, "", 12},
		{"unpadded", strings.TrimRight(annexB1, "="), emvco.ErrSyntax, "", 44},
		{"embedded newline", annexB1[:10] + "\r\n" + annexB1[10:], emvco.ErrSyntax, "", 10},
		{"embedded newline, length a multiple of 4", annexB1[:10] + "\r\n" + annexB1[12:], emvco.ErrSyntax, "", 10},
		{"wrong version", base64.StdEncoding.EncodeToString(unhex("85054350563032" + validApp)), emvco.ErrFormat, "85", 0},
		{"first not 85", base64.StdEncoding.EncodeToString(unhex("85054350563031"))[:0] + "hQVDUFYwMQ==", emvco.ErrMissing, "61", 7},
		{"no application", cpmOf(""), emvco.ErrMissing, "61", 7},
		{"truncated", cpmOf("611A4F07A0000000555555"), emvco.ErrLength, "", 7},
		{"truncated inside", cpmOf("61094F08A0000000555555"), emvco.ErrLength, "61", 9},
		{"three applications", cpmOf(validApp + validApp + validApp), emvco.ErrFormat, "61", 7 + 2*28},
		{"62 before 61", cpmOf("62045A0112" + validApp), emvco.ErrFormat, "62", 7},
		{"62 twice", cpmOf(validApp + "62065A0412345678" + "62065A0412345678"), emvco.ErrFormat, "62", 7 + 28 + 8},
		{"61 after other", cpmOf(validApp + "7003010101" + validApp), emvco.ErrFormat, "61", 7 + 28 + 5},
		{"85 twice", cpmOf(validApp + "85054350563031"), emvco.ErrDuplicate, "85", 7 + 28},
		{"aid 4 bytes", cpmOf("61174F04A0000000570F1234567890123458D191220112345F"), emvco.ErrLength, "61.4F", 7},
		{"aid 17 bytes", cpmOf("61244F11A000000055555555555555555555555555570F1234567890123458D191220112345F"), emvco.ErrLength, "61.4F", 7},
		{"no aid", cpmOf("6111570F1234567890123458D191220112345F"), emvco.ErrMissing, "61.4F", 7},
		{"no card data", cpmOf("61094F07A0000000555555"), emvco.ErrMissing, "61", 7},
		{"tag twice", cpmOf("61214F07A0000000555555570F1234567890123458D191220112345F" + "50024142" + "500141"), emvco.ErrDuplicate, "61.50", 39},
		{"track2 month 13", cpmOf("611A4F07A0000000555555570F1234567890123458D191320112345F"), emvco.ErrFormat, "61.57", 18},
		{"track2 no separator", cpmOf("611A4F07A0000000555555570F12345678901234581191220112345F"), emvco.ErrFormat, "61.57", 18},
		{"pan letters", cpmOf("61134F07A00000005555555A081234567890123A5F"), emvco.ErrFormat, "61.5A", 18},
		{"label symbol", cpmOf(validApp[:2] + "1F" + validApp[4:] + "5003412D42"), emvco.ErrFormat, "61.50", 7 + 2 + 26},
		{"language odd", cpmOf("61204F07A0000000555555570F1234567890123458D191220112345F5F2D03656E64"), emvco.ErrFormat, "61.5F2D", 7 + 2 + 26},
		{"common pan bad", cpmOf("61094F07A0000000555555" + "62035A0112"), emvco.ErrFormat, "62.5A", 7 + 11 + 2},
		{"too long", "hQVDUFYw" + strings.Repeat("A", 2953), emvco.ErrLength, "", 2953},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.in)
			require.ErrorIs(t, err, tt.want)
			var pe *emvco.ParseError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, tt.path, pe.Path)
			assert.Equal(t, tt.offset, pe.Offset)
		})
	}
}

func TestViewsAndSelection(t *testing.T) {
	c, err := Parse(annexB2)
	require.NoError(t, err)
	var aids []string
	for app := range c.Applications() {
		assert.Equal(t, TagApplication, app.Tag())
		aids = append(aids, strings.ToUpper(hex.EncodeToString(app.ADFName()))+" "+app.Label())
	}
	assert.Equal(t, []string{"A0000000555555 Product1", "A0000000666666 Product2"}, aids)
	common, ok := c.Common()
	require.True(t, ok)
	assert.Equal(t, TagCommon, common.Tag())

	d, err := c.Select(unhex("A0000000666666"), unhex("A0000000555555"))
	require.NoError(t, err)
	assert.Equal(t, unhex("A0000000666666"), d.AID(), "the terminal's preference decides")
	assert.Equal(t, "Product2", d.Label())
	pan, ok := d.PAN()
	require.True(t, ok)
	assert.Equal(t, "1234567890123458", pan.Digits())
	assert.Equal(t, "3458", pan.Last4())
	_, ok = d.Track2()
	assert.False(t, ok)
	assert.Equal(t, "CARDHOLDER/EMV", d.CardholderName())
	assert.Equal(t, []string{"ru", "es", "de", "en"}, d.Languages())
	assert.Equal(t, uint16(0x0010), d.Version(), "default when 9F08 is absent")
	assert.Empty(t, d.IssuerURL())
	blob, ok := d.Lookup(TagCommonTransparent)
	assert.True(t, ok)
	assert.Len(t, blob, 33, "transparent template kept as a blob")
	var tags []Tag
	for o := range d.Objects() {
		tags = append(tags, o.Tag())
	}
	assert.Equal(t, []Tag{0x4F, 0x50, 0x5A, 0x5F20, 0x5F2D, 0x64}, tags, "the application's objects, then the common ones")

	d, err = c.Select(unhex("A000000055"))
	require.NoError(t, err)
	assert.Equal(t, unhex("A0000000555555"), d.AID(), "prefix match")
	for _, aids := range [][][]byte{{unhex("A0000000777777")}, nil, {{}}, {unhex("A0000000555555FF")}} {
		_, err = c.Select(aids...)
		assert.ErrorIs(t, err, emvco.ErrMissing)
	}
}

func TestOptionalObjects(t *testing.T) {
	var b Builder
	b.Application(func(b *Builder) {
		b.Add(TagADFName, unhex("A0000000555555")).Add(TagPAN, unhex("1234567890123458FF"))
		b.Add(TagVersion, []byte{0x01, 0x02}).Add(TagTokenRequestor, unhex("123456"))
		b.Add(TagPAR, []byte("Q1AZXSWEDCVFRTGBNHYUJMKIOLP12")).Add(TagLast4, unhex("3458"))
		b.Add(TagIssuerURL, []byte("mailto:receipts@bank.example"))
	})
	s, err := b.Encode()
	require.NoError(t, err)
	c, err := Parse(s)
	require.NoError(t, err)
	_, ok := c.Common()
	assert.False(t, ok)
	d, err := c.Select(unhex("A0000000555555"))
	require.NoError(t, err)
	pan, _ := d.PAN()
	assert.Equal(t, "1234567890123458", pan.Digits(), "F padding is not part of the PAN")
	assert.Equal(t, uint16(0x0102), d.Version(), "big-endian, both bytes")
	assert.Equal(t, "123456", d.TokenRequestorID())
	assert.Equal(t, "Q1AZXSWEDCVFRTGBNHYUJMKIOLP12", d.PaymentAccountReference())
	assert.Equal(t, "3458", d.Last4())
	assert.Equal(t, "mailto:receipts@bank.example", d.IssuerURL())
}

func TestTrack2(t *testing.T) {
	c, err := Parse(annexB1)
	require.NoError(t, err)
	d, err := c.Select(unhex("A0000000555555"))
	require.NoError(t, err)
	t2, ok := d.Track2()
	require.True(t, ok)
	assert.Equal(t, "1234567890123458", t2.PAN().Digits())
	assert.Equal(t, "1912", t2.Expiry())
	assert.Equal(t, "201", t2.ServiceCode())
	assert.Equal(t, "12345", t2.Discretionary(), "the trailing F pad is not data")
	pan, ok := d.PAN()
	assert.True(t, ok)
	assert.Equal(t, t2.PAN(), pan, "PAN from track 2 when 5A is absent")
}

func TestZeroValues(t *testing.T) {
	var c CPM
	assert.Empty(t, c.Text())
	assert.Empty(t, c.Version())
	_, ok := first(c.Applications())
	assert.False(t, ok)
	_, ok = c.Common()
	assert.False(t, ok)
	_, err := c.Select(unhex("A0000000555555"))
	assert.ErrorIs(t, err, emvco.ErrMissing)
	var tm Template
	assert.Zero(t, tm.Tag())
	assert.Nil(t, tm.ADFName())
	_, ok = first(tm.Objects())
	assert.False(t, ok)
	var d DataObject
	assert.Zero(t, d.Tag())
	assert.Nil(t, d.Value())
	var poi POIData
	assert.Nil(t, poi.AID())
	_, ok = poi.PAN()
	assert.False(t, ok)
	_, ok = first(poi.Objects())
	assert.False(t, ok)
	var pan PAN
	assert.Empty(t, pan.Digits())
	assert.Empty(t, pan.Last4())
	var t2 Track2
	assert.Empty(t, t2.Expiry())
	assert.Empty(t, t2.String())
	var b Builder
	assert.NoError(t, b.Err())
	assert.Equal(t, "cpm.Builder(0 bytes)", b.String())
}

// TestManyObjects guards against the counter overflow and quadratic work
// the fuzzer found: a template of hundreds of objects parses in bounded
// time with every object kept.
func TestManyObjects(t *testing.T) {
	var b Builder
	b.Application(func(b *Builder) {
		b.Add(TagADFName, unhex("A0000000555555")).Add(TagTrack2, unhex("1234567890123458D191220112345F"))
		for i := range Tag(300) { // 300 distinct unknown primitives
			if i < 0x7F {
				b.Add(0xDF00|i, nil) // two-byte tags DF00-DF7E
			} else {
				j := i - 0x7F // three-byte tags DF8100-DF817F, DF8200-DF822C
				b.Add(0xDF8100+(j/0x80)<<8|j%0x80, nil)
			}
		}
	})
	s, err := b.Encode()
	require.NoError(t, err)
	c, err := Parse(s)
	require.NoError(t, err)
	app, _ := first(c.Applications())
	n := 0
	for range app.Objects() {
		n++
	}
	assert.Equal(t, 302, n, "more objects than a byte can count")
	assert.Equal(t, s, rebuild(t, c))
}

func TestRuleIndex(t *testing.T) {
	for i, r := range rules {
		assert.Equal(t, i, ruleIndex(r.tag), "%X", uint32(r.tag))
	}
	assert.Equal(t, -1, ruleIndex(0x9F10))
}

func TestTagString(t *testing.T) {
	assert.Equal(t, "5F20", TagCardholderName.String())
	assert.Equal(t, "4F", TagADFName.String())
	assert.Equal(t, "9F8101", Tag(0x9F8101).String())
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{annexB1, annexB2, cpmOf(validApp), cpmOf(validApp + validApp + "62065A0412345678"),
		"hQVDUFYwMWFaTwfUEAAAAUAQVxNTUCBpAAAAZtIAdgEAAAAAAAmfXzQBAmM2nyYImERHcznr1n2fJwGAnxAUBQmgAAgAAAAAAAAAICAGERdRIQGfNgIAi4ICAACfNwRm4DtF"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Parse(s)
		if err != nil {
			var pe *emvco.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("%v is not a *emvco.ParseError", err)
			}
			return
		}
		if c.Text() != s || rebuild(t, c) != s {
			t.Fatal("accepted payload does not re-encode to its text")
		}
		_ = c.String()
		for app := range c.Applications() {
			d, err := c.Select(app.ADFName())
			if err != nil {
				t.Fatal(err)
			}
			_ = d.String()
		}
	})
}

// TestADFNameBounds: the ADF name of an application is 5 to 16 bytes (CPM
// v1.0 Table 6.1); an empty 4F is too short, not missing.
func TestADFNameBounds(t *testing.T) {
	const track = "570F1234567890123458D191220112345F"
	for _, n := range []int{0, 4, 5, 16, 17} {
		aid := strings.Repeat("A0", n)
		tlv := fmt.Sprintf("4F%02X%s", n, aid) + track
		c, err := Parse(cpmOf(fmt.Sprintf("61%02X%s", len(tlv)/2, tlv)))
		if n >= 5 && n <= 16 {
			require.NoError(t, err, "%d bytes", n)
			app, ok := first(c.Applications())
			require.True(t, ok)
			assert.Equal(t, unhex(aid), app.ADFName(), "%d bytes", n)
			continue
		}
		require.ErrorIs(t, err, emvco.ErrLength, "%d bytes", n)
		var pe *emvco.ParseError
		require.ErrorAs(t, err, &pe)
		assert.Equal(t, "61.4F", pe.Path, "%d bytes", n)
		assert.Equal(t, 7, pe.Offset, "%d bytes", n)
	}
}
