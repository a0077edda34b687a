package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qrbridge/qrbridge/emvco"
	"github.com/qrbridge/qrbridge/qr"
	"github.com/qrbridge/qrbridge/translate"
	"github.com/qrbridge/qrbridge/zeropay"
)

const (
	promptpay = "00020101021129370016A000000677010111011300668012345675802TH530376463046197"
	// A real Pix code with an over-long name (59) and a non-ans city (60).
	pixDeviant = "00020101021126330014br.gov.bcb.pix0111002051041185204000053039865406350.005802BR5928Leone Parise Vieira da Silva6006Macei\u00f362070503***6304E5FB"
	cpmB2      = "hQVDUFYwMWETTwegAAAAVVVVUAhQcm9kdWN0MWETTwegAAAAZmZmUAhQcm9kdWN0MmJJWggSNFZ4kBI0WF8gDkNBUkRIT0xERVIvRU1WXy0IcnVlc2RlZW5kIZ8QBwYBCgMAAACfJghYT9OF+iNLzJ82AgABnzcEbVjvEw=="
	zeroPay    = "1-ZP-202401000001-0000000000000001--AB12"
)

// fixedNow is the clock of every test run: results never depend on when
// the tests run.
var fixedNow = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func testEnv(stdin string, stdout, stderr *bytes.Buffer) env {
	return env{
		stdin: strings.NewReader(stdin), stdout: stdout, stderr: stderr,
		getenv: func(string) string { return "" }, now: func() time.Time { return fixedNow },
		newID: func() string { return "0000000000000001" },
	}
}

