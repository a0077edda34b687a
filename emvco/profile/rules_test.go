package profile

import (
	"fmt"
	"strings"
	"testing"

	"github.com/qrbridge/qrbridge/emvco"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func lintedRules(t *testing.T, p *emvco.Payload) map[string]bool {
	t.Helper()
	got := map[string]bool{}
	for _, f := range testRegistry().Linter().Lint(p) {
		got[f.Rule] = true
	}
	return got
}

// bharatCode is a Bharat QR with a UPI VPA, built for the tests (no real
// Bharat QR in the corpus parses: its only vector has an empty 28.01).
func bharatCode(t *testing.T) *emvco.Payload {
	var b emvco.Builder
	b.Add(0, "01").Add(1, "11")
	b.Template(26, func(b *emvco.Builder) { b.Add(0, "A000000524").Add(1, "merchant@upi") })
	b.Add(52, "5411").Add(53, "356").Add(58, "IN").Add(59, "KIRANA STORE").Add(60, "MUMBAI")
	s, err := b.Encode()
	require.NoError(t, err)
	return mustParse(t, s)
}

// argentinaCode is an Argentine interoperable code built for the tests: a
// CUIT in 50.00 and a CBU in 51.00 (the CBU is the check-digit example of
// the BCRA's CBU rules).
func argentinaCode(t *testing.T) *emvco.Payload {
	var b emvco.Builder
	b.Add(0, "01").Add(1, "11")
	b.Template(43, func(b *emvco.Builder) { b.Add(0, "com.mercadolibre").Add(1, "0123456789") })
	b.Template(50, func(b *emvco.Builder) { b.Add(0, "30712345671") })
	b.Template(51, func(b *emvco.Builder) { b.Add(0, "2850590940090418135201") })
	b.Add(52, "5411").Add(53, "032").Add(58, "AR").Add(59, "ALMACEN DON JOSE").Add(60, "CABA")
	s, err := b.Encode()
	require.NoError(t, err)
	return mustParse(t, s)
}

// TestProfileRules triggers each profile rule by a structural edit of a
// code that lints clean under its profile.
func TestProfileRules(t *testing.T) {
	pix := mustParse(t, pixExample)
	pp := entry(t, 28)
	bill := entry(t, 33)
	paynow, err := PayNowMobile("+6591234567", PayNowOptions{Expiry: "20991231"})
	require.NoError(t, err)
	vn := entry(t, 48)
	tests := []struct {
		rule string
		base *emvco.Payload
		edit func(*emvco.Editor) *emvco.Editor
	}{
		{"pix-currency", pix, func(e *emvco.Editor) *emvco.Editor { return e.Set("53", "840") }},
		{"pix-country", pix, func(e *emvco.Editor) *emvco.Editor { return e.Set("58", "PT") }},
		{"pix-key", pix, func(e *emvco.Editor) *emvco.Editor { return e.Set("26.01", "not-a-key") }},
		{"pix-url-scheme", pix, func(e *emvco.Editor) *emvco.Editor {
			return e.Delete("26.01").Set("26.25", "https://pix.example.com/qr/v2/abc")
		}},
		{"pix-key-or-url", pix, func(e *emvco.Editor) *emvco.Editor { return e.Delete("26.01") }},
		{"pix-txid", pix, func(e *emvco.Editor) *emvco.Editor { return e.Set("62.05", "TX-1") }},
		{"pix-automatic-url", pix, func(e *emvco.Editor) *emvco.Editor { return e.Set("80.00", "br.gov.bcb.pix").Set("80.01", "x") }},
		{"promptpay-currency", pp, func(e *emvco.Editor) *emvco.Editor { return e.Set("53", "840") }},
		{"promptpay-country", pp, func(e *emvco.Editor) *emvco.Editor { return e.Set("58", "LA") }},
		{"promptpay-proxy", pp, func(e *emvco.Editor) *emvco.Editor { return e.Set("29.01", "12345") }},
		{"promptpay-biller", bill, func(e *emvco.Editor) *emvco.Editor { return e.Set("30.01", "123") }},
		{"promptpay-reference", bill, func(e *emvco.Editor) *emvco.Editor { return e.Delete("30.02") }},
		{"sg-currency", paynow, func(e *emvco.Editor) *emvco.Editor { return e.Set("53", "458") }},
		{"sg-country", paynow, func(e *emvco.Editor) *emvco.Editor { return e.Set("58", "MY") }},
		{"paynow-proxy", paynow, func(e *emvco.Editor) *emvco.Editor { return e.Set("26.02", "91234567") }},
		{"paynow-proxy-type", paynow, func(e *emvco.Editor) *emvco.Editor { return e.Set("26.01", "1") }},
		{"paynow-editable", paynow, func(e *emvco.Editor) *emvco.Editor { return e.Set("26.03", "0") }},
		{"paynow-expiry", paynow, func(e *emvco.Editor) *emvco.Editor { return e.Set("26.04", "2099-12") }},
		{"paynow-expired", paynow, func(e *emvco.Editor) *emvco.Editor { return e.Set("26.04", "20200101") }},
		{"sgqr-id", entry(t, 38), func(e *emvco.Editor) *emvco.Editor { return e.Delete("51.01") }},
		{"duitnow-participant", entry(t, 57), func(e *emvco.Editor) *emvco.Editor { return e.Set("26.01", "12") }},
		{"duitnow-currency", entry(t, 57), func(e *emvco.Editor) *emvco.Editor { return e.Set("53", "702") }},
		{"qris-nmid", entry(t, 43), func(e *emvco.Editor) *emvco.Editor { return e.Set("51.02", "ID123") }},
		{"qris-criteria", entry(t, 43), func(e *emvco.Editor) *emvco.Editor { return e.Set("51.03", "XXL") }},
		{"qris-repository", entry(t, 43), func(e *emvco.Editor) *emvco.Editor { return e.Delete("51.00").Delete("51.02").Delete("51.03") }},
		{"qris-currency", entry(t, 43), func(e *emvco.Editor) *emvco.Editor { return e.Set("53", "840") }},
		{"vietqr-service", vn, func(e *emvco.Editor) *emvco.Editor { return e.Set("38.02", "QRPUSH") }},
		{"vietqr-beneficiary", vn, func(e *emvco.Editor) *emvco.Editor { return e.Set("38.01", "00021201021") }},
		{"vietqr-beneficiary", vn, func(e *emvco.Editor) *emvco.Editor { return e.Set("38.01", "0006ABCDEF0103123") }}, // bin not digits
		{"vietqr-beneficiary", vn, func(e *emvco.Editor) *emvco.Editor { return e.Set("38.01", "0005970400103123") }},  // bin of 5 digits
		{"vietqr-currency", vn, func(e *emvco.Editor) *emvco.Editor { return e.Set("53", "840") }},
		{"fps-proxy", entry(t, 60), func(e *emvco.Editor) *emvco.Editor { return e.Delete("26.02").Delete("26.03").Delete("26.04") }},
		{"fps-currency", entry(t, 60), func(e *emvco.Editor) *emvco.Editor { return e.Set("53", "840") }},
		{"khqr-expiry", entry(t, 62), func(e *emvco.Editor) *emvco.Editor { return e.Set("01", "12") }},
		{"khqr-expired", entry(t, 62), func(e *emvco.Editor) *emvco.Editor {
			return e.Set("99.00", "1600000000000").Set("99.01", "1600000100000")
		}},
		{"khqr-currency", entry(t, 62), func(e *emvco.Editor) *emvco.Editor { return e.Set("53", "764") }},
		{"khqr-dynamic-amount", entry(t, 62), func(e *emvco.Editor) *emvco.Editor {
			return e.Set("01", "12").Delete("54").Set("99.00", "1600000000000").Set("99.01", "4100000000000")
		}},
		{"khqr-field-length", entry(t, 62), func(e *emvco.Editor) *emvco.Editor { return e.Set("30.01", strings.Repeat("1", 33)) }},
		{"khqr-merchant", entry(t, 62), func(e *emvco.Editor) *emvco.Editor { return e.Delete("30.02") }},
		{"khqr-template", entry(t, 62), func(e *emvco.Editor) *emvco.Editor {
			return e.Delete("30").Set("26.00", "khqr@aclb").Set("26.01", "1")
		}},
		{"khqr-upi-currency", entry(t, 62), func(e *emvco.Editor) *emvco.Editor { return e.Set("15", "1234567812345678") }},
		{"khqr-timestamp", entry(t, 62), func(e *emvco.Editor) *emvco.Editor {
			return e.Set("99.00", "4100000000000").Set("99.01", "4000000000000")
		}},
		{"argentina-cuit", argentinaCode(t), func(e *emvco.Editor) *emvco.Editor { return e.Set("50.00", "30712345670") }},
		{"argentina-currency", argentinaCode(t), func(e *emvco.Editor) *emvco.Editor { return e.Set("53", "986") }},
		{"argentina-cbu", argentinaCode(t), func(e *emvco.Editor) *emvco.Editor { return e.Set("51.00", "2850590940090418135202") }},
		{"qrph-bic", entry(t, 67), func(e *emvco.Editor) *emvco.Editor { return e.Delete("28.01") }},
		{"qrph-currency", entry(t, 67), func(e *emvco.Editor) *emvco.Editor { return e.Set("53", "840") }},
		{"bharat-vpa", bharatCode(t), func(e *emvco.Editor) *emvco.Editor { return e.Set("26.01", "9876543210") }},
		{"bharat-currency", bharatCode(t), func(e *emvco.Editor) *emvco.Editor { return e.Set("53", "840") }},
		{"korea-merchant", entry(t, 72), func(e *emvco.Editor) *emvco.Editor { return e.Delete("26.05") }},
		{"korea-currency", entry(t, 72), func(e *emvco.Editor) *emvco.Editor { return e.Set("53", "840") }},
		{"korea-country", entry(t, 72), func(e *emvco.Editor) *emvco.Editor { return e.Set("58", "JP") }},
		{"jpqr-currency", entry(t, 10), func(e *emvco.Editor) *emvco.Editor { return e.Set("53", "840") }},
		{"jpqr-country", entry(t, 10), func(e *emvco.Editor) *emvco.Editor { return e.Set("58", "KR") }},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			assert.False(t, lintedRules(t, tt.base)[tt.rule], "base code already has %s", tt.rule)
			changed, err := tt.edit(tt.base.Edit()).Payload()
			require.NoError(t, err)
			assert.True(t, lintedRules(t, changed)[tt.rule], "%s not triggered by %s", tt.rule, changed.String())
		})
	}
}

