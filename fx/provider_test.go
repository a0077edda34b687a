package fx

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStaticProvider(t *testing.T) {
	s := NewStatic(Rate{Base: usd, Quote: krw, Value: dec("1380")})
	ctx := context.Background()
	r, err := s.Rate(ctx, usd, krw)
	require.NoError(t, err)
	assert.Equal(t, "1380", r.Value.String())
	inv, err := s.Rate(ctx, krw, usd)
	require.NoError(t, err)
	assert.Equal(t, "0.0007246376811594", inv.Value.String())
	same, err := s.Rate(ctx, cny, cny)
	require.NoError(t, err)
	assert.Equal(t, "1", same.Value.String())
	_, err = s.Rate(ctx, usd, jpy)
	var re *RateError
	require.ErrorAs(t, err, &re)
	assert.ErrorIs(t, err, ErrRateUnavailable)
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	_, err = s.Rate(cancelled, usd, krw)
	assert.ErrorIs(t, err, context.Canceled)
	var zero Static
	_, err = zero.Rate(ctx, usd, krw)
	assert.ErrorIs(t, err, ErrRateUnavailable)
}

func TestFallbackAndMargin(t *testing.T) {
	ctx := context.Background()
	f := Fallback{NewStatic(), NewStatic(Rate{Base: usd, Quote: krw, Value: dec("1400"), Source: "second"})}
	r, err := f.Rate(ctx, usd, krw)
	require.NoError(t, err)
	assert.Equal(t, "second", r.Source)
	_, err = Fallback{NewStatic()}.Rate(ctx, usd, jpy)
	assert.ErrorIs(t, err, ErrRateUnavailable)

	m := Margin{Upstream: f, BasisPoints: 150}
	r, err = m.Rate(ctx, usd, krw)
	require.NoError(t, err)
	assert.Equal(t, "1379", r.Value.String(), "1400 less 1.5%")
	_, err = Margin{}.Rate(ctx, usd, krw)
	assert.ErrorIs(t, err, ErrRateUnavailable)
}

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

func TestCacheLeaderKeepsItsResult(t *testing.T) {
	// An already-cancelled context must not turn the leader's successful
	// fetch into a random failure.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for range 50 {
		c := NewCache(&countingProvider{}, time.Minute, nil)
		r, err := c.Rate(ctx, usd, krw)
		require.NoError(t, err)
		assert.Equal(t, "1380", r.Value.String())
	}
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

func TestParseECB(t *testing.T) {
	f, err := os.Open("testdata/eurofxref-daily.xml")
	require.NoError(t, err)
	defer f.Close()
	rates, err := ParseECB(f)
	require.NoError(t, err)
	require.Len(t, rates, 7)
	assert.Equal(t, eur, rates[0].Base)
	assert.Equal(t, usd, rates[0].Quote)
	assert.Equal(t, "1.05", rates[0].Value.String())
	assert.Equal(t, "2026-11-25", rates[0].AsOf.Format(time.DateOnly))
	for _, bad := range []string{"", "<html></html>", "<Envelope><Cube><Cube time='x'/></Cube></Envelope>",
		"<Envelope><Cube><Cube time='2026-01-02'><Cube currency='USD' rate='-1'/></Cube></Cube></Envelope>"} {
		_, err := ParseECB(strings.NewReader(bad))
		assert.ErrorIs(t, err, ErrSyntax, bad)
	}
}

func TestECBProviderOverHTTP(t *testing.T) {
	body, err := os.ReadFile("testdata/eurofxref-daily.xml")
	require.NoError(t, err)
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		_, _ = w.Write(body)
	}))
	defer srv.Close()
	p := &ECB{Client: srv.Client(), URL: srv.URL}
	r, err := p.Rate(context.Background(), krw, cny)
	require.NoError(t, err)
	assert.Equal(t, "0.0051785714285714", r.Value.String())
	r, err = p.Rate(context.Background(), eur, krw)
	require.NoError(t, err)
	assert.Equal(t, "1470", r.Value.String())
	_, err = p.Rate(context.Background(), krw, MustCurrency("PHP"))
	assert.ErrorIs(t, err, ErrRateUnavailable)
	assert.Equal(t, int64(3), hits.Load())

	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "no", http.StatusServiceUnavailable)
	}))
	defer down.Close()
	_, err = (&ECB{Client: down.Client(), URL: down.URL}).Rate(context.Background(), eur, krw)
	assert.ErrorIs(t, err, ErrRateUnavailable)
	_, err = (&ECB{}).Rate(context.Background(), eur, krw)
	assert.ErrorIs(t, err, ErrRateUnavailable, "no client, no network")
}

func TestParseWeChatRateResponse(t *testing.T) {
	ok := `<xml><return_code><![CDATA[SUCCESS]]></return_code><result_code><![CDATA[SUCCESS]]></result_code>` +
		`<appid>wx2421b1c4370ec43b</appid><mch_id>10000100</mch_id><fee_type>KRW</fee_type>` +
		`<rate_time>20261126</rate_time><rate>520000</rate></xml>`
	r, err := ParseWeChatRateResponse(strings.NewReader(ok))
	require.NoError(t, err)
	assert.Equal(t, krw, r.Base)
	assert.Equal(t, cny, r.Quote)
	assert.Equal(t, "0.0052", r.Value.String())
	assert.Equal(t, "2026-11-26T00:00:00+08:00", r.AsOf.Format(time.RFC3339))

	failed := strings.Replace(ok, "<result_code><![CDATA[SUCCESS]]>", "<result_code><![CDATA[FAIL]]>", 1)
	_, err = ParseWeChatRateResponse(strings.NewReader(failed))
	assert.ErrorIs(t, err, ErrRateUnavailable)
	_, err = ParseWeChatRateResponse(strings.NewReader(strings.Replace(ok, "KRW", "ZZZ", 1)))
	assert.ErrorIs(t, err, ErrUnknownCurrency)
	_, err = ParseWeChatRateResponse(strings.NewReader(strings.Replace(ok, "20261126", "2026-11-26", 1)))
	assert.ErrorIs(t, err, ErrSyntax)
	_, err = ParseWeChatRateResponse(strings.NewReader("not xml"))
	assert.True(t, errors.Is(err, ErrSyntax))
}
