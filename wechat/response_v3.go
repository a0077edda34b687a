package wechat

import (
	"encoding/json"
	"strconv"

	"github.com/qrbridge/qrbridge/fx"
)

// RateType is the type of a v3 exchange_rate: which two currencies its
// rate relates.
type RateType string

const (
	// UserPaymentRate relates the priced currency to the payer's (CNY).
	UserPaymentRate RateType = "USERPAYMENT_RATE"
	// SettlementRate relates the priced currency to the merchant's
	// settlement currency, which the transaction does not name.
	SettlementRate RateType = "SETTLEMENT_RATE"
)

// V3ExchangeRate is exchange_rate: its type and the rate × 10^8.
type V3ExchangeRate struct {
	Type RateType `json:"type"`
	Rate int64    `json:"rate"`
}

// V3TransactionAmount is a v3 transaction's amount object. ExchangeRate
// sits here in the OpenAPI description and the SDK samples.
type V3TransactionAmount struct {
	Total         int64           `json:"total"`
	Currency      string          `json:"currency"`
	PayerTotal    int64           `json:"payer_total"`
	PayerCurrency string          `json:"payer_currency"`
	ExchangeRate  *V3ExchangeRate `json:"exchange_rate,omitempty"`
}

// V3Transaction is an API v3 global transaction: the answer of Quick Pay
// and Query Order, or a decrypted notification
// (https://pay.weixin.qq.com/wiki/doc/api_external/en/apis/chapter3_1_2.shtml).
// Global responses name the WeChat order number id; [ParseV3Transaction]
// also reads the mainland transaction_id, and keeps the number in
// TransactionID. ExchangeRate is read inside amount and, as one source
// has it, at the top level; use [V3Transaction.ExchangeRateInfo].
type V3Transaction struct {
	TransactionID  string              `json:"id"`
	OutTradeNo     string              `json:"out_trade_no"`
	TradeType      string              `json:"trade_type"`
	TradeState     string              `json:"trade_state"`
	TradeStateDesc string              `json:"trade_state_desc,omitempty"`
	Attach         string              `json:"attach,omitempty"`
	SuccessTime    string              `json:"success_time,omitempty"`
	Amount         V3TransactionAmount `json:"amount"`
	ExchangeRate   *V3ExchangeRate     `json:"exchange_rate,omitempty"`
}

// ParseV3Transaction reads a v3 transaction JSON body (at most 64 KiB).
// A body that gives exchange_rate both inside amount and at the top
// level, with different values, is refused.
func ParseV3Transaction(body []byte) (V3Transaction, error) {
	var t struct {
		V3Transaction
		Mainland string `json:"transaction_id"`
	}
	if len(body) > maxBody || json.Unmarshal(body, &t) != nil {
		return V3Transaction{}, paramErr("transaction", ErrSyntax)
	}
	if t.TransactionID == "" {
		t.TransactionID = t.Mainland
	}
	a, b := t.Amount.ExchangeRate, t.ExchangeRate
	if a != nil && b != nil && *a != *b {
		return V3Transaction{}, paramErr("exchange_rate", ErrFormat)
	}
	return t.V3Transaction, nil
}

// ExchangeRateInfo returns the transaction's exchange_rate, from amount or
// the top level; nil when it carries none.
func (t V3Transaction) ExchangeRateInfo() *V3ExchangeRate {
	if t.Amount.ExchangeRate != nil {
		return t.Amount.ExchangeRate
	}
	return t.ExchangeRate
}

// Err returns nil for trade_state SUCCESS and otherwise a [*ResultError]
// whose Code is the trade state: USERPAYING matches [ErrUserPaying] (keep
// querying), NOTPAY [ErrNotPaid], CLOSED [ErrOrderClosed], REVOKED
// [ErrOrderReversed], PAYERROR [ErrPayError].
func (t V3Transaction) Err() error {
	if t.TradeState == "SUCCESS" {
		return nil
	}
	return &ResultError{Code: t.TradeState, Message: t.TradeStateDesc, Verified: true}
}

// Payment converts the transaction's amounts into fx values. Rate is set
// only for an exchange_rate of type USERPAYMENT_RATE, and then payer_total
// must be total × rate within one minor unit ([*AmountError]); a
// SETTLEMENT_RATE is not a payer rate (see [V3Transaction.Rate]).
func (t V3Transaction) Payment() (Payment, error) {
	total, err := minorAmount(strconv.FormatInt(t.Amount.Total, 10), t.Amount.Currency, "", "amount.total")
	if err != nil {
		return Payment{}, err
	}
	pay := Payment{TransactionID: t.TransactionID, OutTradeNo: t.OutTradeNo, TradeState: t.TradeState, Total: total}
	if t.Amount.PayerCurrency == "" {
		return pay, nil
	}
	pay.PayerTotal, err = minorAmount(strconv.FormatInt(t.Amount.PayerTotal, 10), t.Amount.PayerCurrency, "", "amount.payer_total")
	if err != nil {
		return Payment{}, err
	}
	if er := t.ExchangeRateInfo(); er != nil && er.Type == UserPaymentRate {
		if pay.Rate, err = er.rate(total.Currency(), pay.PayerTotal.Currency()); err != nil {
			return Payment{}, err
		}
		if err := checkPayer("amount.payer_total", total, pay.PayerTotal, pay.Rate); err != nil {
			return Payment{}, err
		}
	}
	return pay, nil
}

