package fx

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"time"

	"github.com/shopspring/decimal"
)

// Side says which amount of a quote the payer fixed, as in BIS Project
// Nexus: the amount sent (the payer's currency) or the amount received (the
// merchant's currency, as when a tourist pays a price in won).
type Side uint8

const (
	FixedSource      Side = iota // the payer fixed the amount sent
	FixedDestination             // the payer fixed the amount received
)

// Step is one stage of a quote's rate cascade: the provider rate, then each
// margin in turn, ending at the rate the payer gets.
type Step struct {
	Name        string
	BasisPoints int64           // 0 for the provider rate
	Value       decimal.Decimal // rate after this step, source→destination
}

// Quote is a priced offer to exchange Source for Destination at Rate. It
// shows every step from the provider's rate to the payer's (Steps) and
// expires at ExpiresAt; [Quote.Use] refuses it after that. A Quote is a
// plain value, safe to copy and share.
type Quote struct {
	ID          string
	Source      Amount
	Destination Amount
	Fixed       Side
	Rate        Rate // the payer's rate, source→destination, margins applied
	Steps       []Step
	CreatedAt   time.Time
	ExpiresAt   time.Time
}

// Use checks that the quote can still be honoured at now.
func (q Quote) Use(now time.Time) error {
	if !now.Before(q.ExpiresAt) {
		return &ExpiredError{QuoteID: q.ID, ExpiresAt: q.ExpiresAt, At: now}
	}
	return nil
}

// MarginStep is one margin of a [Quoter]'s cascade.
type MarginStep struct {
	Name        string
	BasisPoints int64
}

// Quoter prices quotes from a provider's rate and a cascade of margins.
// Provider is required; the zero values of the other fields mean: no
// margins, rounding [HalfEven], a 60-second validity, any rate age,
// time.Now, random 16-hex-digit IDs. A Quoter is safe for concurrent use
// if its Provider is.
type Quoter struct {
	Provider Provider
	Margins  []MarginStep
	Rounding Rounding
	TTL      time.Duration
	// MaxRateAge refuses, with [ErrStale], a provider rate published
	// longer ago than this (by its AsOf), or with no publication time.
	MaxRateAge time.Duration
	Now        func() time.Time
	NewID      func() string
}

// QuoteSend prices sending amount (fixed) in the destination currency to.
func (q *Quoter) QuoteSend(ctx context.Context, amount Amount, to Currency) (Quote, error) {
	rate, steps, err := q.cascade(ctx, amount.cur, to)
	if err != nil {
		return Quote{}, err
	}
	dest, err := Convert(amount, rate, q.Rounding)
	if err != nil {
		return Quote{}, err
	}
	return q.finish(amount, dest, FixedSource, rate, steps), nil
}

// QuoteReceive prices receiving amount (fixed) when paying in from: the
// source amount is amount ÷ rate, rounded with the Quoter's rounding at
// from's minor units.
func (q *Quoter) QuoteReceive(ctx context.Context, amount Amount, from Currency) (Quote, error) {
	rate, steps, err := q.cascade(ctx, from, amount.cur)
	if err != nil {
		return Quote{}, err
	}
	inv, err := rate.Inverse()
	if err != nil {
		return Quote{}, err
	}
	src, err := Convert(amount, inv, q.Rounding)
	if err != nil {
		return Quote{}, err
	}
	return q.finish(src, amount, FixedDestination, rate, steps), nil
}

// cascade fetches the provider rate and applies each margin, recording
// every step.
func (q *Quoter) cascade(ctx context.Context, from, to Currency) (Rate, []Step, error) {
	if q.Provider == nil {
		return Rate{}, nil, &RateError{Base: from, Quote: to, Err: ErrRateUnavailable}
	}
	rate, err := q.Provider.Rate(ctx, from, to)
	if err != nil {
		return Rate{}, nil, err
	}
	if err := q.checkAge(rate); err != nil {
		return Rate{}, nil, err
	}
	steps := make([]Step, 0, 1+len(q.Margins))
	steps = append(steps, Step{Name: "provider rate (" + rate.Source + ")", Value: rate.Value})
	for _, m := range q.Margins {
		rate = applyMargin(rate, m.BasisPoints)
		steps = append(steps, Step{Name: m.Name, BasisPoints: m.BasisPoints, Value: rate.Value})
	}
	return rate, steps, nil
}

// checkAge applies MaxRateAge.
func (q *Quoter) checkAge(r Rate) error {
	if q.MaxRateAge == 0 {
		return nil
	}
	if r.AsOf.IsZero() || q.now().Sub(r.AsOf) > q.MaxRateAge {
		return &RateError{Base: r.Base, Quote: r.Quote, Err: ErrStale}
	}
	return nil
}

func (q *Quoter) now() time.Time {
	if q.Now != nil {
		return q.Now()
	}
	return time.Now()
}

func (q *Quoter) finish(src, dst Amount, side Side, rate Rate, steps []Step) Quote {
	ttl := q.TTL
	if ttl == 0 {
		ttl = time.Minute
	}
	created := q.now()
	return Quote{
		ID: q.id(), Source: src, Destination: dst, Fixed: side, Rate: rate,
		Steps: steps, CreatedAt: created, ExpiresAt: created.Add(ttl),
	}
}

func (q *Quoter) id() string {
	if q.NewID != nil {
		return q.NewID()
	}
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24)
	return hex.EncodeToString(b[:])
}
