package translate

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"math/rand/v2"
	"time"
)

// The stores of the authorization middleware. Each is an interface of the
// atomic operations the middleware needs, not a get/set bag, so that one
// implementation serves one replica (the Memory… types here) and another
// serves many sharing state (package translate/redisstore). Every
// implementation must be safe for concurrent use, honour the context's
// deadline, and fail closed: when it cannot answer it returns an error
// matching [ErrStore], never a success. Package translate/storetest holds
// the contract tests every implementation passes.

// QuoteStore records the quotes shown to payers and lets each authorize at
// most one payment.
//
// Issue records quote id with digest (a fingerprint of its terms, see
// [QuoteDigest]) until expires; issuing the same id and digest again is a
// no-op, another digest is [ErrQuoteMismatch], an expiry not after now is an
// [*Error] matching [ErrInvalid]. Consume atomically removes the quote if its digest matches
// (compare-and-delete): it fails with [ErrQuoteUsed] when the quote is
// unknown, expired or already consumed, and with [ErrQuoteMismatch],
// leaving the quote in place, when the digest differs.
type QuoteStore interface {
	Issue(ctx context.Context, id, digest string, expires time.Time) error
	Consume(ctx context.Context, id, digest string) error
}

// Reservation is an amount held against a day's limits while a payment is
// being authorized. Amount is in integer minor units of Currency (the
// limit's currency); Day is the calendar day in the corridor's time zone
// ("2026-12-01", see [DayOf]); Until is when the day's counters may be
// dropped, after the day has ended everywhere that matters (see [DayOf]).
// ID is unique per payment: reserving the same ID twice counts once.
type Reservation struct {
	ID       string
	Corridor string
	Payer    string
	Day      string
	Currency string
	Amount   int64
	Until    time.Time
}

// MaxMinorUnits bounds reservation amounts and limits: 2^53 − 1 minor
// units, which every store holds exactly (Redis scripts count in Lua
// numbers, which are doubles). It is 90 trillion dollars in cents.
const MaxMinorUnits = 1<<53 - 1

// Validate reports the first field of r that a [LimitStore] cannot act on
// at now: an empty ID, corridor, day or currency, an amount that is not
// positive or exceeds [MaxMinorUnits], an Until not after now. The error
// is an [*Error] matching [ErrInvalid].
func (r Reservation) Validate(now time.Time) error { return checkReservation(r, now) }

// Limits are the day's ceilings a reservation is checked against, in
// integer minor units of the reservation's currency: PayerDay for one payer
// in the corridor, CorridorDay for all payers of the corridor together.
// Zero means no limit of that scope; a negative limit or one over
// [MaxMinorUnits] is refused with [ErrInvalid].
type Limits struct {
	PayerDay    int64
	CorridorDay int64
}

// Validate reports a limit a [LimitStore] cannot act on.
func (l Limits) Validate() error {
	if l.PayerDay < 0 || l.PayerDay > MaxMinorUnits {
		return argError("limits payer day", "negative or over MaxMinorUnits")
	}
	if l.CorridorDay < 0 || l.CorridorDay > MaxMinorUnits {
		return argError("limits corridor day", "negative or over MaxMinorUnits")
	}
	return nil
}

// LimitStore keeps the day's reserved and committed amounts per corridor
// and per payer.
//
// Reserve atomically checks that used + r.Amount stays within each
// non-zero limit and adds r.Amount to both the payer's and the corridor's
// day, or fails with a [*LimitError] and adds nothing. Reserving an ID that
// is already held is a no-op. Commit marks the reservation final (the
// payment was approved); it fails with [ErrNoReservation] when none is
// held. Release gives back up to r.Amount of the reservation (pending or
// committed: a declined payment, a refund) and is a no-op for an unknown
// ID, so it can be retried; releasing never takes a day below zero.
type LimitStore interface {
	Reserve(ctx context.Context, r Reservation, l Limits) error
	Commit(ctx context.Context, r Reservation) error
	Release(ctx context.Context, r Reservation) error
}

// ClaimState says what [IdempotencyStore.Claim] found.
type ClaimState uint8

const (
	// ClaimNew: the key was free; the caller holds its lease and runs the
	// request.
	ClaimNew ClaimState = iota + 1
	// ClaimDone: the first request finished; Claim.Result is its result.
	ClaimDone
	// ClaimOrphan: a request with this key started but its holder's lease
	// ended without a result (it crashed, or the outcome was unknown). The
	// caller now holds the lease and must find out what happened (query
	// the scheme), never send the request again.
	ClaimOrphan
)

var claimStateNames = [...]string{"invalid", "new", "done", "orphan"}

// String returns "new", "done", "orphan" or "invalid".
func (s ClaimState) String() string {
	if int(s) < len(claimStateNames) {
		return claimStateNames[s]
	}
	return "invalid"
}

// Claim is what [IdempotencyStore.Claim] returns. Token identifies the
// caller's lease (states new and orphan); Result is the stored result
// (state done). Result aliases the store's copy only in the sense that it
// must not be modified.
type Claim struct {
	State  ClaimState
	Token  string
	Result []byte
}

// IdempotencyStore makes a payment with an idempotency key happen once.
//
// Claim atomically takes the key for a request whose fingerprint is hash,
// with a lease of the given length named by token, which the caller
// chooses (random, non-empty; see [NewLeaseToken]). The same key with another hash fails
// with [ErrIdempotencyConflict], whatever the first request's state; with
// the same hash it returns the stored result (ClaimDone), fails with
// [ErrInProgress] while another holder's lease lives, or hands the caller
// the lease of an orphaned request (ClaimOrphan). A claim repeated with the
// token that holds the lease returns the same state again, so a client's
// retry after a lost reply does not lock itself out.
//
// Complete stores the result and ends the lease; the record is kept for the
// store's window (at least 24 hours). The store may keep result itself:
// the caller must not modify it afterwards. Unlock ends the lease without a
// result, leaving the request orphaned (an unknown outcome). Forget deletes
// the record: the request provably never left, and a retry may run afresh.
// All three fail with [ErrLeaseLost] when token no longer holds the key.
type IdempotencyStore interface {
	Claim(ctx context.Context, key, hash, token string, lease time.Duration) (Claim, error)
	Complete(ctx context.Context, key, token string, result []byte) error
	Unlock(ctx context.Context, key, token string) error
	Forget(ctx context.Context, key, token string) error
}

// MinIdempotencyWindow is the shortest time an [IdempotencyStore] keeps a
// result: a payer's retry the next day still finds the first answer.
const MinIdempotencyWindow = 24 * time.Hour

// DayOf returns the calendar day of t in loc as "2006-01-02", and when a
// limit counter of that day may be dropped: an hour after the day ends in
// loc. A nil loc means UTC.
func DayOf(t time.Time, loc *time.Location) (day string, until time.Time) {
	if loc == nil {
		loc = time.UTC
	}
	t = t.In(loc)
	y, m, d := t.Date()
	end := time.Date(y, m, d+1, 0, 0, 0, 0, loc)
	return t.Format(time.DateOnly), end.Add(time.Hour)
}

// NewLeaseToken returns a fresh random lease token: 128 bits from the
// runtime's ChaCha8 generator (math/rand/v2), in hex. A lease token only
// has to be unique; it guards against a confused holder, not an attacker
// (who could write to the store directly).
func NewLeaseToken() string {
	var b [16]byte
	binary.LittleEndian.PutUint64(b[:8], rand.Uint64())
	binary.LittleEndian.PutUint64(b[8:], rand.Uint64())
	return hex.EncodeToString(b[:])
}
