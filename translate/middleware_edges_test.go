package translate_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/translate"
)

// TestBookkeepingOutlivesCaller: a caller that gives up (its context is
// canceled) right after the scheme answered still gets its outcome stored
// and its limit settled, because the bookkeeping runs on a detached
// context.
func TestBookkeepingOutlivesCaller(t *testing.T) {
	rule := map[string]translate.LimitRule{"CNY-KRW": {PayerDay: fx.FromMinor(12000, krw)}}
	for _, c := range []struct {
		name string
		step translate.FakeStep
		want translate.Outcome
		// nextFits says whether another 12000 KRW payment of the payer
		// fits the day afterwards: a declined payment gave its amount
		// back, an approved one keeps it.
		nextFits bool
	}{
		{"Approved", translate.FakeStep{}, translate.OutcomeApproved, false},
		{"Declined", translate.FakeStep{Outcome: translate.OutcomeDeclined, Code: "NOTENOUGH"}, translate.OutcomeDeclined, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			quotes := new(translate.MemoryQuotes)
			fake := &translate.Fake{Decide: func(*translate.Result) translate.FakeStep { return c.step }}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			giveUp := translate.AuthorizerFunc(func(ctx context.Context, r *translate.Result) (translate.Authorization, error) {
				a, err := fake.Authorize(ctx, r)
				cancel() // the caller leaves as the answer comes back
				return a, err
			})
			s := stack(giveUp, translate.StackConfig{Quotes: quotes, LimitRules: rule})
			r := offer(t, quotes, payment("k1", "p1", 12000))
			first, _ := s.Authorize(ctx, r)
			if first.Outcome != c.want {
				t.Fatalf("first = %v", first.Outcome)
			}
			// The retry is answered from the stored result.
			again, err := s.Authorize(context.Background(), r)
			if again.Outcome != first.Outcome || again.Reference != first.Reference {
				t.Fatalf("retry = %v %q, %v; want the stored %v %q", again.Outcome, again.Reference, err, first.Outcome, first.Reference)
			}
			if n := len(fake.Calls()); n != 1 {
				t.Fatalf("fake called %d times, want 1", n)
			}
			_, err = s.Authorize(context.Background(), offer(t, quotes, payment("k2", "p1", 12000)))
			if fits := !errors.Is(err, translate.ErrLimitExceeded); fits != c.nextFits {
				t.Fatalf("next payment: %v; want it to fit: %v", err, c.nextFits)
			}
		})
	}
}

// countingIdempotency counts the claims made on a MemoryIdempotency.
type countingIdempotency struct {
	translate.MemoryIdempotency
	claims atomic.Int32
}

func (s *countingIdempotency) Claim(ctx context.Context, key, hash, token string, lease time.Duration) (translate.Claim, error) {
	s.claims.Add(1)
	return s.MemoryIdempotency.Claim(ctx, key, hash, token, lease)
}

// TestIdempotencyWaitBacksOff: a duplicate that waits for the first
// request polls the store with a growing pause (2 ms doubling to 100 ms),
// not in a tight loop, and a request that finds its key free does not wait
// at all.
func TestIdempotencyWaitBacksOff(t *testing.T) {
	quotes := new(translate.MemoryQuotes)
	store := new(countingIdempotency)
	started := make(chan struct{})
	var once sync.Once
	fake := &translate.Fake{Decide: func(*translate.Result) translate.FakeStep {
		once.Do(func() { close(started) })
		return translate.FakeStep{Delay: 400 * time.Millisecond}
	}}
	s := stack(fake, translate.StackConfig{Quotes: quotes, Idempotency: store, Wait: 20 * time.Second})
	r := offer(t, quotes, payment("k1", "p1", 12000))
	var wg sync.WaitGroup
	var firstTook time.Duration
	firstDone := make(chan struct{})
	wg.Go(func() {
		defer close(firstDone)
		start := time.Now()
		if _, err := s.Authorize(context.Background(), r); err != nil {
			t.Error(err)
		}
		firstTook = time.Since(start)
	})
	select {
	case <-started:
	case <-firstDone:
		t.Fatal("the first request ended before reaching the scheme")
	}
	a, err := s.Authorize(context.Background(), r)
	wg.Wait()
	if err != nil || !a.Approved() {
		t.Fatalf("duplicate that waits = %v, %v", a.Outcome, err)
	}
	// 400 ms of waiting at 2, 4, …, 64, 100, 100 ms is about ten claims.
	if n := store.claims.Load(); n > 40 {
		t.Errorf("%d claims while waiting 400 ms, want a back-off (about 10)", n)
	}
	if firstTook > 10*time.Second {
		t.Errorf("a request whose key was free took %v: it waited for itself", firstTook)
	}
}