func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = testEnv(stdin, &out, &errOut).run(args)
	return code, out.String(), errOut.String()
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		name  string
		stdin string
		args  []string
		code  int
		err   string // in stderr
	}{
		{"no args", "", nil, exitUsage, "usage: qrbridge"},
		{"unknown command", "", []string{"frobnicate"}, exitUsage, `unknown command "frobnicate"`},
		{"renamed command", "", []string{"qr", promptpay}, exitUsage, `unknown command "qr" (renamed "render")`},
		{"help", "", []string{"help"}, exitOK, ""},
		{"help decode", "", []string{"help", "decode"}, exitOK, ""},
		{"help unknown", "", []string{"help", "nope"}, exitUsage, "unknown command"},
		{"version", "", []string{"--version"}, exitOK, ""},
		{"decode ok", "", []string{"decode", promptpay}, exitOK, ""},
		{"decode two args", "", []string{"decode", "a", "b"}, exitUsage, "one payload argument"},
		{"decode no args", "", []string{"decode"}, exitUsage, "one payload argument"},
		{"decode bad flag", "", []string{"decode", "--nope", promptpay}, exitUsage, "flag provided but not defined: -nope"},
		{"decode crc", "", []string{"decode", promptpay[:len(promptpay)-1] + "0"}, exitRefused, "[emvco/crc path=63 offset=70]"},
		{"decode unknown", "", []string{"decode", "hello"}, exitRefused, "[qrbridge/unknown-kind]"},
		{"decode one character", "", []string{"decode", "0"}, exitRefused, "[qrbridge/unknown-kind]"},
		{"decode three digits", "", []string{"decode", "000"}, exitRefused, "[qrbridge/unknown-kind]"},
		{"decode jsonl with arg", "", []string{"decode", "--jsonl", promptpay}, exitUsage, "takes no argument"},
		{"decode stdin", promptpay + "\r\n", []string{"decode", "-"}, exitOK, ""},
		{"decode stdin two lines", promptpay + "\n" + promptpay + "\n", []string{"decode", "-"}, exitRefused, "more than one line; use --jsonl"},
		{"decode stdin junk", promptpay + strings.Repeat(" ", 1<<20) + "junk", []string{"decode", "-"}, exitRefused, "[qrbridge/too-long]"},
		{"decode arg too long", "", []string{"decode", strings.Repeat("0", maxPayload+1)}, exitRefused, "[qrbridge/too-long]"},
		{"decode stdin trailing spaces", promptpay + "   \n", []string{"decode", "-"}, exitOK, ""},
		{"lint ok", "", []string{"lint", promptpay}, exitOK, ""},
		{"lint errors", "", []string{"lint", pixDeviant}, exitRefused, ""},
		{"lint refused", "", []string{"lint", "--json", "0002"}, exitRefused, "[emvco/"},
		{"lint bad profile", "", []string{"lint", "--profile", "nope", promptpay}, exitUsage, `--profile "nope" is not one of`},
		{"lint bad now", "", []string{"lint", "--now", "yesterday", promptpay}, exitUsage, "RFC 3339"},
		{"encode no flag", "", []string{"encode"}, exitUsage, "--json FILE"},
		{"encode bad json", "{", []string{"encode", "--json", "-"}, exitRefused, "not a decode --json document"},
		{"encode cpm", `{"kind":"emvco-cpm"}`, []string{"encode", "--json", "-"}, exitRefused, "[qrbridge/not-encodable]"},
		{"encode cpm with objects", `{"kind":"emvco-cpm","objects":[{"tag":"00","value":"01"}]}`, []string{"encode", "--json", "-"}, exitRefused, "[qrbridge/not-encodable]"},
		{"encode no objects", `{"objects":[]}`, []string{"encode", "--json", "-"}, exitRefused, "[qrbridge/not-encodable]"},
		{"encode bad tag", `{"objects":[{"tag":"5","value":"x"}]}`, []string{"encode", "--json", "-"}, exitRefused, "two-digit tag"},
		{"encode missing file", "", []string{"encode", "--json", "/nonexistent/x.json"}, exitRefused, "no such file"},
		{"render no output", "", []string{"render", promptpay}, exitUsage, "needs --png FILE"},
		{"render bad level", "", []string{"render", promptpay, "--term", "--level", "Z"}, exitUsage, "--level must be"},
		{"render huge size", "", []string{"render", promptpay, "--png", "-", "--size", "1000000000000"}, exitRefused, "[qr/options]"},
		{"render negative size", "", []string{"render", "--size", "-1", promptpay, "--term"}, exitRefused, "[qr/options]"},
		{"render too long", "", []string{"render", strings.Repeat("a", 3000), "--term"}, exitRefused, "[qr/too-long]"},
		{"render missing logo", "", []string{"render", promptpay, "--term", "--logo", "/nonexistent.png"}, exitRefused, "no such file"},
		{"scan none", "", []string{"scan"}, exitUsage, "one or more image files"},
		{"translate no payer", "", []string{"translate", zeroPay}, exitUsage, "needs --payer"},
		{"translate no payer currency", "", []string{"translate", zeroPay, "--payer", "wechat"}, exitUsage, "needs --payer"},
		{"translate no payer scheme", "", []string{"translate", zeroPay, "--payer-currency", "CNY"}, exitUsage, "needs --payer"},
		{"translate bad currency", "", []string{"translate", zeroPay, "--payer", "wechat", "--payer-currency", "XYZ"}, exitUsage, "not an ISO 4217"},
		{"translate bad amount", "", []string{"translate", zeroPay, "--payer", "wechat", "--payer-currency", "CNY", "--amount", "12,000"}, exitUsage, "--amount"},
		{"translate bad now", "", []string{"translate", zeroPay, "--payer", "wechat", "--payer-currency", "CNY", "--now", "x"}, exitUsage, "RFC 3339"},
		{"translate no amount", "", []string{"translate", zeroPay, "--payer", "wechat", "--payer-currency", "CNY"}, exitRefused, "[translate/amount-required path=amount]"},
		{"translate consumer code", "", []string{"translate", "134567890123456789", "--payer", "wechat", "--payer-currency", "CNY"}, exitRefused, "[translate/unsupported-scheme"},
		{"translate unknown merchant", "", []string{"translate", "1-ZP-202401000009-0000000000000001--AB12", "--payer", "wechat", "--payer-currency", "CNY", "--amount", "1000"}, exitRefused, "[translate/merchant-unavailable"},
		{"translate missing rates", "", []string{"translate", zeroPay, "--payer", "wechat", "--payer-currency", "CNY", "--rates", "/nonexistent.csv"}, exitRefused, "no such file"},
		{"translate bad rates", "", []string{"translate", zeroPay, "--payer", "wechat", "--payer-currency", "CNY", "--rates", "testdata/help.golden"}, exitRefused, "--rates: line 1"},
		{"scan missing", "", []string{"scan", "/nonexistent.png"}, exitRefused, "/nonexistent.png"},
		{"scan not image", "", []string{"scan", "testdata/help.golden"}, exitRefused, "[qr/format]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, tt.stdin, tt.args...)
			assert.Equal(t, tt.code, code, "stderr: %s", errOut)
			assert.Contains(t, errOut, tt.err)
			if tt.code == exitOK {
				assert.Empty(t, errOut)
			}
		})
	}
}

func TestHelpOnEverySubcommand(t *testing.T) {
	for _, c := range commands {
		for _, args := range [][]string{{c.name, "--help"}, {c.name, "-h"}, {"help", c.name}} {
			code, out, errOut := runCLI(t, "", args...)
			assert.Equal(t, exitOK, code, "%v", args)
			assert.Empty(t, errOut, "%v", args)
			assert.Contains(t, out, "usage: qrbridge "+c.name, "%v", args)
			assert.Contains(t, out, "examples:\n  qrbridge ", "%v", args)
		}
	}
	_, out, _ := runCLI(t, "", "help")
	for _, c := range commands {
		assert.Contains(t, out, "  "+c.name+" ")
	}
}

