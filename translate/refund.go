package translate

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/wechat"
	"github.com/qrbridge/qrbridge/zeropay"
)

// RefundLedger keeps what each payment has had refunded, so that refunds
// never return more than was paid, across partial refunds and replicas.
//
// Add atomically adds amount (integer minor units of the merchant's
// currency; 0 means all that is left) to payment's refunded total if that
// stays within paid, and returns the total refunded before this refund and
// the amount added. It is idempotent by refundID: the same ID with the
// same amount (or 0) returns the first answer and adds nothing; with
// another amount it fails with [ErrIdempotencyConflict]. Nothing left to
// refund, or A refund past paid is a [*RefundError]
// ([ErrRefundExceeded]). Implementations must be safe for concurrent use
// and fail closed ([ErrStore]).
type RefundLedger interface {
	Add(ctx context.Context, payment, refundID string, amount, paid int64) (before, added int64, err error)
}

// MemoryRefunds is a [RefundLedger] in memory, for one process. Entries are
// kept for the process's life (refunds are rare next to payments); the zero
// value is ready to use and safe for concurrent use.
type MemoryRefunds struct {
	mu  sync.Mutex
	pay map[string]*refundEntry
}

type refundEntry struct {
	total int64
	ids   map[string][2]int64 // refund ID → amount, before
}