// TestIdempotencyForgetsRefusals: a refusal before anything was sent
// (Scheme "translate") caused by a store or an ended context is forgotten,
// so the retry runs afresh; any other outcome is stored and replayed.
func TestIdempotencyForgetsRefusals(t *testing.T) {
	storeDown := &translate.StoreError{Store: "limits", Op: "reserve", Err: errors.New("connection refused")}
	for _, c := range []struct {
		name   string
		scheme string
		err    error
		forget bool
	}{
		{"StoreDown", "translate", storeDown, true},
		{"Canceled", "translate", context.Canceled, true},
		{"Deadline", "translate", context.DeadlineExceeded, true},
		{"OtherRefusal", "translate", translate.ErrQuoteUsed, false},
		{"SchemeCanceled", "wechat", context.Canceled, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			var calls atomic.Int32
			a := translate.AuthorizerFunc(func(ctx context.Context, r *translate.Result) (translate.Authorization, error) {
				calls.Add(1)
				return translate.Authorization{Outcome: translate.OutcomeDeclined, Scheme: c.scheme, Reason: c.err}, c.err
			})
			s := translate.WithIdempotency(new(translate.MemoryIdempotency), translate.IdempotencyOptions{})(a)
			r := payment("k1", "p1", 12000)
			if _, err := s.Authorize(context.Background(), r); !errors.Is(err, c.err) {
				t.Fatalf("first = %v, want %v", err, c.err)
			}
			if a, err := s.Authorize(context.Background(), r); a.Outcome != translate.OutcomeDeclined || err == nil {
				t.Fatalf("retry = %v, %v; want declined", a.Outcome, err)
			}
			if want := map[bool]int32{true: 2, false: 1}[c.forget]; calls.Load() != want {
				t.Fatalf("%d calls, want %d (forgotten: %v)", calls.Load(), want, c.forget)
			}
		})
	}
}

// TestIdempotencyPendingResolves: a pending outcome leaves the key
// orphaned, and the retry resolves it by query instead of sending again.
func TestIdempotencyPendingResolves(t *testing.T) {
	var authorized, resolved atomic.Int32
	a := resolving{
		authorize: func() translate.Authorization {
			authorized.Add(1)
			return translate.Authorization{Outcome: translate.OutcomePending, Scheme: "wechat"}
		},
		resolve: func() translate.Authorization {
			resolved.Add(1)
			return translate.Authorization{Outcome: translate.OutcomeApproved, Scheme: "wechat", SchemeRef: "txn-1"}
		},
	}
	s := translate.WithIdempotency(new(translate.MemoryIdempotency), translate.IdempotencyOptions{})(a)
	r := payment("k1", "p1", 12000)
	if got, err := s.Authorize(context.Background(), r); err != nil || got.Outcome != translate.OutcomePending {
		t.Fatalf("first = %v, %v; want pending", got.Outcome, err)
	}
	for i := range 2 {
		got, err := s.Authorize(context.Background(), r)
		if err != nil || !got.Approved() || got.SchemeRef != "txn-1" {
			t.Fatalf("retry %d = %v %q, %v; want approved by query", i, got.Outcome, got.SchemeRef, err)
		}
	}
	if authorized.Load() != 1 || resolved.Load() != 1 {
		t.Fatalf("%d authorize and %d resolve calls, want 1 and 1", authorized.Load(), resolved.Load())
	}
}

// resolving is an Authorizer and Resolver answering from two functions.
type resolving struct {
	authorize, resolve func() translate.Authorization
}

func (a resolving) Authorize(context.Context, *translate.Result) (translate.Authorization, error) {
	r := a.authorize()
	return r, r.Err()
}

func (a resolving) Resolve(context.Context, *translate.Result) (translate.Authorization, error) {
	r := a.resolve()
	return r, r.Err()
}

// lostReplyLimits is a LimitStore whose Reserve takes effect but reports
// a store failure, as a Redis script whose reply was lost.
type lostReplyLimits struct{ translate.MemoryLimits }

func (s *lostReplyLimits) Reserve(ctx context.Context, r translate.Reservation, l translate.Limits) error {
	if err := s.MemoryLimits.Reserve(ctx, r, l); err != nil {
		return err
	}
	return &translate.StoreError{Store: "limits", Op: "reserve", Err: errors.New("reply lost")}
}