func TestFlagsAnywhere(t *testing.T) {
	code, out, _ := runCLI(t, "", "decode", promptpay, "--json")
	require.Equal(t, exitOK, code)
	assert.True(t, json.Valid([]byte(out)))
	code, out, _ = runCLI(t, "", "decode", "--", "--json")
	assert.Equal(t, exitRefused, code, "after --, --json is the payload")
	assert.Empty(t, out)
}

func TestDecodeMasksCardData(t *testing.T) {
	for _, args := range [][]string{{"decode", cpmB2}, {"decode", "--json", cpmB2}} {
		code, out, _ := runCLI(t, "", args...)
		assert.Equal(t, exitOK, code)
		assert.Contains(t, out, "3458", "the last four digits show")
		assert.NotContains(t, out, "1234567890123458", "card data stays masked")
		assert.NotContains(t, out, "123456", "not even the first six")
	}
	_, out, _ := runCLI(t, cpmB2+"\n", "decode", "--jsonl")
	assert.NotContains(t, out, cpmB2, "a batch does not echo a CPM payload")
	assert.Contains(t, out, `"input":"hQVDUFY…"`)
}

func TestDecodeKinds(t *testing.T) {
	tests := []struct{ in, kind, field string }{
		{promptpay, "emvco-mpm", "Mobile Number"},
		{cpmB2, "emvco-cpm", "CPV01"},
		{zeroPay, "zeropay-static", "202401000001"},
		{"134567890123456789", "wechat-payment-code", "cross_border"},
		{"weixin://wxpay/bizpayurl?pr=abc123", "wechat-code-url", "abc123"},
		{"286543210987654321", "alipay-payment-code", "28************4321"},
		{"6212345678901234567", "unionpay-payment-code", "62*************4567"},
		{"weixin://wxpay/bizpayurl?sign=C380BEC2BFD727A4B6845133519F3AD6&appid=wx2421b1c4370ec43b&mch_id=10000100&product_id=123456789&time_stamp=1415949957&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS", "wechat-native-link", "product_id       123456789"},
		{"wxp://f2f0Xyz-Abc_123", "wechat-personal", "wxp://f2f0Xyz-Abc_123"},
		{"HTTPS://QR.ALIPAY.COM/MPM/ABC123", "alipayplus-mpm", "HTTPS://QR.ALIPAY.COM/MPM/ABC123"},
		{"2-ZP-SER2026112600000000001--ABCD", "zeropay-dynamic", "serial           SER2026112600000000001"},
		{"3-KW-30123456789007--0000", "zeropay-consumer", "system           KW"},
		{"4-ZP-KW-20261125-ABC1234567890--ZZZZ", "zeropay-refund", "original_txn     ABC1234567890"},
		{"800088" + "7449" + "30123456789017", "zeropay-consumer-barcode", "service_code"},
		{"800088" + "8080" + "20261125" + "656667" + "1234567890", "zeropay-refund-barcode", "original_date    20261125"},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			code, out, errOut := runCLI(t, "", "decode", tt.in)
			require.Equal(t, exitOK, code, errOut)
			assert.Contains(t, out, "kind     "+tt.kind+"\n")
			assert.Contains(t, out, tt.field)
		})
	}
}

// TestConsumerCodesMasked: a code a payer shows pays for whoever holds
// it; no output of the command prints one whole.
func TestConsumerCodesMasked(t *testing.T) {
	for _, tt := range []struct{ code, secret string }{
		{"134567890123456789", "134567890123456789"},
		{"286543210987654321", "286543210987654321"},
		{"6212345678901234567", "6212345678901234567"},
		{"800088" + "5050" + "31234567890123", "31234567890123"},
		{cpmB2, "1234567890123458"},
	} {
		for _, args := range [][]string{{"decode", tt.code}, {"decode", "--json", tt.code}, {"detect", tt.code}} {
			code, out, errOut := runCLI(t, "", args...)
			assert.Equal(t, exitOK, code, "%v: %s", args, errOut)
			assert.NotContains(t, out+errOut, tt.secret, "%v", args)
		}
		for _, cmd := range []string{"decode", "lint", "detect"} {
			_, out, _ := runCLI(t, tt.code+"\n", cmd, "--jsonl")
			assert.NotContains(t, out, tt.secret, "%s --jsonl", cmd)
			assert.Contains(t, out, `"line":1`)
		}
	}
}