// TestRelaxations: each profile drops the core findings its scheme
// permits, and only for payloads that carry it.
func TestRelaxations(t *testing.T) {
	core := func(p *emvco.Payload) map[string]bool {
		got := map[string]bool{}
		for _, f := range emvco.Lint(p) {
			got[f.Rule+"@"+f.Path] = true
		}
		return got
	}
	tests := []struct {
		name    string
		p       *emvco.Payload
		relaxed string
	}{
		{"promptpay omits 59", entry(t, 28), "mpm-missing-field@59"},
		{"pix uses mcc 0000", mustParse(t, pixExample), "mpm-mcc-not-applicable@52"},
		{"duitnow uses pfi 02", entry(t, 57), "mpm-payload-format@00"},
		{"qr ph puts a guid in 62.00", entry(t, 67), "mpm-additional-id-00@62.00"},
		{"khqr account ids are not guids", entry(t, 62), "mpm-guid-form@30.00"},
		{"vietqr omits 52", entry(t, 48), "mpm-missing-field@52"},
		{"argentina puts the cuit in 50.00", argentinaCode(t), "mpm-guid-form@50.00"},
		{"khqr 01 is 11 or 12, an error", reserved01(t, entry(t, 62)), "mpm-initiation-reserved@01"},
	}
	for _, tt := range tests {
		assert.True(t, core(tt.p)[tt.relaxed], "%s: the core rule fires", tt.name)
		rules := map[string]bool{}
		for _, f := range testRegistry().Linter().Lint(tt.p) {
			rules[f.Rule+"@"+f.Path] = true
		}
		assert.False(t, rules[tt.relaxed], "%s: the profile relaxes it", tt.name)
	}
	// Without the profile's GUID the relaxation does not apply.
	other, err := mustParse(t, pixExample).Edit().Set("26.00", "com.example.pay").Payload()
	require.NoError(t, err)
	rules := map[string]bool{}
	for _, f := range testRegistry().Linter().Lint(other) {
		rules[f.Rule] = true
	}
	assert.True(t, rules["mpm-mcc-not-applicable"])
}

