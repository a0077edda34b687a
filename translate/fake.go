package translate

import (
	"context"
	"sync"
	"time"
)

// FakeStep is one scripted answer of a [Fake]: the outcome to report, the
// scheme's decline code (Code, for OutcomeDeclined), and a Delay before
// answering (cut short by the context, which then makes the outcome
// unknown). An unknown outcome is scripted with Err, its cause (a
// timeout, a dropped connection): Outcome OutcomeUnknown with a nil Err
// means approval, so the zero FakeStep approves at once.
type FakeStep struct {
	Outcome Outcome
	Code    string
	Err     error
	Delay   time.Duration
}

// FakeCall is one call a [Fake] received: Method is "authorize" or
// "resolve"; the others are copied from the Result and the answer.
type FakeCall struct {
	Method         string
	IdempotencyKey string
	Payer          string
	QuoteID        string
	Request        string // RequestHash
	Outcome        Outcome
}

// Fake is an [Authorizer] and [Resolver] for tests, the examples and
// users' own test suites. It answers from Script in order, then from
// Decide (when set), then approves; an approval charges the quote's source
// amount at the quote's rate, or the payer leg's amount without a quote.
// It records every call (Calls) and every payment it saw, so that Resolve
// answers what Authorize did for the same request ([RequestHash]): an
// unknown outcome resolves to the step's outcome underneath (Fake
// approves it unless Decide says otherwise), and a payment never seen is
// declined with code "ORDERNOTEXIST".
//
// The zero Fake approves everything. It is safe for concurrent use and must
// not be copied after first use.
type Fake struct {
	Script []FakeStep
	Decide func(r *Result) FakeStep

	mu    sync.Mutex
	next  int
	calls []FakeCall
	seen  map[string]Authorization
}

// Authorize implements [Authorizer].
func (f *Fake) Authorize(ctx context.Context, r *Result) (Authorization, error) {
	step := f.step(r)
	hash := requestHash(ctx, r)
	if step.Delay > 0 {
		t := time.NewTimer(step.Delay)
		select {
		case <-ctx.Done():
			t.Stop()
			step = FakeStep{Outcome: OutcomeUnknown, Err: ctx.Err()}
		case <-t.C:
		}
	}
	a := f.answer(r, hash, step)
	f.mu.Lock()
	f.calls = append(f.calls, call("authorize", r, hash, a.Outcome))
	if f.seen == nil {
		f.seen = make(map[string]Authorization)
	}
	if a.Outcome == OutcomeUnknown {
		// The scheme did receive it; only the answer was lost.
		under := f.fallback(r)
		if under.Outcome == OutcomeUnknown {
			under = FakeStep{Outcome: OutcomeApproved}
		}
		f.seen[hash] = f.answer(r, hash, under)
	} else {
		f.seen[hash] = a
	}
	f.mu.Unlock()
	return a, a.Err()
}

// Resolve implements [Resolver].
func (f *Fake) Resolve(ctx context.Context, r *Result) (Authorization, error) {
	hash := requestHash(ctx, r)
	f.mu.Lock()
	a, ok := f.seen[hash]
	if !ok {
		a = Authorization{Outcome: OutcomeDeclined, Scheme: "fake", QuoteID: r.Quote.ID, At: time.Now(),
			Reason: &DeclineError{Scheme: "fake", Code: "ORDERNOTEXIST"}}
	}
	f.calls = append(f.calls, call("resolve", r, hash, a.Outcome))
	f.mu.Unlock()
	return a, a.Err()
}

// Calls returns a copy of the calls received so far, in order.
func (f *Fake) Calls() []FakeCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]FakeCall(nil), f.calls...)
}

func (f *Fake) step(r *Result) FakeStep {
	f.mu.Lock()
	if f.next < len(f.Script) {
		s := f.Script[f.next]
		f.next++
		f.mu.Unlock()
		return s.norm()
	}
	f.mu.Unlock()
	return f.fallback(r)
}

func (f *Fake) fallback(r *Result) FakeStep {
	if f.Decide != nil {
		return f.Decide(r).norm()
	}
	return FakeStep{Outcome: OutcomeApproved}
}

func (s FakeStep) norm() FakeStep {
	if s.Outcome == OutcomeUnknown && s.Err == nil {
		s.Outcome = OutcomeApproved
	}
	return s
}

func (f *Fake) answer(r *Result, hash string, s FakeStep) Authorization {
	a := Authorization{Outcome: s.Outcome, Scheme: "fake", Reference: "fake-" + hash, QuoteID: r.Quote.ID, At: time.Now()}
	switch s.Outcome {
	case OutcomeApproved:
		a.SchemeRef = "fake-txn-" + hash
		a.Charged, a.Rate = r.Quote.Source, r.Quote.Rate
		if r.Quote.ID == "" {
			a.Charged = r.PayerLeg.Amount
		}
	case OutcomeDeclined:
		a.Reason = &DeclineError{Scheme: "fake", Code: s.Code}
	case OutcomeUnknown:
		a.Reason = s.Err
	}
	return a
}

func call(method string, r *Result, hash string, o Outcome) FakeCall {
	return FakeCall{Method: method, IdempotencyKey: keyOf(r), Payer: payerOf(r), QuoteID: r.Quote.ID, Request: hash, Outcome: o}
}