func TestDecodeRefusals(t *testing.T) {
	tests := []struct{ in, kind, err string }{
		{"800088" + "0149" + "30123456789017", "zeropay-consumer-barcode", "[zeropay/format path=payment-system ID offset=6]"},
		{"1-ZP-2024AB-0000000000000001--AB12", "zeropay-static", "[zeropay/"},
		{"weixin://wxpay/bizpayurl?pr=", "wechat-code-url", "[wechat/"},
		{hQVDUFYtruncated, "emvco-cpm", "[emvco/"},
		{"0002", "emvco-mpm", "[emvco/length path=00 offset=0]"},
		{"https://example.com/", "url", "[qrbridge/unknown-kind]"},
		{"12345", "unknown", "[qrbridge/unknown-kind]"},
		{"00AB12345", "unknown", "[qrbridge/unknown-kind]"},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			code, out, errOut := runCLI(t, "", "decode", "--json", tt.in)
			assert.Equal(t, exitRefused, code)
			assert.Contains(t, errOut, tt.err)
			var doc decodedDoc
			require.NoError(t, json.Unmarshal([]byte(out), &doc))
			assert.False(t, doc.OK)
			assert.Equal(t, tt.kind, doc.Kind, "the kind is told even when the content does not read")
			assert.Empty(t, doc.Fields, "nothing half-decoded")
		})
	}
}

const hQVDUFYtruncated = "hQVDUFYwMWETTwegAAAAVVVVUAhQcm9kdWN0MWETTwegAAAAZmZmUAhQcm9kdWN0MmJJWggSNFZ4kBI0WF8gDkNBUkRIT0xERVIvRU1WXy0IcnVlc2RlZW5kIZ8QBwYBCgMAAACfJghYT9OF+iNLzJ82AgABnzcEbVjv"

func TestPayloadLimitBoundary(t *testing.T) {
	at := strings.Repeat("0", maxPayload)
	for _, args := range [][]string{{"decode", at}, {"decode", "-"}} {
		_, _, errOut := runCLI(t, at+"\n", args...)
		assert.NotContains(t, errOut, "too-long", "%d bytes is within the limit", maxPayload)
		assert.Contains(t, errOut, "[emvco/")
	}
	_, out, _ := runCLI(t, at+"\n"+at+"0\n", "decode", "--jsonl")
	rs := readRecords(t, out)
	require.Len(t, rs, 2)
	assert.NotEqual(t, "qrbridge/too-long", rs[0].Error.Code)
	assert.Equal(t, "qrbridge/too-long", rs[1].Error.Code)
}

// namesPayload holds an object of every naming rule: a card network's
// primitive, an unknown merchant template, 62's RFU and payment-system
// IDs, 64's RFU IDs, an RFU root object and an unreserved template; its
// CRC is computed.
func namesPayload() string {
	s := "000201" + "010211" + "0204VISA" + "27200010COM.EXAMPL0102AB" + "52045812" + "5303764" + "5802TH" +
		"5904SHOP" + "6007BANGKOK" + "62220112ABCDEFGHIJKL0102XY" + "6420" + "0002EN" + "0104SHOP" + "0302XY" +
		"7002AB" + "80140004ABCD0102ZZ" + "6304"
	s = strings.Replace(s, "62220112ABCDEFGHIJKL0102XY", "62220112ABCDEFGHIJKL5002XY", 1)
	return s + fmt.Sprintf("%04X", emvco.CRC([]byte(s)))
}

func TestDecodeNames(t *testing.T) {
	code, out, errOut := runCLI(t, "", "decode", namesPayload())
	require.Equal(t, exitOK, code, errOut)
	for _, want := range []string{
		"02  Merchant Account Information (Visa)", "27  Merchant Account Information ",
		"    00  Globally Unique Identifier", "    01  Payment Network Specific",
		"    01  Bill Number", "    50  Payment System Specific",
		"    00  Language Preference", "    03  RFU for EMVCo",
		"70  RFU for EMVCo", "80  Unreserved Template",
	} {
		assert.Contains(t, out, want)
	}
	assert.Equal(t, "RFU for EMVCo", subName(62, "", 12))
	assert.Equal(t, "RFU for EMVCo", subName(62, "", 49))
	assert.Equal(t, "Payment System Specific", subName(62, "", 50))
	assert.Equal(t, "Merchant Account Information", rootName(51))
	assert.Equal(t, "Merchant Account Information (UnionPay)", rootName(16))
	assert.Equal(t, "Merchant Account Information", rootName(17))
	assert.Equal(t, "RFU for EMVCo", rootName(65))
	assert.Equal(t, "RFU for EMVCo", rootName(79))
	assert.Equal(t, "Unreserved Template", rootName(80))
	assert.Equal(t, "Biller ID", subName(30, "promptpay", 1))
	assert.Equal(t, "Mobile Number", subName(29, "promptpay", 1))
	name, nested := nestedName("vietqr", 1, 7)
	assert.Equal(t, "Sub-object 7", name)
	assert.True(t, nested)
	_, nested = nestedName("vietqr", 2, 0)
	assert.False(t, nested)
}