// Rate returns the transaction's exchange_rate as a rate from the priced
// currency to quote, after checking that its type is typ ([ErrRateType]
// otherwise: a SETTLEMENT_RATE is never read as a payer rate, nor the
// reverse). For [SettlementRate], quote is the merchant's settlement
// currency, which the caller knows from its contract; for
// [UserPaymentRate] it is the payer currency.
func (t V3Transaction) Rate(typ RateType, quote fx.Currency) (fx.Rate, error) {
	er := t.ExchangeRateInfo()
	if er == nil {
		return fx.Rate{}, paramErr("exchange_rate", ErrMissing)
	}
	if er.Type != typ {
		return fx.Rate{}, paramErr("exchange_rate.type", ErrRateType)
	}
	base, err := fx.LookupCurrency(t.Amount.Currency)
	if err != nil {
		return fx.Rate{}, paramErr("amount.currency", err)
	}
	return er.rate(base, quote)
}

func (er V3ExchangeRate) rate(base, quote fx.Currency) (fx.Rate, error) {
	if er.Rate <= 0 {
		return fx.Rate{}, paramErr("exchange_rate.rate", ErrMissing)
	}
	r, err := fx.ParseWeChatRate(strconv.FormatInt(er.Rate, 10), base, quote)
	if err != nil {
		return fx.Rate{}, paramErr("exchange_rate.rate", err)
	}
	return r, nil
}

// V3Refund is the answer of Apply for Refund and Query Refund (v3 global,
// /v3/global/refunds): the refund's WeChat number (id), the merchant's
// out_refund_no, its status (SUCCESS, PROCESSING, REFUNDCLOSE, ABNORMAL)
// and amount: refund and currency, payer_refund and payer_currency, and
// exchange_rate.
type V3Refund struct {
	RefundID    string         `json:"id"`
	OutRefundNo string         `json:"out_refund_no"`
	OutTradeNo  string         `json:"out_trade_no,omitempty"`
	Status      string         `json:"status,omitempty"`
	CreateTime  string         `json:"create_time,omitempty"`
	Amount      V3RefundAmount `json:"amount"`
}

// V3RefundAmount is a refund answer's amount object.
type V3RefundAmount struct {
	Refund        int64           `json:"refund"`
	Currency      string          `json:"currency"`
	PayerRefund   int64           `json:"payer_refund"`
	PayerCurrency string          `json:"payer_currency"`
	ExchangeRate  *V3ExchangeRate `json:"exchange_rate,omitempty"`
}

// RefundAmounts is a refund in fx values: the refund in the priced
// currency, what the payer gets back and, for a USERPAYMENT_RATE, the
// rate between them.
type RefundAmounts struct {
	Refund      fx.Amount
	PayerRefund fx.Amount
	Rate        fx.Rate
}

// ParseV3Refund reads a v3 refund answer.
func ParseV3Refund(body []byte) (V3Refund, error) {
	var r V3Refund
	if len(body) > maxBody || json.Unmarshal(body, &r) != nil {
		return V3Refund{}, paramErr("refund", ErrSyntax)
	}
	if r.OutRefundNo == "" {
		return V3Refund{}, paramErr("out_refund_no", ErrMissing)
	}
	return r, nil
}

// Amounts converts the refund's amounts, checking payer_refund against a
// USERPAYMENT_RATE as [V3Transaction.Payment] does.
func (r V3Refund) Amounts() (RefundAmounts, error) {
	a := r.Amount
	refund, err := minorAmount(strconv.FormatInt(a.Refund, 10), a.Currency, "", "amount.refund")
	if err != nil {
		return RefundAmounts{}, err
	}
	out := RefundAmounts{Refund: refund}
	if a.PayerCurrency == "" {
		return out, nil
	}
	if out.PayerRefund, err = minorAmount(strconv.FormatInt(a.PayerRefund, 10), a.PayerCurrency, "", "amount.payer_refund"); err != nil {
		return RefundAmounts{}, err
	}
	if er := a.ExchangeRate; er != nil && er.Type == UserPaymentRate {
		if out.Rate, err = er.rate(refund.Currency(), out.PayerRefund.Currency()); err != nil {
			return RefundAmounts{}, err
		}
		if err := checkPayer("amount.payer_refund", refund, out.PayerRefund, out.Rate); err != nil {
			return RefundAmounts{}, err
		}
	}
	return out, nil
}

// Err returns nil for a refund that succeeded or is processing, and a
// [*ResultError] with the status as Code otherwise.
func (r V3Refund) Err() error {
	switch r.Status {
	case "", "SUCCESS", "PROCESSING":
		return nil
	}
	return &ResultError{Code: r.Status, Verified: true}
}

// ParseV3Error reads an API v3 error answer ({"code": …, "message": …})
// of HTTP status into a [*ResultError]; a body that is not one gives a
// ResultError without a Code.
func ParseV3Error(status int, body []byte) error {
	var e struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	}
	if len(body) <= maxBody {
		_ = json.Unmarshal(body, &e)
	}
	return &ResultError{Code: e.Code, Message: e.Message, HTTPStatus: status}
}
