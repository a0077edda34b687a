package translate

import (
	"context"
	"time"
)

// Offer records r's quote in s, so that the quote guard lets it authorize
// exactly one payment before it expires. Call it when the quote is shown to
// the payer, right after [Translator.Translate]; a Result whose quote was
// never offered is refused with [ErrQuoteUsed]. A Result without a quote
// (a domestic payment) needs no offer.
func Offer(ctx context.Context, s QuoteStore, r *Result) error {
	if r.Quote.ID == "" {
		return nil
	}
	return s.Issue(ctx, r.Quote.ID, QuoteDigest(r.Quote), r.Quote.ExpiresAt)
}

// WithQuoteGuard refuses a payment whose quote has expired at now
// ([ErrQuoteExpired], with the fx error as cause) and consumes the quote in
// s before the payment goes on, atomically, so a quote authorizes at most
// one payment across every replica sharing s ([ErrQuoteUsed],
// [ErrQuoteMismatch] when the Result's quote differs from the one
// offered). A Result without a quote ID passes through. It stores the
// consumption of the quote: nothing else. now nil means time.Now.
func WithQuoteGuard(s QuoteStore, now func() time.Time) Middleware {
	return func(next Authorizer) Authorizer {
		return &quoteGuard{next: next, store: s, now: clock(now)}
	}
}

type quoteGuard struct {
	next  Authorizer
	store QuoteStore
	now   func() time.Time
}

func (g *quoteGuard) Authorize(ctx context.Context, r *Result) (Authorization, error) {
	q := r.Quote
	if q.ID == "" {
		return g.next.Authorize(ctx, r)
	}
	if err := q.Use(g.now()); err != nil {
		return refused(r, &Error{Field: "quote", Err: ErrQuoteExpired, Cause: err})
	}
	if err := g.store.Consume(ctx, q.ID, QuoteDigest(q)); err != nil {
		return refused(r, err)
	}
	return g.next.Authorize(ctx, r)
}

// Resolve passes through: the quote was consumed by the first attempt.
func (g *quoteGuard) Resolve(ctx context.Context, r *Result) (Authorization, error) {
	return resolve(ctx, g.next, r)
}
