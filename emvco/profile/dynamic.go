package profile

import (
	"errors"

	"github.com/qrbridge/qrbridge/emvco"
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
// (EMV MPM v1.1 §4.7.2: 01 = 12 marks a code for one transaction): it sets
// the amount (54), which must be a
// valid amount with no more decimals than the currency (53) allows,
// switches 01 to 12, and, when ref is not empty, sets the reference where
// the payload's scheme expects it (Pix 62.05, PayNow and SGQR 62.01,
// VietQR 62.08; 62.05 otherwise). The CRC is recomputed.
func (r *Registry) Dynamic(p *emvco.Payload, amount, ref string) (*emvco.Payload, error) {
	if !emvco.ValidAmount(amount) {
		return nil, &emvco.BuildError{Path: "54", Err: emvco.ErrFormat}
	}
	e := p.Edit().Set("54", amount).Set("01", "12")
	if ref != "" {
		e.Set(r.referencePathOf(p), ref)
	}
	q, err := e.Payload()
	if err != nil {
		return nil, err
	}
	// Money checks the amount against the currency's exponent (53).
	if _, err := q.Money(); err != nil {
		var pe *emvco.ParseError
		path := "54"
		if errors.As(err, &pe) {
			path = pe.Path
		}
		return nil, &emvco.BuildError{Path: path, Err: emvco.ErrFormat}
	}
	return q, nil
}

func (r *Registry) referencePathOf(p *emvco.Payload) string {
	for _, m := range r.Schemes(p) {
		if path, ok := referencePath[m.Scheme]; ok {
			return path
		}
	}
	return "62.05"
}
