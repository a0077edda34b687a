package translate

import (
	"context"
	"log/slog"
	"os"
	"time"
)

// Middleware wraps an [Authorizer] with one concern, as net/http
// middleware wraps a Handler. Each middleware of this package also
// implements [Resolver], passing resolution through to the authorizer it
// wraps.
type Middleware func(Authorizer) Authorizer

// Chain applies middleware so that the first one listed is the outermost:
// Chain(a, m1, m2) is m1(m2(a)).
func Chain(a Authorizer, m ...Middleware) Authorizer {
	for i := len(m) - 1; i >= 0; i-- {
		a = m[i](a)
	}
	return a
}

// StackConfig configures [NewStack]. Its zero value is a working stack for
// one process: in-memory stores, no daily limits beyond the corridors' own
// DailyCap, JSON audit lines on standard error.
type StackConfig struct {
	// Quotes, Limits and Idempotency are the stores; nil means a fresh
	// in-memory store, right for one replica. Replicas behind a load
	// balancer share stores on Redis (package translate/redisstore).
	Quotes      QuoteStore
	Limits      LimitStore
	Idempotency IdempotencyStore
	// Audit receives every attempt and outcome; nil means [SlogAudit] over
	// a JSON handler on standard error.
	Audit AuditSink
	// LimitRules are the daily limits per corridor ID (see [LimitOptions]).
	LimitRules map[string]LimitRule
	// Lease and Wait configure idempotency (see [IdempotencyOptions]).
	Lease, Wait time.Duration
	// Now is the clock of the quote guard and the limits; nil means
	// time.Now.
	Now func() time.Time
}

// NewStack returns authorizer a wrapped in the recommended middleware, from
// the outside in:
//
//	idempotency ▸ audit ▸ limits ▸ quote guard ▸ a
//
// Idempotency is outermost, so a retry is answered from the first result
// before anything else runs: it is not audited as a new attempt, reserves
// nothing and consumes no quote. Audit comes next, so every attempt that
// runs, including one refused by a limit or a used quote, is recorded with
// its outcome. Limits reserve the amount before the quote is consumed and
// give it back when the payment is declined, so a refused quote never
// holds a limit. The quote guard sits right before the scheme, so a quote
// is consumed only by a payment that is about to be sent.
func NewStack(a Authorizer, c StackConfig) Authorizer {
	if c.Quotes == nil {
		c.Quotes = new(MemoryQuotes)
	}
	if c.Limits == nil {
		c.Limits = new(MemoryLimits)
	}
	if c.Idempotency == nil {
		c.Idempotency = new(MemoryIdempotency)
	}
	if c.Audit == nil {
		c.Audit = SlogAudit{Logger: slog.New(slog.NewJSONHandler(os.Stderr, nil))}
	}
	return Chain(a,
		WithIdempotency(c.Idempotency, IdempotencyOptions{Lease: c.Lease, Wait: c.Wait}),
		WithAudit(c.Audit),
		WithLimits(c.Limits, LimitOptions{Rules: c.LimitRules, Now: c.Now}),
		WithQuoteGuard(c.Quotes, c.Now),
	)
}

// bookkeeping bounds the store calls made after a payment's outcome is
// known, when the caller's context may have ended.
const bookkeeping = 250 * time.Millisecond

// detached returns a context for bookkeeping after the payment's outcome
// is known (storing a result, releasing a limit): it outlives the caller's
// cancellation by at most [bookkeeping], so a caller that gave up does not
// leave the stores behind, and a dead store does not hold the caller long.
// A context that can never end is used as it is.
func detached(ctx context.Context) (context.Context, context.CancelFunc) {
	if ctx.Done() == nil {
		return ctx, func() {}
	}
	return context.WithTimeout(context.WithoutCancel(ctx), bookkeeping)
}

func clock(now func() time.Time) func() time.Time {
	if now == nil {
		return time.Now
	}
	return now
}
