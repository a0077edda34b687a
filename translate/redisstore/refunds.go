package redisstore

import (
	"context"

	"github.com/qrbridge/qrbridge/translate"
)

// Refunds is a [translate.RefundLedger] on Redis: one hash per payment
// with its refunded total and each refund ID's amount, updated by a Lua
// script, kept for the window after the last refund. Create it with [New].
type Refunds struct{ base }

// Add implements [translate.RefundLedger].
func (s *Refunds) Add(ctx context.Context, payment, refundID string, amount, paid int64) (int64, int64, error) {
	switch {
	case payment == "":
		return 0, 0, invalid("refund payment", "empty")
	case refundID == "":
		return 0, 0, invalid("refund id", "empty")
	case amount < 0 || amount > translate.MaxMinorUnits:
		return 0, 0, invalid("refund amount", "negative or over MaxMinorUnits")
	case paid <= 0 || paid > translate.MaxMinorUnits:
		return 0, 0, invalid("refund paid", "not positive or over MaxMinorUnits")
	}
	v, err := s.run(ctx, "refunds", "add", scriptRefundAdd, []string{s.prefix + "r:" + lp(payment)},
		refundID, amount, paid, s.window.Milliseconds())
	if err != nil {
		return 0, 0, err
	}
	reply, ok := v.([]any)
	if !ok || len(reply) == 0 {
		return 0, 0, badReply("refunds", "add")
	}
	code, _ := replyInt(reply[0])
	switch {
	case code == 0 && len(reply) == 3:
		before, _ := replyInt(reply[1])
		added, _ := replyInt(reply[2])
		return before, added, nil
	case code == 1 && len(reply) == 3:
		total, _ := replyInt(reply[1])
		asked, _ := replyInt(reply[2])
		return 0, 0, &translate.RefundError{Paid: paid, Refunded: total, Asked: asked}
	case code == 2:
		return 0, 0, translate.ErrIdempotencyConflict
	}
	return 0, 0, badReply("refunds", "add")
}
