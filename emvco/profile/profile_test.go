package profile

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/qrbridge/qrbridge/emvco"
	"github.com/qrbridge/qrbridge/fx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	pixExample  = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D"
	specExample = "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A"
)

func mustParse(t testing.TB, s string) *emvco.Payload {
	t.Helper()
	p, err := emvco.Parse(s)
	require.NoError(t, err)
	return p
}

func entry(t testing.TB, i int) *emvco.Payload {
	e, ok := corpus(t)[i]
	require.True(t, ok, "corpus entry %d", i)
	return mustParse(t, e.Payload)
}

func TestViews(t *testing.T) {
	pix, ok := PixOf(mustParse(t, pixExample))
	require.True(t, ok)
	assert.Equal(t, Pix{Key: "123e4567-e12b-12d1-a456-426655440000", TxID: "***"}, pix)

	pp, ok := PromptPayOf(entry(t, 28))
	require.True(t, ok)
	assert.Equal(t, PromptPay{Kind: PromptPayTransfer, ProxyType: ProxyMobile, Proxy: "0066801234567"}, pp)
	bill, ok := PromptPayOf(entry(t, 33))
	require.True(t, ok)
	assert.Equal(t, PromptPayBillPayment, bill.Kind)
	assert.Equal(t, "099400016550100", bill.BillerID)

	pn, ok := PayNowOf(entry(t, 37))
	require.True(t, ok)
	assert.Equal(t, PayNow{ProxyType: "2", Proxy: "202012345X", Editable: true, Expiry: "20211231", Reference: "987654321X"}, pn)
	sg, ok := SGQROf(entry(t, 37))
	require.True(t, ok)
	assert.Equal(t, "01.0001", sg.Version)

	vn, ok := VietQROf(entry(t, 49))
	require.True(t, ok)
	assert.Equal(t, "180000 VND", vn.Amount.String(), "54 read by Payload.Money")
	vn.Amount = fx.Amount{}
	assert.Equal(t, VietQR{BIN: "970403", Account: "0011012345678", Service: "QRIBFTTA", Purpose: "thanh toan don hang"}, vn)

	q, ok := QRISOf(entry(t, 43))
	require.True(t, ok)
	assert.Len(t, q.NMID, 15)
	assert.Equal(t, "COM.GO-JEK.WWW", q.Acquirer)
	assert.Equal(t, "936009143234326781", q.MerchantPAN)
	// The acquirer is the first template of 26-45; the repository (51) is
	// not one.
	two := mustEdit(t, entry(t, 43), func(e *emvco.Editor) *emvco.Editor {
		return e.Set("27", "0016ID.CO.SHOPEE.WWW0103123")
	})
	q, ok = QRISOf(two)
	require.True(t, ok)
	assert.Equal(t, "COM.GO-JEK.WWW", q.Acquirer, "the first acquirer template")
	none := mustEdit(t, entry(t, 43), func(e *emvco.Editor) *emvco.Editor { return e.Delete("26") })
	q, ok = QRISOf(none)
	require.True(t, ok)
	assert.Equal(t, QRIS{NMID: q.NMID, Criteria: "UBE"}, q, "no acquirer template")

	dn, ok := DuitNowOf(entry(t, 57))
	require.True(t, ok)
	assert.Len(t, dn.Participant, 6)

	kh, ok := KHQROf(entry(t, 63))
	require.True(t, ok)
	assert.Equal(t, "john_smith@devb", kh.AccountID)
	assert.True(t, kh.Merchant)
	assert.Equal(t, int64(1613438575892), kh.Created.UnixMilli())

	dyn, ok := PromptPayOf(entry(t, 30))
	require.True(t, ok)
	assert.Equal(t, "4.22 THB", dyn.Amount.String())

	ar, ok := ArgentinaOf(argentinaCode(t))
	require.True(t, ok)
	assert.Equal(t, Argentina{CUIT: "30712345671", Account: "2850590940090418135201"}, ar)
	_, ok = ArgentinaOf(mustParse(t, pixExample))
	assert.False(t, ok)
	for name, edit := range map[string]func(*emvco.Editor) *emvco.Editor{
		"a cuit outside argentina": func(e *emvco.Editor) *emvco.Editor { return e.Set("58", "BR") },
		"50.00 not a cuit":         func(e *emvco.Editor) *emvco.Editor { return e.Set("50.00", "com.example") },
	} {
		_, ok = ArgentinaOf(mustEdit(t, argentinaCode(t), edit))
		assert.False(t, ok, name)
	}

	kr, ok := KoreaOf(entry(t, 72))
	require.True(t, ok)
	assert.NotEmpty(t, kr.MerchantNumber)

	_, ok = PixOf(mustParse(t, specExample))
	assert.False(t, ok)
	_, ok = FPSOf(entry(t, 60))
	assert.True(t, ok)
	_, ok = QRPhOf(entry(t, 67))
	assert.True(t, ok)
}

