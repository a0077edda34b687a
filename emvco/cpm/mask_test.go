package cpm

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// verbs is every fmt verb, with the flags that change what some print.
var verbs = []string{
	"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "% x", "%#x", "%d", "%t", "%o", "%O", "%b",
	"%c", "%U", "%#U", "%e", "%E", "%f", "%F", "%g", "%G", "%p", "%T", "%8.3v", "%-20s", "%+q", "%#q",
}

// leaks reports the first run of four or more digits of pan, other than
// its last four, that out contains.
func leaks(out, pan string) string {
	for n := len(pan) - 1; n >= 4; n-- { // longest first, for a clear message
		for i := 0; i+n <= len(pan); i++ {
			if run := pan[i : i+n]; i+n != len(pan) && strings.Contains(out, run) {
				return run
			}
		}
	}
	for i := 0; i+4 < len(pan); i++ {
		if run := pan[i : i+4]; run != pan[len(pan)-4:] && strings.Contains(out, run) {
			return run
		}
	}
	return ""
}

func TestLeaksFindsDigitRuns(t *testing.T) {
	assert.Equal(t, "", leaks("************3458", "1234567890123458"))
	assert.Equal(t, "123456", leaks("123456******3458", "1234567890123458"), "first six are a leak here")
	assert.Equal(t, "12345", leaks("D1912201 12345", "1234567890123458"), "discretionary data")
	assert.Equal(t, "9012", leaks("...9012...", "1234567890123458"))
}

// outputs renders v every way a program might print or log it. Pointer
// addresses, which %p and reflective dumps print and whose digits are
// random, are scrubbed: every rendering of each of ptrs, and of v itself
// when it is a pointer or a map.
func outputs(t *testing.T, v any, ptrs ...any) map[string]string {
	t.Helper()
	out := map[string]string{}
	if k := reflect.ValueOf(v).Kind(); k == reflect.Pointer || k == reflect.Map {
		ptrs = append(ptrs, v)
	}
	var addrs []string
	for _, p := range ptrs {
		for _, verb := range verbs {
			addrs = append(addrs, fmt.Sprintf(verb, reflect.ValueOf(p).Pointer()), fmt.Sprintf(verb, p))
		}
	}
	slices.SortFunc(addrs, func(a, b string) int { return len(b) - len(a) })
	for _, verb := range verbs {
		out[verb] = fmt.Sprintf(verb, v)
	}
	out["Print"] = fmt.Sprint(v)
	out["Println"] = fmt.Sprintln(v)
	js, err := json.Marshal(v)
	require.NoError(t, err)
	out["json"] = string(js)
	for name, h := range map[string]func(*bytes.Buffer) slog.Handler{
		"slog text": func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, noTime) },
		"slog json": func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, noTime) },
	} {
		var b bytes.Buffer
		slog.New(h(&b)).Info("scanned", "value", v, slog.Group("g", "nested", v))
		out[name] = b.String()
	}
	for how, s := range out {
		for _, a := range addrs {
			s = strings.ReplaceAll(s, a, "ADDR")
		}
		out[how] = s
	}
	return out
}

// noTime drops the time, whose digits would be noise.
var noTime = &slog.HandlerOptions{ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
	if a.Key == slog.TimeKey && len(groups) == 0 {
		return slog.Attr{}
	}
	return a
}}

// cardHolders returns every value of this package that holds the card
// data of payload, by name: values, pointers, slices and structs of them,
// exported and unexported fields.
func cardHolders(t *testing.T, c CPM, build *Builder) map[string]any {
	app, _ := first(c.Applications())
	d, err := c.Select(app.ADFName())
	require.NoError(t, err)
	pan, ok := d.PAN()
	require.True(t, ok)
	var objs []DataObject
	for o := range d.Objects() {
		objs = append(objs, o)
	}
	// The objects must include the one that carries the PAN, or the
	// []DataObject holders below would be checked empty.
	require.True(t, slices.ContainsFunc(objs, func(o DataObject) bool {
		return (o.Tag() == TagPAN || o.Tag() == TagTrack2) && strings.Contains(string(o.Value()), string(unhex(pan.Digits())))
	}), "%d objects, none with the pan", len(objs))
	common, _ := c.Common()
	m := map[string]any{
		"CPM": c, "*CPM": &c, "Template": app, "common Template": common, "POIData": d, "*POIData": &d,
		"PAN": pan, "*PAN": &pan, "[]DataObject": objs, "Builder": *build, "*Builder": build,
		"exported fields": struct {
			C CPM
			D POIData
			P PAN
			O []DataObject
		}{c, d, pan, objs},
		"unexported fields": struct {
			c CPM
			d POIData
			p PAN
			o []DataObject
			b Builder
		}{c, d, pan, objs, *build},
		"map": map[string]any{"cpm": c, "pan": pan},
	}
	for i, o := range objs {
		m[fmt.Sprintf("DataObject %d", i)] = o
	}
	if t2, ok := d.Track2(); ok {
		m["Track2"], m["*Track2"] = t2, &t2
	}
	return m
}

