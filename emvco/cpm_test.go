package emvco

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The EMV CPM v1.0 Annex B examples (in the corpus with provenance).
const (
	cpmB1 = "hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8="
	cpmB2 = "hQVDUFYwMWETTwegAAAAVVVVUAhQcm9kdWN0MWETTwegAAAAZmZmUAhQcm9kdWN0MmJJWggSNFZ4kBI0WF8gDkNBUkRIT0xERVIvRU1WXy0IcnVlc2RlZW5kIZ8QBwYBCgMAAACfJghYT9OF+iNLzJ82AgABnzcEbVjvEw=="
)

func unhex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

func cpmCorpus(t *testing.T) []corpusEntry {
	var out []corpusEntry
	for _, e := range loadCorpus(t) {
		if e.Scheme == "cpm" {
			out = append(out, e)
		}
	}
	require.Len(t, out, 4)
	return out
}

func TestCPMCorpus(t *testing.T) {
	for _, e := range cpmCorpus(t) {
		c, err := ParseCPM(e.Payload)
		if !e.Valid {
			require.ErrorIs(t, err, ErrDuplicate, e.WhyInvalid)
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, "61.5F20", pe.Path)
			continue
		}
		require.NoError(t, err, e.Source)
		assert.Equal(t, e.Payload, c.String())
		assert.Equal(t, "CPV01", c.Version())
		assert.Equal(t, e.Payload, rebuildCPM(t, c), "re-encodes byte for byte")
	}
}

// rebuildCPM writes a parsed CPM back through the builder.
func rebuildCPM(t *testing.T, c *CPM) string {
	var b CPMBuilder
	for i := 1; i < len(c.objs); i += 1 + int(c.objs[i].kids) {
		o := c.objs[i]
		if o.kids == 0 && o.tag != CPMTagApplication && o.tag != CPMTagCommon {
			b.Add(uint32(o.tag), c.value(i))
			continue
		}
		b.Template(uint32(o.tag), func(b *CPMBuilder) {
			for dobj := range (Template{c: c, i: i}).Objects() {
				b.Add(dobj.Tag, dobj.Value)
			}
		})
	}
	s, err := b.String()
	require.NoError(t, err)
	return s
}

func TestCPMBuilderAnnexB(t *testing.T) {
	var b1 CPMBuilder
	b1.Application(func(b *CPMBuilder) {
		b.Add(CPMTagADFName, unhex("A0000000555555"))
		b.Add(CPMTagTrack2, unhex("1234567890123458D191220112345F"))
	})
	got, err := b1.String()
	require.NoError(t, err)
	assert.Equal(t, cpmB1, got)

	var b2 CPMBuilder
	b2.Application(func(b *CPMBuilder) {
		b.Add(CPMTagADFName, unhex("A0000000555555")).Add(CPMTagLabel, []byte("Product1"))
	})
	b2.Application(func(b *CPMBuilder) {
		b.Add(CPMTagADFName, unhex("A0000000666666")).Add(CPMTagLabel, []byte("Product2"))
	})
	b2.Common(func(b *CPMBuilder) {
		b.Add(CPMTagPAN, unhex("1234567890123458"))
		b.Add(CPMTagCardholderName, []byte("CARDHOLDER/EMV"))
		b.Add(CPMTagLanguage, []byte("ruesdeen"))
		b.Add(CPMTagCommTransparent, unhex("9F10070601"+"0A03000000"+"9F2608584FD385FA234BCC"+"9F36020001"+"9F37046D58EF13"))
	})
	got, err = b2.String()
	require.NoError(t, err)
	assert.Equal(t, cpmB2, got)
}

