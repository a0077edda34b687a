package wechat

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"

	"github.com/qrbridge/qrbridge/fx"
)

// maxBody bounds a response body.
const maxBody = 64 << 10

// maxParams bounds the parameters of a v2 body.
const maxParams = 256

// ParseV2XML reads a flat API v2 XML body (<xml><name>value</name>…</xml>)
// into parameters. Exactly one <xml> root is accepted, with nothing but
// white space after it; nested elements, attributes-only tricks and
// repeated names are refused ([ErrSyntax], [ErrFormat]). Bodies past 64
// KiB or 256 parameters are refused. Errors name the parameter, cut to 32
// bytes, never its value.
func ParseV2XML(body []byte) (map[string]string, error) {
	if len(body) > maxBody {
		return nil, paramErr("xml", ErrSyntax)
	}
	dec := xml.NewDecoder(bytes.NewReader(body))
	p := map[string]string{}
	depth, roots, name := 0, 0, ""
	var text []byte
	for {
		tok, err := dec.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, paramErr("xml", ErrSyntax)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth == 1 {
				roots++
			}
			if depth > 2 || roots > 1 || (depth == 1 && t.Name.Local != "xml") || t.Name.Space != "" {
				return nil, paramErr("xml", ErrSyntax)
			}
			name, text = t.Name.Local, text[:0]
		case xml.CharData:
			if depth == 0 && len(bytes.TrimSpace(t)) > 0 {
				return nil, paramErr("xml", ErrSyntax)
			}
			text = append(text, t...)
		case xml.EndElement:
			if depth == 2 {
				if _, dup := p[name]; dup {
					return nil, paramErr(cutName(name), ErrFormat)
				}
				if len(p) == maxParams {
					return nil, paramErr("xml", ErrSyntax)
				}
				p[name] = string(text)
			}
			depth--
		case xml.Directive:
			return nil, paramErr("xml", ErrSyntax) // no DTD, no entities
		}
	}
	if roots != 1 || depth != 0 || len(p) == 0 {
		return nil, paramErr("xml", ErrSyntax)
	}
	return p, nil
}

// VerifyV2Response parses a v2 response body and checks it: a body whose
// return_code is not SUCCESS is a [*ResultError] (unsigned: WeChat Pay
// signs only answers whose return_code is SUCCESS); otherwise the
// signature must verify ([ErrSignature]), and a result_code other than
// SUCCESS is a [*ResultError] with err_code as its Code, matchable with
// errors.Is ([ErrUserPaying], [ErrSystemError], [ErrNotEnough] …).
//
// The parameters are returned beside a *ResultError too (and kept in its
// Params): a Quick Pay answered USERPAYING is not a failure, and its
// out_trade_no is needed to query it ([QuickPayRule]).
func VerifyV2Response(body []byte, key Secret) (map[string]string, error) {
	p, err := ParseV2XML(body)
	if err != nil {
		return nil, err
	}
	if p["return_code"] != "SUCCESS" {
		return p, &ResultError{Code: p["err_code"], Message: p["return_msg"], Params: p}
	}
	if err := VerifyV2(p, key); err != nil {
		return nil, err
	}
	if p["result_code"] != "SUCCESS" {
		return p, &ResultError{Code: p["err_code"], Message: p["err_code_des"], Params: p, Verified: true}
	}
	return p, nil
}

// Payment is the money side of a paid order, from a v2 response or
// notification or a v3 transaction: the priced amount, the amount the
// payer paid (CNY for mainland users) and the payer rate between them
// when the response carries one (v2 rate, v3 exchange_rate of type
// USERPAYMENT_RATE). A Payment is a plain value.
type Payment struct {
	TransactionID string
	OutTradeNo    string
	TradeState    string // v3 trade_state, v2 trade_state when queried; "" for a v2 pay answer
	Total         fx.Amount
	PayerTotal    fx.Amount // zero when the response carries none
	Rate          fx.Rate   // payer rate Total→PayerTotal; zero when the response carries none
}

// AmountError reports a payer amount that disagrees with amount × rate by
// more than one minor unit. It matches [ErrAmountMismatch].
type AmountError struct {
	Param string    // the payer amount's parameter: cash_fee, amount.payer_total …
	Want  fx.Amount // amount × rate, rounded half-even
	Got   fx.Amount // what the response says
}

func (e *AmountError) Error() string {
	return "wechat: " + e.Param + ": amounts disagree with the rate: " + e.Got.String() + ", rate gives " + e.Want.String()
}

// Unwrap returns [ErrAmountMismatch].
func (e *AmountError) Unwrap() error { return ErrAmountMismatch }

// checkPayer checks payer = total × rate within one minor unit of the
// payer currency.
func checkPayer(param string, total, payer fx.Amount, rate fx.Rate) error {
	want, err := fx.Convert(total, rate, fx.HalfEven)
	if err != nil {
		return paramErr(param, err)
	}
	w, _ := want.Minor(fx.HalfEven)
	g, err := payer.Minor(fx.HalfEven)
	if err != nil || payer.Currency() != want.Currency() || g-w > 1 || w-g > 1 {
		return &AmountError{Param: param, Want: want, Got: payer}
	}
	return nil
}

// V2Payment reads total_fee/fee_type, cash_fee/cash_fee_type (default CNY)
// and rate from verified v2 parameters. The rate is read as the
// exchange-rate query defines it, priced currency → CNY × 10^8; when the
// parameters carry a rate and a cash_fee, cash_fee must be total_fee ×
// rate within one minor unit ([*AmountError]).
func V2Payment(p map[string]string) (Payment, error) {
	total, err := minorAmount(p["total_fee"], p["fee_type"], "CNY", "total_fee")
	if err != nil {
		return Payment{}, err
	}
	pay := Payment{TransactionID: p["transaction_id"], OutTradeNo: p["out_trade_no"], TradeState: p["trade_state"], Total: total}
	if p["cash_fee"] != "" {
		if pay.PayerTotal, err = minorAmount(p["cash_fee"], p["cash_fee_type"], "CNY", "cash_fee"); err != nil {
			return Payment{}, err
		}
	}
	if p["rate"] != "" {
		pay.Rate, err = fx.ParseWeChatRate(p["rate"], total.Currency(), fx.MustCurrency("CNY"))
		if err != nil {
			return Payment{}, paramErr("rate", err)
		}
		if p["cash_fee"] != "" {
			if err := checkPayer("cash_fee", total, pay.PayerTotal, pay.Rate); err != nil {
				return Payment{}, err
			}
		}
	}
	return pay, nil
}

// minorAmount reads an integer amount of minor units in code (def when
// empty).
func minorAmount(units, code, def, param string) (fx.Amount, error) {
	if code == "" {
		code = def
	}
	c, err := fx.LookupCurrency(code)
	if err != nil {
		return fx.Amount{}, paramErr(param, err)
	}
	if len(units) > 18 || !isDigits(units) {
		return fx.Amount{}, paramErr(param, ErrFormat)
	}
	n, _ := strconv.ParseInt(units, 10, 64)
	return fx.FromMinor(n, c), nil
}
