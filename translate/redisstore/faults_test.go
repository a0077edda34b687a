package redisstore_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/qrbridge/qrbridge/translate"
)

// TestFaults kills redis-server in the middle of a run of payments on four
// replicas and restarts it: nothing is approved twice, every request made
// while it is down is refused with a store error, and service resumes when
// it is back. Each key is retried until it has a final answer, as a client
// would, so keys caught in flight at the kill are resolved by query after
// their lease ends, never sent again.
func TestFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	srv := startRedis(t)
	const keys, lease = 800, 300 * time.Millisecond
	// Some payments take a while at the scheme, so that the kill catches
	// them between the claim and the stored result.
	fake := &translate.Fake{Decide: func(r *translate.Result) translate.FakeStep {
		s := declines(r)
		var n int
		fmt.Sscanf(r.Request.Payer, "p%d", &n)
		if n%5 == 0 {
			s.Delay = 60 * time.Millisecond
		}
		return s
	}}
	var stacks [4]translate.Authorizer
	var stores [4]translate.QuoteStore
	for i := range stacks {
		st := [1]translate.QuoteStore{}
		a, s := replica(t, srv, "fault:", fake, 1_000_000, lease)
		stacks[i], st[0] = a, s.Quotes
		stores[i] = st[0]
	}
	expires := time.Now().Add(5 * time.Minute)
	results := make([]*translate.Result, keys)
	for i := range results {
		results[i] = payment(fmt.Sprint("key", i), fmt.Sprint("p", i), fmt.Sprint("quote", i), expires)
		if err := translate.Offer(context.Background(), stores[0], results[i]); err != nil {
			t.Fatal(err)
		}
	}

	var down atomic.Bool // set once the server is dead, cleared before restart
	var duringOutage, refusedTyped, wrong atomic.Int32
	final := make([]translate.Authorization, keys)
	var wg sync.WaitGroup
	next := atomic.Int32{}
	for w := range 8 {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= keys {
					return
				}
				for try := 0; ; try++ {
					wasDown := down.Load()
					ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
					a, err := stacks[(i+try+w)%4].Authorize(ctx, results[i])
					cancel()
					if wasDown && down.Load() { // began and ended while down
						duringOutage.Add(1)
						if errors.Is(err, translate.ErrStore) && !a.Approved() {
							refusedTyped.Add(1)
						} else {
							wrong.Add(1)
							t.Errorf("%d during the outage: %v, %v", i, a.Outcome, err)
						}
					}
					// Final: approved, or declined for a reason other than a
					// store that failed (a quote consumed by an attempt whose
					// reply was lost with the server is used: refused, never
					// paid twice).
					if a.Outcome == translate.OutcomeApproved || a.Outcome == translate.OutcomeDeclined && !errors.Is(err, translate.ErrStore) {
						final[i] = a
						break
					}
					if try > 400 {
						t.Errorf("%d: no final answer after %d tries: %v", i, try, err)
						return
					}
					time.Sleep(20 * time.Millisecond)
				}
			}
		})
	}
	time.Sleep(150 * time.Millisecond)
	srv.kill()
	down.Store(true)
	time.Sleep(1200 * time.Millisecond)
	down.Store(false)
	srv.start()
	wg.Wait()

	// A client retries every key once more: the same answer, nothing sent
	// again (a key whose result was lost with the server is resolved by
	// query once its lease has ended).
	time.Sleep(lease)
	sent := len(fake.Calls())
	for i, r := range results {
		a, err := stacks[i%4].Authorize(context.Background(), r)
		if errors.Is(err, translate.ErrInProgress) {
			time.Sleep(lease)
			a, err = stacks[i%4].Authorize(context.Background(), r)
		}
		if a.Outcome != final[i].Outcome {
			t.Errorf("key%d: retry answered %v (%v), first %v", i, a.Outcome, err, final[i].Outcome)
		}
	}
	for _, c := range fake.Calls()[sent:] {
		if c.Method != "resolve" {
			t.Errorf("a retry after the restart sent %s again", c.IdempotencyKey)
		}
	}

	perKey := map[string]int{}
	for _, c := range fake.Calls() {
		if c.Method == "authorize" {
			perKey[c.IdempotencyKey]++
		}
	}
	resolved := 0
	for _, c := range fake.Calls() {
		if c.Method == "resolve" {
			resolved++
		}
	}
	for k, n := range perKey {
		if n > 1 {
			t.Errorf("%s sent to the scheme %d times", k, n)
		}
	}
	approved := 0
	for i, a := range final {
		if a.Approved() {
			approved++
		}
		if a.Outcome == translate.OutcomeUnknown {
			t.Errorf("key%d has no final answer", i)
		}
	}
	if duringOutage.Load() == 0 {
		t.Fatal("no request ran during the outage: the test proves nothing")
	}
	t.Logf("%d keys: %d approved; %d requests during the outage, all refused with ErrStore: %v; %d resolved by query",
		keys, approved, duringOutage.Load(), refusedTyped.Load() == duringOutage.Load(), resolved)
}
