// Package storetest holds the contract tests of the authorization stores
// of package translate. Every implementation of [translate.QuoteStore],
// [translate.LimitStore] and [translate.IdempotencyStore] runs the same
// suite, the way testing/fstest.TestFS checks every fs.FS: the in-memory
// stores in package translate and the Redis stores in
// translate/redisstore both call these functions from their tests.
//
// Each function takes a constructor that returns a fresh, empty store; the
// suite calls it once per subtest. Timings are real: lease and expiry
// checks sleep for a few tens of milliseconds.
package storetest

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

// short is the lease and expiry the suite uses where it waits for one to
// end; wait is how long it sleeps for that.
const (
	short = 60 * time.Millisecond
	wait  = 150 * time.Millisecond
)

func canceled() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}

// TestQuoteStore checks that newStore's stores issue and consume quotes
// as [translate.QuoteStore] documents.
func TestQuoteStore(t *testing.T, newStore func(t *testing.T) translate.QuoteStore) {
	ctx := context.Background()
	later := func() time.Time { return time.Now().Add(time.Minute) }
	t.Run("ConsumeOnce", func(t *testing.T) {
		s := newStore(t)
		must(t, s.Issue(ctx, "q1", "d1", later()))
		must(t, s.Issue(ctx, "q1", "d1", later())) // same terms: no-op
		must(t, s.Consume(ctx, "q1", "d1"))
		wantIs(t, s.Consume(ctx, "q1", "d1"), translate.ErrQuoteUsed)
	})
	t.Run("Unknown", func(t *testing.T) {
		wantIs(t, newStore(t).Consume(ctx, "nope", "d"), translate.ErrQuoteUsed)
	})
	t.Run("Mismatch", func(t *testing.T) {
		s := newStore(t)
		must(t, s.Issue(ctx, "q1", "d1", later()))
		wantIs(t, s.Issue(ctx, "q1", "d2", later()), translate.ErrQuoteMismatch)
		wantIs(t, s.Consume(ctx, "q1", "d2"), translate.ErrQuoteMismatch)
		must(t, s.Consume(ctx, "q1", "d1")) // a wrong digest leaves it in place
	})
	t.Run("Expired", func(t *testing.T) {
		s := newStore(t)
		must(t, s.Issue(ctx, "q1", "d1", time.Now().Add(short)))
		time.Sleep(wait)
		wantIs(t, s.Consume(ctx, "q1", "d1"), translate.ErrQuoteUsed)
		wantIs(t, s.Issue(ctx, "q2", "d1", time.Now().Add(-time.Second)), translate.ErrInvalid)
		wantIs(t, s.Issue(ctx, "q2", "d1", time.Now()), translate.ErrInvalid)
	})
	t.Run("ReissueAfterExpiry", func(t *testing.T) {
		// An expired quote is gone: its ID may be issued again, with any
		// digest, and then authorizes one payment.
		s := newStore(t)
		must(t, s.Issue(ctx, "q1", "d1", time.Now().Add(short)))
		must(t, s.Issue(ctx, "q2", "d1", time.Now().Add(short)))
		time.Sleep(wait)
		must(t, s.Issue(ctx, "q1", "d1", later()))
		must(t, s.Issue(ctx, "q2", "d2", later()))
		must(t, s.Consume(ctx, "q1", "d1"))
		must(t, s.Consume(ctx, "q2", "d2"))
	})
	t.Run("Invalid", func(t *testing.T) {
		s := newStore(t)
		wantIs(t, s.Issue(ctx, "", "d", later()), translate.ErrInvalid)
		wantIs(t, s.Issue(ctx, "q", "", later()), translate.ErrInvalid)
	})
	t.Run("Canceled", func(t *testing.T) {
		s := newStore(t)
		wantIs(t, s.Issue(canceled(), "q1", "d1", later()), translate.ErrStore)
		must(t, s.Issue(ctx, "q1", "d1", later()))
		wantIs(t, s.Consume(canceled(), "q1", "d1"), translate.ErrStore)
		must(t, s.Consume(ctx, "q1", "d1"))
	})
	t.Run("Concurrent", func(t *testing.T) {
		s := newStore(t)
		must(t, s.Issue(ctx, "q1", "d1", later()))
		var ok atomic.Int32
		parallel(50, func(int) {
			if err := s.Consume(ctx, "q1", "d1"); err == nil {
				ok.Add(1)
			} else if !errors.Is(err, translate.ErrQuoteUsed) {
				t.Errorf("Consume: %v", err)
			}
		})
		if ok.Load() != 1 {
			t.Fatalf("%d consumers succeeded, want 1", ok.Load())
		}
	})
}

