package translate

import (
	"context"
	"sync"
	"time"
)

// DefaultMaxEntries bounds each in-memory store when its MaxEntries is
// zero.
const DefaultMaxEntries = 100_000

// sweepEvery is the least time between two full sweeps of a full store, so
// that a store kept full by live entries costs one scan a second, not one
// per insert.
const sweepEvery = time.Second

// bounded is the shared capacity logic of the in-memory stores: full
// reports whether a map of n entries has no room for one more, sweeping
// expired entries first (sweep returns how many remain) when the map is
// full and the last sweep is older than sweepEvery.
type bounded struct {
	lastSweep time.Time
}

func (b *bounded) full(n, max int, now time.Time, sweep func(time.Time) int) bool {
	if max <= 0 {
		max = DefaultMaxEntries
	}
	if n < max {
		return false
	}
	if now.Sub(b.lastSweep) < sweepEvery {
		return true
	}
	b.lastSweep = now
	return sweep(now) >= max
}

func fullError(store, op string) error {
	return &StoreError{Store: store, Op: op, Err: ErrStoreFull}
}

func ctxError(ctx context.Context, store, op string) error {
	if err := ctx.Err(); err != nil {
		return &StoreError{Store: store, Op: op, Err: err}
	}
	return nil
}

// MemoryQuotes is a [QuoteStore] in memory, for one process. Entries leave
// when consumed or expired; at most MaxEntries live quotes are held
// (DefaultMaxEntries when zero), and Issue fails with [ErrStoreFull] past
// that. The zero value is ready to use; it is safe for concurrent use and
// must not be copied after first use.
type MemoryQuotes struct {
	MaxEntries int

	mu sync.Mutex
	m  map[string]quoteEntry
	b  bounded
}

type quoteEntry struct {
	digest  string
	expires time.Time
}

// Issue implements [QuoteStore].
func (s *MemoryQuotes) Issue(ctx context.Context, id, digest string, expires time.Time) error {
	if err := ctxError(ctx, "quotes", "issue"); err != nil {
		return err
	}
	now := time.Now()
	if err := checkIssue(id, digest, expires, now); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.m[id]; ok && now.Before(e.expires) {
		if e.digest != digest {
			return ErrQuoteMismatch
		}
		return nil
	}
	if s.m == nil {
		s.m = make(map[string]quoteEntry)
	}
	if s.b.full(len(s.m), s.MaxEntries, now, s.sweep) {
		return fullError("quotes", "issue")
	}
	s.m[id] = quoteEntry{digest: digest, expires: expires}
	return nil
}

func (s *MemoryQuotes) sweep(now time.Time) int {
	for k, e := range s.m {
		if !now.Before(e.expires) {
			delete(s.m, k)
		}
	}
	return len(s.m)
}

// Consume implements [QuoteStore].
func (s *MemoryQuotes) Consume(ctx context.Context, id, digest string) error {
	if err := ctxError(ctx, "quotes", "consume"); err != nil {
		return err
	}
	now := time.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.m[id]
	if !ok || !now.Before(e.expires) {
		delete(s.m, id)
		return ErrQuoteUsed
	}
	if e.digest != digest {
		return ErrQuoteMismatch
	}
	delete(s.m, id)
	return nil
}

func checkIssue(id, digest string, expires, now time.Time) error {
	switch {
	case id == "":
		return argError("quote id", "empty")
	case digest == "":
		return argError("quote digest", "empty")
	case !expires.After(now):
		return argError("quote expiry", "not in the future")
	}
	return nil
}

// MemoryLimits is a [LimitStore] in memory, for one process. Day counters
// and reservations are dropped after their Until; at most MaxEntries
// reservations are held (DefaultMaxEntries when zero), and Reserve fails
// with [ErrStoreFull] past that. The zero value is ready to use; it is safe
// for concurrent use and must not be copied after first use.
type MemoryLimits struct {
	MaxEntries int

	mu   sync.Mutex
	days map[string]*dayCounter
	res  map[string]*memReservation
	b    bounded
}

type dayCounter struct {
	used  int64
	until time.Time
}

type memReservation struct {
	left          int64
	committed     bool
	payer, bucket string
	until         time.Time
}