func TestSplitTLV(t *testing.T) {
	tests := []struct {
		in   string
		want []string // tag=value
	}{
		{"0006970403011300110123456780", nil},
		{"000697040301130011012345678", []string{"00=970403", "01=0011012345678"}},
		{"0002ab", []string{"00=ab"}},
		{"0002a", nil},
		{"0000", nil},
		{"00", nil},
		{"x002ab", nil},
		{"0002é", nil},
		{"0001é", []string{"00=é"}},
		{"99010", []string{"99=0"}},
		{"0:01a", nil},
		{"", nil},
	}
	for _, tt := range tests {
		got, ok := splitTLV(tt.in, 10)
		var tv []string
		for _, n := range got {
			tv = append(tv, n.Tag+"="+n.Value)
			assert.Equal(t, utf8.RuneCountInString(n.Value), n.Length)
		}
		assert.Equal(t, tt.want, tv, "%q", tt.in)
		assert.Equal(t, tt.want != nil, ok, "%q", tt.in)
		if len(got) > 1 {
			assert.Equal(t, 10, got[0].Offset)
			assert.Equal(t, 10+4+len(got[0].Value), got[1].Offset)
		}
	}
}

func TestAllDigits(t *testing.T) {
	assert.True(t, allDigits("0123456789"))
	for _, s := range []string{"", "/", ":", "12a", "a12", "٣"} {
		assert.False(t, allDigits(s), "%q", s)
	}
}

func TestDecodeJSONError(t *testing.T) {
	code, out, errOut := runCLI(t, "", "decode", "--json", promptpay[:len(promptpay)-1]+"0")
	assert.Equal(t, exitRefused, code)
	assert.Contains(t, errOut, "crc mismatch")
	var doc decodedDoc
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	require.NotNil(t, doc.Error)
	assert.Equal(t, "emvco/crc", doc.Error.Code)
	assert.Equal(t, "63", doc.Error.Path)
	require.NotNil(t, doc.Error.Offset)
	assert.Equal(t, 70, *doc.Error.Offset)
}

func TestLintNow(t *testing.T) {
	// A dynamic PayNow code whose 26.04 expiry is 2020-12-31: expired or
	// not depending only on --now.
	b := new(emvco.Builder)
	b.Add(0, "01").Add(1, "12").Template(26, func(b *emvco.Builder) {
		b.Add(0, "SG.PAYNOW").Add(1, "2").Add(2, "201403121W").Add(3, "0").Add(4, "20201231")
	}).Add(52, "0000").Add(53, "702").Add(54, "10.00").Add(58, "SG").Add(59, "ACME").Add(60, "Singapore")
	p, err := b.Encode()
	require.NoError(t, err)
	_, before, _ := runCLI(t, "", "lint", "--json", "--now", "2020-06-01T00:00:00Z", p)
	_, after, _ := runCLI(t, "", "lint", "--json", "--now", "2021-06-01T00:00:00Z", p)
	assert.NotEqual(t, before, after, "the expiry rule reads --now")
	_, again, _ := runCLI(t, "", "lint", "--json", "--now", "2021-06-01T00:00:00Z", p)
	assert.Equal(t, after, again)
}

func TestRenderColourOnlyOnTerminal(t *testing.T) {
	code, out, _ := runCLI(t, "", "render", promptpay, "--term")
	require.Equal(t, exitOK, code)
	assert.NotContains(t, out, "\x1b[", "no ANSI escapes into a pipe or file")
	assert.Contains(t, out, "█")

	f, err := os.Create(filepath.Join(t.TempDir(), "term.txt"))
	require.NoError(t, err)
	defer f.Close()
	e := env{stdout: f, getenv: func(string) string { return "" }}
	assert.False(t, e.colour(), "a regular file is not a terminal")
	// /dev/null is a character device, as a terminal is: the test that
	// tells a terminal from a file or pipe accepts it.
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	require.NoError(t, err)
	defer null.Close()
	e.stdout = null
	assert.True(t, e.colour())
	e.getenv = func(k string) string { return map[string]string{"NO_COLOR": "1"}[k] }
	assert.False(t, e.colour(), "NO_COLOR wins over a terminal")
	e.getenv = func(k string) string { return map[string]string{"NO_COLOR": ""}[k] }
	assert.True(t, e.colour(), "an empty NO_COLOR is unset (no-color.org)")
}