func TestSchemesOfMultiNetworkCode(t *testing.T) {
	var names []string
	for _, m := range testRegistry().Schemes(entry(t, 37)) {
		names = append(names, m.Scheme+"@"+m.Path)
	}
	assert.Equal(t, []string{"paynow@26", "sgqr@51"}, names)
	names = names[:0]
	for _, m := range testRegistry().Schemes(entry(t, 76)) {
		names = append(names, m.Scheme)
	}
	assert.Equal(t, []string{"visa", "mastercard"}, names)
	assert.Empty(t, testRegistry().Schemes(mustParse(t, specExample)))
}

func TestGeneratorsMatchKnownGoodCodes(t *testing.T) {
	p, err := PixStatic("123e4567-e12b-12d1-a456-426655440000", "Fulano de Tal", "BRASILIA", PixOptions{})
	require.NoError(t, err)
	assert.Equal(t, pixExample, p.String(), "the BCB manual's example")

	p, err = PromptPayMobile("0801234567", "")
	require.NoError(t, err)
	assert.Equal(t, corpus(t)[28].Payload, p.String(), "dtinth/promptpay-qr static mobile")
	p, err = PromptPayMobile("+66000000000", "4.22")
	require.NoError(t, err)
	assert.Equal(t, corpus(t)[30].Payload, p.String(), "dtinth/promptpay-qr dynamic")

	p, err = VietQRAccount("970403", "0011012345678", VietQROptions{Amount: "180000", BillNumber: "NPS6869", Purpose: "thanh toan don hang"})
	require.NoError(t, err)
	assert.Equal(t, corpus(t)[49].Payload, p.String(), "vietqr-ts dynamic account")

	p, err = PayNowMobile("+6512345678", PayNowOptions{Amount: "1234.56", Expiry: "20301231", Name: "ME", Reference: "BILLNO"})
	require.NoError(t, err)
	want := entry(t, 40)
	// 01 differs on purpose: that code is static (11) though it carries an
	// amount; the generator marks coded amounts dynamic (12).
	for _, path := range []string{"26.00", "26.01", "26.02", "26.03", "26.04", "52", "53", "54", "58", "59", "60", "62.01"} {
		got, _ := p.Lookup(path)
		exp, _ := want.Lookup(path)
		assert.Equal(t, exp, got, "paynow field %s matches zionsg/sgqr-parser", path)
	}
}

func TestGeneratedCodesLintClean(t *testing.T) {
	r := testRegistry()
	var codes []*emvco.Payload
	for _, f := range []func() (*emvco.Payload, error){
		func() (*emvco.Payload, error) {
			return PixStatic("+5561912345678", "LOJA", "BRASILIA", PixOptions{Amount: "10.00", TxID: "PEDIDO42"})
		},
		func() (*emvco.Payload, error) { return PromptPayNationalID("1234567890123", "50.00") },
		func() (*emvco.Payload, error) { return PayNowUEN("201234512X", PayNowOptions{}) },
		func() (*emvco.Payload, error) {
			return VietQRAccount("970436", "1234567890", VietQROptions{Card: true})
		},
	} {
		p, err := f()
		require.NoError(t, err)
		codes = append(codes, p)
	}
	for _, p := range codes {
		fs := r.Linter().Lint(p)
		assert.False(t, emvco.HasErrors(fs), "%s: %v", p.String(), fs)
		assert.NotEmpty(t, r.Schemes(p))
	}
	for _, bad := range []func() error{
		func() error { _, err := PixStatic("not a key", "N", "C", PixOptions{}); return err },
		func() error { _, err := PromptPayMobile("12345", ""); return err },
		func() error { _, err := PromptPayNationalID("123", ""); return err },
		func() error { _, err := PayNowMobile("+1555", PayNowOptions{}); return err },
		func() error { _, err := PayNowUEN("X", PayNowOptions{}); return err },
		func() error { _, err := VietQRAccount("97", "1", VietQROptions{}); return err },
	} {
		assert.ErrorIs(t, bad(), emvco.ErrFormat)
	}
}