// reserved01 rewrites 01 = 11 as 13, which the reader accepts and the
// Editor, as a generator, refuses to write; the CRC is recomputed.
func reserved01(t *testing.T, p *emvco.Payload) *emvco.Payload {
	t.Helper()
	s := strings.Replace(p.String(), "010211", "010213", 1)
	s = s[:len(s)-4]
	return mustParse(t, s+fmt.Sprintf("%04X", emvco.CRC([]byte(s))))
}

func TestKHQRInitiation(t *testing.T) {
	p := reserved01(t, entry(t, 62))
	assert.True(t, lintedRules(t, p)["khqr-initiation"])
	assert.False(t, lintedRules(t, entry(t, 62))["khqr-initiation"])
}

// withCRC appends 63 and the CRC to a payload's text.
func withCRC(t *testing.T, s string) *emvco.Payload {
	t.Helper()
	s += "6304"
	return mustParse(t, s+fmt.Sprintf("%04X", emvco.CRC([]byte(s))))
}

// TestVNPayWallet: a VNPAY personal-wallet code (01 = 10, a primitive
// VNPayWallet, none of 52/53/58/59/60, a Vietnamese name in 08) lints
// without errors under its profile, and only under it.
func TestVNPayWallet(t *testing.T) {
	const name = "Nguyễn Văn An"
	code := func(init, mark string) string {
		return "000201" + "0102" + init + "020201" + fmt.Sprintf("04%02d%s", len(mark), mark) +
			"07100912345678" + fmt.Sprintf("08%02d%s", len([]rune(name)), name)
	}
	noAccount := strings.Replace(code("10", "VNPayWallet"), "07100912345678", "", 1)
	assert.True(t, lintedRules(t, withCRC(t, noAccount))["vnpay-wallet-account"])
	p := withCRC(t, code("10", "VNPayWallet"))
	assert.Equal(t, []string{"vnpay-wallet@04"}, schemeNames(testRegistry(), p), "no card networks read from its primitives")
	var rules []string
	for _, f := range testRegistry().Linter().Lint(p) {
		assert.NotEqual(t, emvco.SeverityError, f.Severity, "%s at %s", f.Rule, f.Path)
		rules = append(rules, f.Rule)
	}
	assert.Contains(t, rules, "mpm-initiation-reserved", "the reserved 01 still warns")
	for _, other := range []*emvco.Payload{withCRC(t, code("10", "OtherWallet")), withCRC(t, code("11", "VNPayWallet"))} {
		assert.NotContains(t, schemeNames(testRegistry(), other), "vnpay-wallet@04")
		r := lintedRules(t, other)
		assert.True(t, r["mpm-missing-field"], "the relaxation needs the profile")
		assert.True(t, r["mpm-format-ans"])
	}
}