func TestScanRenderedPNG(t *testing.T) {
	dir := t.TempDir()
	for i, p := range []string{promptpay, pixDeviant, zeroPay} {
		png := filepath.Join(dir, "code"+string(rune('a'+i))+".png")
		code, _, errOut := runCLI(t, "", "render", p, "--png", png, "--level", "H", "--size", "400")
		require.Equal(t, exitOK, code, errOut)
		code, out, errOut := runCLI(t, "", "scan", png)
		assert.Equal(t, exitOK, code, errOut)
		assert.Equal(t, p+"\n", out)
	}
	svg := filepath.Join(dir, "code.svg")
	code, _, _ := runCLI(t, "", "render", promptpay, "--svg", svg)
	require.Equal(t, exitOK, code)
	b, err := os.ReadFile(svg)
	require.NoError(t, err)
	assert.Contains(t, string(b), "<svg")
	code, out, errOut := runCLI(t, "", "scan", svg, filepath.Join(dir, "codea.png"))
	assert.Equal(t, exitRefused, code, "svg is not an accepted image format")
	assert.Contains(t, errOut, "[qr/format]")
	assert.Equal(t, promptpay+"\n", out, "the files after a refused one are still scanned")
}

func TestRenderLogo(t *testing.T) {
	dir := t.TempDir()
	logo := filepath.Join(dir, "logo.png")
	img := image.NewGray(image.Rect(0, 0, 40, 40))
	var buf bytes.Buffer
	require.NoError(t, png.Encode(&buf, img))
	require.NoError(t, os.WriteFile(logo, buf.Bytes(), 0o644))
	out := filepath.Join(dir, "code.png")
	code, _, errOut := runCLI(t, "", "render", promptpay, "--png", out, "--logo", logo, "--logo-percent", "5")
	require.Equal(t, exitOK, code, errOut)
	code, got, errOut := runCLI(t, "", "scan", out)
	assert.Equal(t, exitOK, code, errOut)
	assert.Equal(t, promptpay+"\n", got)

	code, _, errOut = runCLI(t, "", "render", promptpay, "--png", out, "--logo", "testdata/help.golden")
	assert.Equal(t, exitRefused, code)
	assert.Contains(t, errOut, "[qr/format]")

	code, _, errOut = runCLI(t, "", "render", promptpay, "--png", out, "--logo", logo, "--logo-percent", "40")
	assert.Equal(t, exitRefused, code, "a logo over the qr package's limit")
	assert.Contains(t, errOut, "[qr/logo-too-large]")
}

func TestEncodeInputLimit(t *testing.T) {
	pad := func(n int) string { // a decode --json document of n bytes
		head := `{"objects":[{"tag":"00","value":"01"},{"tag":"58","value":"TH"}]}`
		return head + strings.Repeat(" ", n-len(head))
	}
	code, out, errOut := runCLI(t, pad(maxEncodeInput), "encode", "--json", "-")
	assert.Equal(t, exitOK, code, errOut)
	assert.True(t, strings.HasPrefix(out, "0002015802TH6304"))
	code, _, errOut = runCLI(t, pad(maxEncodeInput+1), "encode", "--json", "-")
	assert.Equal(t, exitRefused, code)
	assert.Contains(t, errOut, "over 1048576 bytes refused")
}

func TestStdinLeadingNewline(t *testing.T) {
	code, _, errOut := runCLI(t, "\n"+promptpay+"\n", "decode", "-")
	assert.Equal(t, exitRefused, code)
	assert.Contains(t, errOut, "more than one line")
}

func TestRenderLogoBounds(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, w, h, pad int) string {
		var buf bytes.Buffer
		require.NoError(t, png.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h))))
		if pad > 0 {
			buf.Write(make([]byte, pad-buf.Len())) // after IEND: decoders ignore it
		}
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
		return path
	}
	out := filepath.Join(dir, "code.png")
	render := func(logo string) (int, string) {
		code, _, errOut := runCLI(t, "", "render", promptpay, "--png", out, "--logo", logo, "--logo-percent", "5")
		return code, errOut
	}
	code, errOut := render(write("at-size.png", 10, 10, maxLogo))
	assert.Equal(t, exitOK, code, "a logo file of exactly %d bytes: %s", maxLogo, errOut)
	code, errOut = render(write("over-size.png", 10, 10, maxLogo+1))
	assert.Equal(t, exitRefused, code)
	assert.Contains(t, errOut, "over 4194304 bytes: qr: image too large")
	code, errOut = render(write("at-pixels.png", 2048, 2048, 0))
	assert.Equal(t, exitOK, code, "2048×2048 is the pixel cap: %s", errOut)
	code, errOut = render(write("over-pixels.png", 2049, 2048, 0))
	assert.Equal(t, exitRefused, code)
	assert.Contains(t, errOut, "2049x2048 pixels: qr: image too large")
	code, errOut = render(write("over-pixels2.png", 2048, 2049, 0))
	assert.Equal(t, exitRefused, code)
	assert.Contains(t, errOut, "[qr/image-too-large]")
	// A GIF header may declare a zero dimension; it is refused, not
	// divided by.
	for _, hdr := range []string{"GIF89a\x05\x00\x00\x00\x00\x00\x00;", "GIF89a\x00\x00\x05\x00\x00\x00\x00;"} {
		path := filepath.Join(dir, "zero.gif")
		require.NoError(t, os.WriteFile(path, []byte(hdr), 0o644))
		code, errOut = render(path)
		assert.Equal(t, exitRefused, code)
		assert.Contains(t, errOut, "[qr/image-too-large]")
	}
}