// TestLimitStore checks that newStore's stores reserve, commit and release
// as [translate.LimitStore] documents.
func TestLimitStore(t *testing.T, newStore func(t *testing.T) translate.LimitStore) {
	ctx := context.Background()
	res := func(id, payer string, amount int64) translate.Reservation {
		return translate.Reservation{ID: id, Corridor: "CN-KR", Payer: payer, Day: "2026-12-01",
			Currency: "KRW", Amount: amount, Until: time.Now().Add(time.Hour)}
	}
	payer := translate.Limits{PayerDay: 100}
	t.Run("PayerLimit", func(t *testing.T) {
		s := newStore(t)
		must(t, s.Reserve(ctx, res("a", "p1", 60), payer))
		must(t, s.Reserve(ctx, res("b", "p1", 40), payer)) // exactly the limit
		err := s.Reserve(ctx, res("c", "p1", 1), payer)
		var le *translate.LimitError
		if !errors.As(err, &le) || le.Scope != "payer" || le.Used != 100 || le.Limit != 100 || le.Amount != 1 {
			t.Fatalf("over limit: %v, want a payer *LimitError used 100", err)
		}
		wantIs(t, err, translate.ErrLimitExceeded)
		must(t, s.Reserve(ctx, res("d", "p2", 100), payer)) // another payer
		r := res("e", "p1", 10)
		r.Day = "2026-12-02"
		must(t, s.Reserve(ctx, r, payer)) // another day
		r = res("f", "p1", 10)
		r.Currency = "CNY"
		must(t, s.Reserve(ctx, r, payer)) // another currency
	})
	t.Run("CorridorLimit", func(t *testing.T) {
		s := newStore(t)
		l := translate.Limits{PayerDay: 100, CorridorDay: 150}
		must(t, s.Reserve(ctx, res("a", "p1", 100), l))
		err := s.Reserve(ctx, res("b", "p2", 60), l)
		var le *translate.LimitError
		if !errors.As(err, &le) || le.Scope != "corridor" || le.Used != 100 {
			t.Fatalf("over corridor limit: %v", err)
		}
		// Refused reservations add nothing: p2 still has its whole day.
		must(t, s.Reserve(ctx, res("c", "p2", 50), l))
		// The corridor's day holds both payers' amounts: 150 of 150.
		err = s.Reserve(ctx, res("d", "p3", 1), l)
		if !errors.As(err, &le) || le.Scope != "corridor" || le.Used != 150 {
			t.Fatalf("corridor day full: %v, want a corridor *LimitError used 150", err)
		}
	})
	t.Run("SingleOverLimit", func(t *testing.T) {
		wantIs(t, newStore(t).Reserve(ctx, res("a", "p1", 101), payer), translate.ErrLimitExceeded)
	})
	t.Run("NoLimit", func(t *testing.T) {
		must(t, newStore(t).Reserve(ctx, res("a", "p1", translate.MaxMinorUnits), translate.Limits{}))
	})
	t.Run("ReserveTwiceCountsOnce", func(t *testing.T) {
		s := newStore(t)
		must(t, s.Reserve(ctx, res("a", "p1", 60), payer))
		must(t, s.Reserve(ctx, res("a", "p1", 60), payer))
		must(t, s.Reserve(ctx, res("b", "p1", 40), payer))
	})
	t.Run("ReleaseGivesBack", func(t *testing.T) {
		s := newStore(t)
		must(t, s.Reserve(ctx, res("a", "p1", 100), payer))
		must(t, s.Release(ctx, res("a", "p1", 100)))
		must(t, s.Release(ctx, res("a", "p1", 100))) // again: no-op, not below zero
		must(t, s.Reserve(ctx, res("b", "p1", 100), payer))
		wantIs(t, s.Reserve(ctx, res("c", "p1", 1), payer), translate.ErrLimitExceeded)
	})
	t.Run("CommitThenPartialRelease", func(t *testing.T) {
		s := newStore(t)
		must(t, s.Reserve(ctx, res("a", "p1", 100), payer))
		must(t, s.Commit(ctx, res("a", "p1", 100)))
		must(t, s.Commit(ctx, res("a", "p1", 100))) // again: still held
		must(t, s.Release(ctx, res("a", "p1", 30)))
		must(t, s.Reserve(ctx, res("b", "p1", 30), payer))
		wantIs(t, s.Reserve(ctx, res("c", "p1", 1), payer), translate.ErrLimitExceeded)
		must(t, s.Release(ctx, res("a", "p1", 500))) // capped at what is left (70)
		must(t, s.Reserve(ctx, res("d", "p1", 70), payer))
		wantIs(t, s.Reserve(ctx, res("e", "p1", 1), payer), translate.ErrLimitExceeded)
	})
	t.Run("CommitUnknown", func(t *testing.T) {
		wantIs(t, newStore(t).Commit(ctx, res("zz", "p1", 1)), translate.ErrNoReservation)
	})
	t.Run("ReleaseUnknown", func(t *testing.T) {
		must(t, newStore(t).Release(ctx, res("zz", "p1", 1)))
	})
	t.Run("Invalid", func(t *testing.T) {
		s := newStore(t)
		for name, mod := range map[string]func(*translate.Reservation){
			"id":       func(r *translate.Reservation) { r.ID = "" },
			"corridor": func(r *translate.Reservation) { r.Corridor = "" },
			"day":      func(r *translate.Reservation) { r.Day = "" },
			"currency": func(r *translate.Reservation) { r.Currency = "" },
			"zero":     func(r *translate.Reservation) { r.Amount = 0 },
			"negative": func(r *translate.Reservation) { r.Amount = -5 },
			"huge":     func(r *translate.Reservation) { r.Amount = translate.MaxMinorUnits + 1 },
			"until":    func(r *translate.Reservation) { r.Until = time.Now().Add(-time.Second) },
		} {
			r := res("a", "p1", 10)
			mod(&r)
			if err := s.Reserve(ctx, r, payer); !errors.Is(err, translate.ErrInvalid) {
				t.Errorf("%s: Reserve = %v, want ErrInvalid", name, err)
			}
		}
		wantIs(t, s.Release(ctx, res("a", "p1", -1)), translate.ErrInvalid)
		wantIs(t, s.Release(ctx, res("a", "p1", 0)), translate.ErrInvalid)
		wantIs(t, s.Reserve(ctx, res("a", "p1", 1), translate.Limits{PayerDay: -1}), translate.ErrInvalid)
		wantIs(t, s.Reserve(ctx, res("a", "p1", 1), translate.Limits{CorridorDay: translate.MaxMinorUnits + 1}), translate.ErrInvalid)
	})
	t.Run("PartsDoNotCollide", func(t *testing.T) {
		s := newStore(t)
		a := res("a", "x:y", 100)
		b := res("b", "y", 100)
		b.Corridor = "CN-KR:x"
		must(t, s.Reserve(ctx, a, payer))
		must(t, s.Reserve(ctx, b, payer))
	})
	t.Run("Canceled", func(t *testing.T) {
		s := newStore(t)
		wantIs(t, s.Reserve(canceled(), res("a", "p1", 10), payer), translate.ErrStore)
		must(t, s.Reserve(ctx, res("a", "p1", 10), payer))
		wantIs(t, s.Commit(canceled(), res("a", "p1", 10)), translate.ErrStore)
		wantIs(t, s.Release(canceled(), res("a", "p1", 10)), translate.ErrStore)
	})
	t.Run("Concurrent", func(t *testing.T) {
		s := newStore(t)
		l := translate.Limits{PayerDay: 500}
		var held [100]atomic.Bool
		parallel(100, func(i int) {
			err := s.Reserve(ctx, res(fmt.Sprint("r", i), "p1", 10), l)
			if err == nil {
				held[i].Store(true)
			} else if !errors.Is(err, translate.ErrLimitExceeded) {
				t.Errorf("Reserve: %v", err)
			}
		})
		var ids []int
		for i := range held {
			if held[i].Load() {
				ids = append(ids, i)
			}
		}
		if len(ids) != 50 {
			t.Fatalf("%d reservations of 10 within 500, want 50", len(ids))
		}
		// Release half concurrently, then exactly that much fits again.
		parallel(25, func(i int) {
			if err := s.Release(ctx, res(fmt.Sprint("r", ids[2*i]), "p1", 10)); err != nil {
				t.Error(err)
			}
		})
		var ok atomic.Int32
		parallel(100, func(i int) {
			if s.Reserve(ctx, res(fmt.Sprint("s", i), "p1", 10), l) == nil {
				ok.Add(1)
			}
		})
		if ok.Load() != 25 {
			t.Fatalf("%d reservations after releasing 250, want 25", ok.Load())
		}
	})
}