func TestDynamic(t *testing.T) {
	r := testRegistry()
	q, err := r.Dynamic(mustParse(t, pixExample), "25.90", "PEDIDO42")
	require.NoError(t, err)
	assert.Equal(t, emvco.InitiationDynamic, q.Initiation())
	tx, _ := q.Lookup("62.05")
	assert.Equal(t, "PEDIDO42", tx)

	q, err = r.Dynamic(entry(t, 37), "12.30", "INV1")
	require.NoError(t, err)
	ref, _ := q.Lookup("62.01")
	assert.Equal(t, "INV1", ref, "sgqr/paynow reference in 62.01")

	_, err = r.Dynamic(entry(t, 49), "1.5", "")
	assert.ErrorIs(t, err, emvco.ErrFormat, "VND has no minor units")
	_, err = r.Dynamic(mustParse(t, pixExample), "0", "")
	assert.ErrorIs(t, err, emvco.ErrFormat)
}

func TestExpiryRulesFollowTheClock(t *testing.T) {
	r := Default()
	r.Now = func() time.Time { return time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC) }
	for _, f := range r.Linter().Lint(entry(t, 37)) {
		assert.NotEqual(t, "paynow-expired", f.Rule, "expires 2021-12-31")
	}
	r.Now = func() time.Time { return time.Date(2022, 1, 2, 0, 0, 0, 0, time.UTC) }
	rules := map[string]bool{}
	for _, f := range r.Linter().Lint(entry(t, 37)) {
		rules[f.Rule] = true
	}
	assert.True(t, rules["paynow-expired"])
}

func schemeNames(r *Registry, p *emvco.Payload) []string {
	var names []string
	for _, m := range r.Schemes(p) {
		names = append(names, m.Scheme+"@"+m.Path)
	}
	return names
}

// TestDomesticDetection: QRIS by its national repository template in any
// case, and by a domestic .WWW acquirer only in Indonesian codes;
// Argentina by a CUIT in 50.00 only in Argentine codes.
func TestDomesticDetection(t *testing.T) {
	r := testRegistry()
	qris := entry(t, 43)
	assert.Contains(t, schemeNames(r, qris), "qris@51")
	lower := mustEdit(t, qris, func(e *emvco.Editor) *emvco.Editor { return e.Set("51.00", "id.co.qris.www") })
	assert.Contains(t, schemeNames(r, lower), "qris@51", "the repository GUID in any case")
	older := mustEdit(t, qris, func(e *emvco.Editor) *emvco.Editor { return e.Set("51.00", "ID.OR.GPNQR.WWW") })
	assert.Contains(t, schemeNames(r, older), "qris@51", "the older repository GUID")

	acquirerOnly := mustEdit(t, qris, func(e *emvco.Editor) *emvco.Editor { return e.Delete("51") })
	require.NotEmpty(t, schemeNames(r, acquirerOnly), "an Indonesian acquirer's .WWW template is QRIS")
	assert.True(t, lintedRules(t, acquirerOnly)["qris-repository"])
	abroad := mustEdit(t, acquirerOnly, func(e *emvco.Editor) *emvco.Editor { return e.Set("58", "SG").Set("53", "702") })
	assert.Empty(t, schemeNames(r, abroad), "a .WWW template outside Indonesia is not QRIS")
	for rule := range lintedRules(t, abroad) {
		assert.NotContains(t, rule, "qris")
	}

	ar := argentinaCode(t)
	assert.Equal(t, []string{"argentina@50"}, schemeNames(r, ar))
	notAR := mustEdit(t, ar, func(e *emvco.Editor) *emvco.Editor { return e.Set("58", "UY") })
	assert.Empty(t, schemeNames(r, notAR), "a cuit-like 50.00 outside Argentina is no profile's")
	assert.True(t, lintedRules(t, notAR)["mpm-guid-form"], "nor relaxed")
	dashed := mustEdit(t, ar, func(e *emvco.Editor) *emvco.Editor { return e.Set("50.00", "30-71234567-1") })
	assert.Equal(t, []string{"argentina@50"}, schemeNames(r, dashed))
	assert.False(t, lintedRules(t, dashed)["argentina-cuit"], "the dashed form checks too")
}

