package profile

import (
	"strings"
	"time"

	"github.com/qrbridge/qrbridge/emvco"
	"github.com/qrbridge/qrbridge/fx"
)

// refPayNow cites the Association of Banks in Singapore's PayNow QR
// specification, which SGQR (MAS and IMDA) builds on.
const refPayNow = "ABS PayNow QR Code Specifications v1.3 (2018); SGQR Specifications (MAS, IMDA)"

// PayNow is the typed view of a PayNow template (GUID SG.PAYNOW, at any ID
// SGQR assigns).
type PayNow struct {
	ProxyType string    // 01: "0" mobile, "2" UEN
	Proxy     string    // 02: +65… or the UEN
	Editable  bool      // 03: the payer may change the amount
	Expiry    string    // 04: YYYYMMDD, "" when none
	Reference string    // 62.01: the bill number, which carries the transaction reference
	Amount    fx.Amount // 54 in Singapore dollars; the zero Amount when the payer enters it
}

// PayNowOf returns the PayNow view of p.
func PayNowOf(p *emvco.Payload) (PayNow, bool) {
	t, ok := findTemplate(p, isPayNow)
	if !ok {
		return PayNow{}, false
	}
	var v PayNow
	v.ProxyType, _ = sub(t, 1)
	v.Proxy, _ = sub(t, 2)
	e, _ := sub(t, 3)
	v.Editable = e == "1"
	v.Expiry, _ = sub(t, 4)
	if ad, has := p.AdditionalData(); has {
		v.Reference = ad.BillNumber()
	}
	v.Amount, _ = p.Money()
	return v, true
}

// SGQR is the typed view of the SGQR identity template (51, GUID SG.SGQR).
type SGQR struct {
	ID, Version, PostalCode, Level, Unit, Misc, RevisionDate string
}

// SGQROf returns the SGQR view of p.
func SGQROf(p *emvco.Payload) (SGQR, bool) {
	t, ok := findTemplate(p, isSGQR)
	if !ok {
		return SGQR{}, false
	}
	f := func(id emvco.Tag) string { v, _ := sub(t, id); return v }
	return SGQR{f(1), f(2), f(3), f(4), f(5), f(6), f(7)}, true
}

var (
	isPayNow = guidIs("SG.PAYNOW")
	isSGQR   = guidIs("SG.SGQR")
)

// findTemplate returns the first template whose GUID satisfies match.
func findTemplate(p *emvco.Payload, match func(string) bool) (emvco.Object, bool) {
	for o := range p.Objects() {
		if g, ok := sub(o, emvco.TagGUID); ok && o.IsTemplate() && match(g) {
			return o, true
		}
	}
	return emvco.Object{}, false
}

func payNow() Profile {
	return Profile{Name: "paynow", Country: "SG", Match: isPayNow, Lint: lintPayNow}
}

func sgqr() Profile {
	return Profile{Name: "sgqr", Country: "SG", Match: isSGQR, Lint: lintSGQR}
}

func lintSGCommon(p *emvco.Payload, fs []emvco.Finding) []emvco.Finding {
	fs = relax(fs, "mpm-mcc-not-applicable") // SGQR default 52 = 0000
	fs = requireRoot(p, fs, emvco.TagTransactionCurrency, []string{"702"}, "sg-currency", refPayNow)
	return requireRoot(p, fs, emvco.TagCountryCode, []string{"SG"}, "sg-country", refPayNow)
}

func lintPayNow(p *emvco.Payload, t emvco.Object, fs []emvco.Finding, now time.Time) []emvco.Finding {
	fs = lintSGCommon(p, fs)
	typ, _ := sub(t, 1)
	proxy, _ := sub(t, 2)
	switch {
	case typ == "0" && !(strings.HasPrefix(proxy, "+65") && len(proxy) <= 16 && isDigits(proxy[3:])):
		fs = add(fs, "paynow-proxy", emvco.SeverityError, t, t.Path()+".02", "mobile proxy is not +65 and digits", refPayNow)
	case typ == "2" && (len(proxy) < 9 || len(proxy) > 13):
		fs = add(fs, "paynow-proxy", emvco.SeverityError, t, t.Path()+".02", "uen proxy is not 9 to 13 characters", refPayNow)
	case typ != "0" && typ != "2":
		fs = add(fs, "paynow-proxy-type", emvco.SeverityError, t, t.Path()+".01", "proxy type is not 0 (mobile) or 2 (uen)", refPayNow)
	}
	editable, _ := sub(t, 3)
	if _, hasAmount := p.Amount(); !hasAmount && editable != "1" {
		fs = add(fs, "paynow-editable", emvco.SeverityError, t, t.Path()+".03", "a code without amount must let the payer edit it (03 = 1)", refPayNow)
	}
	if exp, ok := sub(t, 4); ok {
		fs = lintExpiryDate(fs, t, exp, now)
	}
	return fs
}

// lintExpiryDate checks PayNow's YYYYMMDD expiry, refusing a past one: a
// payer must reject a transaction dated after it.
func lintExpiryDate(fs []emvco.Finding, t emvco.Object, exp string, now time.Time) []emvco.Finding {
	d, err := time.ParseInLocation("20060102", exp, sgTime)
	switch {
	case err != nil:
		return add(fs, "paynow-expiry", emvco.SeverityError, t, t.Path()+".04", "expiry is not YYYYMMDD", refPayNow)
	case now.In(sgTime).After(d.AddDate(0, 0, 1)):
		return add(fs, "paynow-expired", emvco.SeverityError, t, t.Path()+".04", "the code has expired", refPayNow)
	}
	return fs
}

var sgTime = time.FixedZone("SGT", 8*60*60)

func lintSGQR(p *emvco.Payload, t emvco.Object, fs []emvco.Finding, _ time.Time) []emvco.Finding {
	fs = lintSGCommon(p, fs)
	if _, ok := sub(t, 1); !ok {
		fs = add(fs, "sgqr-id", emvco.SeverityError, t, t.Path()+".01", "sgqr template has no sgqr id", refPayNow)
	}
	return fs
}
