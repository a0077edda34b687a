package fx

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// countingProvider counts upstream calls and can be made slow.
type countingProvider struct {
	calls atomic.Int64
	delay time.Duration
	err   error
}

func (c *countingProvider) Rate(ctx context.Context, base, quote Currency) (Rate, error) {
	c.calls.Add(1)
	time.Sleep(c.delay)
	if c.err != nil {
		return Rate{}, c.err
	}
	return Rate{Base: base, Quote: quote, Value: dec("1380")}, nil
}

func TestCacheTTLAndCollapse(t *testing.T) {
	up := &countingProvider{delay: 20 * time.Millisecond}
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	c := NewCache(up, time.Minute, clock)

	var wg sync.WaitGroup
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := c.Rate(context.Background(), usd, krw)
			assert.NoError(t, err)
			assert.Equal(t, "1380", r.Value.String())
		}()
	}
	wg.Wait()
	assert.Equal(t, int64(1), up.calls.Load(), "concurrent misses collapse into one upstream call")

	_, _ = c.Rate(context.Background(), usd, krw)
	assert.Equal(t, int64(1), up.calls.Load(), "hit within ttl")
	mu.Lock()
	now = now.Add(61 * time.Second)
	mu.Unlock()
	_, _ = c.Rate(context.Background(), usd, krw)
	assert.Equal(t, int64(2), up.calls.Load(), "refetched after ttl")
}

func TestCacheErrorsAreNotCached(t *testing.T) {
	up := &countingProvider{err: &RateError{Base: usd, Quote: krw, Err: ErrRateUnavailable}}
	c := NewCache(up, time.Minute, nil)
	for range 3 {
		_, err := c.Rate(context.Background(), usd, krw)
		assert.ErrorIs(t, err, ErrRateUnavailable)
	}
	assert.Equal(t, int64(3), up.calls.Load())
}

func TestCacheWaiterCancellation(t *testing.T) {
	up := &countingProvider{delay: 200 * time.Millisecond}
	c := NewCache(up, time.Minute, nil)
	leader := make(chan error, 1)
	go func() {
		_, err := c.Rate(context.Background(), usd, cny)
		leader <- err
	}()
	for up.calls.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Rate(ctx, usd, cny)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.ErrorIs(t, err, ErrRateUnavailable)
	assert.Less(t, time.Since(start), 150*time.Millisecond, "the waiter stops waiting")
	assert.NoError(t, <-leader, "the leader gets its own result")
	assert.Equal(t, int64(1), up.calls.Load())
}

func TestCacheCancelledContext(t *testing.T) {
	// An already-cancelled context fails every time the same way, without
	// an upstream call, and a hit still answers it.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	up := &countingProvider{}
	c := NewCache(up, time.Minute, nil)
	for range 50 {
		_, err := c.Rate(ctx, usd, krw)
		require.ErrorIs(t, err, context.Canceled)
		require.ErrorIs(t, err, ErrRateUnavailable)
	}
	assert.Equal(t, int64(0), up.calls.Load())
	_, err := c.Rate(context.Background(), usd, krw)
	require.NoError(t, err)
	r, err := c.Rate(ctx, usd, krw)
	require.NoError(t, err, "a hit needs no context")
	assert.Equal(t, "1380", r.Value.String())
}

func TestCacheUnderConcurrentLoad(t *testing.T) {
	c := NewCache(NewStatic(Rate{Base: usd, Quote: krw, Value: dec("1380")}, Rate{Base: cny, Quote: krw, Value: dec("190")}), time.Millisecond, nil)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			base := []Currency{usd, cny}[i%2]
			for range 500 {
				r, err := c.Rate(context.Background(), base, krw)
				if assert.NoError(t, err) {
					a, err := Convert(FromMinor(100, base), r, HalfEven)
					assert.NoError(t, err)
					assert.False(t, a.IsZero())
				}
			}
		}()
	}
	wg.Wait()
}

// panickyProvider panics, or calls runtime.Goexit, on its first call and
// answers afterwards; every call after the first blocks on release until
// it is closed.
type panickyProvider struct {
	calls   atomic.Int64
	goexit  bool
	started chan struct{}
	release chan struct{}
}

func (p *panickyProvider) Rate(ctx context.Context, base, quote Currency) (Rate, error) {
	if p.calls.Add(1) == 1 {
		close(p.started)
		<-p.release
		if p.goexit {
			runtime.Goexit()
		}
		panic("upstream bug")
	}
	return Rate{Base: base, Quote: quote, Value: dec("1380")}, nil
}