// TestLimitsReleaseAfterStoreError: a Reserve that failed with a store
// error may still have taken effect, so the limiter releases it; the
// payment is refused with ErrStore and the day is whole again.
func TestLimitsReleaseAfterStoreError(t *testing.T) {
	store := new(lostReplyLimits)
	fake := new(translate.Fake)
	rules := map[string]translate.LimitRule{"CNY-KRW": {PayerDay: fx.FromMinor(12000, krw)}}
	s := translate.WithLimits(store, translate.LimitOptions{Rules: rules})(fake)
	if _, err := s.Authorize(context.Background(), payment("k1", "p1", 12000)); !errors.Is(err, translate.ErrStore) {
		t.Fatalf("lost reply = %v, want ErrStore", err)
	}
	if len(fake.Calls()) != 0 {
		t.Fatal("a payment whose reservation failed reached the scheme")
	}
	r := translate.Reservation{ID: "next", Corridor: "CNY-KRW", Payer: "p1", Currency: "KRW", Amount: 12000}
	r.Day, r.Until = translate.DayOf(time.Now(), nil)
	if err := store.MemoryLimits.Reserve(context.Background(), r, translate.Limits{PayerDay: 12000}); err != nil {
		t.Fatalf("the failed reservation still holds the day: %v", err)
	}
}

// TestChainOrder: the first middleware listed is the outermost.
func TestChainOrder(t *testing.T) {
	var trace []string
	mark := func(name string) translate.Middleware {
		return func(next translate.Authorizer) translate.Authorizer {
			return translate.AuthorizerFunc(func(ctx context.Context, r *translate.Result) (translate.Authorization, error) {
				trace = append(trace, name)
				return next.Authorize(ctx, r)
			})
		}
	}
	a := translate.Chain(new(translate.Fake), mark("m1"), mark("m2"), mark("m3"))
	if _, err := a.Authorize(context.Background(), payment("", "p1", 100)); err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(trace); got != "[m1 m2 m3]" {
		t.Fatalf("order %s, want [m1 m2 m3]", got)
	}
}

// recordingLimits is a LimitStore that records every call it receives.
type recordingLimits struct {
	translate.MemoryLimits
	mu    sync.Mutex
	calls []string
}

func (s *recordingLimits) record(op string, r translate.Reservation) {
	s.mu.Lock()
	s.calls = append(s.calls, op+" "+r.ID)
	s.mu.Unlock()
}

func (s *recordingLimits) Reserve(ctx context.Context, r translate.Reservation, l translate.Limits) error {
	s.record("reserve", r)
	return s.MemoryLimits.Reserve(ctx, r, l)
}

func (s *recordingLimits) Commit(ctx context.Context, r translate.Reservation) error {
	s.record("commit", r)
	return s.MemoryLimits.Commit(ctx, r)
}

func (s *recordingLimits) Release(ctx context.Context, r translate.Reservation) error {
	s.record("release", r)
	return s.MemoryLimits.Release(ctx, r)
}

// TestLimitsResolveSettlesOnlyKeyed: resolving an orphan settles its
// reservation ("k:" + key) when the corridor is limited; a corridor
// without a limit, or a payment without a key (whose reservation ID was
// random), asks nothing of the store.
func TestLimitsResolveSettlesOnlyKeyed(t *testing.T) {
	rules := map[string]translate.LimitRule{"CNY-KRW": {PayerDay: fx.FromMinor(12000, krw)}}
	for _, c := range []struct {
		name  string
		rules map[string]translate.LimitRule
		key   string
		want  string
	}{
		{"Keyed", rules, "k1", "[release k:k1]"},
		{"Unlimited", nil, "k1", "[]"},
		{"Keyless", rules, "", "[]"},
	} {
		t.Run(c.name, func(t *testing.T) {
			store := new(recordingLimits)
			// The fake never saw the payment: it resolves as declined.
			s := translate.WithLimits(store, translate.LimitOptions{Rules: c.rules})(new(translate.Fake))
			a, _ := s.(translate.Resolver).Resolve(context.Background(), payment(c.key, "p1", 100))
			if a.Outcome != translate.OutcomeDeclined {
				t.Fatalf("resolved %v, want declined", a.Outcome)
			}
			store.mu.Lock()
			defer store.mu.Unlock()
			if got := fmt.Sprint(store.calls); got != c.want {
				t.Fatalf("store calls %s, want %s", got, c.want)
			}
		})
	}
}
