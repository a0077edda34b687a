package profile

import (
	"strings"
	"time"

	"github.com/qrbridge/qrbridge/emvco"
)

const (
	refFPS    = "HKMA Common QR Code Specification for retail payments (HKICL FPS), §4.2"
	refQRPh   = "BSP Circular No. 1055 (2019), QR Ph P2P and P2M (Philippine Payments Management, Inc.)"
	refBharat = "NPCI Bharat QR Code specification (EMV MPM profile), UPI merchant template A000000524"
	refKorea  = "EMV MPM v1.1 Table 3.6 with the Korean card-network profile (BC Card, RID D410)"
	refJPQR   = "Payments Japan JPQR (Unified QR Code guideline for merchant-presented mode)"
)

// FPS is the typed view of a Hong Kong FPS code (GUID hk.com.hkicl).
type FPS struct {
	Participant string // 01: 3-digit clearing code
	FPSID       string // 02
	Mobile      string // 03: +852-XXXXXXXX
	Email       string // 04
}

var isFPS = guidIs("hk.com.hkicl")

// FPSOf returns the FPS view of p.
func FPSOf(p *emvco.Payload) (FPS, bool) {
	t, ok := findTemplate(p, isFPS)
	if !ok {
		return FPS{}, false
	}
	f := func(id emvco.Tag) string { v, _ := sub(t, id); return v }
	return FPS{f(1), f(2), f(3), f(4)}, true
}

func fps() Profile {
	return Profile{Name: "fps", Country: "HK", Match: isFPS, Lint: func(p *emvco.Payload, t emvco.Object, fs []emvco.Finding, _ time.Time) []emvco.Finding {
		fs = relax(fs, "mpm-mcc-not-applicable")
		fs = requireRoot(p, fs, emvco.TagTransactionCurrency, []string{"344", "156"}, "fps-currency", refFPS)
		fs = requireRoot(p, fs, emvco.TagCountryCode, []string{"HK"}, "fps-country", refFPS)
		v, _ := FPSOf(p)
		if v.FPSID == "" && v.Mobile == "" && v.Email == "" {
			fs = add(fs, "fps-proxy", emvco.SeverityError, t, "", "fps template needs an fps id, mobile or e-mail (02-04)", refFPS)
		}
		return fs
	}}
}

// QRPh is the typed view of a Philippine QR Ph code: P2P (27,
// com.p2pqrpay) or P2M (28, ph.ppmi.p2m).
type QRPh struct {
	P2M     bool
	BIC     string // 01
	Account string // 03 (P2P) or merchant ID 03 (P2M)
	Extra   string // 04: mobile or reference (P2P), merchant account (P2M)
}

var isQRPh = guidIs("com.p2pqrpay", "ph.ppmi.p2m")

// QRPhOf returns the QR Ph view of p.
func QRPhOf(p *emvco.Payload) (QRPh, bool) {
	t, ok := findTemplate(p, isQRPh)
	if !ok {
		return QRPh{}, false
	}
	g, _ := sub(t, 0)
	v := QRPh{P2M: strings.EqualFold(g, "ph.ppmi.p2m")}
	v.BIC, _ = sub(t, 1)
	v.Account, _ = sub(t, 3)
	v.Extra, _ = sub(t, 4)
	return v, true
}

func qrPh() Profile {
	return Profile{Name: "qrph", Country: "PH", Match: isQRPh, Lint: func(p *emvco.Payload, t emvco.Object, fs []emvco.Finding, _ time.Time) []emvco.Finding {
		fs = relax(fs, "mpm-additional-id-00", "62.00") // QR Ph puts a GUID in 62.00
		fs = requireRoot(p, fs, emvco.TagTransactionCurrency, []string{"608"}, "qrph-currency", refQRPh)
		if _, ok := sub(t, 1); !ok {
			fs = add(fs, "qrph-bic", emvco.SeverityError, t, t.Path()+".01", "qr ph template has no bic (01)", refQRPh)
		}
		return fs
	}}
}

// Bharat is the typed view of an Indian Bharat QR / UPI code.
type Bharat struct {
	VPA     string // 26.01 under GUID A000000524: the UPI address
	RuPay   string // 06 or 07
	IFSCAcc string // 08: IFSC (11) + account
}

var isNPCI = guidIs("A000000524")

// BharatOf returns the Bharat QR view of p.
func BharatOf(p *emvco.Payload) (Bharat, bool) {
	var v Bharat
	ok := false
	if t, has := findTemplate(p, isNPCI); has {
		v.VPA, _ = sub(t, 1)
		ok = true
	}
	for _, id := range []emvco.Tag{6, 7} {
		if o, has := p.Object(id); has && v.RuPay == "" {
			v.RuPay, ok = o.Value(), true
		}
	}
	if o, has := p.Object(8); has {
		v.IFSCAcc, ok = o.Value(), true
	}
	return v, ok && p.CountryCode() == "IN"
}

func bharat() Profile {
	return Profile{Name: "bharat", Country: "IN", Match: isNPCI, Lint: func(p *emvco.Payload, t emvco.Object, fs []emvco.Finding, _ time.Time) []emvco.Finding {
		fs = requireRoot(p, fs, emvco.TagTransactionCurrency, []string{"356"}, "bharat-currency", refBharat)
		if t.ID() == 26 {
			if vpa, _ := sub(t, 1); !strings.Contains(vpa, "@") {
				fs = add(fs, "bharat-vpa", emvco.SeverityError, t, t.Path()+".01", "upi vpa is not name@handle", refBharat)
			}
		}
		return fs
	}}
}

// Korea is the typed view of Korea's EMVCo card-network profile (BC Card,
// national RID D410, GUID D4100000014010).
type Korea struct {
	MerchantNumber string // 05
}

var isKorea = guidIs("D4100000014010")

// KoreaOf returns the Korean view of p.
func KoreaOf(p *emvco.Payload) (Korea, bool) {
	t, ok := findTemplate(p, isKorea)
	if !ok {
		return Korea{}, false
	}
	v, _ := sub(t, 5)
	return Korea{MerchantNumber: v}, true
}

func korea() Profile {
	return Profile{Name: "korea", Country: "KR", Match: isKorea, Lint: func(p *emvco.Payload, t emvco.Object, fs []emvco.Finding, _ time.Time) []emvco.Finding {
		fs = requireRoot(p, fs, emvco.TagTransactionCurrency, []string{"410"}, "korea-currency", refKorea)
		fs = requireRoot(p, fs, emvco.TagCountryCode, []string{"KR"}, "korea-country", refKorea)
		if _, ok := sub(t, 5); !ok {
			fs = add(fs, "korea-merchant", emvco.SeverityError, t, t.Path()+".05", "template has no merchant number (05)", refKorea)
		}
		return fs
	}}
}

var isJPQR = guidIs("jp.or.paymentsjapan")

func jpqr() Profile {
	return Profile{Name: "jpqr", Country: "JP", Match: isJPQR, Lint: func(p *emvco.Payload, _ emvco.Object, fs []emvco.Finding, _ time.Time) []emvco.Finding {
		fs = requireRoot(p, fs, emvco.TagTransactionCurrency, []string{"392"}, "jpqr-currency", refJPQR)
		return requireRoot(p, fs, emvco.TagCountryCode, []string{"JP"}, "jpqr-country", refJPQR)
	}}
}
