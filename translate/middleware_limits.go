package translate

import (
	"context"
	"time"

	"github.com/qrbridge/qrbridge/fx"
)

// LimitRule is a corridor's daily limits: PayerDay for one payer, and
// CorridorDay for all payers of the corridor together. Each is in the
// currency of one of the payment's legs (a Korean wallet's limit in KRW,
// HK FPS's HK$10,000 a day in HKD) and is compared with that leg's amount;
// when both are set they must be in the same currency. A zero amount means
// no limit of that scope.
type LimitRule struct {
	PayerDay    fx.Amount
	CorridorDay fx.Amount
}

// LimitOptions configure [WithLimits]. Rules gives the limits by corridor
// ID; a corridor without a rule is limited per payer by its own DailyCap,
// and a corridor with neither passes through unlimited. Now is the clock
// (nil means time.Now); days are counted in the corridor's Location.
type LimitOptions struct {
	Rules map[string]LimitRule
	Now   func() time.Time
}

// WithLimits reserves the payment's amount against the day's limits in s
// before authorizing, and by the outcome commits it (approved), gives it
// back (declined) or keeps it held (pending or unknown: the money may
// move, so it keeps counting until resolved or until the day ends). A
// payment over a limit is refused with a [*LimitError]. It stores one
// reservation per payment (ID "k:" + idempotency key, or a random one) and
// the day's totals. Amounts are rounded up to whole minor units.
func WithLimits(s LimitStore, o LimitOptions) Middleware {
	rules := make(map[string]dayLimits, len(o.Rules))
	for id, r := range o.Rules {
		rules[id] = r.limits()
	}
	return func(next Authorizer) Authorizer {
		return &limiter{next: next, store: s, rules: rules, now: clock(o.Now)}
	}
}

type limiter struct {
	next  Authorizer
	store LimitStore
	rules map[string]dayLimits
	now   func() time.Time
}

// dayLimits is a LimitRule in minor units of its currency (zero when the
// rule has no limit), or the error that makes it unusable.
type dayLimits struct {
	cur fx.Currency
	lim Limits
	err error
}

func (rule LimitRule) limits() dayLimits {
	cur := rule.PayerDay.Currency()
	if cur.IsZero() {
		cur = rule.CorridorDay.Currency()
	}
	if cur.IsZero() {
		return dayLimits{}
	}
	d := dayLimits{cur: cur}
	if d.lim.PayerDay, d.err = minorIn(rule.PayerDay, cur); d.err != nil {
		return d
	}
	d.lim.CorridorDay, d.err = minorIn(rule.CorridorDay, cur)
	return d
}

func (l *limiter) Authorize(ctx context.Context, r *Result) (Authorization, error) {
	res, lim, ok, err := l.reservation(r, NewLeaseToken)
	if err != nil {
		return refused(r, err)
	}
	if !ok {
		return l.next.Authorize(ctx, r)
	}
	if err := l.store.Reserve(ctx, res, lim); err != nil {
		if !errorsIsLimit(err) {
			l.settle(ctx, res, OutcomeDeclined) // the script may have run before the error
		}
		return refused(r, err)
	}
	a, err := l.next.Authorize(ctx, r)
	l.settle(ctx, res, a.Outcome)
	return a, err
}

// Resolve settles the reservation of a resolved orphan, when its ID is
// known (it came with an idempotency key).
func (l *limiter) Resolve(ctx context.Context, r *Result) (Authorization, error) {
	a, err := resolve(ctx, l.next, r)
	if res, _, ok, rerr := l.reservation(r, nil); ok && rerr == nil && keyOf(r) != "" {
		l.settle(ctx, res, a.Outcome)
	}
	return a, err
}

func (l *limiter) settle(ctx context.Context, res Reservation, o Outcome) {
	if o != OutcomeApproved && o != OutcomeDeclined {
		return
	}
	ctx, cancel := detached(ctx)
	defer cancel()
	if o == OutcomeApproved {
		_ = l.store.Commit(ctx, res) // a failure leaves it held: it still counts
		return
	}
	_ = l.store.Release(ctx, res) // a failure leaves it held until the day ends
}

// reservation builds r's reservation and limits; ok is false when the
// corridor has no limit.
func (l *limiter) reservation(r *Result, newID func() string) (Reservation, Limits, bool, error) {
	rule, ok := l.rules[r.Corridor.ID]
	if !ok {
		rule = LimitRule{PayerDay: r.Corridor.DailyCap}.limits()
	}
	cur, lim := rule.cur, rule.lim
	if rule.err != nil || cur.IsZero() {
		return Reservation{}, Limits{}, false, rule.err
	}
	amount, err := legIn(r, cur)
	if err != nil {
		return Reservation{}, Limits{}, false, err
	}
	day, until := DayOf(l.now(), r.Corridor.Location)
	id := "k:" + keyOf(r)
	if keyOf(r) == "" && newID != nil {
		id = "r:" + newID()
	}
	return Reservation{ID: id, Corridor: r.Corridor.ID, Payer: payerOf(r), Day: day, Currency: cur.Code(),
		Amount: amount, Until: until}, lim, true, nil
}

// minorIn returns a limit in minor units of cur; a zero amount is no limit.
func minorIn(a fx.Amount, cur fx.Currency) (int64, error) {
	if a.Currency().IsZero() {
		return 0, nil
	}
	if a.Currency() != cur {
		return 0, &Error{Field: "limit", Err: ErrInvalid, Cause: &fx.MismatchError{Want: cur, Got: a.Currency()}}
	}
	return minorUnits(a, fx.Down)
}

// legIn returns the payment's amount in cur, in minor units rounded up.
func legIn(r *Result, cur fx.Currency) (int64, error) {
	for _, a := range [...]fx.Amount{r.MerchantLeg.Amount, r.PayerLeg.Amount, r.Quote.Destination, r.Quote.Source} {
		if a.Currency() == cur {
			return minorUnits(a, fx.Up)
		}
	}
	return 0, &Error{Field: "limit", Err: ErrInvalid, Cause: &fx.MismatchError{Want: cur, Got: r.MerchantLeg.Amount.Currency()}}
}
