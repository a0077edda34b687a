package translate_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/translate"
)

// The recommended stack over a scripted authorizer: the first attempt's
// outcome is lost (a timeout), the retry with the same idempotency key
// resolves it by query instead of paying again, and a second payment with
// the same quote is refused.
func ExampleNewStack() {
	ctx := context.Background()
	quotes := new(translate.MemoryQuotes)
	fake := &translate.Fake{Script: []translate.FakeStep{{Err: context.DeadlineExceeded}}}
	authz := translate.NewStack(fake, translate.StackConfig{Quotes: quotes, Audit: discard{}})

	res := payment("pay-1", "openid-1", 12000) // a translated payment: ₩12,000 paid in CNY
	_ = translate.Offer(ctx, quotes, res)      // when the payer sees the quote

	_, err := authz.Authorize(ctx, res)
	fmt.Println("first:", errors.Is(err, translate.ErrOutcomeUnknown))
	a, err := authz.Authorize(ctx, res)
	fmt.Println("retry:", a.Outcome, a.Charged, err)
	for _, c := range fake.Calls() {
		fmt.Println("scheme saw:", c.Method)
	}
	other := *res
	other.Request.IdempotencyKey = "pay-2"
	_, err = authz.Authorize(ctx, &other)
	fmt.Println("same quote, new key:", errors.Is(err, translate.ErrQuoteUsed))
	// Output:
	// first: true
	// retry: approved 62.40 CNY <nil>
	// scheme saw: authorize
	// scheme saw: resolve
	// same quote, new key: true
}

// Partial refunds at the original rate sum to exactly what was charged.
func ExampleRefunder_Refund() {
	ctx := context.Background()
	res := payment("pay-1", "openid-1", 10000) // 52.00 CNY
	a := translate.Authorization{Outcome: translate.OutcomeApproved, Scheme: "fake", Reference: "ref-1", Charged: res.Quote.Source}
	var f translate.Refunder
	for i, won := range []int64{3333, 3333, 3334} {
		r, err := f.Refund(ctx, res, a, translate.RefundRequest{ID: fmt.Sprint("refund-", i), Amount: fx.FromMinor(won, krw)})
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(r.Merchant, "→", r.Payer)
	}
	_, err := f.Refund(ctx, res, a, translate.RefundRequest{ID: "one-more", Amount: fx.FromMinor(1, krw)})
	fmt.Println(errors.Is(err, translate.ErrRefundExceeded))
	// Output:
	// 3333 KRW → 17.33 CNY
	// 3333 KRW → 17.33 CNY
	// 3334 KRW → 17.34 CNY
	// true
}