func mustEdit(t *testing.T, p *emvco.Payload, edit func(*emvco.Editor) *emvco.Editor) *emvco.Payload {
	t.Helper()
	q, err := edit(p.Edit()).Payload()
	require.NoError(t, err)
	return q
}

func TestCUITAndCBU(t *testing.T) {
	for _, tt := range []struct {
		in   string
		cuit bool
	}{
		{"30712345671", true}, {"30-71234567-1", true}, {"20000000001", true}, {"30712345670", false},
		{"3071234567", false}, {"30-7123456-71", false}, {"3071234567A", false}, {"23000000000", true}, {"20000000019", false}, // a check digit of 10 is never issued
		// Dashes at 2 and 11 only make the NN-NNNNNNNN-N form in 13
		// characters; shorter text with a dash at 2 must not be sliced.
		{"30-", false}, {"30-7123456-", false}, {"30-71234567-12", false}, {"30-71234567-", false},
	} {
		assert.Equal(t, tt.cuit, validCUIT(tt.in), tt.in)
	}
	assert.True(t, validCBU("2850590940090418135201"))
	assert.False(t, validCBU("2850590840090418135201"), "first block's check digit")
	assert.False(t, validCBU("2850590940090418135202"), "second block's check digit")
	assert.False(t, validCBU("285059094009041813520"), "21 digits")
	for _, in := range []string{"", "2850590", "28505909", "285059094009041813520A", "2850590940090418135201" + "0"} {
		assert.False(t, validCBU(in), "%q", in)
	}
}

// TestNoClockNoExpiry: without a clock the expiry rules do not run, so a
// payload lints the same whenever it is linted.
func TestNoClockNoExpiry(t *testing.T) {
	r := Default()
	for _, f := range r.Linter().Lint(entry(t, 37)) {
		assert.NotEqual(t, "paynow-expired", f.Rule)
	}
	expired := mustEdit(t, entry(t, 62), func(e *emvco.Editor) *emvco.Editor {
		return e.Set("99.00", "1600000000000").Set("99.01", "1600000100000")
	})
	for _, f := range r.Linter().Lint(expired) {
		assert.NotEqual(t, "khqr-expired", f.Rule)
	}
	r.Now = func() time.Time { return time.UnixMilli(1600000100001) }
	assert.True(t, lintedRulesOf(r, expired)["khqr-expired"], "one millisecond past")
	r.Now = func() time.Time { return time.UnixMilli(1600000100000) }
	assert.False(t, lintedRulesOf(r, expired)["khqr-expired"], "at the expiration itself")
}

func lintedRulesOf(r *Registry, p *emvco.Payload) map[string]bool {
	got := map[string]bool{}
	for _, f := range r.Linter().Lint(p) {
		got[f.Rule] = true
	}
	return got
}

func TestEnumStrings(t *testing.T) {
	assert.Equal(t, "transfer", PromptPayTransfer.String())
	assert.Equal(t, "bill-payment", PromptPayBillPayment.String())
	assert.Equal(t, "PromptPayKind(0)", PromptPayKind(0).String())
	for want, p := range map[string]ProxyType{"mobile": ProxyMobile, "national-id": ProxyNationalID, "e-wallet": ProxyEWallet, "bank-account": ProxyBank, "ProxyType(9)": 9} {
		assert.Equal(t, want, p.String())
	}
	assert.Equal(t, "transfer mobile", fmt.Sprint(PromptPayTransfer, " ", ProxyMobile))
}

