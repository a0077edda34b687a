package translate_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/translate"
)

// BenchmarkAuthorize measures the middleware's overhead: the bare Fake
// against the full stack (idempotency, audit, limits, quote guard) with
// in-memory stores and a discarding audit sink. Both loops build a fresh
// payment per iteration; the stack loop also offers its quote. Budget:
// stack − bare ≤ 5 µs (issue 17).
func BenchmarkAuthorize(b *testing.B) {
	ctx := context.Background()
	base := payment("k", "p1", 12000)
	next := func(i int) *translate.Result {
		r := *base
		r.Quote.ID = "bq" + strconv.Itoa(i)
		r.Request.IdempotencyKey = "bk" + strconv.Itoa(i)
		return &r
	}
	b.Run("bare", func(b *testing.B) {
		fake := new(translate.Fake)
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			i++
			if _, err := fake.Authorize(ctx, next(i)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("stack", func(b *testing.B) {
		quotes := &translate.MemoryQuotes{MaxEntries: 1 << 24}
		s := stack(new(translate.Fake), translate.StackConfig{Quotes: quotes,
			Limits: &translate.MemoryLimits{MaxEntries: 1 << 24}, Idempotency: &translate.MemoryIdempotency{MaxEntries: 1 << 24}, LimitRules: map[string]translate.LimitRule{
				"CNY-KRW": {PayerDay: fx.FromMinor(translate.MaxMinorUnits, krw)}}})
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			i++
			r := next(i)
			if err := translate.Offer(ctx, quotes, r); err != nil {
				b.Fatal(err)
			}
			if _, err := s.Authorize(ctx, r); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("replay", func(b *testing.B) {
		quotes := new(translate.MemoryQuotes)
		s := stack(new(translate.Fake), translate.StackConfig{Quotes: quotes})
		r := offer(b, quotes, next(0))
		if _, err := s.Authorize(ctx, r); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := s.Authorize(ctx, r); err != nil {
				b.Fatal(err)
			}
		}
	})
}
