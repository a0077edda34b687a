package wechat

import (
	"context"
	"errors"
	"sync"
	"time"
)

// DefaultMaxNonces is [MemoryReplay]'s bound when MaxNonces is zero.
const DefaultMaxNonces = 1 << 16

// MemoryReplay is an in-memory [ReplayStore]. It holds each nonce until
// the until it was claimed with, and forgets it afterwards (when the
// timestamp check alone refuses its message), so memory is bounded by
// the traffic of ten minutes, and at most MaxNonces (default
// [DefaultMaxNonces]): when that many nonces are live, Claim fails with
// [ErrReplayStore] rather than forget one early.
//
// The zero value is ready to use. A MemoryReplay is safe for concurrent
// use and must not be copied after first use.
type MemoryReplay struct {
	// MaxNonces bounds the live nonces; zero means [DefaultMaxNonces].
	MaxNonces int
	// Now is the store's clock; nil means time.Now. [NewVerifier] gives
	// the MemoryReplay it makes the Verifier's clock.
	Now func() time.Time

	mu     sync.Mutex
	seen   map[string]time.Time // nonce → until
	pruned time.Time
}

// errFull is the cause of a Claim refused for capacity.
var errFull = errors.New("wechat: memory replay store full")

// Claim implements [ReplayStore], at the time m.Now gives.
func (m *MemoryReplay) Claim(_ context.Context, nonce string, until time.Time) (bool, error) {
	now := time.Now
	if m.Now != nil {
		now = m.Now
	}
	return m.ClaimAt(nonce, until, now())
}

// ClaimAt is Claim at the time now.
func (m *MemoryReplay) ClaimAt(nonce string, until, now time.Time) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.seen == nil {
		m.seen = map[string]time.Time{}
	}
	if old, ok := m.seen[nonce]; ok && now.Before(old) {
		return false, nil
	}
	max := m.MaxNonces
	if max <= 0 {
		max = DefaultMaxNonces
	}
	if len(m.seen) >= max || now.Sub(m.pruned) >= time.Minute {
		m.prune(now)
	}
	if len(m.seen) >= max {
		return false, joinErr(ErrReplayStore, errFull)
	}
	m.seen[nonce] = until
	return true, nil
}

// prune forgets the nonces whose until has passed.
func (m *MemoryReplay) prune(now time.Time) {
	for n, until := range m.seen {
		if !now.Before(until) {
			delete(m.seen, n)
		}
	}
	m.pruned = now
}

// Len returns how many nonces the store holds.
func (m *MemoryReplay) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.seen)
}

// joinErr returns an error that matches sentinel and cause.
func joinErr(sentinel, cause error) error {
	if errors.Is(cause, sentinel) {
		return cause
	}
	return &causeError{sentinel, cause}
}

type causeError struct{ sentinel, cause error }

func (e *causeError) Error() string   { return e.sentinel.Error() + ": " + e.cause.Error() }
func (e *causeError) Unwrap() []error { return []error{e.sentinel, e.cause} }