// TestVNPayWalletMarkBounds: the wallet's mark is found in any primitive
// of 02-25, and not inside a template.
func TestVNPayWalletMarkBounds(t *testing.T) {
	for s, want := range map[string]bool{
		"000201010210" + "0211VNPayWallet" + "07100912345678":     true,
		"000201010210" + "07100912345678" + "2511VNPayWallet":     true,
		"000201010210" + "07100912345678" + "26150011VNPayWallet": false,
		"000201010210" + "07100912345678" + "5911VNPayWallet":     false, // a name, not 02-25
	} {
		_, ok := detectVNPayWallet(withCRC(t, s))
		assert.Equal(t, want, ok, s)
	}
}

// TestBharatOf: the view takes the UPI VPA of the NPCI template, the RuPay
// number of 06 (else 07) and the IFSC and account of 08, and exists only
// for an Indian code that has one of them.
func TestBharatOf(t *testing.T) {
	code := func(country string, roots map[emvco.Tag]string, upi bool) *emvco.Payload {
		var b emvco.Builder
		b.Add(0, "01").Add(1, "11")
		if len(roots) == 0 && !upi {
			b.Add(2, "4000123456789012") // a Visa account only
		}
		for _, id := range []emvco.Tag{6, 7, 8} {
			if v, ok := roots[id]; ok {
				b.Add(id, v)
			}
		}
		if upi {
			b.Template(26, func(b *emvco.Builder) { b.Add(0, "A000000524").Add(1, "merchant@upi") })
		}
		b.Add(52, "5411").Add(53, "356").Add(58, country).Add(59, "KIRANA STORE").Add(60, "MUMBAI")
		s, err := b.Encode()
		require.NoError(t, err)
		return mustParse(t, s)
	}
	const rupay6, rupay7, ifsc = "6100000000000001", "6100000000000002", "SBIN000123412345678"
	for _, tt := range []struct {
		name    string
		country string
		roots   map[emvco.Tag]string
		upi     bool
		want    Bharat
		ok      bool
	}{
		{"upi", "IN", nil, true, Bharat{VPA: "merchant@upi"}, true},
		{"rupay 06 before 07", "IN", map[emvco.Tag]string{6: rupay6, 7: rupay7}, false, Bharat{RuPay: rupay6}, true},
		{"rupay 07", "IN", map[emvco.Tag]string{7: rupay7}, false, Bharat{RuPay: rupay7}, true},
		{"ifsc", "IN", map[emvco.Tag]string{8: ifsc}, false, Bharat{IFSCAcc: ifsc}, true},
		{"all", "IN", map[emvco.Tag]string{6: rupay6, 8: ifsc}, true, Bharat{VPA: "merchant@upi", RuPay: rupay6, IFSCAcc: ifsc}, true},
		{"visa only", "IN", nil, false, Bharat{}, false},
		{"upi outside india", "SG", nil, true, Bharat{VPA: "merchant@upi"}, false},
		{"rupay outside india", "SG", map[emvco.Tag]string{6: rupay6}, false, Bharat{RuPay: rupay6}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v, ok := BharatOf(code(tt.country, tt.roots, tt.upi))
			assert.Equal(t, tt.ok, ok)
			if ok {
				assert.Equal(t, tt.want, v)
			}
		})
	}
}

