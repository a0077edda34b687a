package translate

import (
	"context"
	"errors"
	"time"
)

// IdempotencyOptions configure [WithIdempotency].
type IdempotencyOptions struct {
	// Lease is how long a request holds its key before another replica
	// may take it over as an orphan; zero means 2 minutes, longer than
	// WeChat Pay's 30-second Quick Pay query window.
	Lease time.Duration
	// Wait is how long a duplicate of a request still running waits for
	// the first one's result before failing with [ErrInProgress]; zero
	// means it fails at once.
	Wait time.Duration
}

// WithIdempotency makes a payment with an idempotency key
// (Result.Request.IdempotencyKey) happen once, whichever replica sharing s
// receives it and however often it is retried, for the store's window (at
// least 24 hours):
//
//   - the same key with the same request ([RequestHash]) returns the first
//     result, approved or declined;
//   - while the first is still running, a duplicate waits up to Wait, then
//     fails with [ErrInProgress];
//   - the same key with another request fails with
//     [ErrIdempotencyConflict];
//   - a first attempt whose outcome was unknown or pending, or whose
//     replica crashed, leaves its key orphaned: the next attempt resolves
//     it through the wrapped authorizer's [Resolver] (a query), never by
//     sending it again;
//   - a request refused before anything was sent because a store failed
//     ([ErrStore]) or the context ended is forgotten, so a retry runs
//     afresh.
//
// A Result without an idempotency key passes through. It stores, per key,
// the request hash, the lease and the encoded [Authorization] (see
// [Authorization.MarshalBinary]).
func WithIdempotency(s IdempotencyStore, o IdempotencyOptions) Middleware {
	if o.Lease <= 0 {
		o.Lease = 2 * time.Minute
	}
	return func(next Authorizer) Authorizer {
		return &idempotent{next: next, store: s, o: o}
	}
}

type idempotent struct {
	next  Authorizer
	store IdempotencyStore
	o     IdempotencyOptions
}

func (m *idempotent) Authorize(ctx context.Context, r *Result) (Authorization, error) {
	key := keyOf(r)
	if key == "" {
		return m.next.Authorize(ctx, r)
	}
	hash, token := RequestHash(r), NewLeaseToken()
	ctx = context.WithValue(ctx, hashKey{}, hash)
	c, err := m.claim(ctx, key, hash, token)
	if err != nil {
		return refused(r, err)
	}
	var a Authorization
	switch c.State {
	case ClaimDone:
		if err := a.UnmarshalBinary(c.Result); err != nil {
			return refused(r, &StoreError{Store: "idempotency", Op: "decode", Err: err})
		}
		return a, a.Err()
	case ClaimOrphan:
		a, err = resolve(ctx, m.next, r)
	default:
		a, err = m.next.Authorize(ctx, r)
	}
	m.finish(ctx, key, token, a, err)
	return a, err
}

// claim claims key, waiting up to o.Wait while another holder runs.
func (m *idempotent) claim(ctx context.Context, key, hash, token string) (Claim, error) {
	deadline := time.Now().Add(m.o.Wait)
	pause := 2 * time.Millisecond
	for {
		c, err := m.store.Claim(ctx, key, hash, token, m.o.Lease)
		if !errors.Is(err, ErrInProgress) || !time.Now().Add(pause).Before(deadline) {
			return c, err
		}
		t := time.NewTimer(pause)
		select {
		case <-ctx.Done():
			t.Stop()
			return Claim{}, err
		case <-t.C:
		}
		pause = min(2*pause, 100*time.Millisecond)
	}
}

// finish records the outcome: a final one is stored; an unknown or pending
// one ends the lease and leaves the key orphaned for resolution; a refusal
// before sending caused by a failing store or an ended context is
// forgotten.
func (m *idempotent) finish(ctx context.Context, key, token string, a Authorization, err error) {
	ctx, cancel := detached(ctx)
	defer cancel()
	switch {
	case a.Outcome == OutcomeUnknown || a.Outcome == OutcomePending:
		_ = m.store.Unlock(ctx, key, token)
	case a.Outcome == OutcomeDeclined && a.Scheme == "translate" &&
		(errors.Is(err, ErrStore) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)):
		_ = m.store.Forget(ctx, key, token)
	default:
		b, merr := a.MarshalBinary()
		if merr != nil {
			_ = m.store.Unlock(ctx, key, token)
			return
		}
		// A failure leaves the key held until its lease ends, then
		// orphaned: the next attempt resolves it by query.
		_ = m.store.Complete(ctx, key, token, b)
	}
}

// Resolve passes through.
func (m *idempotent) Resolve(ctx context.Context, r *Result) (Authorization, error) {
	return resolve(ctx, m.next, r)
}
