package profile

import (
	"strings"
	"time"

	"github.com/qrbridge/qrbridge/emvco"
	"github.com/qrbridge/qrbridge/fx"
)

const (
	refDuitNow = "PayNet DuitNow QR (Malaysian National QR Code Standard), merchant account template A0000006150001"
	refQRIS    = "Bank Indonesia PADG No. 21/18/PADG/2019 (QRIS, Standar Nasional QR Code Pembayaran), national repository template 51"
	refVietQR  = "SBV TCCS 03:2018/NHNN (QR code payment standard); NAPAS VietQR, template A000000727"
)

// DuitNow is the typed view of a Malaysian DuitNow code (GUID
// A0000006150001).
type DuitNow struct {
	Participant string // 01: 6-digit participant or app code
	Account     string // 02: account or proxy
	Expiry      string // 03: epoch milliseconds (Maybank MAE), when present
}

// DuitNowOf returns the DuitNow view of p.
func DuitNowOf(p *emvco.Payload) (DuitNow, bool) {
	t, ok := findTemplate(p, isDuitNow)
	if !ok {
		return DuitNow{}, false
	}
	var v DuitNow
	v.Participant, _ = sub(t, 1)
	v.Account, _ = sub(t, 2)
	v.Expiry, _ = sub(t, 3)
	return v, true
}

var isDuitNow = guidIs("A0000006150001")

func duitNow() Profile {
	return Profile{Name: "duitnow", Country: "MY", Match: isDuitNow, Lint: lintDuitNow}
}

func lintDuitNow(p *emvco.Payload, t emvco.Object, fs []emvco.Finding, _ time.Time) []emvco.Finding {
	fs = relax(fs, "mpm-payload-format", "00")    // production codes use PFI 02
	fs = relax(fs, "mpm-unreserved-opaque", "82") // some acquirers append a bare signature
	fs = requireRoot(p, fs, emvco.TagTransactionCurrency, []string{"458"}, "duitnow-currency", refDuitNow)
	fs = requireRoot(p, fs, emvco.TagCountryCode, []string{"MY"}, "duitnow-country", refDuitNow)
	if v, _ := sub(t, 1); len(v) != 6 || !isDigits(v) {
		fs = add(fs, "duitnow-participant", emvco.SeverityError, t, t.Path()+".01", "participant code is not 6 digits", refDuitNow)
	}
	return fs
}

// QRIS is the typed view of an Indonesian QRIS code: the national
// repository template (51) and the first domestic merchant account.
type QRIS struct {
	NMID        string // 51.02: national merchant ID, "ID" + 13 digits
	Criteria    string // 51.03: UMI, UKE, UME, UBE or URE
	Acquirer    string // GUID of the domestic template (ID.CO.SHOPEE.WWW, …)
	MerchantPAN string // 01 of the domestic template
	MerchantID  string // 02 of the domestic template
}

// isQRISRepository matches the GUID of the national repository template
// (51): ID.CO.QRIS.WWW, or ID.OR.GPNQR.WWW of the first QRIS codes, in any
// case.
var isQRISRepository = guidIs("ID.CO.QRIS.WWW", "ID.OR.GPNQR.WWW")

// isQRISDomestic matches the GUIDs of the domestic acquirers (PJSP) of
// templates 26-45, reverse domains ending in ".WWW" by QRIS convention
// (ID.CO.SHOPEE.WWW, COM.GO-JEK.WWW, …). Other schemes use the same form
// (Vietnam's vn.airpay.www, Singapore's SG.COM.DASH.WWW), so the profile
// applies it only to payloads whose country (58) is ID.
func isQRISDomestic(g string) bool {
	return len(g) > 4 && strings.EqualFold(g[len(g)-4:], ".WWW") && emvco.ValidGUID(g)
}

// QRISOf returns the QRIS view of p.
func QRISOf(p *emvco.Payload) (QRIS, bool) {
	t, ok := findTemplate(p, isQRISRepository)
	if !ok {
		return QRIS{}, false
	}
	var v QRIS
	v.NMID, _ = sub(t, 2)
	v.Criteria, _ = sub(t, 3)
	for o := range p.Objects() {
		if o.ID() >= 26 && o.ID() <= 45 && o.IsTemplate() {
			v.Acquirer, _ = sub(o, emvco.TagGUID)
			v.MerchantPAN, _ = sub(o, 1)
			v.MerchantID, _ = sub(o, 2)
			break
		}
	}
	return v, true
}