func TestCachePanicOrGoexitDoesNotWedgeThePair(t *testing.T) {
	for _, goexit := range []bool{false, true} {
		up := &panickyProvider{goexit: goexit, started: make(chan struct{}), release: make(chan struct{})}
		c := NewCache(up, time.Minute, nil)
		errs := make(chan error, 3)
		for range 3 { // a leader and two waiters on the same call
			go func() {
				_, err := c.Rate(context.Background(), usd, krw)
				errs <- err
			}()
		}
		<-up.started
		time.Sleep(20 * time.Millisecond) // let the waiters join the call (usually)
		close(up.release)
		failed := 0
		for range 3 {
			select {
			case err := <-errs:
				if err == nil {
					continue // a caller that came too late for the call made its own
				}
				failed++
				require.ErrorIs(t, err, ErrRateUnavailable, "goexit=%v", goexit)
				var re *RateError
				require.ErrorAs(t, err, &re)
				assert.Equal(t, usd, re.Base)
				if !goexit {
					assert.Contains(t, err.Error(), "upstream panicked: upstream bug")
					assert.NotContains(t, err.Error(), "goroutine", "no stack in the message")
				} else {
					assert.Contains(t, err.Error(), "Goexit")
				}
			case <-time.After(5 * time.Second):
				t.Fatalf("goexit=%v: a caller is wedged", goexit)
			}
		}
		// Every caller that shared the failed call got its error: callers
		// that did not share it made calls of their own.
		own := int(up.calls.Load()) - 1
		assert.GreaterOrEqual(t, failed, 1)
		assert.Equal(t, 3, failed+own, "goexit=%v", goexit)
		done := make(chan error, 1)
		go func() {
			_, err := c.Rate(context.Background(), usd, krw)
			done <- err
		}()
		select {
		case err := <-done:
			require.NoError(t, err, "the next call with context.Background() returns")
		case <-time.After(5 * time.Second):
			t.Fatalf("goexit=%v: the pair is wedged", goexit)
		}
		assert.Equal(t, int64(own+2), up.calls.Load())
	}
}

func TestCacheLeaderCancellationDoesNotFailFollowers(t *testing.T) {
	// The upstream honours its context; the leader gives up while the call
	// it started is in flight, yet that call completes for the follower.
	started := make(chan struct{})
	var calls atomic.Int64
	up := ProviderFunc(func(ctx context.Context, base, quote Currency) (Rate, error) {
		if calls.Add(1) == 1 {
			close(started)
		}
		select {
		case <-time.After(50 * time.Millisecond):
			return Rate{Base: base, Quote: quote, Value: dec("1380")}, nil
		case <-ctx.Done():
			return Rate{}, ctx.Err()
		}
	})
	c := NewCache(up, time.Minute, nil)
	leaderCtx, cancel := context.WithCancel(context.Background())
	leader := make(chan error, 1)
	go func() {
		_, err := c.Rate(leaderCtx, usd, krw)
		leader <- err
	}()
	<-started
	cancel()
	assert.ErrorIs(t, <-leader, context.Canceled, "the leader stops waiting")
	r, err := c.Rate(context.Background(), usd, krw)
	require.NoError(t, err, "the call the leader started was not cancelled with it")
	assert.Equal(t, "1380", r.Value.String())
	assert.Equal(t, int64(1), calls.Load())
}

func TestCacheFillsEveryPairFast(t *testing.T) {
	// 20,000 distinct pairs: each miss is O(1), so filling is linear (the
	// copy-on-write map it replaces took 62 s for 16,000 pairs).
	var calls atomic.Int64
	up := ProviderFunc(func(_ context.Context, base, quote Currency) (Rate, error) {
		calls.Add(1)
		return Rate{Base: base, Quote: quote, Value: dec("2")}, nil
	})
	c := NewCache(up, time.Hour, nil)
	all := Currencies()
	ctx := context.Background()
	start := time.Now()
	n := 0
	for _, a := range all {
		for _, b := range all {
			if n == 20000 {
				break
			}
			r, err := c.Rate(ctx, a, b)
			require.NoError(t, err)
			require.Equal(t, b, r.Quote)
			n++
		}
	}
	elapsed := time.Since(start)
	require.Equal(t, 20000, n, "the ISO table allows %d pairs", len(all)*len(all))
	assert.Less(t, elapsed, 2*time.Second, "filling 20,000 pairs")
	// Every pair is now a hit.
	start = time.Now()
	for _, a := range all[:100] {
		for _, b := range all[:100] {
			_, err := c.Rate(ctx, a, b)
			require.NoError(t, err)
		}
	}
	assert.Less(t, time.Since(start), time.Second)
	assert.Equal(t, int64(20000), calls.Load(), "hits do not reach the upstream")
}

func TestCacheHitAllocatesNothing(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("instrumented builds allocate differently")
	}
	c := NewCache(NewStatic(Rate{Base: krw, Quote: cny, Value: dec("0.0052")}), time.Hour, nil)
	ctx := context.Background()
	_, err := c.Rate(ctx, krw, cny)
	require.NoError(t, err)
	var r Rate
	got := testing.AllocsPerRun(200, func() { r, _ = c.Rate(ctx, krw, cny) })
	assert.Equal(t, "0.0052", r.Value.String(), "the measured call hit")
	assert.Zero(t, got)
}

func TestCacheZeroCurrencyGoesUpstream(t *testing.T) {
	c := NewCache(NewStatic(), time.Hour, nil)
	_, err := c.Rate(context.Background(), Currency{}, krw)
	assert.ErrorIs(t, err, ErrRateUnavailable)
}

func TestTableIndex(t *testing.T) {
	require.Less(t, len(iso4217), 256, "positions fit in codeIndex's uint8")
	for i, c := range Currencies() {
		assert.Equal(t, i, tableIndex(c), c.Code())
	}
	assert.Equal(t, -1, tableIndex(Currency{}))
	for _, code := range []string{"", "AB", "ABCD", "abc", "A1C", "ZZZ", "AAA"} {
		assert.Equal(t, -1, tableIndex(Currency{code: code}), code)
	}
	assert.Equal(t, 0, codeNumber("AAA"))
	assert.Equal(t, 26*26*26-1, codeNumber("ZZZ"))
	assert.Equal(t, -1, codeNumber("[AA"))
	for _, bad := range []string{"", "A", "AB", "ABCD", "aBC", "AbC", "ABc"} {
		assert.Equal(t, -1, codeNumber(bad), bad)
	}
	assert.Equal(t, -1, codeNumber("@AA"))
}
