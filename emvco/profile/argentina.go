package profile

import (
	"time"

	"github.com/qrbridge/qrbridge/emvco"
	"github.com/qrbridge/qrbridge/fx"
)

// refArgentina cites the BCRA's interoperable QR standard: Comunicación
// "A" 6425 (2018), which adopted EMV MPM for payments with QR codes, and
// "A" 6668 (2019), which brought the CVU into it, both in the texto
// ordenado "Sistema Nacional de Pagos – Servicios de Pago" (Comunicación
// "A" 7533, 2022).
const refArgentina = `BCRA Comunicaciones "A" 6425 and "A" 6668 (interoperable QR), texto ordenado "Sistema Nacional de Pagos – Servicios de Pago" ("A" 7533)`

// Argentina is the typed view of an Argentine interoperable merchant code
// (BCRA): the merchant's tax ID in 50.00 and, for payments by transfer, the
// merchant's account key in 51.00.
type Argentina struct {
	CUIT    string    // 50.00: the merchant's CUIT, 11 digits, as written (with or without dashes)
	Account string    // 51.00: the CBU or CVU of the merchant's account, 22 digits, when present
	Amount  fx.Amount // 54 in 53's currency; the zero Amount when the payer enters it
}

// isCUIT accepts a CUIT, the AFIP tax ID: 11 digits, or the same written
// NN-NNNNNNNN-N. The check digit is the Argentina profile's rule, not its
// detection, so that a code with a mistyped CUIT still gets its findings.
func isCUIT(s string) bool {
	d := cuitDigits(s)
	return len(d) == 11 && isDigits(d)
}

// cuitDigits drops the dashes of the NN-NNNNNNNN-N form.
func cuitDigits(s string) string {
	if len(s) == 13 && s[2] == '-' && s[11] == '-' {
		return s[:2] + s[3:11] + s[12:]
	}
	return s
}

// validCUIT checks the CUIT check digit (modulo 11 with weights
// 5, 4, 3, 2, 7, 6, 5, 4, 3, 2; a remainder giving 10 is never issued).
func validCUIT(s string) bool {
	d := cuitDigits(s)
	if len(d) != 11 || !isDigits(d) {
		return false
	}
	weights := [10]int{5, 4, 3, 2, 7, 6, 5, 4, 3, 2}
	sum := 0
	for i, w := range weights {
		sum += int(d[i]-'0') * w
	}
	check := (11 - sum%11) % 11
	return check != 10 && check == int(d[10]-'0')
}

// validCBU checks a CBU or CVU: 22 digits in two blocks, each ending in a
// check digit: the block's other digits weighted 3, 1, 7, 9, … from the
// right, and the check digit completing their sum to a multiple of 10.
func validCBU(s string) bool {
	if len(s) != 22 || !isDigits(s) {
		return false
	}
	return cbuBlockOK(s[:8]) && cbuBlockOK(s[8:])
}

func cbuBlockOK(b string) bool {
	weights := [4]int{3, 1, 7, 9} // from the digit before the check digit backwards
	check := len(b) - 1
	sum := 0
	for j := range check {
		sum += int(b[check-1-j]-'0') * weights[j%4]
	}
	return (10-sum%10)%10 == int(b[check]-'0')
}

// ArgentinaOf returns the Argentine view of p: ok when 58 is AR and 50.00
// holds a CUIT.
func ArgentinaOf(p *emvco.Payload) (Argentina, bool) {
	t, ok := p.Object(50)
	cuit, _ := sub(t, emvco.TagGUID)
	if !ok || !t.IsTemplate() || p.CountryCode() != "AR" || !isCUIT(cuit) {
		return Argentina{}, false
	}
	v := Argentina{CUIT: cuit}
	if acct, ok := p.Object(51); ok && acct.IsTemplate() {
		if k, _ := sub(acct, emvco.TagGUID); isDigits(k) {
			v.Account = k
		}
	}
	v.Amount, _ = p.Money()
	return v, true
}

func argentina() Profile {
	return Profile{Name: "argentina", Country: "AR", Domestic: isCUIT, Lint: lintArgentina}
}

// lintArgentina relaxes the GUID form of 50.00, which carries the CUIT,
// and checks the CUIT, a CBU or CVU in 51.00 (whose 22 digits pass as an
// AID) and the currency: pesos, or dollars for dollar accounts.
func lintArgentina(p *emvco.Payload, t emvco.Object, fs []emvco.Finding, _ time.Time) []emvco.Finding {
	fs = relax(fs, "mpm-guid-form", t.Path()+".00")
	fs = requireRoot(p, fs, emvco.TagTransactionCurrency, []string{"032", "840"}, "argentina-currency", refArgentina)
	if cuit, _ := sub(t, emvco.TagGUID); !validCUIT(cuit) {
		fs = add(fs, "argentina-cuit", emvco.SeverityError, t, t.Path()+".00", "cuit check digit does not match", refArgentina)
	}
	acct, ok := p.Object(51)
	if !ok || !acct.IsTemplate() {
		return fs
	}
	if k, _ := sub(acct, emvco.TagGUID); isDigits(k) && !validCBU(k) {
		fs = add(fs, "argentina-cbu", emvco.SeverityError, acct, "51.00", "cbu or cvu is not 22 digits with valid check digits", refArgentina)
	}
	return fs
}