func TestCPMBuilderLongTemplate(t *testing.T) {
	var b CPMBuilder
	b.Application(func(b *CPMBuilder) {
		b.Add(CPMTagADFName, unhex("A0000000555555"))
		b.Add(CPMTagTrack2, unhex("1234567890123458D191220112345F"))
		b.Template(CPMTagAppTransparent, func(b *CPMBuilder) { b.Add(0x9F10, make([]byte, 200)) })
	})
	s, err := b.String()
	require.NoError(t, err)
	c, err := ParseCPM(s)
	require.NoError(t, err)
	app, _ := first(c.Applications())
	blob, ok := app.Lookup(CPMTagAppTransparent)
	require.True(t, ok)
	assert.Len(t, blob, 204, "9F10, 81 C8, then 200 bytes, kept opaque")
}

func first[T any](seq func(func(T) bool)) (T, bool) {
	for v := range seq {
		return v, true
	}
	var zero T
	return zero, false
}

func TestCPMBuilderRefusals(t *testing.T) {
	tests := []struct {
		name  string
		build func(*CPMBuilder)
		want  error
	}{
		{"nothing", func(*CPMBuilder) {}, ErrMissing},
		{"primitive as template", func(b *CPMBuilder) { b.Template(0x5A, func(*CPMBuilder) {}) }, ErrFormat},
		{"bad tag", func(b *CPMBuilder) { b.Add(0x9F, nil) }, ErrSyntax},
		{"no aid", func(b *CPMBuilder) {
			b.Application(func(b *CPMBuilder) { b.Add(CPMTagPAN, unhex("1234567890123458")) })
		}, ErrMissing},
		{"duplicate with common", func(b *CPMBuilder) {
			b.Application(func(b *CPMBuilder) {
				b.Add(CPMTagADFName, unhex("A0000000555555")).Add(CPMTagPAN, unhex("1234567890123458"))
			})
			b.Common(func(b *CPMBuilder) { b.Add(CPMTagPAN, unhex("1234567890123458")) })
		}, ErrDuplicate},
		{"too deep", func(b *CPMBuilder) {
			b.Application(func(b *CPMBuilder) {
				b.Template(0x63, func(b *CPMBuilder) { b.Template(0x70, func(*CPMBuilder) {}) })
			})
		}, ErrFormat},
	}
	for _, tt := range tests {
		var b CPMBuilder
		tt.build(&b)
		_, err := b.String()
		assert.ErrorIs(t, err, tt.want, tt.name)
		var be *BuildError
		assert.ErrorAs(t, err, &be, tt.name)
	}
}

// cpmOf encodes raw TLV bytes after 85 "CPV01".
func cpmOf(rest string) string {
	return base64.StdEncoding.EncodeToString(unhex("85054350563031" + rest))
}

func TestParseCPMRefusals(t *testing.T) {
	validApp := "611A4F07A0000000555555570F1234567890123458D191220112345F"
	tests := []struct {
		name string
		in   string
		want error
		path string
	}{
		{"not cpm", "hQVDUFZ", ErrSyntax, ""},
		{"mpm", "000201", ErrSyntax, ""},
		{"not base64", "hQVDUFYwMWEa*", ErrSyntax, ""},
		{"unpadded", strings.TrimRight(cpmB1, "="), ErrSyntax, ""},
		{"embedded newline", cpmB1[:10] + "\r\n" + cpmB1[10:], ErrSyntax, ""},
		{"wrong version", base64.StdEncoding.EncodeToString(unhex("85054350563032" + validApp)), ErrFormat, "85"},
		{"no application", cpmOf(""), ErrMissing, "61"},
		{"truncated", cpmOf("611A4F07A0000000555555"), ErrLength, ""},
		{"three applications", cpmOf(validApp + validApp + validApp), ErrFormat, "61"},
		{"62 before 61", cpmOf("62045A0112" + validApp), ErrFormat, "62"},
		{"61 after other", cpmOf(validApp + "7003010101" + validApp), ErrFormat, "61"},
		{"85 twice", cpmOf(validApp + "85054350563031"), ErrDuplicate, "85"},
		{"aid 4 bytes", cpmOf("61174F04A0000000570F1234567890123458D191220112345F"), ErrLength, "61.4F"},
		{"no aid", cpmOf("6111570F1234567890123458D191220112345F"), ErrMissing, "61.4F"},
		{"no card data", cpmOf("61094F07A0000000555555"), ErrMissing, "61"},
		{"tag twice", cpmOf("61214F07A0000000555555570F1234567890123458D191220112345F" + "50024142" + "500141"), ErrDuplicate, "61.50"},
		{"track2 month 13", cpmOf("611A4F07A0000000555555570F1234567890123458D191320112345F"), ErrFormat, "61.57"},
		{"track2 no separator", cpmOf("611A4F07A0000000555555570F12345678901234581191220112345F"), ErrFormat, "61.57"},
		{"pan letters", cpmOf("61134F07A00000005555555A081234567890123A5F"), ErrFormat, "61.5A"},
		{"label symbol", cpmOf(validApp[:2] + "1F" + validApp[4:] + "5003412D42"), ErrFormat, "61.50"},
		{"language odd", cpmOf("61204F07A0000000555555570F1234567890123458D191220112345F5F2D03656E64"), ErrFormat, "61.5F2D"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseCPM(tt.in)
			require.ErrorIs(t, err, tt.want)
			var pe *ParseError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, tt.path, pe.Path)
		})
	}
}