// TestIdempotencyStore checks that newStore's stores claim, complete,
// unlock and forget as [translate.IdempotencyStore] documents.
func TestIdempotencyStore(t *testing.T, newStore func(t *testing.T) translate.IdempotencyStore) {
	ctx := context.Background()
	const lease = time.Minute
	t.Run("FirstResult", func(t *testing.T) {
		s := newStore(t)
		c := claim(t, s, "k", "h", "t1", lease, translate.ClaimNew)
		if c.Token != "t1" {
			t.Fatalf("token %q, want t1", c.Token)
		}
		must(t, s.Complete(ctx, "k", "t1", []byte("result-1")))
		must(t, s.Complete(ctx, "k", "t1", []byte("result-1"))) // a retried Complete
		c = claim(t, s, "k", "h", "t2", lease, translate.ClaimDone)
		if string(c.Result) != "result-1" {
			t.Fatalf("result %q, want result-1", c.Result)
		}
	})
	t.Run("InProgress", func(t *testing.T) {
		s := newStore(t)
		claim(t, s, "k", "h", "t1", lease, translate.ClaimNew)
		_, err := s.Claim(ctx, "k", "h", "t2", lease)
		wantIs(t, err, translate.ErrInProgress)
		claim(t, s, "k", "h", "t1", lease, translate.ClaimNew) // the holder's own retry
	})
	t.Run("Conflict", func(t *testing.T) {
		s := newStore(t)
		claim(t, s, "k", "h", "t1", lease, translate.ClaimNew)
		_, err := s.Claim(ctx, "k", "other", "t2", lease)
		wantIs(t, err, translate.ErrIdempotencyConflict)
		must(t, s.Complete(ctx, "k", "t1", []byte("r")))
		_, err = s.Claim(ctx, "k", "other", "t2", lease)
		wantIs(t, err, translate.ErrIdempotencyConflict)
	})
	t.Run("ExpiredLease", func(t *testing.T) {
		s := newStore(t)
		claim(t, s, "k", "h", "t1", short, translate.ClaimNew)
		time.Sleep(wait)
		claim(t, s, "k", "h", "t2", lease, translate.ClaimOrphan)
		claim(t, s, "k", "h", "t2", lease, translate.ClaimOrphan) // the new holder's retry
		wantIs(t, s.Complete(ctx, "k", "t1", []byte("late")), translate.ErrLeaseLost)
		must(t, s.Complete(ctx, "k", "t2", []byte("resolved")))
		if c := claim(t, s, "k", "h", "t3", lease, translate.ClaimDone); string(c.Result) != "resolved" {
			t.Fatalf("result %q, want resolved", c.Result)
		}
	})
	t.Run("Unlock", func(t *testing.T) {
		s := newStore(t)
		claim(t, s, "k", "h", "t1", lease, translate.ClaimNew)
		must(t, s.Unlock(ctx, "k", "t1"))
		claim(t, s, "k", "h", "t2", lease, translate.ClaimOrphan)
		wantIs(t, s.Unlock(ctx, "k", "t1"), translate.ErrLeaseLost)
	})
	t.Run("Forget", func(t *testing.T) {
		s := newStore(t)
		claim(t, s, "k", "h", "t1", lease, translate.ClaimNew)
		wantIs(t, s.Forget(ctx, "k", "t9"), translate.ErrLeaseLost)
		must(t, s.Forget(ctx, "k", "t1"))
		claim(t, s, "k", "other", "t2", lease, translate.ClaimNew) // afresh, any request
	})
	t.Run("ForgetAfterComplete", func(t *testing.T) {
		s := newStore(t)
		claim(t, s, "k", "h", "t1", lease, translate.ClaimNew)
		must(t, s.Complete(ctx, "k", "t1", []byte("r")))
		_ = s.Forget(ctx, "k", "t1") // a finished result is never forgotten
		claim(t, s, "k", "h", "t2", lease, translate.ClaimDone)
	})
	t.Run("UnknownKey", func(t *testing.T) {
		s := newStore(t)
		wantIs(t, s.Complete(ctx, "k", "t1", []byte("r")), translate.ErrLeaseLost)
		wantIs(t, s.Unlock(ctx, "k", "t1"), translate.ErrLeaseLost)
		wantIs(t, s.Forget(ctx, "k", "t1"), translate.ErrLeaseLost)
	})
	t.Run("BinaryResult", func(t *testing.T) {
		s := newStore(t)
		claim(t, s, "k", "h", "t1", lease, translate.ClaimNew)
		bin := []byte{0, 1, 2, 255, '"', '\n'}
		must(t, s.Complete(ctx, "k", "t1", bin))
		if c := claim(t, s, "k", "h", "t2", lease, translate.ClaimDone); string(c.Result) != string(bin) {
			t.Fatalf("result %q, want %q", c.Result, bin)
		}
	})
	t.Run("Invalid", func(t *testing.T) {
		s := newStore(t)
		for _, c := range []struct{ key, hash, token string }{{"", "h", "t"}, {"k", "", "t"}, {"k", "h", ""}} {
			_, err := s.Claim(ctx, c.key, c.hash, c.token, lease)
			wantIs(t, err, translate.ErrInvalid)
		}
		_, err := s.Claim(ctx, "k", "h", "t", 0)
		wantIs(t, err, translate.ErrInvalid)
	})
	t.Run("Canceled", func(t *testing.T) {
		s := newStore(t)
		_, err := s.Claim(canceled(), "k", "h", "t1", lease)
		wantIs(t, err, translate.ErrStore)
		claim(t, s, "k", "h", "t1", lease, translate.ClaimNew)
		wantIs(t, s.Complete(canceled(), "k", "t1", nil), translate.ErrStore)
		wantIs(t, s.Unlock(canceled(), "k", "t1"), translate.ErrStore)
		wantIs(t, s.Forget(canceled(), "k", "t1"), translate.ErrStore)
	})
	t.Run("Concurrent", func(t *testing.T) {
		s := newStore(t)
		var fresh, busy atomic.Int32
		parallel(50, func(i int) {
			c, err := s.Claim(ctx, "k", "h", fmt.Sprint("t", i), lease)
			switch {
			case err == nil && c.State == translate.ClaimNew:
				fresh.Add(1)
			case errors.Is(err, translate.ErrInProgress):
				busy.Add(1)
			default:
				t.Errorf("Claim: %v %v", c.State, err)
			}
		})
		if fresh.Load() != 1 || busy.Load() != 49 {
			t.Fatalf("%d new and %d in progress, want 1 and 49", fresh.Load(), busy.Load())
		}
	})
}