// TestCardDataNeverLeaks prints, marshals and logs every type that holds
// card data, every way, and fails if any run of four or more digits of the
// PAN other than its last four shows, or the cardholder's name.
func TestCardDataNeverLeaks(t *testing.T) {
	const pan = "1234567890123458"
	var b1, b2 Builder
	b1.Application(func(b *Builder) {
		b.Add(TagADFName, unhex("A0000000555555"))
		b.Add(TagTrack2, unhex("1234567890123458D191220112345F"))
	})
	b2.Application(func(b *Builder) {
		b.Add(TagADFName, unhex("A0000000555555")).Add(TagLabel, []byte("Product1"))
	})
	b2.Common(func(b *Builder) {
		b.Add(TagPAN, unhex(pan)).Add(TagCardholderName, []byte("CARDHOLDER/EMV"))
		b.Add(TagPAR, []byte("Q1AZ1234567890123458EDCVFRTGB")).Add(TagLast4, unhex("3458"))
	})
	for _, tt := range []struct {
		name string
		b    *Builder
	}{{"track 2", &b1}, {"common pan", &b2}} {
		s, err := tt.b.Encode()
		require.NoError(t, err)
		c, err := Parse(s)
		require.NoError(t, err)
		for holder, v := range cardHolders(t, c, tt.b) {
			for how, out := range outputs(t, v, c.p, tt.b.s) {
				assert.Empty(t, leaks(out, pan), "%s: %s %s: %s", tt.name, holder, how, out)
				assert.NotContains(t, out, "CARDHOLDER", "%s: %s %s", tt.name, holder, how)
				assert.NotContains(t, out, "Q1AZ", "%s: %s %s", tt.name, holder, how)
			}
		}
	}
}

// TestCardDataPrintsMasked pins the masked forms, so that masking cannot
// pass by printing nothing.
func TestCardDataPrintsMasked(t *testing.T) {
	c, err := Parse(annexB2)
	require.NoError(t, err)
	d, err := c.Select(unhex("A0000000666666"))
	require.NoError(t, err)
	pan, _ := d.PAN()
	app, _ := first(c.Applications())
	assert.Equal(t, "************3458", pan.String())
	assert.Equal(t, "************3458", fmt.Sprintf("%x", pan))
	assert.Equal(t, `"************3458"`, fmt.Sprintf("%q", pan))
	assert.Equal(t, "CPV01 [A0000000555555 Product1 ************3458] [A0000000666666 Product2 ************3458]", fmt.Sprint(c))
	assert.Equal(t, fmt.Sprint(c), fmt.Sprint(&c), "a pointer prints the same")
	assert.Equal(t, "61[4F=A0000000555555 50=Product1]", fmt.Sprintf("%+v", app))
	assert.Equal(t, "A0000000666666 [4F=A0000000666666 50=Product2 5A=************3458 5F20=(14 bytes) 5F2D=ruesdeen 64=(33 bytes)]", fmt.Sprintf("%#v", d))
	js, err := json.Marshal(c)
	require.NoError(t, err)
	assert.JSONEq(t, `{"version":"CPV01","applications":[{"aid":"A0000000555555","label":"Product1","pan":"************3458"},{"aid":"A0000000666666","label":"Product2","pan":"************3458"}]}`, string(js))

	c1, err := Parse(annexB1)
	require.NoError(t, err)
	d1, _ := c1.Select(unhex("A0000000555555"))
	t2, _ := d1.Track2()
	assert.Equal(t, "************3458D****", fmt.Sprintf("%d", t2))
	var b Builder
	b.Add(TagFormat, nil)
	assert.Equal(t, "cpm.Builder(9 bytes)", fmt.Sprintf("%x", b))
	b.Add(0x9F, nil)
	assert.Equal(t, "cpm.Builder(error)", fmt.Sprint(&b))
	assert.Equal(t, "****5678", maskPAN("12345678"))
	assert.Equal(t, "***", maskPAN("123"))
	assert.Equal(t, "****", maskPAN("1234"), "four digits alone are not shown")
	assert.Equal(t, "*2345", maskPAN("12345"))
}

// TestErrorsHoldNoCardData: a refused payload's error names the path and
// offset, never the value.
func TestErrorsHoldNoCardData(t *testing.T) {
	const pan = "1234567890123458"
	for _, in := range []string{
		cpmOf("611A4F07A0000000555555570F1234567890123458D191320112345F"), // month 13
		cpmOf("61134F07A00000005555555A081234567890123A5F"),               // letter in the pan
		cpmOf("61094F07A0000000555555" + "62125A0812345678901234585F20064A2E534D4954"),
	} {
		_, err := Parse(in)
		require.Error(t, err)
		assert.Empty(t, leaks(err.Error(), pan), err.Error())
		assert.Empty(t, leaks(fmt.Sprintf("%+v", err), pan))
	}
}