// TestBounds holds the generators' and detectors' length bounds and the
// relaxations' paths.
func TestBounds(t *testing.T) {
	_, err := PayNowMobile("+65"+strings.Repeat("9", 13), PayNowOptions{})
	assert.NoError(t, err, "16 characters")
	_, err = PayNowMobile("+65"+strings.Repeat("9", 14), PayNowOptions{})
	assert.ErrorIs(t, err, emvco.ErrFormat, "17 characters")
	for n, ok := range map[int]bool{8: false, 9: true, 13: true, 14: false} {
		_, err := PayNowUEN(strings.Repeat("1", n-1)+"X", PayNowOptions{})
		assert.Equal(t, ok, err == nil, "uen of %d characters", n)
	}
	assert.False(t, isQRISDomestic(".WWW"))
	assert.False(t, isQRISDomestic("WWW"))
	assert.True(t, isQRISDomestic("ID.CO.SHOPEE.WWW"))
	assert.True(t, isQRISDomestic("id.co.shopee.www"))
	assert.False(t, isQRISDomestic("ID.CO.SHOPEE.COM"))

	// The acquirer of a QRIS view is the first template of 26-45, 45 included.
	q := entry(t, 43)
	g, _ := q.Lookup("26.00")
	moved := mustEdit(t, q, func(e *emvco.Editor) *emvco.Editor {
		v1, _ := q.Lookup("26.01")
		return e.Delete("26").Set("45.00", g).Set("45.01", v1)
	})
	v, ok := QRISOf(moved)
	require.True(t, ok)
	assert.Equal(t, g, v.Acquirer, "template 45")

	// PromptPay relaxes 52, 59 and 60 only: a missing 58 is still reported.
	pp := mustEdit(t, entry(t, 28), func(e *emvco.Editor) *emvco.Editor { return e.Delete("58") })
	found := false
	for _, f := range testRegistry().Linter().Lint(pp) {
		found = found || f.Rule == "mpm-missing-field" && f.Path == "58"
	}
	assert.True(t, found)
}

// TestKHQRBounds: the account ID form, the 32-character fields and the
// paths of the findings.
func TestKHQRBounds(t *testing.T) {
	for id, ok := range map[string]bool{
		"name@bank": true, "@bank": false, "name@": false, "a@@bank": false, "a@b@c": false,
		"a@b": true, "name.x@bank": false, "namebank": false,
	} {
		assert.Equal(t, ok, isKHQR(id), id)
	}
	findings := func(p *emvco.Payload) map[string]bool {
		got := map[string]bool{}
		for _, f := range testRegistry().Linter().Lint(p) {
			got[f.Rule+"@"+f.Path] = true
		}
		return got
	}
	base := entry(t, 62)
	at32 := mustEdit(t, base, func(e *emvco.Editor) *emvco.Editor { return e.Set("30.01", strings.Repeat("1", 32)) })
	assert.False(t, findings(at32)["khqr-field-length@30.01"], "32 characters")
	at33 := mustEdit(t, base, func(e *emvco.Editor) *emvco.Editor { return e.Set("30.02", strings.Repeat("B", 33)) })
	assert.True(t, findings(at33)["khqr-field-length@30.02"], "33 characters")
	noID := mustEdit(t, base, func(e *emvco.Editor) *emvco.Editor { return e.Delete("30.01").Delete("30.02") })
	got := findings(noID)
	assert.True(t, got["khqr-merchant@30.01"] && got["khqr-merchant@30.02"], "%v", got)
}