func claim(t *testing.T, s translate.IdempotencyStore, key, hash, token string, lease time.Duration, want translate.ClaimState) translate.Claim {
	t.Helper()
	c, err := s.Claim(context.Background(), key, hash, token, lease)
	if err != nil || c.State != want {
		t.Fatalf("Claim(%s, %s, %s) = %v, %v; want %v", key, hash, token, c.State, err, want)
	}
	return c
}

func parallel(n int, f func(i int)) {
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			f(i)
		})
	}
	close(start)
	wg.Wait()
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantIs(t *testing.T, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("error %v, want one matching %v", err, target)
	}
}

// TestRefundLedger checks that newLedger's ledgers add refunds as
// [translate.RefundLedger] documents.
func TestRefundLedger(t *testing.T, newLedger func(t *testing.T) translate.RefundLedger) {
	ctx := context.Background()
	add := func(l translate.RefundLedger, id string, amount int64) (int64, int64, error) {
		return l.Add(ctx, "pay1", id, amount, 1000)
	}
	t.Run("PartsAndRest", func(t *testing.T) {
		l := newLedger(t)
		if b, a, err := add(l, "r1", 300); err != nil || b != 0 || a != 300 {
			t.Fatalf("r1 = %d, %d, %v", b, a, err)
		}
		if b, a, err := add(l, "r1", 0); err != nil || b != 0 || a != 300 { // retry of r1
			t.Fatalf("r1 again = %d, %d, %v", b, a, err)
		}
		if _, _, err := add(l, "r1", 301); !errors.Is(err, translate.ErrIdempotencyConflict) {
			t.Fatalf("r1 with another amount = %v", err)
		}
		if b, a, err := add(l, "r2", 0); err != nil || b != 300 || a != 700 {
			t.Fatalf("r2 (the rest) = %d, %d, %v", b, a, err)
		}
		_, _, err := add(l, "r3", 1)
		var re *translate.RefundError
		if !errors.As(err, &re) || re.Refunded != 1000 || !errors.Is(err, translate.ErrRefundExceeded) {
			t.Fatalf("past the payment = %v", err)
		}
		if _, _, err := add(l, "r4", 0); !errors.Is(err, translate.ErrRefundExceeded) {
			t.Fatalf("the rest of nothing = %v", err)
		}
		if _, _, err := l.Add(ctx, "pay2", "r1", 1000, 1000); err != nil {
			t.Fatalf("another payment: %v", err)
		}
	})
	t.Run("Invalid", func(t *testing.T) {
		l := newLedger(t)
		for _, c := range []struct {
			pay, id      string
			amount, paid int64
		}{{"", "r", 1, 1}, {"p", "", 1, 1}, {"p", "r", -1, 1}, {"p", "r", 1, 0}} {
			if _, _, err := l.Add(ctx, c.pay, c.id, c.amount, c.paid); !errors.Is(err, translate.ErrInvalid) {
				t.Errorf("Add(%+v) = %v", c, err)
			}
		}
		if _, _, err := l.Add(canceled(), "p", "r", 1, 1); !errors.Is(err, translate.ErrStore) {
			t.Errorf("canceled = %v", err)
		}
	})
	t.Run("Concurrent", func(t *testing.T) {
		l := newLedger(t)
		var ok atomic.Int32
		parallel(100, func(i int) {
			if _, _, err := add(l, fmt.Sprint("r", i), 20); err == nil {
				ok.Add(1)
			}
		})
		if ok.Load() != 50 {
			t.Fatalf("%d refunds of 20 within 1000, want 50", ok.Load())
		}
	})
}
