package cpm

import (
	"fmt"
	"strings"
	"testing"

	"github.com/qrbridge/qrbridge/emvco"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// digitsHex returns n PAN digits as nibbles: 1234567890123… .
func digitsHex(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteByte(byte('0' + (i+1)%10))
	}
	return b.String()
}

// padF pads nibbles to whole bytes with F.
func padF(s string) string {
	if len(s)%2 == 1 {
		return s + "F"
	}
	return s
}

func TestPANRule(t *testing.T) {
	tests := []struct {
		name  string
		value string
		ok    bool
	}{
		{"7 digits", padF(digitsHex(7)), false},
		{"8 digits", digitsHex(8), true},
		{"13 digits, one F", padF(digitsHex(13)), true},
		{"16 digits", digitsHex(16), true},
		{"19 digits", padF(digitsHex(19)), true},
		{"20 digits", digitsHex(20), false},
		{"16 digits and FF", digitsHex(16) + "FF", true},
		{"F inside", "12345678F1234567", false},
		{"F then a digit", digitsHex(8) + "F1", false},
		{"letter", "1234567A90123456", false},
		{"D", "12345678D0", false},
		{"only F", "FFFFFFFF", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.ok, validPANBytes(unhex(tt.value)))
			in := cpmOf(fmt.Sprintf("61%02X4F07A00000005555555A%02X%s", 9+2+len(tt.value)/2, len(tt.value)/2, tt.value))
			c, err := Parse(in)
			if !tt.ok {
				require.ErrorIs(t, err, emvco.ErrFormat)
				var pe *emvco.ParseError
				require.ErrorAs(t, err, &pe)
				assert.Equal(t, "61.5A", pe.Path)
				assert.Equal(t, 18, pe.Offset)
				return
			}
			require.NoError(t, err)
			d, err := c.Select(unhex("A0000000555555"))
			require.NoError(t, err)
			pan, _ := d.PAN()
			assert.Equal(t, strings.TrimRight(tt.value, "F"), pan.Digits())
		})
	}
}

func TestTrack2Rule(t *testing.T) {
	pan16 := digitsHex(16)
	tests := []struct {
		name  string
		value string // nibbles before padding
		ok    bool
	}{
		{"annex b", "1234567890123458D191220112345", true},
		{"no discretionary data", pan16 + "D1912201", true},
		{"six after the separator", pan16 + "D191220", false},
		{"7-digit pan", digitsHex(7) + "D1912201", false},
		{"8-digit pan", digitsHex(8) + "D1912201", true},
		{"19-digit pan", digitsHex(19) + "D1912201", true},
		{"20-digit pan", digitsHex(20) + "D1912201", false},
		{"no separator", pan16 + "1912201123", false},
		{"month 00", pan16 + "D1900201", false},
		{"month 01", pan16 + "D1901201", true},
		{"month 12", pan16 + "D1912201", true},
		{"month 13", pan16 + "D1913201", false},
		{"month 20", pan16 + "D1920201", false},
		{"second separator", pan16 + "D1912201D1", false},
		{"letter in discretionary data", pan16 + "D1912201A", false},
		{"separator first", "D1912201", false},
		{"pan only", pan16, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := padF(tt.value)
			assert.Equal(t, tt.ok, validTrack2(unhex(v)), v)
			in := cpmOf(fmt.Sprintf("61%02X4F07A000000055555557%02X%s", 9+2+len(v)/2, len(v)/2, v))
			c, err := Parse(in)
			if !tt.ok {
				require.ErrorIs(t, err, emvco.ErrFormat)
				var pe *emvco.ParseError
				require.ErrorAs(t, err, &pe)
				assert.Equal(t, "61.57", pe.Path)
				return
			}
			require.NoError(t, err)
			d, _ := c.Select(unhex("A0000000555555"))
			t2, ok := d.Track2()
			require.True(t, ok)
			pan, _, _ := strings.Cut(tt.value, "D")
			assert.Equal(t, pan, t2.PAN().Digits())
			_, rest, _ := strings.Cut(tt.value, "D")
			assert.Equal(t, rest[:4], t2.Expiry())
			assert.Equal(t, rest[4:7], t2.ServiceCode())
			assert.Equal(t, rest[7:], t2.Discretionary())
		})
	}
	// Padding: one trailing F at most, and only to fill the last byte.
	assert.True(t, validTrack2(unhex(pan16+"D19122011F")), "one F pads an odd count")
	assert.False(t, validTrack2(unhex(pan16+"D1912201FF")), "more than one F")
	assert.False(t, validTrack2(unhex(pan16+"D191220F")), "the pad cannot stand for a digit")
	assert.False(t, validTrack2(nil))
}

