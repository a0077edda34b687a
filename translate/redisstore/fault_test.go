package redisstore_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/qrbridge/qrbridge/translate"
)

func TestReplay(t *testing.T) {
	srv := startRedis(t)
	r := srv.stores().Replay
	ctx := context.Background()
	until := time.Now().Add(time.Minute)
	if fresh, err := r.Claim(ctx, "n1", until); !fresh || err != nil {
		t.Fatalf("first Claim = %v, %v; want fresh", fresh, err)
	}
	if fresh, err := r.Claim(ctx, "n1", until); fresh || err != nil {
		t.Fatalf("second Claim = %v, %v; want not fresh", fresh, err)
	}
	if fresh, err := r.Claim(ctx, "n2", time.Now().Add(50*time.Millisecond)); !fresh || err != nil {
		t.Fatalf("Claim n2 = %v, %v", fresh, err)
	}
	time.Sleep(120 * time.Millisecond)
	if fresh, err := r.Claim(ctx, "n2", until); !fresh || err != nil {
		t.Fatalf("Claim after the window = %v, %v; want fresh again", fresh, err)
	}
	var mu sync.Mutex
	n := 0
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			if fresh, err := r.Claim(ctx, "n3", until); fresh && err == nil {
				mu.Lock()
				n++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if n != 1 {
		t.Fatalf("%d concurrent claims fresh, want 1", n)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := r.Claim(cctx, "n4", until); !errors.Is(err, translate.ErrStore) {
		t.Fatalf("Claim with a canceled context = %v, want ErrStore", err)
	}
}

// TestDeadlineDuringScript blocks the server (DEBUG SLEEP) while a Lua call
// waits for its answer: the call returns at its context's deadline with a
// store error, not when the server wakes, and never as a success.
func TestDeadlineDuringScript(t *testing.T) {
	srv := startRedis(t)
	st := srv.stores()
	blocker := srv.client()
	go blocker.Do(context.Background(), "DEBUG", "SLEEP", "0.6")
	time.Sleep(50 * time.Millisecond) // let the sleep start
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	r := translate.Reservation{ID: "a", Corridor: "c", Payer: "p", Day: "2026-12-01", Currency: "KRW", Amount: 10, Until: time.Now().Add(time.Hour)}
	err := st.Limits.Reserve(ctx, r, translate.Limits{PayerDay: 100})
	took := time.Since(start)
	if !errors.Is(err, translate.ErrStore) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Reserve during DEBUG SLEEP = %v, want ErrStore and DeadlineExceeded", err)
	}
	if took > 500*time.Millisecond { // the server sleeps 600 ms
		t.Fatalf("Reserve returned after %v, past its 100ms deadline", took)
	}
	ctx2, cancel2 := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel2()
	if _, err := st.Idempotency.Claim(ctx2, "k", "h", "t", time.Minute); !errors.Is(err, translate.ErrStore) {
		t.Fatalf("Claim during DEBUG SLEEP = %v, want ErrStore", err)
	}
	// Once the server wakes, the store answers again; the script sent before
	// the deadline may have run, and reserving the same ID again counts once.
	time.Sleep(600 * time.Millisecond)
	if err := st.Limits.Reserve(context.Background(), r, translate.Limits{PayerDay: 100}); err != nil {
		t.Fatal(err)
	}
	r2 := r
	r2.ID, r2.Amount = "b", 90
	if err := st.Limits.Reserve(context.Background(), r2, translate.Limits{PayerDay: 100}); err != nil {
		t.Fatalf("the timed-out reservation counted twice: %v", err)
	}
}

// TestServerDown: with no server, every operation fails closed with a
// store error within its deadline.
func TestServerDown(t *testing.T) {
	srv := startRedis(t)
	st := srv.stores()
	srv.kill()
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	r := translate.Reservation{ID: "a", Corridor: "c", Payer: "p", Day: "d", Currency: "KRW", Amount: 10, Until: time.Now().Add(time.Hour)}
	_, claimErr := st.Idempotency.Claim(ctx, "k", "h", "t", time.Minute)
	_, replayErr := st.Replay.Claim(ctx, "n", time.Now().Add(time.Minute))
	for name, err := range map[string]error{
		"issue":   st.Quotes.Issue(ctx, "q", "d", time.Now().Add(time.Minute)),
		"consume": st.Quotes.Consume(ctx, "q", "d"),
		"reserve": st.Limits.Reserve(ctx, r, translate.Limits{}),
		"commit":  st.Limits.Commit(ctx, r),
		"release": st.Limits.Release(ctx, r),
		"claim":   claimErr,
		"replay":  replayErr,
	} {
		var se *translate.StoreError
		if !errors.As(err, &se) || !errors.Is(err, translate.ErrStore) {
			t.Errorf("%s with the server down = %v, want a *StoreError", name, err)
		}
	}
}
