package zeropay

import (
	"errors"
	"time"

	"github.com/qrbridge/qrbridge/fx"
)

// Result is what a payer-side operator registers with the Zero Pay relay
// after it has approved a static-QR payment itself (거래구분 500000, result
// registration; KFTC Zero Pay platform design v2.6.3b, p. 1-19): there is
// no online authorisation by the merchant side. The wire format is not
// public and is not modelled; this is the content the authorization layer
// produces.
//
// Amount is in KRW, whole won. When the payer paid in another currency
// (a WeChat user in CNY), Original holds that amount; its zero value means
// the payer paid in won.
type Result struct {
	MerchantID     string
	TerminalID     string
	Amount         fx.Amount
	ApprovalNumber string
	Operator       SystemID // the operator code is "P" + this ID
	Time           time.Time
	Original       fx.Amount
}

// Validate reports every problem of the record at once, as errors joined
// with [errors.Join]; each is a [*FieldError]. It returns nil for a valid
// record.
func (r Result) Validate() error {
	return errors.Join(
		checkMerchantID(r.MerchantID),
		checkAlnum("terminal ID", r.TerminalID, -1, 16, 16),
		checkWon("amount", r.Amount),
		checkAlnum("approval number", r.ApprovalNumber, -1, 1, 20),
		checkOperator(r.Operator),
		checkTime("time", r.Time),
		checkOriginal(r.Original),
	)
}

// Refund is the record of a refund of a registered payment: the original
// approval, the refunded KRW amount (at most the original's), and, for a
// payer in another currency, the amount returned in that currency.
type Refund struct {
	MerchantID       string
	TerminalID       string
	OriginalApproval string
	OriginalTime     time.Time
	Amount           fx.Amount
	ApprovalNumber   string
	Operator         SystemID
	Time             time.Time
	Original         fx.Amount
}

// Validate reports every problem of the refund at once, as Result.Validate
// does. It does not know the original amount: check that against your
// records.
func (r Refund) Validate() error {
	var order error
	if !r.Time.IsZero() && r.Time.Before(r.OriginalTime) {
		order = fieldErr("time", -1, ErrFormat) // refunded before it was paid
	}
	return errors.Join(
		checkMerchantID(r.MerchantID),
		checkAlnum("terminal ID", r.TerminalID, -1, 16, 16),
		checkAlnum("original approval", r.OriginalApproval, -1, 1, 20),
		checkTime("original time", r.OriginalTime),
		checkWon("amount", r.Amount),
		checkAlnum("approval number", r.ApprovalNumber, -1, 1, 20),
		checkOperator(r.Operator),
		checkTime("time", r.Time),
		order,
		checkOriginal(r.Original),
	)
}

var krw = fx.MustCurrency("KRW")

func checkMerchantID(id string) error {
	if err := checkAlnum("merchant ID", id, -1, 12, 12); err != nil {
		return err
	}
	if !validIssueMonth(id) {
		return fieldErr("merchant ID", -1, ErrFormat)
	}
	return nil
}

// checkWon requires a positive amount in whole won.
func checkWon(field string, a fx.Amount) error {
	if a.Currency() != krw {
		return fieldErr(field, -1, fx.ErrCurrencyMismatch)
	}
	if a.Sign() <= 0 || !a.Decimal().IsInteger() {
		return fieldErr(field, -1, ErrFormat)
	}
	return nil
}

func checkOperator(id SystemID) error {
	if !id.valid() {
		return fieldErr("operator", -1, ErrFormat)
	}
	return nil
}

func checkTime(field string, t time.Time) error {
	if t.IsZero() {
		return fieldErr(field, -1, ErrLength)
	}
	return nil
}

// checkOriginal accepts the zero Amount (paid in won) or a positive amount
// in another currency with no more decimals than it has minor units.
func checkOriginal(a fx.Amount) error {
	if a.Currency().IsZero() {
		return nil
	}
	if a.Currency() == krw || a.Sign() <= 0 || !a.Round(fx.Down).Decimal().Equal(a.Decimal()) {
		return fieldErr("original amount", -1, ErrFormat)
	}
	return nil
}