// Reserve implements [LimitStore].
func (s *MemoryLimits) Reserve(ctx context.Context, r Reservation, l Limits) error {
	if err := ctxError(ctx, "limits", "reserve"); err != nil {
		return err
	}
	now := time.Now()
	if err := checkReservation(r, now); err != nil {
		return err
	}
	if err := l.Validate(); err != nil {
		return err
	}
	payer, bucket := limitKeys(r)
	s.mu.Lock()
	defer s.mu.Unlock()
	if old, ok := s.res[r.ID]; ok && now.Before(old.until) {
		return nil
	}
	if s.res == nil {
		s.res = make(map[string]*memReservation)
		s.days = make(map[string]*dayCounter)
	}
	if s.b.full(len(s.res)+len(s.days), s.MaxEntries, now, s.sweep) {
		return fullError("limits", "reserve")
	}
	pc, cc := s.counter(payer, r.Until, now), s.counter(bucket, r.Until, now)
	if err := overLimit(r, "payer", l.PayerDay, pc.used); err != nil {
		return err
	}
	if err := overLimit(r, "corridor", l.CorridorDay, cc.used); err != nil {
		return err
	}
	pc.used += r.Amount
	cc.used += r.Amount
	s.res[r.ID] = &memReservation{left: r.Amount, payer: payer, bucket: bucket, until: r.Until}
	return nil
}

func (s *MemoryLimits) counter(key string, until, now time.Time) *dayCounter {
	c, ok := s.days[key]
	if !ok || !now.Before(c.until) {
		c = &dayCounter{until: until}
		s.days[key] = c
	}
	return c
}

func (s *MemoryLimits) sweep(now time.Time) int {
	for k, r := range s.res {
		if !now.Before(r.until) {
			delete(s.res, k)
		}
	}
	for k, c := range s.days {
		if !now.Before(c.until) {
			delete(s.days, k)
		}
	}
	return len(s.res) + len(s.days)
}

// Commit implements [LimitStore].
func (s *MemoryLimits) Commit(ctx context.Context, r Reservation) error {
	if err := ctxError(ctx, "limits", "commit"); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	res, ok := s.res[r.ID]
	if !ok || !time.Now().Before(res.until) {
		return ErrNoReservation
	}
	res.committed = true
	return nil
}

