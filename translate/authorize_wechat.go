package translate

import (
	"context"
	"errors"
	"time"

	"github.com/qrbridge/qrbridge/wechat"
)

// WeChat authorizes the payer leg of a WeChat Pay user (a *WeChatOrder)
// as an API v3 global Quick Pay through the caller's wechat.Client, which
// holds the transport (an *http.Client or any wechat.Doer), the keys and
// the verifier: nothing here dials on its own.
//
// It follows WeChat Pay's Quick Pay rule (wechat.QuickPayRule): an answer
// that is not final (USERPAYING, SYSTEMERROR, BANKERROR) or no answer at
// all is never charged again; the order is queried every QueryEvery until
// it settles, for up to QueryFor, and an order still unsettled then is
// reversed (a failed reverse is retried twice). A final failure is declined with a [*DeclineError] whose Code
// is WeChat's and whose Err is the *wechat.ResultError. A transport error,
// a timeout, a bad signature or an unparsable answer is never an approval:
// the outcome is unknown (resolve it with Resolve, which queries). An
// approval whose charge differs from the quote by more than one minor unit
// is still reported approved (the money moved) with a [*ChargeError] as
// Reason and as the returned error: refund it or accept it, never ignore
// it.
//
// PaymentCode gives the code the payer showed (the auth_code); nil means
// the Result's Intent.Token when it is a WeChat payment code (a
// consumer-presented code scanned at a till). QueryFor zero means 30 s,
// QueryEvery zero 5 s. A WeChat is safe for concurrent use if its Client
// is; do not change its fields while it is in use.
type WeChat struct {
	Client      *wechat.Client
	PaymentCode func(r *Result) (wechat.PaymentCode, error)
	QueryFor    time.Duration
	QueryEvery  time.Duration
}

// Authorize implements [Authorizer].
func (w *WeChat) Authorize(ctx context.Context, r *Result) (Authorization, error) {
	o, ok := r.PayerLeg.Request.(*WeChatOrder)
	if !ok {
		return refused(r, &Error{Field: "payer_leg", Err: ErrUnsupportedScheme})
	}
	code, err := w.paymentCode(r)
	if err != nil {
		return refused(r, &Error{Field: "payment_code", Err: ErrInvalid, Cause: err})
	}
	req := wechat.V3QuickPayRequest{Order: o.Order, AuthCode: code}
	if _, err := req.Call(w.Client.Merchant); err != nil { // refused before anything is sent
		return refused(r, &Error{Field: "wechat", Err: ErrInvalid, Cause: err})
	}
	tx, err := w.Client.QuickPay(ctx, req)
	return w.outcome(ctx, r, o, tx, err)
}

// Resolve implements [Resolver]: it queries the order (and, while it is
// unsettled, follows the Quick Pay rule) without paying again. An order
// WeChat Pay does not know is declined with code ORDERNOTEXIST.
func (w *WeChat) Resolve(ctx context.Context, r *Result) (Authorization, error) {
	o, ok := r.PayerLeg.Request.(*WeChatOrder)
	if !ok {
		return refused(r, &Error{Field: "payer_leg", Err: ErrUnsupportedScheme})
	}
	tx, err := w.Client.Query(ctx, o.Order.OutTradeNo)
	return w.outcome(ctx, r, o, tx, err)
}

// outcome turns an answer (of Quick Pay or Query) into an Authorization,
// settling an uncertain one by the Quick Pay rule.
func (w *WeChat) outcome(ctx context.Context, r *Result, o *WeChatOrder, tx wechat.V3Transaction, err error) (Authorization, error) {
	if err == nil {
		err = tx.Err()
	}
	if wechat.IsUncertain(err) {
		tx, err = w.settle(ctx, o.Order.OutTradeNo)
	}
	a := Authorization{Scheme: "wechat", Reference: o.Order.OutTradeNo, QuoteID: r.Quote.ID, At: time.Now()}
	var re *wechat.ResultError
	switch {
	case err == nil:
		return w.approved(r, o, tx, a)
	case errors.As(err, &re) && re.Verified && !re.Uncertain():
		a.Outcome, a.Reason = OutcomeDeclined, &DeclineError{Scheme: "wechat", Code: re.Code, Err: err}
	default: // no answer, a bad signature, an unparsable or unsettled answer
		a.Outcome, a.Reason = OutcomeUnknown, err
	}
	return a, a.Err()
}

