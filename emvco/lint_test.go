package emvco

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// conformant is a payload that breaks no rule: every mandatory field, a
// Visa primitive and a GUID template.
const conformant = "000201" + "010211" + "02164000123456789012" + "26290015com.example.www0106ABC123" +
	"52045812" + "5303410" + "5802KR" + "5908Merchant" + "6005Seoul"

func lintRules(t *testing.T, body string, d Decoder) map[string]Finding {
	t.Helper()
	p, err := d.Parse(withCRC(body))
	require.NoError(t, err, body)
	got := map[string]Finding{}
	for _, f := range Lint(p) {
		got[f.Rule] = f
	}
	return got
}

func TestLintConformantIsClean(t *testing.T) {
	p, err := Parse(withCRC(conformant))
	require.NoError(t, err)
	assert.Empty(t, Lint(p))
	assert.Empty(t, Lint(mustParseT(t, emvSpecExample)), "the specification's own example")
	assert.Nil(t, Lint(nil))
}

func mustParseT(t *testing.T, s string) *Payload {
	p, err := Parse(s)
	require.NoError(t, err)
	return p
}

// TestLintRules triggers each core rule once; the conformant payload above
// triggers none of them.
func TestLintRules(t *testing.T) {
	base := conformant
	repl := func(old, new string) string { return strings.Replace(base, old, new, 1) }
	tests := []struct {
		rule, path string
		sev        Severity
		body       string
	}{
		{"mpm-payload-format", "00", SeverityError, "000202" + base[6:]},
		{"mpm-missing-field", "59", SeverityError, repl("5908Merchant", "")},
		{"mpm-merchant-account", "", SeverityError, repl("02164000123456789012"+"26290015com.example.www0106ABC123", "")},
		{"mpm-format-ans", "02", SeverityError, repl("02164000123456789012", "0203ab\x01")},
		{"mpm-guid-missing", "26", SeverityWarning, repl("26290015com.example.www0106ABC123", "26100106ABC123")},
		{"mpm-guid-form", "26.00", SeverityError, repl("0015com.example.www", "0015not a guid!!!!!")},
		{"mpm-mcc", "52", SeverityWarning, repl("52045812", "52046253")},
		{"mpm-initiation-reserved", "01", SeverityWarning, repl("010211", "010210")},
		{"mpm-mcc-not-applicable", "52", SeverityWarning, repl("52045812", "52040000")},
		{"mpm-currency", "53", SeverityError, repl("5303410", "5303999")},
		{"mpm-amount-decimals", "54", SeverityWarning, base + "54051.000"},
		{"mpm-country", "58", SeverityError, repl("5802KR", "5802ZZ")},
		{"mpm-name-length", "59", SeverityError, repl("5908Merchant", "5926"+strings.Repeat("N", 26))},
		{"mpm-city-length", "60", SeverityError, repl("6005Seoul", "6016"+strings.Repeat("C", 16))},
		{"mpm-postal-length", "61", SeverityError, base + "611112345678901"},
		{"mpm-additional-id-00", "62.00", SeverityWarning, base + "62080004test"},
		{"mpm-additional-length", "62.09", SeverityError, base + "62080904AMEA"},
		{"mpm-additional-format", "62.11", SeverityError, base + "62071103900"},
		{"mpm-additional-length", "62.11", SeverityError, base + "6206110240"},
		{"mpm-tip-indicator", "55", SeverityError, base + "55020A"},
		{"mpm-tip-indicator", "55", SeverityError, base + "55011"},
		{"mpm-rfu", "70", SeverityWarning, base + "7003abc"},
		{"mpm-language-template", "64", SeverityError, base + "64060002ko"},
		{"mpm-language-code", "64.00", SeverityError, base + "64130002k10103가나다"},
		{"mpm-language-length", "64.02", SeverityError, base + "64330002ko0103가나다0216" + strings.Repeat("가", 16)},
		{"mpm-unreserved-opaque", "81", SeverityWarning, base + "8105hello"},
		{"mpm-tip-indicator", "55", SeverityError, base + "550204"},
		{"mpm-fee-fixed", "56", SeverityError, base + "550202"},
		{"mpm-fee-percentage", "57", SeverityError, base + "550203"},
		{"mpm-fee-format", "57", SeverityError, base + "550203" + "5705100.0"},
		{"mpm-payload-length", "", SeverityWarning, base + "8199" + strings.Repeat("x", 99) + "8299" + strings.Repeat("x", 99) + "8399" + strings.Repeat("x", 99) + "8499" + strings.Repeat("x", 99) + "8599" + strings.Repeat("x", 99)},
	}
	clean := lintRules(t, conformant, Decoder{})
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			got := lintRules(t, tt.body, Decoder{})
			f, ok := got[tt.rule]
			require.True(t, ok, "rule %s not triggered; got %v", tt.rule, got)
			assert.Equal(t, tt.path, f.Path)
			assert.Equal(t, tt.sev, f.Severity)
			if o, ok := objectAt(t, tt.body, tt.path); ok {
				assert.Equal(t, o.Offset(), f.Offset, "offset")
			}
			assert.NotEmpty(t, f.Ref)
			assert.NotEmpty(t, f.Message)
			_, inClean := clean[tt.rule]
			assert.False(t, inClean)
		})
	}
}

