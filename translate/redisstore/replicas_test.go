package redisstore_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/translate"
	"github.com/qrbridge/qrbridge/translate/redisstore"
)

var (
	krw = fx.MustCurrency("KRW")
	cny = fx.MustCurrency("CNY")
)

const won = 10000 // every payment of these tests

// payment returns a translated payment of 10,000 KRW paid in CNY, under
// idempotency key key, by payer, with quote quoteID.
func payment(key, payer, quoteID string, expires time.Time) *translate.Result {
	dest := fx.FromMinor(won, krw)
	rate := fx.Rate{Base: krw, Quote: cny, Value: decimal.RequireFromString("0.0052")}
	src, _ := fx.Convert(dest, rate, fx.HalfEven)
	return &translate.Result{
		Intent:      translate.Intent{Merchant: translate.Merchant{Name: "Seoul Noodles", MCC: "5812"}},
		Corridor:    translate.Corridor{ID: "CNY-KRW", PayerCurrency: cny, MerchantCurrency: krw},
		Quote:       fx.Quote{ID: quoteID, Source: src, Destination: dest, Fixed: fx.FixedDestination, Rate: rate, ExpiresAt: expires},
		MerchantLeg: translate.Leg{Scheme: "zeropay", Amount: dest},
		PayerLeg:    translate.Leg{Scheme: "wechat", Amount: src},
		Request:     translate.Request{PayerScheme: "wechat", PayerCurrency: cny, IdempotencyKey: key, Payer: payer},
	}
}

type discard struct{}

func (discard) Record(context.Context, translate.AuditEvent) {}

// replica is one service instance: its own client and stores on the
// shared Redis, its own middleware stack, the shared scheme (fake).
func replica(t testing.TB, srv *server, prefix string, fake *translate.Fake, corridorDay int64, lease time.Duration) (translate.Authorizer, redisstore.Stores) {
	st, err := redisstore.New(srv.client(), redisstore.Options{Prefix: prefix})
	if err != nil {
		t.Fatal(err)
	}
	return translate.NewStack(fake, translate.StackConfig{
		Quotes: st.Quotes, Limits: st.Limits, Idempotency: st.Idempotency, Audit: discard{},
		LimitRules: map[string]translate.LimitRule{"CNY-KRW": {CorridorDay: fx.FromMinor(corridorDay*won, krw)}},
		Lease:      lease, Wait: 10 * time.Second,
	}), st
}

// declines makes the scheme decline every seventh payer.
func declines(r *translate.Result) translate.FakeStep {
	var n int
	fmt.Sscanf(r.Request.Payer, "p%d", &n)
	if n%7 == 0 {
		return translate.FakeStep{Outcome: translate.OutcomeDeclined, Code: "NOTENOUGH"}
	}
	return translate.FakeStep{}
}

type answer struct {
	key string
	a   translate.Authorization
	err error
}

// TestReplicas runs four replicas sharing one Redis: 2,000 concurrent
// requests, of which 200 repeat an idempotency key on another replica and
// 50 reuse another payment's quote, under a corridor limit that admits
// exactly 1,000 payments. Counted against the scheme's (the fake's) log:
// one authorization per key, no quote twice, the limit never exceeded,
// and every declined payment's reservation given back.
func TestReplicas(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	srv := startRedis(t)
	const keys, dups, reused, limit = 1800, 200, 50, 1000
	fake := &translate.Fake{Decide: declines}
	var stacks [4]translate.Authorizer
	var quotes translate.QuoteStore
	for i := range stacks {
		var st redisstore.Stores
		stacks[i], st = replica(t, srv, "rep:", fake, limit, time.Minute)
		quotes = st.Quotes
	}
	ctx := context.Background()
	expires := time.Now().Add(5 * time.Minute)
	results := make([]*translate.Result, keys)
	for i := range results {
		q := fmt.Sprint("quote", i)
		if i >= 1000 && i < 1000+reused {
			q = fmt.Sprint("quote", i-1000) // shares payment i-1000's quote
		}
		results[i] = payment(fmt.Sprint("key", i), fmt.Sprint("p", i), q, expires)
		if err := translate.Offer(ctx, quotes, results[i]); err != nil {
			t.Fatal(err)
		}
	}
	answers := make(chan answer, keys+dups)
	var wg sync.WaitGroup
	start := make(chan struct{})
	send := func(i, rep int) {
		wg.Go(func() {
			<-start
			a, err := stacks[rep%4].Authorize(ctx, results[i])
			answers <- answer{key: results[i].Request.IdempotencyKey, a: a, err: err}
		})
	}
	for i := range keys {
		send(i, i)
		if i%9 == 0 && i/9 < dups {
			send(i, i+1) // the same request again, on the next replica
		}
	}
	close(start)
	wg.Wait()
	close(answers)

	byKey := map[string][]answer{}
	approved := 0
	for an := range answers {
		byKey[an.key] = append(byKey[an.key], an)
		switch {
		case an.err == nil && an.a.Approved():
		case errors.Is(an.err, translate.ErrDeclined), errors.Is(an.err, translate.ErrLimitExceeded), errors.Is(an.err, translate.ErrQuoteUsed):
		default:
			t.Errorf("%s: unexpected answer %v, %v", an.key, an.a.Outcome, an.err)
		}
	}
	for key, as := range byKey {
		if len(as) == 2 && (as[0].a.Outcome != as[1].a.Outcome || as[0].a.SchemeRef != as[1].a.SchemeRef) {
			t.Errorf("%s: duplicates answered %v and %v", key, as[0].a.Outcome, as[1].a.Outcome)
		}
		if as[0].a.Approved() {
			approved++
		}
	}
	perKey, perQuote := map[string]int{}, map[string]int{}
	schemeApproved := 0
	for _, c := range fake.Calls() {
		if c.Method != "authorize" {
			t.Errorf("unexpected %s call", c.Method)
		}
		perKey[c.IdempotencyKey]++
		perQuote[c.QuoteID]++
		if c.Outcome == translate.OutcomeApproved {
			schemeApproved++
		}
	}
	for k, n := range perKey {
		if n > 1 {
			t.Errorf("%s authorized %d times", k, n)
		}
	}
	for q, n := range perQuote {
		if n > 1 {
			t.Errorf("%s used %d times", q, n)
		}
	}
	if len(byKey) != keys || schemeApproved != approved || approved > limit {
		t.Fatalf("%d keys answered, %d approved by the scheme, %d approved answers, limit %d", len(byKey), schemeApproved, approved, limit)
	}
	t.Logf("%d requests: %d approved, %d scheme calls", keys+dups, approved, len(fake.Calls()))
	// Every declined payment gave its reservation back: exactly limit −
	// approved more payments fit the day, and not one more.
	for i := approved; i <= limit; i++ {
		r := payment(fmt.Sprint("fill", i), "p1", fmt.Sprint("fillq", i), expires)
		if err := translate.Offer(ctx, quotes, r); err != nil {
			t.Fatal(err)
		}
		_, err := stacks[i%4].Authorize(ctx, r)
		if i < limit && err != nil {
			t.Fatalf("payment %d of a limit of %d refused: %v", i+1, limit, err)
		}
		var le *translate.LimitError
		if i == limit && (!errors.As(err, &le) || le.Used != limit*won) {
			t.Fatalf("payment %d over a limit of %d = %v, want a *LimitError", i+1, limit, err)
		}
	}
}
