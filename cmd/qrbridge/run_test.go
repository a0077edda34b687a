package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	promptpay = "00020101021129370016A000000677010111011300668012345675802TH530376463046197"
	// A real Pix code with an over-long name and a non-ans city.
	pixDeviant = "00020101021126330014br.gov.bcb.pix0111002051041185204000053039865406350.005802BR5928Leone Parise Vieira da Silva6006Maceió62070503***6304E5FB"
	cpmB2      = "hQVDUFYwMWETTwegAAAAVVVVUAhQcm9kdWN0MWETTwegAAAAZmZmUAhQcm9kdWN0MmJJWggSNFZ4kBI0WF8gDkNBUkRIT0xERVIvRU1WXy0IcnVlc2RlZW5kIZ8QBwYBCgMAAACfJghYT9OF+iNLzJ82AgABnzcEbVjvEw=="
)

func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestParse(t *testing.T) {
	code, out, _ := runCLI(t, "", "parse", promptpay)
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, "  29.01  0066801234567")

	code, out, _ = runCLI(t, promptpay+"\n", "parse", "-")
	assert.Equal(t, exitOK, code, "payload from standard input")
	assert.Contains(t, out, "58     TH")

	code, out, _ = runCLI(t, "", "parse", cpmB2)
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, "123456******3458")
	assert.NotContains(t, out, "1234567890123458", "card data stays masked")

	code, _, errOut := runCLI(t, "", "parse", promptpay[:len(promptpay)-1]+"0")
	assert.Equal(t, exitRefused, code)
	assert.Contains(t, errOut, "emvco: 63: crc mismatch")
}

func TestLint(t *testing.T) {
	code, out, _ := runCLI(t, "", "lint", promptpay)
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, "scheme promptpay in 29")

	code, out, _ = runCLI(t, "", "lint", pixDeviant)
	assert.Equal(t, exitRefused, code, "error findings fail the run")
	assert.Contains(t, out, "mpm-name-length")

	code, out, _ = runCLI(t, "", "lint", "-json", pixDeviant)
	assert.Equal(t, exitRefused, code)
	var doc struct {
		Schemes  []struct{ Scheme, Path string }
		Findings []struct{ Rule, Severity, Path string }
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	assert.Equal(t, "pix", doc.Schemes[0].Scheme)
	var rules []string
	for _, f := range doc.Findings {
		rules = append(rules, f.Severity+":"+f.Rule+"@"+f.Path)
	}
	assert.Equal(t, []string{"error:mpm-name-length@59", "error:mpm-format-ans@60"}, rules)
}

func TestQRAndDecode(t *testing.T) {
	code, out, _ := runCLI(t, "", "qr", promptpay)
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, "█")

	dir := t.TempDir()
	png := filepath.Join(dir, "code.png")
	code, _, _ = runCLI(t, "", "qr", "-o", png, "-level", "H", promptpay)
	require.Equal(t, exitOK, code)
	code, out, errOut := runCLI(t, "", "decode", png)
	assert.Equal(t, exitOK, code)
	assert.Equal(t, promptpay+"\n", out)
	assert.Contains(t, errOut, "level H")

	svg := filepath.Join(dir, "code.svg")
	code, _, _ = runCLI(t, "", "qr", "-svg", "-o", svg, promptpay)
	assert.Equal(t, exitOK, code)

	code, _, errOut = runCLI(t, "", "decode", svg)
	assert.Equal(t, exitRefused, code, "svg is not an accepted image format")
	assert.Contains(t, errOut, "qr: not a readable image")
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{
		{}, {"frobnicate"}, {"parse"}, {"parse", "a", "b"}, {"lint", "-nope", "x"}, {"qr", "-level", "Z", "x"}, {"decode"},
	} {
		code, _, errOut := runCLI(t, "", args...)
		assert.Equal(t, exitUsage, code, "%v", args)
		assert.NotEmpty(t, errOut)
	}
}