// objectAt returns the object at a one- or two-element path of body's
// payload, if the payload has it.
func objectAt(t *testing.T, body, path string) (Object, bool) {
	p := mustParseT(t, withCRC(body))
	if len(path) < 2 {
		return Object{}, false
	}
	id, _ := pathElem(path[:2])
	o, ok := p.Object(id)
	if ok && len(path) == 5 {
		id, _ = pathElem(path[3:])
		o, ok = o.Lookup(id)
	}
	return o, ok
}

func TestLintReportsReaderLeniencies(t *testing.T) {
	var vietqr string
	for _, e := range mpmCorpus(t) {
		if strings.HasPrefix(e.WhyInvalid, "TLV does not parse") {
			vietqr = e.Payload
		}
	}
	p, err := (&Decoder{AllowByteLengths: true}).Parse(vietqr)
	require.NoError(t, err)
	assert.True(t, hasRule(Lint(p), "mpm-byte-lengths"))

	body := withLetterCRC(conformant)
	lower := body[:len(body)-4] + strings.ToLower(body[len(body)-4:])
	p, err = (&Decoder{AllowLowercaseCRC: true}).Parse(lower)
	require.NoError(t, err)
	require.True(t, hasRule(Lint(p), "mpm-crc-lowercase"))
	for _, f := range Lint(p) {
		if f.Rule == "mpm-crc-lowercase" {
			assert.Equal(t, len(lower)-4, f.Offset)
			assert.Equal(t, "63", f.Path)
		}
	}

	p, err = (&Decoder{AllowURLEscaped: true}).Parse(strings.ReplaceAll(pixExample, " ", "%20"))
	require.NoError(t, err)
	assert.True(t, hasRule(Lint(p), "mpm-url-escaped"))
}

// withLetterCRC completes body, adding a postal code chosen so that the
// CRC has a hex letter to lowercase.
func withLetterCRC(body string) string {
	for i := 0; ; i++ {
		s := withCRC(body + "6105" + fmt.Sprintf("%05d", i))
		if strings.ContainsAny(s[len(s)-4:], "ABCDEF") {
			return s
		}
	}
}

func hasRule(fs []Finding, rule string) bool {
	for _, f := range fs {
		if f.Rule == rule {
			return true
		}
	}
	return false
}

// TestLintPayloadLength: 512 characters are allowed (EMV MPM v1.1 §4.1),
// 513 are not; characters, not bytes, count.
func TestLintPayloadLength(t *testing.T) {
	for _, tt := range []struct {
		fill string
		size int
		want bool
	}{{"x", 512, false}, {"x", 513, true}, {"é", 512, false}, {"é", 513, true}} {
		body := conformant
		rem := tt.size - 8 - len(conformant) // characters left before the crc object
		for id := Tag(81); rem > 0; id++ {
			n := min(99, rem-4)
			if left := rem - 4 - n; left > 0 && left < 5 {
				n -= 5 // leave room for a last object of at least five
			}
			body += id.String() + fmt.Sprintf("%02d", n) + strings.Repeat(tt.fill, n)
			rem -= 4 + n
		}
		p := mustParseT(t, withCRC(body))
		require.Equal(t, tt.size, p.Len())
		assert.Equal(t, tt.want, hasRule(Lint(p), "mpm-payload-length"), "%d characters of %q", tt.size, tt.fill)
	}
}

