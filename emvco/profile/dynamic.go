package profile

import (
	"strings"

	"github.com/qrbridge/qrbridge/emvco"
	"github.com/qrbridge/qrbridge/fx"
)

// referencePath is where each scheme expects a dynamic code's reference.
var referencePath = map[string]string{
	"pix":    "62.05", // txid
	"paynow": "62.01", // bill number carries the transaction reference
	"sgqr":   "62.01",
	"vietqr": "62.08",
	"khqr":   "62.01",
}

// Dynamic turns a static code into a dynamic one in one structural edit
// (research notes peers.md §5.7): it sets the amount (54), which must be a
// valid amount with no more decimals than the currency (53) allows,
// switches 01 to 12, and, when ref is not empty, sets the reference where
// the payload's scheme expects it (Pix 62.05, PayNow and SGQR 62.01,
// VietQR 62.08; 62.05 otherwise). The CRC is recomputed.
func (r *Registry) Dynamic(p *emvco.Payload, amount, ref string) (*emvco.Payload, error) {
	if err := checkAmount(p, amount); err != nil {
		return nil, err
	}
	e := p.Edit().Set("54", amount).Set("01", "12")
	if ref != "" {
		e.Set(r.referencePathOf(p), ref)
	}
	return e.Payload()
}

func (r *Registry) referencePathOf(p *emvco.Payload) string {
	for _, m := range r.Schemes(p) {
		if path, ok := referencePath[m.Scheme]; ok {
			return path
		}
	}
	return "62.05"
}

// checkAmount validates amount against the payload's currency exponent.
func checkAmount(p *emvco.Payload, amount string) error {
	if !emvco.ValidAmount(amount) {
		return &emvco.BuildError{Path: "54", Err: emvco.ErrFormat}
	}
	cur, err := fx.LookupNumeric(p.Currency())
	if err != nil {
		return &emvco.BuildError{Path: "53", Err: emvco.ErrFormat}
	}
	if _, err := fx.ParseAmount(strings.TrimSuffix(amount, "."), cur); err != nil {
		return &emvco.BuildError{Path: "54", Err: emvco.ErrFormat}
	}
	return nil
}