// approved checks a SUCCESS transaction against the order and the quote.
func (w *WeChat) approved(r *Result, o *WeChatOrder, tx wechat.V3Transaction, a Authorization) (Authorization, error) {
	pay, err := tx.Payment()
	if err != nil || pay.OutTradeNo != o.Order.OutTradeNo {
		if err == nil {
			err = &Error{Field: "wechat.out_trade_no", Err: ErrChargeMismatch}
		}
		a.Outcome, a.Reason = OutcomeUnknown, err // never an approval we cannot read
		return a, a.Err()
	}
	a.Outcome, a.SchemeRef, a.Charged, a.Rate = OutcomeApproved, pay.TransactionID, pay.PayerTotal, pay.Rate
	if c, err := pay.Total.Cmp(o.Order.Total); err != nil || c != 0 {
		a.Reason = &ChargeError{Field: "amount", Want: o.Order.Total.String(), Got: pay.Total.String()}
		return a, a.Reason
	}
	if pay.PayerTotal.Currency().IsZero() { // the payer paid in the order's currency
		a.Charged = pay.Total
		return a, nil
	}
	if r.Quote.ID == "" { // no quote to check the charge against
		return a, nil
	}
	if err := CheckCharge(r.Quote, pay.PayerTotal, pay.Rate); err != nil {
		a.Reason = err
		return a, err
	}
	return a, nil
}

// settle follows the Quick Pay rule: query until the order settles or
// QueryFor passes, then reverse it. It returns the last transaction and
// its error: nil for SUCCESS, a final *wechat.ResultError (ORDERREVERSED
// after a reverse), or an uncertain error when nothing could be learnt.
func (w *WeChat) settle(ctx context.Context, outTradeNo string) (wechat.V3Transaction, error) {
	every, limit := w.QueryEvery, w.QueryFor
	if every <= 0 {
		every = 5 * time.Second
	}
	if limit <= 0 {
		limit = wechat.QuickPayQueryFor * time.Second
	}
	deadline := time.Now().Add(limit)
	var tx wechat.V3Transaction
	var err error = wechat.ErrTransport
	for time.Now().Before(deadline) {
		if !sleep(ctx, min(every, time.Until(deadline))) {
			return tx, errors.Join(wechat.ErrTransport, ctx.Err())
		}
		tx, err = w.Client.Query(ctx, outTradeNo)
		if err == nil {
			err = tx.Err()
		}
		if !wechat.IsUncertain(err) && !errors.Is(err, wechat.ErrNotPaid) {
			return tx, err
		}
	}
	if rerr := w.reverse(ctx, outTradeNo, every); rerr != nil {
		return tx, errors.Join(err, rerr) // still unknown: resolve later
	}
	return tx, &wechat.ResultError{Code: "ORDERREVERSED", Message: "reversed after " + limit.String() + " unsettled", Verified: true}
}

// reverse reverses the order, retrying a failed reverse twice, QueryEvery
// apart, as the Quick Pay rule asks.
func (w *WeChat) reverse(ctx context.Context, outTradeNo string, every time.Duration) error {
	err := w.Client.Reverse(ctx, outTradeNo)
	for try := 0; err != nil && try < 2 && !errors.Is(err, wechat.ErrReverseExpired) && sleep(ctx, every); try++ {
		err = w.Client.Reverse(ctx, outTradeNo)
	}
	return err
}

func (w *WeChat) paymentCode(r *Result) (wechat.PaymentCode, error) {
	if w.PaymentCode != nil {
		return w.PaymentCode(r)
	}
	if r.Intent.Token.Scheme() != "wechat" {
		return wechat.PaymentCode{}, errors.New("translate: no wechat payment code for this payment")
	}
	return wechat.ParsePaymentCode(r.Intent.Token.Reveal())
}

// sleep waits d or until ctx ends, and reports whether it waited.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