func TestLintPaymentSystemTemplates(t *testing.T) {
	got := lintRules(t, conformant+"6220"+"5016"+"0012com.acme.www", Decoder{})
	assert.Empty(t, got, "a payment system template with a valid guid")
	got = lintRules(t, conformant+"6212"+"5008"+"01041234", Decoder{})
	assert.Contains(t, got, "mpm-guid-missing", "tlv without a guid")
	got = lintRules(t, conformant+"6212"+"5008"+"TESTTEST", Decoder{})
	assert.Contains(t, got, "mpm-guid-missing", "not tlv")
	got = lintRules(t, conformant+"62165012000800ab$cde", Decoder{})
	assert.Contains(t, got, "mpm-guid-form")
}

func TestValidGUID(t *testing.T) {
	for _, g := range []string{"A000000677010111", "D15600000000", "br.gov.bcb.pix", "SG.PAYNOW", "ID.CO.QRIS.WWW", "COM.GO-JEK.WWW", "0123456789abcdef0123456789ABCDEF"} {
		assert.True(t, ValidGUID(g), g)
	}
	for _, g := range []string{"A000000677", "a.b", "a-b.c1", strings.Repeat("a", 30) + ".b", strings.Repeat("A0", 16)} {
		assert.True(t, ValidGUID(g), g)
	}
	for _, g := range []string{"", "00", "khqr@aclb", "A0000", "A0000006", "a.", ".a", "a..b", "-a.b", "a-.b", "a$b.com", "a b.com", "é.com", "A000000677é",
		strings.Repeat("a", 33), strings.Repeat("A0", 17), strings.Repeat("a", 31) + ".b", "C7KzcrKHoxVexRy5c2EfkB"} {
		assert.False(t, ValidGUID(g), g)
	}
}

func TestKnownTables(t *testing.T) {
	assert.True(t, KnownCountry("KR"))
	assert.True(t, KnownCountry("NA"), "Namibia is not a missing value")
	assert.False(t, KnownCountry("ZZ"))
	assert.True(t, KnownMCC("5812"))
	assert.False(t, KnownMCC("0000"))
	assert.False(t, KnownMCC("6253"))
	for _, added := range []string{"5262", "5552", "5723", "9406"} {
		assert.True(t, KnownMCC(added), "added from Visa's Merchant Data Standards Manual: %s", added)
	}
}

// TestLintMCC: a well-formed MCC the table lacks (6016 in GCash and Maya
// QR Ph codes, 2242 in an ABA Bank KHQR code) is a warning; only a
// malformed MCC is refused, by the parser.
func TestLintMCC(t *testing.T) {
	for _, mcc := range []string{"6016", "2242"} {
		f, ok := lintRules(t, strings.Replace(conformant, "52045812", "5204"+mcc, 1), Decoder{})["mpm-mcc"]
		require.True(t, ok, mcc)
		assert.Equal(t, SeverityWarning, f.Severity, mcc)
		assert.Equal(t, "52", f.Path)
		assert.Equal(t, strings.Index(conformant, "5204"), f.Offset)
	}
	assert.NotContains(t, lintRules(t, conformant, Decoder{}), "mpm-mcc")
	_, err := Parse(withCRC(strings.Replace(conformant, "52045812", "5204581X", 1)))
	assert.ErrorIs(t, err, ErrFormat)
}

func TestHasErrors(t *testing.T) {
	for _, tt := range []struct {
		sev  []Severity
		want bool
	}{
		{nil, false},
		{[]Severity{SeverityInfo, SeverityWarning}, false},
		{[]Severity{SeverityWarning, SeverityError}, true},
		{[]Severity{SeverityError}, true},
	} {
		var fs []Finding
		for _, s := range tt.sev {
			fs = append(fs, Finding{Severity: s})
		}
		assert.Equal(t, tt.want, HasErrors(fs), "%v", tt.sev)
	}
}