func TestCPMViewsAndSelection(t *testing.T) {
	c, err := ParseCPM(cpmB2)
	require.NoError(t, err)
	var aids []string
	for app := range c.Applications() {
		aids = append(aids, strings.ToUpper(hex.EncodeToString(app.ADFName()))+" "+app.Label())
	}
	assert.Equal(t, []string{"A0000000555555 Product1", "A0000000666666 Product2"}, aids)

	d, err := c.Select(unhex("A0000000666666"), unhex("A0000000555555"))
	require.NoError(t, err)
	assert.Equal(t, unhex("A0000000666666"), d.AID, "the terminal's preference decides")
	assert.Equal(t, "Product2", d.Label())
	pan, ok := d.PAN()
	require.True(t, ok)
	assert.Equal(t, "1234567890123458", pan.Digits())
	assert.Equal(t, "3458", pan.Last4())
	assert.Equal(t, "CARDHOLDER/EMV", d.CardholderName())
	assert.Equal(t, []string{"ru", "es", "de", "en"}, d.Languages())
	assert.Equal(t, uint16(0x0010), d.Version(), "default when 9F08 is absent")
	blob, ok := d.Lookup(CPMTagCommTransparent)
	assert.True(t, ok)
	assert.Len(t, blob, 33, "transparent template kept as a blob")

	d, err = c.Select(unhex("A000000055"))
	require.NoError(t, err)
	assert.Equal(t, unhex("A0000000555555"), d.AID, "prefix match")
	_, err = c.Select(unhex("A0000000777777"))
	assert.ErrorIs(t, err, ErrMissing)
	_, err = c.Select()
	assert.ErrorIs(t, err, ErrMissing)
}

func TestCPMTrack2(t *testing.T) {
	c, err := ParseCPM(cpmB1)
	require.NoError(t, err)
	d, err := c.Select(unhex("A0000000555555"))
	require.NoError(t, err)
	t2, ok := d.Track2()
	require.True(t, ok)
	assert.Equal(t, "1234567890123458", t2.PAN().Digits())
	assert.Equal(t, "1912", t2.Expiry)
	assert.Equal(t, "201", t2.ServiceCode)
	assert.Equal(t, "12345", t2.Discretionary())
	pan, ok := d.PAN()
	assert.True(t, ok)
	assert.Equal(t, t2.PAN(), pan, "PAN from track 2 when 5A is absent")
}

