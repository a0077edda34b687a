package redisstore

import (
	"context"
	"time"

	"github.com/qrbridge/qrbridge/translate"
)

// Limits is a [translate.LimitStore] on Redis. A corridor's day is two
// counters (the payer's and the corridor's, integer minor units) and one
// hash per reservation; the three share a hash tag and expire at the
// reservation's Until, an hour after the day ends in the corridor's time
// zone. Reserve, commit and release are Lua scripts, so two replicas can
// never both pass the last unit of a limit. Create it with [New].
type Limits struct{ base }

// keys returns the payer's counter, the corridor's counter and the
// reservation, under one hash tag.
func (s *Limits) keys(r translate.Reservation) []string {
	tag := s.prefix + "l{" + lp(r.Corridor) + lp(r.Day) + lp(r.Currency) + "}"
	return []string{tag + "p" + lp(r.Payer), tag + "c", tag + "r" + lp(r.ID)}
}

// Reserve implements [translate.LimitStore].
func (s *Limits) Reserve(ctx context.Context, r translate.Reservation, l translate.Limits) error {
	if err := r.Validate(time.Now()); err != nil {
		return err
	}
	if err := l.Validate(); err != nil {
		return err
	}
	v, err := s.run(ctx, "limits", "reserve", scriptLimitReserve, s.keys(r), r.Amount, l.PayerDay, l.CorridorDay, ms(r.Until))
	if err != nil {
		return err
	}
	reply, ok := v.([]any)
	if !ok || len(reply) != 2 {
		return badReply("limits", "reserve")
	}
	code, _ := replyInt(reply[0])
	used, _ := replyInt(reply[1])
	switch code {
	case 0:
		return nil
	case 1:
		return &translate.LimitError{Scope: "payer", Corridor: r.Corridor, Day: r.Day, Limit: l.PayerDay, Used: used, Amount: r.Amount}
	case 2:
		return &translate.LimitError{Scope: "corridor", Corridor: r.Corridor, Day: r.Day, Limit: l.CorridorDay, Used: used, Amount: r.Amount}
	}
	return badReply("limits", "reserve")
}

// Commit implements [translate.LimitStore].
func (s *Limits) Commit(ctx context.Context, r translate.Reservation) error {
	v, err := s.run(ctx, "limits", "commit", scriptLimitCommit, s.keys(r)[2:])
	if err != nil {
		return err
	}
	if n, _ := replyInt(v); n != 1 {
		return translate.ErrNoReservation
	}
	return nil
}

// Release implements [translate.LimitStore].
func (s *Limits) Release(ctx context.Context, r translate.Reservation) error {
	if r.Amount <= 0 || r.Amount > translate.MaxMinorUnits {
		return invalid("reservation amount", "not positive or over MaxMinorUnits")
	}
	_, err := s.run(ctx, "limits", "release", scriptLimitRelease, s.keys(r), r.Amount)
	return err
}