func TestRenderWriteErrors(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "no-such-dir", "code")
	for _, flag := range []string{"--png", "--svg"} {
		code, _, errOut := runCLI(t, "", "render", promptpay, flag, bad)
		assert.Equal(t, exitRefused, code, flag)
		assert.Contains(t, errOut, "no such file or directory", flag)
	}
	code, out, _ := runCLI(t, "", "render", promptpay, "--svg", "-")
	assert.Equal(t, exitOK, code)
	assert.True(t, strings.HasPrefix(out, "<svg"), "--svg - writes to standard output")
}

func TestRenderSizeBound(t *testing.T) {
	const maxSize = qr.MaxImageSide
	code, out, errOut := runCLI(t, "", "render", promptpay, "--png", "-", "--size", strconv.Itoa(maxSize))
	require.Equal(t, exitOK, code, errOut)
	cfg, err := png.DecodeConfig(strings.NewReader(out))
	require.NoError(t, err)
	assert.LessOrEqual(t, cfg.Width, maxSize)
	assert.Greater(t, cfg.Width, maxSize*9/10, "the largest module size that fits")
	code, _, errOut = runCLI(t, "", "render", promptpay, "--png", "-", "--size", strconv.Itoa(maxSize+1))
	assert.Equal(t, exitRefused, code)
	assert.Contains(t, errOut, "[qr/options]")
	for _, size := range []string{"1000000000000", "-1"} {
		code, _, errOut = runCLI(t, "", "render", promptpay, "--png", "-", "--size", size)
		assert.Equal(t, exitRefused, code, size)
		assert.Contains(t, errOut, "[qr/options]", size)
		assert.NotContains(t, errOut, "panic", size)
	}
}

func TestTranslateDataLimits(t *testing.T) {
	dir := t.TempDir()
	rates := func(name, body string, size int) string {
		var b strings.Builder
		b.WriteString(body)
		for b.Len() < size {
			b.WriteString("#" + strings.Repeat("x", min(1000, size-b.Len()-2)) + "\n")
		}
		require.Equal(t, size, b.Len())
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o644))
		return path
	}
	args := []string{"translate", zeroPay, "--payer", "wechat", "--payer-currency", "CNY", "--amount", "12000", "--rates"}
	code, _, errOut := runCLI(t, "", append(args, rates("at.csv", "CNY,KRW,200\n", maxDataFile))...)
	assert.Equal(t, exitOK, code, "a file of exactly %d bytes: %s", maxDataFile, errOut)
	code, _, errOut = runCLI(t, "", append(args, rates("over.csv", "CNY,KRW,200\n", maxDataFile+1))...)
	assert.Equal(t, exitRefused, code)
	assert.Contains(t, errOut, "over 16777216 bytes refused")
	code, _, errOut = runCLI(t, "", append(args, rates("bad.csv", "CNY,KRW,200\nCNY,KRW\n", 100))...)
	assert.Equal(t, exitRefused, code)
	assert.Contains(t, errOut, "--rates: line 2: want base,quote,rate[,as_of]")
	code, _, errOut = runCLI(t, "", append(args, rates("asof.csv", "CNY,KRW,200,yesterday\n", 100))...)
	assert.Equal(t, exitRefused, code)
	assert.Contains(t, errOut, "--rates: line 1: as_of")
	long := filepath.Join(dir, "long.csv")
	require.NoError(t, os.WriteFile(long, []byte("CNY,KRW,200\n#"+strings.Repeat("x", 100_000)+"\n"), 0o644))
	code, _, errOut = runCLI(t, "", append(args, long)...)
	assert.Equal(t, exitRefused, code)
	assert.Contains(t, errOut, "--rates: line 2: bufio.Scanner: token too long")
}

func TestInfoCodes(t *testing.T) {
	_, err := emvco.Parse("0002010102")
	ei := info(err)
	assert.Equal(t, "emvco/", ei.Code[:6])
	assert.Equal(t, "error", info(errors.New("x")).Code, "an error of no known class")

	ei = info(&zeropay.FieldError{Field: "token", Offset: 0, Err: zeropay.ErrFormat})
	assert.Equal(t, "zeropay/format", ei.Code)
	assert.Equal(t, "token", ei.Path)
	require.NotNil(t, ei.Offset, "offset 0 is an offset")
	assert.Equal(t, 0, *ei.Offset)
	ei = info(&zeropay.FieldError{Field: "merchant", Offset: -1, Err: zeropay.ErrNotFound})
	assert.Nil(t, ei.Offset, "-1: not from parsing")
	assert.Equal(t, "zeropay/not-found", ei.Code)
	assert.Equal(t, "x [error]", describe(errors.New("x")))
	assert.Equal(t, "emvco: 59: invalid length [emvco/length path=59]", describe(&emvco.BuildError{Path: "59", Err: emvco.ErrLength}))
}

