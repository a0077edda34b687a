package profile

import (
	"strings"
	"time"

	"github.com/qrbridge/qrbridge/emvco"
	"github.com/qrbridge/qrbridge/fx"
)

// refPix cites the Banco Central do Brasil's manual of the BR Code, the Pix
// profile of EMV MPM.
const refPix = "BCB Manual de Padrões para Iniciação do Pix (BR Code), §1.5"

// Pix is the typed view of a Brazilian Pix code (template with GUID
// br.gov.bcb.pix, usually 26).
type Pix struct {
	Key       string    // 26.01: phone +55…, e-mail, CPF (11 digits), CNPJ (14) or random key (UUID)
	Info      string    // 26.02: free text for the payer (static codes)
	FSS       string    // 26.03: ISPB of the Pix Saque/Troco facilitator
	URL       string    // 26.25: dynamic payload location, without https://
	TxID      string    // 62.05: transaction id, "***" when none
	Automatic string    // 80.25: Pix Automático recurrence URL, when present
	Amount    fx.Amount // 54 in reais; the zero Amount when the payer enters it
}

// PixOf returns the Pix view of p; ok is false when p carries no Pix
// template.
func PixOf(p *emvco.Payload) (v Pix, ok bool) {
	for o := range p.Objects() {
		g, has := sub(o, emvco.TagGUID)
		if !o.IsTemplate() || !has || !isPixGUID(g) {
			continue
		}
		if o.ID().IsUnreserved() {
			v.Automatic, _ = sub(o, 25)
		} else {
			v.Key, _ = sub(o, 1)
			v.Info, _ = sub(o, 2)
			v.FSS, _ = sub(o, 3)
			v.URL, _ = sub(o, 25)
		}
		ok = true
	}
	if ad, has := p.AdditionalData(); has {
		v.TxID = ad.ReferenceLabel()
	}
	v.Amount, _ = p.Money()
	return v, ok
}

// isPixGUID accepts br.gov.bcb.pix in any case, and br.gov.bcb.spi of
// 2019-era test vectors.
func isPixGUID(g string) bool {
	return strings.EqualFold(g, "br.gov.bcb.pix") || strings.EqualFold(g, "br.gov.bcb.spi")
}

func pix() Profile {
	return Profile{Name: "pix", Country: "BR", Match: isPixGUID, Lint: lintPix}
}

// lintPix runs once per payload and checks every Pix template in it: the
// merchant account (26-51) and any Pix Automático template (80-99).
func lintPix(p *emvco.Payload, _ emvco.Object, fs []emvco.Finding, _ time.Time) []emvco.Finding {
	fs = relax(fs, "mpm-mcc-not-applicable") // Pix uses 52 = 0000
	fs = requireRoot(p, fs, emvco.TagTransactionCurrency, []string{"986"}, "pix-currency", refPix)
	fs = requireRoot(p, fs, emvco.TagCountryCode, []string{"BR"}, "pix-country", refPix)
	for o := range p.Objects() {
		g, ok := sub(o, emvco.TagGUID)
		switch {
		case !ok || !o.IsTemplate() || !isPixGUID(g):
		case o.ID().IsUnreserved():
			if u, _ := sub(o, 25); u == "" {
				fs = add(fs, "pix-automatic-url", emvco.SeverityError, o, "", "pix automático template has no url (25)", refPix)
			}
		default:
			fs = lintPixAccount(p, o, fs)
		}
	}
	return lintPixTxID(p, fs)
}

// lintPixAccount checks the merchant account template: a valid key or a
// location URL.
func lintPixAccount(p *emvco.Payload, t emvco.Object, fs []emvco.Finding) []emvco.Finding {
	key, hasKey := sub(t, 1)
	url, hasURL := sub(t, 25)
	switch {
	case hasKey && !validPixKey(key):
		fs = add(fs, "pix-key", emvco.SeverityError, t, t.Path()+".01", "pix key is not a phone, e-mail, cpf, cnpj or random key", refPix)
	case hasURL && (strings.HasPrefix(url, "https://") || strings.HasPrefix(url, "http://")):
		fs = add(fs, "pix-url-scheme", emvco.SeverityWarning, t, t.Path()+".25", "location url should omit the scheme", refPix)
	case !hasKey && !hasURL && !hasAutomatic(p):
		fs = add(fs, "pix-key-or-url", emvco.SeverityError, t, "", "pix template has neither a key (01) nor a url (25)", refPix)
	}
	return fs
}

func hasAutomatic(p *emvco.Payload) bool {
	for o := range p.Objects() {
		if g, ok := sub(o, emvco.TagGUID); ok && o.ID().IsUnreserved() && isPixGUID(g) {
			return true
		}
	}
	return false
}

// lintPixTxID: 62.05 is present, "***" or up to 25 letters and digits.
func lintPixTxID(p *emvco.Payload, fs []emvco.Finding) []emvco.Finding {
	ad, ok := p.AdditionalData()
	tx := ad.ReferenceLabel()
	if !ok || tx == "" {
		return append(fs, emvco.Finding{Rule: "pix-txid", Severity: emvco.SeverityWarning, Path: "62.05", Message: "pix codes carry a txid in 62.05 (*** when none)", Ref: refPix})
	}
	if tx != "***" && !isAlnum(tx) {
		fs = add(fs, "pix-txid", emvco.SeverityError, ad.Object, "62.05", "txid is not *** or up to 25 letters and digits", refPix)
	}
	return fs
}

// validPixKey recognises the five kinds of Pix key (chave).
func validPixKey(k string) bool {
	switch {
	case strings.HasPrefix(k, "+55"):
		return len(k) >= 12 && len(k) <= 14 && isDigits(k[1:])
	case strings.Contains(k, "@"):
		return len(k) <= 77 && !strings.ContainsAny(k, " ")
	case len(k) == 11 || len(k) == 14:
		return isDigits(k)
	case len(k) == 36:
		return isUUID(k)
	}
	return false
}

func isUUID(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if i == 8 || i == 13 || i == 18 || i == 23 {
			if c != '-' {
				return false
			}
		} else if !(c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'f') {
			return false
		}
	}
	return len(s) == 36
}

func isAlnum(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z') {
			return false
		}
	}
	return true
}
