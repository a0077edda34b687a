package translate_test

import (
	"context"
	"errors"
	"testing"

	"github.com/qrbridge/qrbridge/translate"
)

// TestMemoryRefundsAdd: totals before, amounts added, the rest, retries
// and every refusal, with the field at fault.
func TestMemoryRefundsAdd(t *testing.T) {
	ctx := context.Background()
	var l translate.MemoryRefunds
	type step struct {
		payment, id   string
		amount, paid  int64
		before, added int64
		field         string                 // *Error field, or ""
		refund        *translate.RefundError // *RefundError, or nil
		conflict      bool
	}
	const max = translate.MaxMinorUnits
	for i, s := range []step{
		{payment: "p", id: "r1", amount: 100, paid: 500, before: 0, added: 100},
		{payment: "p", id: "r2", amount: 200, paid: 500, before: 100, added: 200},
		{payment: "p", id: "r1", amount: 100, paid: 500, before: 0, added: 100}, // a retry
		{payment: "p", id: "r1", amount: 0, paid: 500, before: 0, added: 100},   // a retry asking for the rest
		{payment: "p", id: "r1", amount: 101, paid: 500, conflict: true},
		{payment: "p", id: "r3", amount: 201, paid: 500, refund: &translate.RefundError{Paid: 500, Refunded: 300, Asked: 201}},
		{payment: "p", id: "r3", amount: 200, paid: 500, before: 300, added: 200}, // exactly the rest
		{payment: "p", id: "r4", amount: 0, paid: 500, refund: &translate.RefundError{Paid: 500, Refunded: 500, Asked: 0}},
		{payment: "p", id: "r4", amount: 1, paid: 500, refund: &translate.RefundError{Paid: 500, Refunded: 500, Asked: 1}},
		{payment: "q", id: "r1", amount: 0, paid: 70, before: 0, added: 70}, // another payment, the same refund ID
		{payment: "m", id: "r1", amount: max, paid: max, before: 0, added: max},
		{payment: "", id: "r1", amount: 1, paid: 5, field: "refund payment"},
		{payment: "p", id: "", amount: 1, paid: 5, field: "refund id"},
		{payment: "p", id: "r9", amount: -1, paid: 5, field: "refund amount"},
		{payment: "p", id: "r9", amount: max + 1, paid: max, field: "refund amount"},
		{payment: "p", id: "r9", amount: 1, paid: 0, field: "refund paid"},
		{payment: "p", id: "r9", amount: 1, paid: -5, field: "refund paid"},
		{payment: "p", id: "r9", amount: 1, paid: max + 1, field: "refund paid"},
	} {
		before, added, err := l.Add(ctx, s.payment, s.id, s.amount, s.paid)
		var e *translate.Error
		var re *translate.RefundError
		switch {
		case s.field != "":
			if !errors.As(err, &e) || e.Field != s.field || !errors.Is(err, translate.ErrInvalid) {
				t.Errorf("step %d: %v, want ErrInvalid on %q", i, err, s.field)
			}
		case s.refund != nil:
			if !errors.As(err, &re) || *re != *s.refund || !errors.Is(err, translate.ErrRefundExceeded) {
				t.Errorf("step %d: %v, want %v", i, err, s.refund)
			}
		case s.conflict:
			if !errors.Is(err, translate.ErrIdempotencyConflict) {
				t.Errorf("step %d: %v, want ErrIdempotencyConflict", i, err)
			}
		case err != nil || before != s.before || added != s.added:
			t.Errorf("step %d: Add = %d, %d, %v; want %d, %d", i, before, added, err, s.before, s.added)
		}
		if err != nil && (before != 0 || added != 0) {
			t.Errorf("step %d: %d, %d with an error", i, before, added)
		}
	}

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	_, _, err := l.Add(cancelled, "z", "r1", 1, 5)
	var se *translate.StoreError
	if !errors.As(err, &se) || se.Store != "refunds" || se.Op != "add" || !errors.Is(err, translate.ErrStore) || !errors.Is(err, context.Canceled) {
		t.Fatalf("Add with a cancelled context = %v", err)
	}
	if before, added, err := l.Add(ctx, "z", "r1", 0, 5); before != 0 || added != 5 || err != nil {
		t.Fatalf("the refused Add recorded something: %d, %d, %v", before, added, err)
	}
}

// TestAuthorizeErrorText: the messages say what happened, in minor units,
// and the error types unwrap to their sentinels.
func TestAuthorizeErrorText(t *testing.T) {
	for _, c := range []struct {
		err  error
		text string
		is   error
	}{
		{&translate.RefundError{Paid: 500, Refunded: 300, Asked: 201}, "translate: refund of 201 after 300 refunded exceeds the 500 paid (minor units)", translate.ErrRefundExceeded},
		{&translate.ChargeError{Field: "amount", Want: "62.40 CNY", Got: "63.00 CNY"}, "translate: charged amount 63.00 CNY differs from the quote's 62.40 CNY", translate.ErrChargeMismatch},
		{&translate.LimitError{Scope: "payer", Corridor: "CNY-KRW", Day: "2026-12-01", Limit: 9, Used: 8, Amount: 3}, `translate: payer limit of corridor "CNY-KRW" on 2026-12-01: 8 used + 3 over 9 (minor units)`, translate.ErrLimitExceeded},
		{&translate.DeclineError{Scheme: "wechat", Code: "NOTENOUGH"}, "translate: wechat declined the payment: NOTENOUGH", translate.ErrDeclined},
		{&translate.StoreError{Store: "refunds", Op: "add", Err: context.Canceled}, "translate: refunds store: add: context canceled", translate.ErrStore},
	} {
		if c.err.Error() != c.text || !errors.Is(c.err, c.is) {
			t.Errorf("%q (matches %v: %v), want %q", c.err.Error(), c.is, errors.Is(c.err, c.is), c.text)
		}
	}
	cause := errors.New("result error")
	de := &translate.DeclineError{Scheme: "wechat", Code: "X", Err: cause}
	if !errors.Is(de, cause) || !errors.Is(de, translate.ErrDeclined) {
		t.Errorf("DeclineError with Err does not match both")
	}
}