// TestPixKeyBounds: the length bounds of phone keys, UUID characters and
// txid characters.
func TestPixKeyBounds(t *testing.T) {
	for key, ok := range map[string]bool{
		"+5561912345": false, "+55619123456": true, "+556191234567": true, "+5561912345678": true, "+55619123456789": false,
		"9fffffff-0000-0000-0000-00000000000a": true, "9fffffff-0000-0000-0000-00000000000g": false,
		"9FFFFFFF-0000-0000-0000-0000000000AF": true, strings.Repeat("x", 36): false,
		"/0000000-0000-0000-0000-000000000000": false, ":0000000-0000-0000-0000-000000000000": false,
		"`0000000-0000-0000-0000-000000000000": false,
		// e-mail keys: at most 77 characters, no spaces.
		strings.Repeat("a", 71) + "@b.com": true, strings.Repeat("a", 72) + "@b.com": false,
		"fulano@b.com": true, "fulano de tal@b.com": false,
	} {
		assert.Equal(t, ok, validPixKey(key), key)
	}
	for s, ok := range map[string]bool{"Zz09Aa": true, "z": true, "{": false, "@": false, "`": false, "[": false, "": false} {
		assert.Equal(t, ok, isAlnum(s), s)
	}
}

// TestDetectorFirst: a registry whose first profile detects payloads as a
// whole keeps those payloads' primitives from being read as networks.
func TestDetectorFirst(t *testing.T) {
	const name = "Nguyen Van An"
	s := "000201010210020201" + "0411VNPayWallet" + "07100912345678" + fmt.Sprintf("08%02d%s", len(name), name)
	p := withCRC(t, s)
	assert.Equal(t, []string{"vnpay-wallet@04"}, schemeNames(New(vnpayWallet(), pix()), p))
	assert.Equal(t, []string{"visa@02", "mastercard@04", "emvco-reserved@07", "emvco-reserved@08"}, schemeNames(New(pix()), p), "without the profile they read as networks")
}

// TestManyProfiles: a registry of more profiles than the allocation-free
// bookkeeping holds still runs each found profile once.
func TestManyProfiles(t *testing.T) {
	runs := 0
	var ps []Profile
	for range 130 {
		ps = append(ps, Profile{Name: "never", Match: func(string) bool { return false }})
	}
	ps = append(ps, Profile{Name: "last", Match: isPixGUID, Lint: func(_ *emvco.Payload, _ emvco.Object, fs []emvco.Finding, _ time.Time) []emvco.Finding {
		runs++
		return fs
	}})
	p := mustEdit(t, mustParse(t, pixExample), func(e *emvco.Editor) *emvco.Editor {
		return e.Set("27.00", "br.gov.bcb.pix").Set("27.01", "+5561912345678")
	})
	New(ps...).Linter().Lint(p)
	assert.Equal(t, 1, runs, "the 131st profile runs, once for its two templates")
	assert.Equal(t, []string{"last@26", "last@27"}, schemeNames(New(ps...), p))
}

func TestPromptPayProxyTypes(t *testing.T) {
	for id, want := range map[string]ProxyType{"29.02": ProxyNationalID, "29.03": ProxyEWallet, "29.04": ProxyBank} {
		p := mustEdit(t, entry(t, 28), func(e *emvco.Editor) *emvco.Editor { return e.Delete("29.01").Set(id, "0123456789012") })
		v, ok := PromptPayOf(p)
		require.True(t, ok)
		assert.Equal(t, want, v.ProxyType, id)
		assert.Equal(t, "0123456789012", v.Proxy)
	}
}

// TestCardNetwork holds every primitive merchant account ID to its network
// (EMV MPM v1.1 Table 3.6), the bounds of each range included.
func TestCardNetwork(t *testing.T) {
	want := map[emvco.Tag]string{
		2: "visa", 3: "visa", 4: "mastercard", 5: "mastercard",
		6: "emvco-reserved", 7: "emvco-reserved", 8: "emvco-reserved",
		9: "discover", 10: "discover", 11: "amex", 12: "amex",
		13: "jcb", 14: "jcb", 15: "unionpay", 16: "unionpay",
	}
	for id := emvco.Tag(17); id <= 25; id++ {
		want[id] = "emvco-reserved"
	}
	for id := emvco.Tag(0); id <= 99; id++ {
		assert.Equal(t, want[id], cardNetwork(id), "%s", id)
	}
}