// TestDuplicateTagsApart: a tag repeated anywhere in a template is refused,
// not only when the two are side by side, and distinct tags that share a
// bit of the parser's filter are not taken for duplicates.
func TestDuplicateTagsApart(t *testing.T) {
	aid, track := "4F07A0000000555555", "570F1234567890123458D191220112345F"
	for _, tt := range []struct {
		name, content, path string
		offset              int // of the second occurrence
	}{
		{"side by side", aid + track + "500141" + "500142", "61.50", 38},
		{"apart", aid + "500141" + track + "9F08020001" + "500142", "61.50", 43},
		{"first and last", "500141" + aid + track + "500142", "61.50", 38},
		{"aid twice, apart", aid + track + aid, "61.4F", 35},
		{"two-byte tag apart", aid + "5F2D02656E" + track + "5F2D026672", "61.5F2D", 40},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(cpmOf(fmt.Sprintf("61%02X%s", len(tt.content)/2, tt.content)))
			require.ErrorIs(t, err, emvco.ErrDuplicate)
			var pe *emvco.ParseError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, tt.path, pe.Path)
			assert.Equal(t, tt.offset, pe.Offset)
		})
	}
	// In the common template too.
	_, err := Parse(cpmOf("61094F07A0000000555555" + "62145A081234567890123458" + "5F500141" + "5A0412345678"))
	require.ErrorIs(t, err, emvco.ErrDuplicate)
	var pe *emvco.ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "62.5A", pe.Path)
	assert.Equal(t, 7+11+2+10+4, pe.Offset)

	// Two distinct tags whose filter bits collide are both kept.
	bit := func(tag uint32) uint32 { return tag * 0x9E3779B1 >> 26 }
	a, b := uint32(0xDF01), uint32(0)
	for tag := uint32(0xDF02); tag < 0xDF7F; tag++ {
		if bit(tag) == bit(a) {
			b = tag
			break
		}
	}
	require.NotZero(t, b, "a colliding two-byte tag")
	content := aid + track + fmt.Sprintf("%04X00%04X00", a, b)
	c, err := Parse(cpmOf(fmt.Sprintf("61%02X%s", len(content)/2, content)))
	require.NoError(t, err)
	app, _ := first(c.Applications())
	_, okA := app.Lookup(Tag(a))
	_, okB := app.Lookup(Tag(b))
	assert.True(t, okA && okB)
}

// TestOtherRules holds each Table 6.1 rule at its bounds.
func TestOtherRules(t *testing.T) {
	for _, tt := range []struct {
		tag   Tag
		value string
		ok    bool
	}{
		{TagLabel, "", false}, {TagLabel, "A", true}, {TagLabel, strings.Repeat("A", 16), true},
		{TagLabel, strings.Repeat("A", 17), false}, {TagLabel, "Visa Debit 2", true}, {TagLabel, "A-B", false},
		{TagLabel, "z", true}, {TagLabel, "@", false}, {TagLabel, "[", false},
		{TagCardholderName, "A", false}, {TagCardholderName, "AB", true}, {TagCardholderName, strings.Repeat("A", 26), true},
		{TagCardholderName, strings.Repeat("A", 27), false}, {TagCardholderName, "A\x7F", false},
		{TagLanguage, "en", true}, {TagLanguage, "EN", true}, {TagLanguage, "e", false}, {TagLanguage, "ruesdeen", true},
		{TagLanguage, "ruesdeenfr", false}, {TagLanguage, "e1", false}, {TagLanguage, "", false}, {TagLanguage, "z{", false},
		{TagVersion, "\x00\x02", true}, {TagVersion, "\x02", false}, {TagVersion, "\x00\x00\x02", false},
		{TagTokenRequestor, "\x12\x34\x56", true}, {TagTokenRequestor, "\x12\x34\x5A", false}, {TagTokenRequestor, "\x12\x34", false},
		{TagTokenRequestor, "\xA2\x34\x56", false},
		{TagPAR, strings.Repeat("A", 29), true}, {TagPAR, strings.Repeat("A", 28), false}, {TagPAR, strings.Repeat("a", 29), false},
		{TagPAR, strings.Repeat("9", 29), true}, {TagPAR, strings.Repeat("Z", 29), true}, {TagPAR, strings.Repeat("[", 29), false},
		{TagLast4, "\x34\x58", true}, {TagLast4, "\x34\x5F", false}, {TagLast4, "\x34", false},
	} {
		i := ruleIndex(tt.tag)
		require.GreaterOrEqual(t, i, 0)
		assert.Equal(t, tt.ok, rules[i].valid([]byte(tt.value)), "%v %q", tt.tag, tt.value)
	}
}