// Release implements [LimitStore].
func (s *MemoryLimits) Release(ctx context.Context, r Reservation) error {
	if err := ctxError(ctx, "limits", "release"); err != nil {
		return err
	}
	if r.Amount <= 0 {
		return argError("reservation amount", "not positive")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	res, ok := s.res[r.ID]
	if !ok {
		return nil
	}
	give := min(r.Amount, res.left)
	for _, k := range [2]string{res.payer, res.bucket} {
		if c, ok := s.days[k]; ok {
			c.used = max(0, c.used-give)
		}
	}
	res.left -= give
	if res.left == 0 {
		delete(s.res, r.ID)
	}
	return nil
}

func checkReservation(r Reservation, now time.Time) error {
	switch {
	case r.ID == "":
		return argError("reservation id", "empty")
	case r.Corridor == "":
		return argError("reservation corridor", "empty")
	case r.Day == "":
		return argError("reservation day", "empty")
	case r.Currency == "":
		return argError("reservation currency", "empty")
	case r.Amount <= 0 || r.Amount > MaxMinorUnits:
		return argError("reservation amount", "not positive or over MaxMinorUnits")
	case !r.Until.After(now):
		return argError("reservation until", "not in the future")
	}
	return nil
}

func overLimit(r Reservation, scope string, limit, used int64) error {
	if limit > 0 && (r.Amount > limit || used > limit-r.Amount) {
		return &LimitError{Scope: scope, Corridor: r.Corridor, Day: r.Day, Limit: limit, Used: used, Amount: r.Amount}
	}
	return nil
}

// limitKeys returns the payer's and the corridor's day counter keys.
// Each part is length-prefixed, so no corridor or payer name can forge
// another's key.
func limitKeys(r Reservation) (payer, corridor string) {
	var buf [128]byte
	b := append(buf[:0], 'c')
	b = appendPart(appendPart(appendPart(b, r.Corridor), r.Day), r.Currency)
	corridor = string(b)
	b[0] = 'p'
	return string(appendPart(b, r.Payer)), corridor
}

// MemoryIdempotency is an [IdempotencyStore] in memory, for one process.
// Records are kept for Window (zero or less than [MinIdempotencyWindow]
// means MinIdempotencyWindow); at most MaxEntries are held
// (DefaultMaxEntries when zero), and Claim fails with [ErrStoreFull] past
// that rather than forget a live record. The zero value is ready to use; it
// is safe for concurrent use and must not be copied after first use.
type MemoryIdempotency struct {
	Window     time.Duration
	MaxEntries int

	mu sync.Mutex
	m  map[string]*idemRecord
	b  bounded
}

type idemRecord struct {
	hash, token string
	lease       time.Time // the lease ends at lease
	expires     time.Time
	done        bool
	orphan      bool
	result      []byte
}

// Claim implements [IdempotencyStore].
func (s *MemoryIdempotency) Claim(ctx context.Context, key, hash, token string, lease time.Duration) (Claim, error) {
	if err := ctxError(ctx, "idempotency", "claim"); err != nil {
		return Claim{}, err
	}
	if err := checkClaim(key, hash, token, lease); err != nil {
		return Claim{}, err
	}
	now := time.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, ok := s.m[key]
	if ok && now.Before(rec.expires) {
		return rec.claim(hash, token, now, lease)
	}
	if s.m == nil {
		s.m = make(map[string]*idemRecord)
	}
	if !ok && s.b.full(len(s.m), s.MaxEntries, now, s.sweep) {
		return Claim{}, fullError("idempotency", "claim")
	}
	s.m[key] = &idemRecord{hash: hash, token: token, lease: now.Add(lease), expires: now.Add(s.window())}
	return Claim{State: ClaimNew, Token: token}, nil
}

func (rec *idemRecord) claim(hash, token string, now time.Time, lease time.Duration) (Claim, error) {
	switch {
	case rec.hash != hash:
		return Claim{}, ErrIdempotencyConflict
	case rec.done:
		return Claim{State: ClaimDone, Result: rec.result}, nil
	case rec.token == token && now.Before(rec.lease):
		return Claim{State: rec.state(), Token: token}, nil
	case now.Before(rec.lease):
		return Claim{}, ErrInProgress
	}
	rec.token, rec.lease, rec.orphan = token, now.Add(lease), true
	return Claim{State: ClaimOrphan, Token: token}, nil
}

func (rec *idemRecord) state() ClaimState {
	if rec.orphan {
		return ClaimOrphan
	}
	return ClaimNew
}

func (s *MemoryIdempotency) window() time.Duration {
	return max(s.Window, MinIdempotencyWindow)
}

func (s *MemoryIdempotency) sweep(now time.Time) int {
	for k, r := range s.m {
		if !now.Before(r.expires) {
			delete(s.m, k)
		}
	}
	return len(s.m)
}

// held returns the live, unfinished record key held by token.
func (s *MemoryIdempotency) held(key, token string) (*idemRecord, error) {
	rec, ok := s.m[key]
	if !ok || rec.token != token || !time.Now().Before(rec.expires) {
		return nil, ErrLeaseLost
	}
	return rec, nil
}

// Complete implements [IdempotencyStore].
func (s *MemoryIdempotency) Complete(ctx context.Context, key, token string, result []byte) error {
	if err := ctxError(ctx, "idempotency", "complete"); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, err := s.held(key, token)
	if err != nil || rec.done {
		return err
	}
	rec.done, rec.result = true, result
	rec.expires = time.Now().Add(s.window())
	return nil
}

// Unlock implements [IdempotencyStore].
func (s *MemoryIdempotency) Unlock(ctx context.Context, key, token string) error {
	if err := ctxError(ctx, "idempotency", "unlock"); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, err := s.held(key, token)
	if err != nil {
		return err
	}
	if !rec.done {
		rec.lease, rec.orphan = time.Time{}, true
	}
	return nil
}

// Forget implements [IdempotencyStore].
func (s *MemoryIdempotency) Forget(ctx context.Context, key, token string) error {
	if err := ctxError(ctx, "idempotency", "forget"); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, err := s.held(key, token)
	if err != nil {
		return err
	}
	if !rec.done {
		delete(s.m, key)
	}
	return nil
}

func checkClaim(key, hash, token string, lease time.Duration) error {
	switch {
	case key == "":
		return argError("idempotency key", "empty")
	case hash == "":
		return argError("request hash", "empty")
	case token == "":
		return argError("lease token", "empty")
	case lease <= 0:
		return argError("lease", "not positive")
	}
	return nil
}