// Add implements [RefundLedger].
func (m *MemoryRefunds) Add(ctx context.Context, payment, refundID string, amount, paid int64) (int64, int64, error) {
	if err := ctxError(ctx, "refunds", "add"); err != nil {
		return 0, 0, err
	}
	if err := checkRefund(payment, refundID, amount, paid); err != nil {
		return 0, 0, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.pay == nil {
		m.pay = make(map[string]*refundEntry)
	}
	e := m.pay[payment]
	if e == nil {
		e = &refundEntry{ids: make(map[string][2]int64)}
		m.pay[payment] = e
	}
	if old, ok := e.ids[refundID]; ok {
		if amount != 0 && old[0] != amount {
			return 0, 0, ErrIdempotencyConflict
		}
		return old[1], old[0], nil
	}
	if amount == 0 {
		amount = paid - e.total
	}
	if amount <= 0 || amount > paid-e.total {
		return 0, 0, &RefundError{Paid: paid, Refunded: e.total, Asked: amount}
	}
	e.ids[refundID] = [2]int64{amount, e.total}
	e.total += amount
	return e.ids[refundID][1], amount, nil
}

func checkRefund(payment, refundID string, amount, paid int64) error {
	switch {
	case payment == "":
		return argError("refund payment", "empty")
	case refundID == "":
		return argError("refund id", "empty")
	case amount < 0 || amount > MaxMinorUnits:
		return argError("refund amount", "negative or over MaxMinorUnits")
	case paid <= 0 || paid > MaxMinorUnits:
		return argError("refund paid", "not positive or over MaxMinorUnits")
	}
	return nil
}

// RefundPolicy says at what rate the payer is refunded.
type RefundPolicy uint8

const (
	// RefundOriginalRate refunds the payer at the payment's own rate: the
	// payer's share of the original charge, by fx's largest-remainder
	// allocation over the refunded total, so partial refunds sum to
	// exactly what was charged (GME's Zero Pay design refunds this way).
	RefundOriginalRate RefundPolicy = iota
	// RefundRequote prices the refund with a new quote, as a BIS Nexus
	// return is a new payment with a new quote, capped at the payer's
	// share of the rest at the original rate, so the payer never gets
	// back more than was charged.
	RefundRequote
)

// RefundRequest asks for a refund of an approved payment. ID identifies it
// (WeChat's out_refund_no): a retry must reuse it, and gets the same
// refund. Amount is in the merchant's currency; zero means all that is
// left.
type RefundRequest struct {
	ID     string
	Amount fx.Amount
	Reason string
}

// Refund is a refund translated into both legs: Merchant is what the
// merchant gives back (its currency), Payer what the payer receives (the
// payer's currency), Rate the rate of a re-quoted refund. WeChat is the
// refund request sent (or to send) to WeChat Pay and ZeroPay the refund
// record for the Zero Pay relay, when the payment had those legs; Status
// is WeChat Pay's refund status when it was sent.
type Refund struct {
	ID       string
	Merchant fx.Amount
	Payer    fx.Amount
	Rate     fx.Rate
	WeChat   *wechat.V3RefundRequest
	ZeroPay  *zeropay.Refund
	Status   string
}

// Refunder refunds approved payments, fully or in parts.
//
// Ledger (nil: a MemoryRefunds of the Refunder's own) keeps the refunded
// totals. WeChat, when set, sends the WeChat Pay refund (the caller's
// client and transport); NOT_ENOUGH (the day's CNY funds are short,
// wechat.ErrNotEnough) and transport errors are returned as they are and
// the refund stays recorded: call again later with the same request. A
// refund WeChat Pay refuses for good also stays recorded in the ledger
// (there is no undo yet), so it counts against what is left to refund.
// Policy and Quoter (required for RefundRequote) choose the payer's rate.
// Limits, when set, gives the refunded amount back to the payment day's
// limits (a policy: set it to let a refunded payer spend again), for a
// limit in the merchant's currency. A Refunder is safe for concurrent use;
// do not change its fields while in use.
type Refunder struct {
	Ledger RefundLedger
	WeChat *wechat.Client
	Policy RefundPolicy
	Quoter *fx.Quoter
	Limits LimitStore

	mem MemoryRefunds
}

// Refund refunds req of payment r, whose authorization a must be approved
// ([ErrNotApproved] otherwise).
func (f *Refunder) Refund(ctx context.Context, r *Result, a Authorization, req RefundRequest) (Refund, error) {
	if !a.Approved() {
		return Refund{}, ErrNotApproved
	}
	paid := r.MerchantLeg.Amount
	paidMinor, err := minorUnits(paid, fx.HalfEven)
	if err != nil {
		return Refund{}, &Error{Field: "merchant_leg.amount", Err: ErrInvalid, Cause: err}
	}
	var askMinor int64 // 0: the rest
	if !req.Amount.Currency().IsZero() {
		if askMinor, err = exactMinor(req.Amount, paid.Currency()); err != nil {
			return Refund{}, err
		}
		if askMinor <= 0 {
			return Refund{}, argError("refund.amount", "not positive")
		}
	}
	before, askMinor, err := f.ledger().Add(ctx, paymentRef(r, a), req.ID, askMinor, paidMinor)
	if err != nil {
		return Refund{}, err
	}
	amount := fx.FromMinor(askMinor, paid.Currency())
	out := Refund{ID: req.ID, Merchant: amount}
	if out.Payer, out.Rate, err = f.payerShare(ctx, r, a, before, askMinor, paidMinor); err != nil {
		return out, err
	}
	f.zeroPay(&out, a)
	if err := f.wechat(ctx, &out, r, a, req); err != nil {
		return out, err
	}
	if f.Limits != nil {
		f.release(ctx, r, a, askMinor)
	}
	return out, nil
}

func (f *Refunder) ledger() RefundLedger {
	if f.Ledger != nil {
		return f.Ledger
	}
	return &f.mem
}

// payerShare is what the payer gets back for refunding ask after before,
// of a payment of paid (all in the merchant's minor units).
func (f *Refunder) payerShare(ctx context.Context, r *Result, a Authorization, before, ask, paid int64) (fx.Amount, fx.Rate, error) {
	charged := a.Charged
	if charged.Currency().IsZero() {
		charged = r.PayerLeg.Amount
	}
	if charged.Currency() == r.MerchantLeg.Amount.Currency() {
		return fx.FromMinor(ask, charged.Currency()), fx.Rate{}, nil
	}
	upTo := func(n int64) (fx.Amount, error) { // the payer's share of n refunded
		if n == paid {
			return charged, nil
		}
		parts, err := charged.Allocate(n, paid-n)
		if err != nil {
			return fx.Amount{}, err
		}
		return parts[0], nil
	}
	had, err := upTo(before)
	if err != nil {
		return fx.Amount{}, fx.Rate{}, err
	}
	if f.Policy == RefundRequote {
		return f.requote(ctx, r, charged, had, ask)
	}
	now, err := upTo(before + ask)
	if err != nil {
		return fx.Amount{}, fx.Rate{}, err
	}
	share, err := now.Sub(had)
	return share, fx.Rate{}, err
}

// requote prices ask at a new quote, capped at what is left of charged.
func (f *Refunder) requote(ctx context.Context, r *Result, charged, had fx.Amount, ask int64) (fx.Amount, fx.Rate, error) {
	if f.Quoter == nil {
		return fx.Amount{}, fx.Rate{}, &Error{Field: "quoter", Err: ErrNotConfigured}
	}
	q, err := f.Quoter.QuoteSend(ctx, fx.FromMinor(ask, r.MerchantLeg.Amount.Currency()), charged.Currency())
	if err != nil {
		return fx.Amount{}, fx.Rate{}, &Error{Field: "refund", Err: ErrQuote, Cause: err}
	}
	left, err := charged.Sub(had)
	if err != nil {
		return fx.Amount{}, fx.Rate{}, err
	}
	share := q.Destination
	if c, err := share.Cmp(left); err != nil || c > 0 {
		share = left
	}
	return share, q.Rate, nil
}

// zeroPay builds the Zero Pay refund record of a payment registered with a
// result record.
func (f *Refunder) zeroPay(out *Refund, a Authorization) {
	rec, ok := a.Record.(*zeropay.Result)
	if !ok {
		return
	}
	z := &zeropay.Refund{MerchantID: rec.MerchantID, TerminalID: rec.TerminalID, OriginalApproval: rec.ApprovalNumber,
		OriginalTime: rec.Time, Amount: out.Merchant, ApprovalNumber: approvalNumber(Authorization{Reference: out.ID}),
		Operator: rec.Operator, Time: time.Now()}
	if out.Payer.Currency() != out.Merchant.Currency() {
		z.Original = out.Payer
	}
	out.ZeroPay = z
}

// wechat builds and, with a client, sends the WeChat Pay refund.
func (f *Refunder) wechat(ctx context.Context, out *Refund, r *Result, a Authorization, req RefundRequest) error {
	o, ok := r.PayerLeg.Request.(*WeChatOrder)
	if !ok {
		return nil
	}
	out.WeChat = &wechat.V3RefundRequest{OutTradeNo: o.Order.OutTradeNo, OutRefundNo: req.ID, Reason: req.Reason,
		Refund: out.Merchant, Total: o.Order.Total}
	if f.WeChat == nil {
		return nil
	}
	res, err := f.WeChat.Refund(ctx, *out.WeChat)
	if err != nil {
		return err
	}
	out.Status = res.Status
	return nil
}

// release gives ask back to the payment day's limits.
func (f *Refunder) release(ctx context.Context, r *Result, a Authorization, ask int64) {
	if keyOf(r) == "" {
		return
	}
	day, until := DayOf(a.At, r.Corridor.Location)
	ctx, cancel := detached(ctx)
	defer cancel()
	_ = f.Limits.Release(ctx, Reservation{ID: "k:" + keyOf(r), Corridor: r.Corridor.ID, Payer: payerOf(r), Day: day,
		Currency: r.MerchantLeg.Amount.Currency().Code(), Amount: ask, Until: until})
}

// paymentRef names a payment in the ledger: the scheme's reference.
func paymentRef(r *Result, a Authorization) string {
	if a.Reference != "" {
		return a.Scheme + ":" + a.Reference
	}
	return "quote:" + r.Quote.ID
}

// exactMinor is a in minor units of cur, refusing rounding.
func exactMinor(a fx.Amount, cur fx.Currency) (int64, error) {
	if a.Currency() != cur {
		return 0, &Error{Field: "refund.amount", Err: ErrInvalid, Cause: &fx.MismatchError{Want: cur, Got: a.Currency()}}
	}
	n, err := minorUnits(a, fx.HalfEven)
	if err == nil && !fx.FromMinor(n, cur).Decimal().Equal(a.Decimal()) {
		err = errors.New("translate: more decimals than the currency has")
	}
	if err != nil {
		return 0, &Error{Field: "refund.amount", Err: ErrInvalid, Cause: err}
	}
	return n, nil
}
