package translate_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/qrbridge/qrbridge/translate"
	"github.com/qrbridge/qrbridge/translate/storetest"
)

func TestMemoryQuotes(t *testing.T) {
	storetest.TestQuoteStore(t, func(*testing.T) translate.QuoteStore { return new(translate.MemoryQuotes) })
}

func TestMemoryLimits(t *testing.T) {
	storetest.TestLimitStore(t, func(*testing.T) translate.LimitStore { return new(translate.MemoryLimits) })
}

func TestMemoryIdempotency(t *testing.T) {
	storetest.TestIdempotencyStore(t, func(*testing.T) translate.IdempotencyStore { return new(translate.MemoryIdempotency) })
}

// TestMemoryBounded fills each store to its bound: live entries are never
// evicted to make room (the next insert fails with ErrStoreFull), expired
// ones are.
func TestMemoryBounded(t *testing.T) {
	ctx := context.Background()
	t.Run("Quotes", func(t *testing.T) {
		s := &translate.MemoryQuotes{MaxEntries: 3}
		for i := range 3 {
			if err := s.Issue(ctx, fmt.Sprint(i), "d", time.Now().Add(time.Minute)); err != nil {
				t.Fatal(err)
			}
		}
		err := s.Issue(ctx, "x", "d", time.Now().Add(time.Minute))
		if !errors.Is(err, translate.ErrStoreFull) || !errors.Is(err, translate.ErrStore) {
			t.Fatalf("Issue on a full store = %v, want ErrStoreFull", err)
		}
		if err := s.Consume(ctx, "0", "d"); err != nil {
			t.Fatalf("a live quote was evicted: %v", err)
		}
	})
	t.Run("QuotesSweep", func(t *testing.T) {
		s := &translate.MemoryQuotes{MaxEntries: 2}
		for i := range 2 {
			if err := s.Issue(ctx, fmt.Sprint(i), "d", time.Now().Add(20*time.Millisecond)); err != nil {
				t.Fatal(err)
			}
		}
		time.Sleep(40 * time.Millisecond)
		if err := s.Issue(ctx, "x", "d", time.Now().Add(time.Minute)); err != nil {
			t.Fatalf("expired entries not swept: %v", err)
		}
	})
	t.Run("Idempotency", func(t *testing.T) {
		s := &translate.MemoryIdempotency{MaxEntries: 2}
		for i := range 2 {
			if _, err := s.Claim(ctx, fmt.Sprint(i), "h", "t", time.Minute); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.Claim(ctx, "x", "h", "t", time.Minute); !errors.Is(err, translate.ErrStoreFull) {
			t.Fatalf("Claim on a full store = %v, want ErrStoreFull", err)
		}
		if _, err := s.Claim(ctx, "0", "h", "t2", time.Minute); !errors.Is(err, translate.ErrInProgress) {
			t.Fatalf("a live record was evicted: %v", err)
		}
	})
	t.Run("Limits", func(t *testing.T) {
		s := &translate.MemoryLimits{MaxEntries: 3}
		r := translate.Reservation{ID: "a", Corridor: "c", Payer: "p", Day: "d", Currency: "KRW", Amount: 1, Until: time.Now().Add(time.Hour)}
		if err := s.Reserve(ctx, r, translate.Limits{}); err != nil {
			t.Fatal(err)
		}
		r.ID = "b"
		if err := s.Reserve(ctx, r, translate.Limits{}); !errors.Is(err, translate.ErrStoreFull) {
			t.Fatalf("Reserve on a full store = %v, want ErrStoreFull", err)
		}
	})
}

func TestDayOf(t *testing.T) {
	seoul, err := time.LoadLocation("Asia/Seoul")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	for _, c := range []struct {
		at       string
		loc      *time.Location
		day      string
		untilUTC string
	}{
		{"2026-12-01T14:59:59Z", seoul, "2026-12-01", "2026-12-01T16:00:00Z"},
		{"2026-12-01T15:00:00Z", seoul, "2026-12-02", "2026-12-02T16:00:00Z"},
		{"2026-12-01T15:00:00Z", nil, "2026-12-01", "2026-12-02T01:00:00Z"},
	} {
		at, _ := time.Parse(time.RFC3339, c.at)
		day, until := translate.DayOf(at, c.loc)
		if day != c.day || until.UTC().Format(time.RFC3339) != c.untilUTC {
			t.Errorf("DayOf(%s) = %s, %s; want %s, %s", c.at, day, until.UTC().Format(time.RFC3339), c.day, c.untilUTC)
		}
	}
}

func TestClaimStateString(t *testing.T) {
	for s, want := range map[translate.ClaimState]string{0: "invalid", translate.ClaimNew: "new", translate.ClaimDone: "done", translate.ClaimOrphan: "orphan", 4: "invalid", 9: "invalid"} {
		if s.String() != want {
			t.Errorf("%d.String() = %q, want %q", s, s.String(), want)
		}
	}
}

func TestMemoryRefunds(t *testing.T) {
	storetest.TestRefundLedger(t, func(*testing.T) translate.RefundLedger { return new(translate.MemoryRefunds) })
}