// TestCPMCardDataIsMasked proves that no output path shows the PAN or the
// track 2 data unmasked.
func TestCPMCardDataIsMasked(t *testing.T) {
	const pan = "1234567890123458"
	c, err := ParseCPM(cpmB1)
	require.NoError(t, err)
	d, _ := c.Select(unhex("A0000000555555"))
	t2, _ := d.Track2()
	p, _ := d.PAN()
	js, _ := json.Marshal(c)
	jt, _ := json.Marshal(t2)
	jp, _ := json.Marshal(p)
	jd, _ := json.Marshal(struct {
		T Track2
		P PAN
	}{t2, p})
	outputs := map[string]string{
		"String": c.String(), "%v": fmt.Sprintf("%v", c), "%+v": fmt.Sprintf("%+v", c), "%s": fmt.Sprintf("%s", c),
		"%#v track": fmt.Sprintf("%#v", t2), "%v track": fmt.Sprint(t2), "%#v pan": fmt.Sprintf("%#v", p),
		"%v pan": fmt.Sprint(p), "%+v data": fmt.Sprintf("%+v", d.Objects[0:0]), "json cpm": string(js),
		"json track": string(jt), "json pan": string(jp), "json struct": string(jd),
	}
	for name, out := range outputs {
		assert.NotContains(t, out, pan, name)
		assert.NotContains(t, out, "9012", name, "no middle digits")
		assert.NotContains(t, out, "12345F", name, "no discretionary data")
	}
	assert.Equal(t, "123456******3458", p.String())
	assert.Contains(t, fmt.Sprint(c), "123456******3458")

	// Errors never carry card data either.
	bad := base64.StdEncoding.EncodeToString(unhex("85054350563031611A4F07A0000000555555570F1234567890123458D191320112345F"))
	_, err = ParseCPM(bad)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), pan)
	assert.NotContains(t, err.Error(), "1234567890")
}

// TestCPMManyObjects guards against the counter overflow and quadratic
// work the fuzzer found: a template of hundreds of objects parses in
// bounded time with every object kept, and text longer than a QR symbol
// holds is refused.
func TestCPMManyObjects(t *testing.T) {
	var b CPMBuilder
	b.Application(func(b *CPMBuilder) {
		b.Add(CPMTagADFName, unhex("A0000000555555")).Add(CPMTagTrack2, unhex("1234567890123458D191220112345F"))
		for i := range uint32(300) { // 300 distinct unknown primitives
			if i < 0x7F {
				b.Add(0xDF00|i, nil) // two-byte tags DF00-DF7E
			} else {
				j := i - 0x7F // three-byte tags DF8100-DF817F, DF8200-DF822C
				b.Add(0xDF8100+(j/0x80)<<8|j%0x80, nil)
			}
		}
	})
	s, err := b.String()
	require.NoError(t, err)
	c, err := ParseCPM(s)
	require.NoError(t, err)
	app, _ := first(c.Applications())
	n := 0
	for range app.Objects() {
		n++
	}
	assert.Equal(t, 302, n, "more objects than a byte can count")

	long := "hQVDUFYw" + strings.Repeat("A", 2953)
	_, err = ParseCPM(long)
	assert.ErrorIs(t, err, ErrLength)
}

func TestMaskShortPAN(t *testing.T) {
	assert.Equal(t, "******7890", PAN{"1234567890"}.String())
	assert.Equal(t, "", PAN{}.String())
}

func FuzzParseCPM(f *testing.F) {
	f.Add(cpmB1)
	f.Add(cpmB2)
	f.Add("hQVDUFYwMWFaTwfUEAAAAUAQVxNTUCBpAAAAZtIAdgEAAAAAAAmfXzQBAmM2nyYImERHcznr1n2fJwGAnxAUBQmgAAgAAAAAAAAAICAGERdRIQGfNgIAi4ICAACfNwRm4DtF")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCPM(s)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("%v is not a *ParseError", err)
			}
			return
		}
		if c.String() != s || rebuildCPM(t, c) != s {
			t.Fatal("accepted payload does not re-encode to its text")
		}
		_ = fmt.Sprint(c)
		for app := range c.Applications() {
			_, _ = c.Select(app.ADFName())
		}
	})
}

func TestCPMRuleIndex(t *testing.T) {
	for i, r := range cpmRules {
		assert.Equal(t, i, cpmRuleIndex(r.tag), "%X", r.tag)
	}
	assert.Equal(t, -1, cpmRuleIndex(0x9F10))
}
