package redisstore_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/qrbridge/qrbridge/translate"
	"github.com/qrbridge/qrbridge/translate/redisstore"
)

// replyHook replaces the reply of every script call (EVALSHA, EVAL) the
// real server answered, as a server running other scripts under these
// keys, or a proxy that mangles replies, would: the stores must refuse
// (a *translate.StoreError) every reply they do not know, never read it
// as a success, and never panic on it.
type replyHook struct{ reply any }

func (replyHook) DialHook(next redis.DialHook) redis.DialHook { return next }

func (h replyHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		err := next(ctx, cmd)
		if c, ok := cmd.(*redis.Cmd); ok && err == nil && (cmd.Name() == "evalsha" || cmd.Name() == "eval") {
			c.SetVal(h.reply)
		}
		return err
	}
}

func (replyHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return next
}

func TestUnexpectedScriptReplies(t *testing.T) {
	srv := startRedis(t)
	ctx := context.Background()
	r := translate.Reservation{ID: "a", Corridor: "c", Payer: "p", Day: "2026-12-01", Currency: "KRW", Amount: 10, Until: time.Now().Add(time.Hour)}
	ops := map[string]func(redisstore.Stores) error{
		"claim": func(st redisstore.Stores) error {
			_, err := st.Idempotency.Claim(ctx, "k", "h", "t", time.Minute)
			return err
		},
		"complete": func(st redisstore.Stores) error { return st.Idempotency.Complete(ctx, "k", "t", []byte("r")) },
		"issue":    func(st redisstore.Stores) error { return st.Quotes.Issue(ctx, "q", "d", time.Now().Add(time.Minute)) },
		"consume":  func(st redisstore.Stores) error { return st.Quotes.Consume(ctx, "q", "d") },
		"reserve":  func(st redisstore.Stores) error { return st.Limits.Reserve(ctx, r, translate.Limits{PayerDay: 100}) },
		"commit":   func(st redisstore.Stores) error { return st.Limits.Commit(ctx, r) },
		"refund": func(st redisstore.Stores) error {
			_, _, err := st.Refunds.Add(ctx, "pay", "r1", 10, 100)
			return err
		},
	}
	// Each reply is one no script of this package gives for the operation
	// (the replies each script gives are listed at its top).
	for _, tt := range []struct {
		name  string
		reply any
		ops   []string
	}{
		{"nil", nil, []string{"claim", "issue", "consume", "reserve", "refund"}},
		{"a string", "OK", []string{"claim", "issue", "consume", "reserve", "refund"}},
		{"an empty array", []any{}, []string{"claim", "reserve", "refund"}},
		{"an array of a string", []any{"1"}, []string{"claim", "reserve", "refund"}},
		{"unknown code", []any{int64(9)}, []string{"claim", "refund"}},
		{"unknown code of three", []any{int64(3), int64(0), int64(0)}, []string{"refund"}},
		{"over refund, short", []any{int64(1), int64(0)}, []string{"refund"}},
		{"recorded, short", []any{int64(0), int64(0)}, []string{"refund"}},
		{"done without result", []any{int64(2)}, []string{"claim"}},
		{"done, result not a string", []any{int64(2), int64(7)}, []string{"claim"}},
		{"reserve of one", []any{int64(0)}, []string{"reserve"}},
		{"reserve of three", []any{int64(0), int64(0), int64(0)}, []string{"reserve"}},
		{"reserve unknown code", []any{int64(3), int64(0)}, []string{"reserve"}},
		{"number 7", int64(7), []string{"issue", "consume"}},
	} {
		c := srv.client()
		c.AddHook(replyHook{tt.reply})
		st, err := redisstore.New(c, redisstore.Options{Prefix: "replies:" + tt.name + ":"})
		if err != nil {
			t.Fatal(err)
		}
		for _, op := range tt.ops {
			err := ops[op](st)
			var se *translate.StoreError
			if !errors.As(err, &se) || !errors.Is(err, translate.ErrStore) {
				t.Errorf("%s answered %s: %v, want a *StoreError", op, tt.name, err)
			}
		}
	}
	// Commit and the end of a lease read any other reply as "not held".
	c := srv.client()
	c.AddHook(replyHook{"1"})
	st, err := redisstore.New(c, redisstore.Options{Prefix: "replies:lease:"})
	if err != nil {
		t.Fatal(err)
	}
	if err := ops["commit"](st); !errors.Is(err, translate.ErrNoReservation) {
		t.Errorf("commit answered a string: %v, want ErrNoReservation", err)
	}
	if err := ops["complete"](st); !errors.Is(err, translate.ErrLeaseLost) {
		t.Errorf("complete answered a string: %v, want ErrLeaseLost", err)
	}
}

// TestAmountBounds: MaxMinorUnits itself is a valid amount for a refund,
// a payment and a reservation to release; one more is refused.
func TestAmountBounds(t *testing.T) {
	srv := startRedis(t)
	st := srv.stores()
	ctx := context.Background()
	const max = translate.MaxMinorUnits
	before, added, err := st.Refunds.Add(ctx, "pay", "r1", max, max)
	if err != nil || before != 0 || added != max {
		t.Fatalf("Add(max of max) = %d, %d, %v", before, added, err)
	}
	for _, c := range []struct{ amount, paid int64 }{{max + 1, max}, {1, max + 1}} {
		if _, _, err := st.Refunds.Add(ctx, "pay2", "r", c.amount, c.paid); !errors.Is(err, translate.ErrInvalid) {
			t.Errorf("Add(%d of %d) = %v, want ErrInvalid", c.amount, c.paid, err)
		}
	}
	r := translate.Reservation{ID: "a", Corridor: "c", Payer: "p", Day: "2026-12-01", Currency: "KRW", Amount: max, Until: time.Now().Add(time.Hour)}
	if err := st.Limits.Reserve(ctx, r, translate.Limits{PayerDay: max}); err != nil {
		t.Fatal(err)
	}
	if err := st.Limits.Release(ctx, r); err != nil {
		t.Fatalf("Release(max) = %v", err)
	}
	r.ID = "b"
	if err := st.Limits.Reserve(ctx, r, translate.Limits{PayerDay: max}); err != nil {
		t.Fatalf("the released maximum is free again: %v", err)
	}
	r.Amount = max + 1
	if err := st.Limits.Release(ctx, r); !errors.Is(err, translate.ErrInvalid) {
		t.Errorf("Release(max+1) = %v, want ErrInvalid", err)
	}
}
