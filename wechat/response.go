package wechat

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"strconv"

	"github.com/qrbridge/qrbridge/fx"
)

// maxBody bounds a response body.
const maxBody = 64 << 10

// ParseV2XML reads a flat API v2 XML body (<xml><name>value</name>…</xml>)
// into parameters. Nested elements and repeated names are refused.
func ParseV2XML(body []byte) (map[string]string, error) {
	dec := xml.NewDecoder(io.LimitReader(bytes.NewReader(body), maxBody))
	p := map[string]string{}
	depth, name := 0, ""
	var text []byte
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, paramErr("xml", ErrSyntax)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > 2 || (depth == 1 && t.Name.Local != "xml") {
				return nil, paramErr("xml", ErrSyntax)
			}
			name, text = t.Name.Local, text[:0]
		case xml.CharData:
			text = append(text, t...)
		case xml.EndElement:
			if depth == 2 {
				if _, dup := p[name]; dup {
					return nil, paramErr(name, ErrFormat)
				}
				p[name] = string(text)
			}
			depth--
		}
	}
	if len(p) == 0 {
		return nil, paramErr("xml", ErrSyntax)
	}
	return p, nil
}

// VerifyV2Response parses a v2 response body, refuses a failed request
// with [ErrResult], and verifies its signature.
func VerifyV2Response(body []byte, key Secret) (map[string]string, error) {
	p, err := ParseV2XML(body)
	if err != nil {
		return nil, err
	}
	if p["return_code"] != "SUCCESS" {
		return nil, paramErr("return_code", ErrResult)
	}
	if err := VerifyV2(p, key); err != nil {
		return nil, err
	}
	if p["result_code"] != "SUCCESS" {
		return nil, paramErr("result_code", ErrResult)
	}
	return p, nil
}

// Payment is the money side of a paid order, from a v2 response or
// notification or a v3 transaction: the priced amount, the amount the
// payer paid (CNY for mainland users) and, for v2, the rate between them
// when the response carries one.
type Payment struct {
	TransactionID string
	OutTradeNo    string
	Total         fx.Amount
	PayerTotal    fx.Amount
	Rate          fx.Rate // zero when the response carries no rate
}

// V2Payment reads total_fee/fee_type, cash_fee/cash_fee_type (default CNY)
// and rate from verified v2 parameters. The rate is read as the
// exchange-rate query defines it, priced currency → CNY × 10^8; whether
// order responses carry a per-transaction rate is not documented (research
// notes §2.5), so Rate is zero when they do not.
func V2Payment(p map[string]string) (Payment, error) {
	total, err := minorAmount(p["total_fee"], p["fee_type"], "CNY", "total_fee")
	if err != nil {
		return Payment{}, err
	}
	pay := Payment{TransactionID: p["transaction_id"], OutTradeNo: p["out_trade_no"], Total: total}
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
	n, err := strconv.ParseInt(units, 10, 64)
	if err != nil || n < 0 || !isDigits(units) {
		return fx.Amount{}, paramErr(param, ErrFormat)
	}
	return fx.FromMinor(n, c), nil
}

// V3Transaction is the part of an API v3 global transaction (query result
// or decrypted notification) that carries money.
type V3Transaction struct {
	TransactionID string `json:"transaction_id"`
	OutTradeNo    string `json:"out_trade_no"`
	TradeState    string `json:"trade_state"`
	Amount        struct {
		Total         int64  `json:"total"`
		Currency      string `json:"currency"`
		PayerTotal    int64  `json:"payer_total"`
		PayerCurrency string `json:"payer_currency"`
	} `json:"amount"`
	ExchangeRate struct {
		Type string `json:"type"`
		Rate int64  `json:"rate"`
	} `json:"exchange_rate"`
}

// ParseV3Transaction reads a v3 transaction JSON body.
func ParseV3Transaction(body []byte) (V3Transaction, error) {
	var t V3Transaction
	if err := json.Unmarshal(body, &t); err != nil {
		return V3Transaction{}, paramErr("transaction", ErrSyntax)
	}
	return t, nil
}

// Payment converts the transaction's amounts into fx values. Its Rate is
// zero: the v3 exchange_rate relates the priced currency to the merchant's
// settlement currency, which the transaction does not name; see
// [V3Transaction.Rate].
func (t V3Transaction) Payment() (Payment, error) {
	total, err := minorAmount(strconv.FormatInt(t.Amount.Total, 10), t.Amount.Currency, "", "amount.total")
	if err != nil {
		return Payment{}, err
	}
	pay := Payment{TransactionID: t.TransactionID, OutTradeNo: t.OutTradeNo, Total: total}
	if t.Amount.PayerCurrency != "" {
		pay.PayerTotal, err = minorAmount(strconv.FormatInt(t.Amount.PayerTotal, 10), t.Amount.PayerCurrency, "", "amount.payer_total")
		if err != nil {
			return Payment{}, err
		}
	}
	return pay, nil
}

// Rate returns the transaction's exchange_rate (× 10^8) as the rate from
// the priced currency to quote. For type SETTLEMENT_RATE, quote is the
// merchant's settlement currency (research notes §2.5), which the caller
// knows from its contract or from settlement_currency in refunds.
func (t V3Transaction) Rate(quote fx.Currency) (fx.Rate, error) {
	if t.ExchangeRate.Rate <= 0 {
		return fx.Rate{}, paramErr("exchange_rate.rate", ErrMissing)
	}
	base, err := fx.LookupCurrency(t.Amount.Currency)
	if err != nil {
		return fx.Rate{}, paramErr("amount.currency", err)
	}
	r, err := fx.ParseWeChatRate(strconv.FormatInt(t.ExchangeRate.Rate, 10), base, quote)
	if err != nil {
		return fx.Rate{}, paramErr("exchange_rate.rate", err)
	}
	return r, nil
}
