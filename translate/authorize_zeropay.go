package translate

import (
	"context"
	"errors"
	"time"

	"github.com/qrbridge/qrbridge/zeropay"
)

// ErrRelay reports a Zero Pay result record the relay did not take: the
// payer was charged, and the record (Authorization.Record) must be
// registered again.
var ErrRelay = errors.New("translate: zero pay relay did not register the result")

// ZeroPayRelay sends a result-registration record to the Zero Pay relay
// (KFTC's platform, through the payer-side operator's link). The wire
// format is not public, so the transport is the caller's. Register must be
// idempotent by the record's ApprovalNumber and safe for concurrent use.
type ZeroPayRelay interface {
	Register(ctx context.Context, r zeropay.Result) error
}

// ZeroPayRelayFunc adapts a function to [ZeroPayRelay].
type ZeroPayRelayFunc func(ctx context.Context, r zeropay.Result) error

// Register calls f.
func (f ZeroPayRelayFunc) Register(ctx context.Context, r zeropay.Result) error { return f(ctx, r) }

// ZeroPay completes a payment at a Zero Pay merchant (a static sticker: the
// merchant side does no online authorization; KFTC Zero Pay platform
// design v2.6.3b, p. 1-19). It authorizes the payer leg with Payer (WeChat
// Pay for a Chinese tourist) and, once approved, produces the merchant
// leg's result-registration record: the *zeropay.Result of the merchant
// leg, in KRW, with the approval number and time and the payer's original
// amount (what Payer charged, in CNY), validated and sent through Relay.
// The record is the Authorization's Record.
//
// Relay nil produces the record without sending it. A relay that fails
// leaves the payment approved (the payer was charged) with an error
// matching [ErrRelay]: register Record again. ZeroPay implements
// [Resolver] when Payer does. It is safe for concurrent use if Payer and
// Relay are.
type ZeroPay struct {
	Payer Authorizer
	Relay ZeroPayRelay
}

// Authorize implements [Authorizer].
func (z *ZeroPay) Authorize(ctx context.Context, r *Result) (Authorization, error) {
	if _, ok := r.MerchantLeg.Request.(*zeropay.Result); !ok {
		return refused(r, &Error{Field: "merchant_leg", Err: ErrUnsupportedScheme})
	}
	a, err := z.Payer.Authorize(ctx, r)
	return z.register(ctx, r, a, err)
}

// Resolve implements [Resolver].
func (z *ZeroPay) Resolve(ctx context.Context, r *Result) (Authorization, error) {
	a, err := resolve(ctx, z.Payer, r)
	return z.register(ctx, r, a, err)
}

func (z *ZeroPay) register(ctx context.Context, r *Result, a Authorization, err error) (Authorization, error) {
	if !a.Approved() {
		return a, err
	}
	leg, ok := r.MerchantLeg.Request.(*zeropay.Result)
	if !ok {
		return a, err
	}
	rec := *leg
	rec.ApprovalNumber = approvalNumber(a)
	rec.Time = a.At
	if rec.Time.IsZero() {
		rec.Time = time.Now()
	}
	if !a.Charged.Currency().IsZero() && a.Charged.Currency() != rec.Amount.Currency() {
		rec.Original = a.Charged
	}
	a.Record = &rec
	if verr := rec.Validate(); verr != nil {
		a.Reason = errors.Join(ErrRelay, verr)
		return a, a.Reason
	}
	if z.Relay != nil {
		if rerr := z.Relay.Register(ctx, rec); rerr != nil {
			a.Reason = errors.Join(ErrRelay, rerr)
			return a, a.Reason
		}
	}
	return a, err
}

// approvalNumber is the payer scheme's transaction reference (or our own)
// in the record's form: its letters and digits, the last 20.
func approvalNumber(a Authorization) string {
	n := a.SchemeRef
	if n == "" {
		n = a.Reference
	}
	b := make([]byte, 0, len(n))
	for i := 0; i < len(n); i++ {
		if c := n[i]; c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' {
			b = append(b, c)
		}
	}
	if len(b) > 20 {
		b = b[len(b)-20:]
	}
	return string(b)
}
