package fx

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// Cache wraps a provider and keeps each rate for TTL. A hit reads an
// immutable map through an atomic pointer, taking no lock and allocating
// nothing, so concurrent conversions do not contend; a miss copies the map
// under a mutex (rates are few and change rarely). Concurrent misses for
// one pair collapse into a single upstream call whose result they all
// share. A waiter whose context ends stops waiting; the call it waited
// for runs under the context of the caller that started it.
//
// Create one with [NewCache]; it is safe for concurrent use.
type Cache struct {
	upstream Provider
	ttl      time.Duration
	now      func() time.Time

	entries atomic.Pointer[map[pairKey]cacheEntry] // copy on write

	mu       sync.Mutex // guards inflight and writers of entries; misses only
	inflight map[pairKey]*call
}

// pairKey identifies a currency pair by alphabetic codes, packed.
type pairKey [6]byte

func keyOf(base, quote Currency) (k pairKey) {
	copy(k[:3], base.code)
	copy(k[3:], quote.code)
	return k
}

type cacheEntry struct {
	rate    Rate
	expires time.Time
}

// call is one upstream request that concurrent misses wait for.
type call struct {
	done chan struct{}
	rate Rate
	err  error
}

// NewCache returns a cache over upstream. now is the clock (nil means
// time.Now); tests pass a fake one.
func NewCache(upstream Provider, ttl time.Duration, now func() time.Time) *Cache {
	if now == nil {
		now = time.Now
	}
	return &Cache{upstream: upstream, ttl: ttl, now: now, inflight: map[pairKey]*call{}}
}

// Rate implements [Provider].
func (c *Cache) Rate(ctx context.Context, base, quote Currency) (Rate, error) {
	key := keyOf(base, quote)
	if m := c.entries.Load(); m != nil {
		if e, ok := (*m)[key]; ok && c.now().Before(e.expires) {
			return e.rate, nil
		}
	}
	return c.miss(ctx, key, base, quote)
}

func (c *Cache) miss(ctx context.Context, key pairKey, base, quote Currency) (Rate, error) {
	c.mu.Lock()
	cl, waiting := c.inflight[key]
	if !waiting {
		cl = &call{done: make(chan struct{})}
		c.inflight[key] = cl
	}
	c.mu.Unlock()
	if !waiting {
		c.fetch(ctx, key, base, quote, cl)
		return cl.rate, cl.err
	}
	select {
	case <-cl.done:
		return cl.rate, cl.err
	case <-ctx.Done():
		return Rate{}, &RateError{Base: base, Quote: quote, Err: joinUnavailable(ctx.Err())}
	}
}

// fetch runs the upstream call for key and publishes its result.
func (c *Cache) fetch(ctx context.Context, key pairKey, base, quote Currency, cl *call) {
	cl.rate, cl.err = c.upstream.Rate(ctx, base, quote)
	c.mu.Lock()
	if cl.err == nil {
		c.store(key, cacheEntry{rate: cl.rate, expires: c.now().Add(c.ttl)})
	}
	delete(c.inflight, key)
	c.mu.Unlock()
	close(cl.done)
}

// store publishes a new map with key set; c.mu must be held.
func (c *Cache) store(key pairKey, e cacheEntry) {
	next := map[pairKey]cacheEntry{}
	if old := c.entries.Load(); old != nil {
		for k, v := range *old {
			next[k] = v
		}
	}
	next[key] = e
	c.entries.Store(&next)
}