// TestTemplateWalk: the top level is walked template by template, never
// into a template's children, whatever their number and tags.
func TestTemplateWalk(t *testing.T) {
	// An application with its ADF name only (one child), card data in 62.
	oneChild := cpmOf("61094F07A0000000555555" + "61094F07A0000000666666" + "620A5A081234567890123458")
	c, err := Parse(oneChild)
	require.NoError(t, err)
	var aids []string
	for app := range c.Applications() {
		aids = append(aids, fmt.Sprintf("%X", app.ADFName()))
	}
	assert.Equal(t, []string{"A0000000555555", "A0000000666666"}, aids)

	// A 61 nested in an application is an opaque child, not an application.
	nested := "4F07A0000000555555" + "570F1234567890123458D191220112345F" + "6103500141"
	c, err = Parse(cpmOf(fmt.Sprintf("61%02X%s", len(nested)/2, nested)))
	require.NoError(t, err)
	n := 0
	for range c.Applications() {
		n++
	}
	assert.Equal(t, 1, n)

	// The second application's facts are its own: an ADF name ending the
	// first does not stand for the second's.
	first := "570F1234567890123458D191220112345F" + "4F07A0000000555555"
	second := "570F1234567890123458D191220112345F"
	_, err = Parse(cpmOf(fmt.Sprintf("61%02X%s61%02X%s", len(first)/2, first, len(second)/2, second)))
	require.ErrorIs(t, err, emvco.ErrMissing)
	var pe *emvco.ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, "61.4F", pe.Path)
	assert.Equal(t, 7+2+len(first)/2, pe.Offset, "the second application")

	// The merge check compares an application's own primitives only: an
	// 85 in the common template is an unknown object there, not the
	// payload's format indicator repeated.
	_, err = Parse(cpmOf(validApp + "6207" + "85054350563031"))
	require.NoError(t, err)
}

// TestBERErrorClasses: a length that is not allowed or runs past its
// container is ErrLength, a malformed tag ErrSyntax, each at its offset.
func TestBERErrorClasses(t *testing.T) {
	for _, tt := range []struct {
		name, rest string
		want       error
		path       string
		offset     int
	}{
		{"non-minimal length", "6181094F07A0000000555555", emvco.ErrLength, "", 7},
		{"indefinite length", "61804F07A0000000555555", emvco.ErrLength, "", 7},
		{"four-byte tag", "9F818101", emvco.ErrSyntax, "", 7},
		{"four-byte tag in 61", "61059F81810100", emvco.ErrSyntax, "61", 9},
		{"value past its template", "61034F07A0", emvco.ErrLength, "61", 9},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(cpmOf(tt.rest))
			require.ErrorIs(t, err, tt.want)
			var pe *emvco.ParseError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, tt.path, pe.Path)
			assert.Equal(t, tt.offset, pe.Offset)
		})
	}
}

// TestTextBound: text up to what a QR symbol holds (2953 characters)
// reaches the decoder; longer text is refused before it.
func TestTextBound(t *testing.T) {
	at := "hQVDUFYw" + strings.Repeat("A", 2953-8)
	_, err := Parse(at)
	assert.ErrorIs(t, err, emvco.ErrSyntax, "2953 characters are decoded (and are not whole quanta)")
	_, err = Parse(at + "A")
	assert.ErrorIs(t, err, emvco.ErrLength)
}

func TestBCDNines(t *testing.T) {
	assert.True(t, bcdDigits([]byte{0x99, 0x90, 0x09}))
	assert.False(t, bcdDigits([]byte{0x9A}))
	assert.False(t, bcdDigits([]byte{0xA9}))
}
