package fx

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/sync/singleflight"
)

// Cache wraps a provider and keeps each rate for TTL.
//
// A hit takes no lock and allocates nothing: entries live in a table
// indexed by the two currencies' positions in the ISO 4217 table, read
// through atomic pointers, so concurrent conversions do not contend. A
// miss stores one entry in O(1), whatever the number of pairs cached.
//
// Concurrent misses for one pair collapse into a single upstream call
// (golang.org/x/sync/singleflight) whose result they all share. The call
// runs in its own goroutine under the first caller's context with its
// cancellation removed ([context.WithoutCancel]): a caller whose context
// ends stops waiting, and neither it nor any other caller makes the call
// fail for the rest. Give a provider that may hang its own timeout (an
// [http.Client] Timeout for [ECB]). A panic or [runtime.Goexit] in the
// upstream is turned into an error for every caller waiting on that call;
// the pair is not wedged and the next call asks the upstream again.
// Errors are not cached.
//
// Create one with [NewCache]; it is safe for concurrent use.
type Cache struct {
	upstream Provider
	ttl      time.Duration
	now      func() time.Time
	flight   singleflight.Group

	// rows[i][j] caches iso4217[i]/iso4217[j]; rows are allocated on
	// first use.
	rows [len(iso4217)]atomic.Pointer[cacheRow]
}

type cacheRow [len(iso4217)]atomic.Pointer[cacheEntry]

type cacheEntry struct {
	rate    Rate
	expires time.Time
}

// NewCache returns a cache over upstream. now is the clock (nil means
// time.Now); tests pass a fake one.
func NewCache(upstream Provider, ttl time.Duration, now func() time.Time) *Cache {
	if now == nil {
		now = time.Now
	}
	return &Cache{upstream: upstream, ttl: ttl, now: now}
}

// codeIndex maps a three-letter code, read as a base-26 number, to its
// position in the ISO 4217 table plus one (0: not in the table). 35 KB,
// built once, so that a cache hit finds its slot with two array reads.
var codeIndex = func() *[26 * 26 * 26]uint8 {
	var t [26 * 26 * 26]uint8
	for i, c := range iso4217 {
		t[codeNumber(c.code)] = uint8(i + 1)
	}
	return &t
}()

// codeNumber reads three capital letters as a base-26 number, or -1.
func codeNumber(code string) int {
	if len(code) != 3 {
		return -1
	}
	n := 0
	for i := 0; i < 3; i++ {
		c := code[i]
		if c < 'A' || c > 'Z' {
			return -1
		}
		n = n*26 + int(c-'A')
	}
	return n
}

// tableIndex returns c's position in the ISO 4217 table, or -1 for the
// zero Currency.
func tableIndex(c Currency) int {
	n := codeNumber(c.code)
	if n < 0 {
		return -1
	}
	return int(codeIndex[n]) - 1
}

// Rate implements [Provider].
func (c *Cache) Rate(ctx context.Context, base, quote Currency) (Rate, error) {
	i, j := tableIndex(base), tableIndex(quote)
	if i < 0 || j < 0 {
		return c.upstream.Rate(ctx, base, quote) // nothing to key on; the upstream refuses it
	}
	if row := c.rows[i].Load(); row != nil {
		if e := row[j].Load(); e != nil && c.now().Before(e.expires) {
			return e.rate, nil
		}
	}
	return c.miss(ctx, i, j, base, quote)
}

// flightResult is what a collapsed upstream call yields.
type flightResult struct {
	rate Rate
	err  error
}

func (c *Cache) miss(ctx context.Context, i, j int, base, quote Currency) (Rate, error) {
	if err := ctx.Err(); err != nil {
		return Rate{}, &RateError{Base: base, Quote: quote, Err: joinUnavailable(err)}
	}
	detached := context.WithoutCancel(ctx)
	done := make(chan flightResult, 1)
	go func() {
		normal := false
		defer func() {
			if normal {
				return
			}
			why := "upstream called runtime.Goexit"
			if p := recover(); p != nil {
				why, _, _ = strings.Cut(fmt.Sprintf("upstream panicked: %v", p), "\n") // the value, not singleflight's stack
			}
			done <- flightResult{err: &RateError{Base: base, Quote: quote, Err: fmt.Errorf("%w: %s", ErrRateUnavailable, why)}}
		}()
		v, err, _ := c.flight.Do(base.code+quote.code, func() (any, error) {
			return c.fetch(detached, i, j, base, quote)
		})
		normal = true
		r, _ := v.(Rate)
		done <- flightResult{rate: r, err: err}
	}()
	select {
	case res := <-done:
		return res.rate, res.err
	case <-ctx.Done():
		return Rate{}, &RateError{Base: base, Quote: quote, Err: joinUnavailable(ctx.Err())}
	}
}

// fetch asks the upstream and stores a successful answer.
func (c *Cache) fetch(ctx context.Context, i, j int, base, quote Currency) (Rate, error) {
	r, err := c.upstream.Rate(ctx, base, quote)
	if err != nil {
		return Rate{}, err
	}
	row := c.rows[i].Load()
	if row == nil {
		c.rows[i].CompareAndSwap(nil, new(cacheRow))
		row = c.rows[i].Load()
	}
	row[j].Store(&cacheEntry{rate: r, expires: c.now().Add(c.ttl)})
	return r, nil
}