func qris() Profile {
	return Profile{Name: "qris", Country: "ID", Match: isQRISRepository, Domestic: isQRISDomestic, Lint: lintQRIS}
}

func lintQRIS(p *emvco.Payload, _ emvco.Object, fs []emvco.Finding, _ time.Time) []emvco.Finding {
	fs = relax(fs, "mpm-guid-missing", "62.50", "62.98", "62.99") // QRIS payment-system IDs without GUID
	fs = requireRoot(p, fs, emvco.TagTransactionCurrency, []string{"360"}, "qris-currency", refQRIS)
	fs = requireRoot(p, fs, emvco.TagCountryCode, []string{"ID"}, "qris-country", refQRIS)
	t, ok := findTemplate(p, isQRISRepository)
	if !ok {
		return append(fs, emvco.Finding{Rule: "qris-repository", Severity: emvco.SeverityError, Path: "51", Message: "qris code has no national repository template (ID.CO.QRIS.WWW)", Ref: refQRIS})
	}
	if n, _ := sub(t, 2); !(len(n) == 15 && strings.HasPrefix(n, "ID") && isDigits(n[2:])) {
		fs = add(fs, "qris-nmid", emvco.SeverityError, t, t.Path()+".02", "nmid is not ID and 13 digits", refQRIS)
	}
	if c, ok := sub(t, 3); ok && !validCriteria(c) {
		fs = add(fs, "qris-criteria", emvco.SeverityError, t, t.Path()+".03", "merchant criteria is not UMI, UKE, UME, UBE or URE", refQRIS)
	}
	return fs
}

// VietQR is the typed view of a Vietnamese VietQR / NAPAS 247 code
// (template with GUID A000000727, usually 38).
type VietQR struct {
	BIN     string    // 01.00: acquirer BIN, 6 digits (970xxx)
	Account string    // 01.01: account or card number
	Service string    // 02: QRIBFTTA (to account) or QRIBFTTC (to card)
	Purpose string    // 62.08
	Amount  fx.Amount // 54 in dong; the zero Amount when the payer enters it
}

var isVietQR = guidIs("A000000727")

// VietQROf returns the VietQR view of p.
func VietQROf(p *emvco.Payload) (VietQR, bool) {
	t, ok := findTemplate(p, isVietQR)
	if !ok {
		return VietQR{}, false
	}
	var v VietQR
	bene, _ := sub(t, 1)
	v.BIN, _ = emvco.Find(bene, 0)
	v.Account, _ = emvco.Find(bene, 1)
	v.Service, _ = sub(t, 2)
	if ad, has := p.AdditionalData(); has {
		v.Purpose = ad.Purpose()
	}
	v.Amount, _ = p.Money()
	return v, true
}

func vietQR() Profile {
	return Profile{Name: "vietqr", Country: "VN", Match: isVietQR, Lint: lintVietQR}
}

func lintVietQR(p *emvco.Payload, t emvco.Object, fs []emvco.Finding, _ time.Time) []emvco.Finding {
	fs = relax(fs, "mpm-missing-field", "52", "59", "60") // NAPAS codes omit them
	fs = relax(fs, "mpm-mcc-not-applicable")
	fs = requireRoot(p, fs, emvco.TagTransactionCurrency, []string{"704"}, "vietqr-currency", refVietQR)
	fs = requireRoot(p, fs, emvco.TagCountryCode, []string{"VN"}, "vietqr-country", refVietQR)
	bene, _ := sub(t, 1)
	bin, _ := emvco.Find(bene, 0)
	acct, _ := emvco.Find(bene, 1)
	if len(bin) != 6 || !isDigits(bin) || acct == "" {
		fs = add(fs, "vietqr-beneficiary", emvco.SeverityError, t, t.Path()+".01", "beneficiary is not a 6-digit bin and an account", refVietQR)
	}
	if s, _ := sub(t, 2); s != "QRIBFTTA" && s != "QRIBFTTC" {
		fs = add(fs, "vietqr-service", emvco.SeverityError, t, t.Path()+".02", "service code is not QRIBFTTA or QRIBFTTC", refVietQR)
	}
	return fs
}

// validCriteria: micro, small, medium, large or regular merchant.
func validCriteria(c string) bool {
	switch c {
	case "UMI", "UKE", "UME", "UBE", "URE":
		return true
	}
	return false
}