// TestKHQRFindingPaths: a KHQR finding names the sub-object at fault, and
// an opaque 99 (not TLV) draws no timestamp finding.
func TestKHQRFindingPaths(t *testing.T) {
	long := strings.Repeat("x", 33)
	for _, sub := range []string{"01", "02"} { // 00 is a guid, which the editor bounds to 32
		changed := mustEdit(t, entry(t, 63), func(e *emvco.Editor) *emvco.Editor { return e.Set("30."+sub, long) })
		var paths []string
		for _, f := range testRegistry().Linter().Lint(changed) {
			if f.Rule == "khqr-field-length" {
				paths = append(paths, f.Path)
			}
		}
		assert.Equal(t, []string{"30." + sub}, paths)
	}
	opaque := mustEdit(t, entry(t, 63), func(e *emvco.Editor) *emvco.Editor { return e.Set("99", "not tlv") })
	assert.False(t, lintedRules(t, opaque)["khqr-timestamp"])
}

// TestVietQRBillNumberAlone: a bill number without a purpose still gets
// its additional data template.
func TestVietQRBillNumberAlone(t *testing.T) {
	p, err := VietQRAccount("970403", "0011012345678", VietQROptions{BillNumber: "NPS6869"})
	require.NoError(t, err)
	v, ok := p.Lookup("62.01")
	assert.True(t, ok)
	assert.Equal(t, "NPS6869", v)
}

// TestPixTxIDMissing: a Pix code whose 62 has no 05 draws the pix-txid
// warning, not the error for a malformed txid.
func TestPixTxIDMissing(t *testing.T) {
	changed := mustEdit(t, mustParse(t, pixExample), func(e *emvco.Editor) *emvco.Editor {
		return e.Set("62.07", "A1").Delete("62.05")
	})
	var got []emvco.Severity
	for _, f := range testRegistry().Linter().Lint(changed) {
		if f.Rule == "pix-txid" {
			got = append(got, f.Severity)
		}
	}
	assert.Equal(t, []emvco.Severity{emvco.SeverityWarning}, got)
}