func TestTranslateDataFiles(t *testing.T) {
	dir := t.TempDir()
	rates := filepath.Join(dir, "rates.csv")
	require.NoError(t, os.WriteFile(rates, []byte("# one rate\nCNY,KRW,200\n"), 0o644))
	directory := filepath.Join(dir, "dir.json")
	require.NoError(t, os.WriteFile(directory, []byte(`{"merchants":[{"business_number":"1234567890","merchant_id":"202401000009","name":"Cafe","industry_code":"56221","status":0}],`+
		`"qr_codes":[{"qr":"1-ZP-202401000009-0000000000000002--AB12","merchant_id":"202401000009","status":0}]}`), 0o644))
	code, out, errOut := runCLI(t, "", "translate", "1-ZP-202401000009-0000000000000002--AB12", "--payer", "wechat",
		"--payer-currency", "CNY", "--amount", "12000", "--rates", rates, "--directory", directory, "--json")
	require.Equal(t, exitOK, code, errOut)
	var doc struct {
		Merchant string
		Quote    struct{ Source string }
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	assert.Equal(t, "60.00 CNY", doc.Quote.Source, "the file's rate, not the sample's")
	assert.Equal(t, "Cafe", doc.Merchant)

	code, _, errOut = runCLI(t, "", "translate", zeroPay, "--payer", "wechat", "--payer-currency", "CNY", "--amount", "12000", "--directory", directory)
	assert.Equal(t, exitRefused, code, "the sample merchant is not in this directory")
	assert.Contains(t, errOut, "merchant-unavailable")

	code, out, _ = runCLI(t, "", "translate", zeroPay, "--payer", "wechat", "--payer-currency", "CNY", "--amount", "62.99 CNY", "--json")
	assert.Equal(t, exitRefused, code, "a CNY amount on a corridor that fixes the KRW received: %s", out)
}

// TestTranslateJSON checks the JSON form's own fields; the legs' requests
// are the scheme packages' types, marshalled as those packages define.
func TestTranslateJSON(t *testing.T) {
	code, out, errOut := runCLI(t, "", "translate", "--json", promptpay, "--payer", "wechat", "--payer-currency", "CNY", "--amount", "100")
	require.Equal(t, exitOK, code, errOut)
	var doc struct {
		OK          bool
		Kind        string
		Corridor    string
		Quote       quoteDoc
		MerchantLeg struct {
			Scheme, Amount string
			Request        json.RawMessage
		} `json:"merchant_leg"`
		PayerLeg struct {
			Scheme, Amount string
			Request        json.RawMessage
		} `json:"payer_leg"`
		Report []struct{ Source, Target, Action, Reason string }
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	assert.True(t, doc.OK)
	assert.Equal(t, "emvco-mpm", doc.Kind)
	assert.Equal(t, "CN-TH:promptpay", doc.Corridor)
	assert.Equal(t, "100.00 THB", doc.Quote.Destination)
	assert.Equal(t, fixedNow, doc.Quote.CreatedAt, "--now or the env clock, never the wall clock")
	assert.Equal(t, "0000000000000001", doc.Quote.ID)
	assert.Equal(t, "emvco", doc.MerchantLeg.Scheme)
	assert.Equal(t, "wechat", doc.PayerLeg.Scheme)
	assert.Equal(t, doc.Quote.Source, doc.PayerLeg.Amount)
	assert.NotEmpty(t, doc.MerchantLeg.Request)
	require.NotEmpty(t, doc.Report)
	assert.Equal(t, "00", doc.Report[0].Source)
}

// TestTranslationWithoutOptionalParts prints a translation that has no
// schemes, no merchant name and legs without requests: their lines and
// JSON members are left out, not printed empty.
func TestTranslationWithoutOptionalParts(t *testing.T) {
	var b bytes.Buffer
	printTranslation(&b, translate.Result{})
	assert.NotContains(t, b.String(), "schemes")
	assert.NotContains(t, b.String(), "merchant      ")
	assert.Contains(t, b.String(), "corridor")
	doc, err := json.Marshal(leg(translate.Leg{Scheme: "wechat"}))
	require.NoError(t, err)
	assert.NotContains(t, string(doc), "request")
	doc, err = json.Marshal(leg(translate.Leg{Scheme: "wechat", Request: map[string]string{"a": "b"}}))
	require.NoError(t, err)
	assert.Contains(t, string(doc), `"request":{"a":"b"}`)
}
