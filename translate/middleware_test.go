package translate_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/translate"
)

var (
	quoteIDs atomic.Int64
	krw      = fx.MustCurrency("KRW")
	cny      = fx.MustCurrency("CNY")
)

// payment returns a translated payment of won KRW paid in CNY at 0.0052,
// as scenario 1 produces, with its own quote.
func payment(key, payer string, won int64) *translate.Result {
	dest := fx.FromMinor(won, krw)
	rate := fx.Rate{Base: krw, Quote: cny, Value: decimal.RequireFromString("0.0052")}
	src, _ := fx.Convert(dest, rate, fx.HalfEven)
	now := time.Now()
	q := fx.Quote{ID: fmt.Sprint("q", quoteIDs.Add(1)), Source: src, Destination: dest, Fixed: fx.FixedDestination,
		Rate: rate, CreatedAt: now, ExpiresAt: now.Add(time.Minute)}
	return &translate.Result{
		Intent: translate.Intent{Merchant: translate.Merchant{Name: "Seoul Noodles", MCC: "5812",
			Accounts: []translate.Account{{Scheme: "zeropay", ID: "1234567890"}}},
			Token: translate.NewToken("wechat", "134567890123456789"), Source: "SECRET-RAW-PAYLOAD"},
		Corridor:    translate.Corridor{ID: "CNY-KRW", PayerCurrency: cny, MerchantCurrency: krw},
		Quote:       q,
		MerchantLeg: translate.Leg{Scheme: "zeropay", Amount: dest},
		PayerLeg:    translate.Leg{Scheme: "wechat", Amount: src},
		Request:     translate.Request{PayerScheme: "wechat", PayerCurrency: cny, IdempotencyKey: key, Payer: payer},
	}
}

type discard struct{}

func (discard) Record(context.Context, translate.AuditEvent) {}

func stack(a translate.Authorizer, c translate.StackConfig) translate.Authorizer {
	if c.Audit == nil {
		c.Audit = discard{}
	}
	return translate.NewStack(a, c)
}

func offer(t testing.TB, q translate.QuoteStore, r *translate.Result) *translate.Result {
	t.Helper()
	if err := translate.Offer(context.Background(), q, r); err != nil {
		t.Fatal(err)
	}
	return r
}

func authorizeCount(calls []translate.FakeCall, method string) int {
	n := 0
	for _, c := range calls {
		if c.Method == method {
			n++
		}
	}
	return n
}

func TestStackApproves(t *testing.T) {
	ctx := context.Background()
	quotes := new(translate.MemoryQuotes)
	fake := new(translate.Fake)
	s := stack(fake, translate.StackConfig{Quotes: quotes})
	r := offer(t, quotes, payment("k1", "p1", 12000))
	a, err := s.Authorize(ctx, r)
	if err != nil || !a.Approved() || a.Charged != r.Quote.Source {
		t.Fatalf("Authorize = %+v, %v", a.Outcome, err)
	}
	if err := translate.CheckCharge(r.Quote, a.Charged, a.Rate); err != nil {
		t.Fatal(err)
	}
	// The same key and request: the first result, and the fake is not called again.
	b, err := s.Authorize(ctx, r)
	if err != nil || !b.Approved() || b.SchemeRef != a.SchemeRef || b.Charged.String() != a.Charged.String() {
		t.Fatalf("retry = %v %q, %v; want the first result", b.Outcome, b.SchemeRef, err)
	}
	if n := len(fake.Calls()); n != 1 {
		t.Fatalf("fake called %d times, want 1", n)
	}
}

func TestIdempotencyConflict(t *testing.T) {
	quotes := new(translate.MemoryQuotes)
	s := stack(new(translate.Fake), translate.StackConfig{Quotes: quotes})
	if _, err := s.Authorize(context.Background(), offer(t, quotes, payment("k1", "p1", 12000))); err != nil {
		t.Fatal(err)
	}
	_, err := s.Authorize(context.Background(), offer(t, quotes, payment("k1", "p1", 13000)))
	if !errors.Is(err, translate.ErrIdempotencyConflict) {
		t.Fatalf("same key, other request = %v, want ErrIdempotencyConflict", err)
	}
}

func TestIdempotencyInProgress(t *testing.T) {
	for _, wait := range []time.Duration{0, 2 * time.Second} {
		t.Run(fmt.Sprint("wait=", wait), func(t *testing.T) {
			quotes := new(translate.MemoryQuotes)
			started := make(chan struct{})
			var once sync.Once
			fake := &translate.Fake{Decide: func(*translate.Result) translate.FakeStep {
				once.Do(func() { close(started) })
				return translate.FakeStep{Outcome: translate.OutcomeApproved, Delay: 300 * time.Millisecond}
			}}
			s := stack(fake, translate.StackConfig{Quotes: quotes, Wait: wait})
			r := offer(t, quotes, payment("k1", "p1", 12000))
			var wg sync.WaitGroup
			firstDone := make(chan struct{})
			wg.Go(func() {
				defer close(firstDone)
				if _, err := s.Authorize(context.Background(), r); err != nil {
					t.Error(err)
				}
			})
			select {
			case <-started: // the first is at the scheme
			case <-firstDone:
				t.Fatal("the first request ended before reaching the scheme")
			}
			a, err := s.Authorize(context.Background(), r)
			wg.Wait()
			if wait == 0 && !errors.Is(err, translate.ErrInProgress) {
				t.Fatalf("duplicate while running = %v, want ErrInProgress", err)
			}
			if wait > 0 && (err != nil || !a.Approved()) {
				t.Fatalf("duplicate that waits = %v, %v; want the first result", a.Outcome, err)
			}
			if n := len(fake.Calls()); n != 1 {
				t.Fatalf("fake called %d times, want 1", n)
			}
		})
	}
}

// TestUnknownResolvedByQuery: a timeout after sending is reported unknown,
// and the retry resolves it by query instead of sending again.
func TestUnknownResolvedByQuery(t *testing.T) {
	quotes := new(translate.MemoryQuotes)
	fake := &translate.Fake{Script: []translate.FakeStep{{Err: context.DeadlineExceeded}}}
	s := stack(fake, translate.StackConfig{Quotes: quotes})
	r := offer(t, quotes, payment("k1", "p1", 12000))
	a, err := s.Authorize(context.Background(), r)
	if !errors.Is(err, translate.ErrOutcomeUnknown) || a.Outcome != translate.OutcomeUnknown || a.Approved() {
		t.Fatalf("timeout = %v, %v; want unknown", a.Outcome, err)
	}
	a, err = s.Authorize(context.Background(), r)
	if err != nil || !a.Approved() {
		t.Fatalf("retry = %v, %v; want approved by query", a.Outcome, err)
	}
	calls := fake.Calls()
	if authorizeCount(calls, "authorize") != 1 || authorizeCount(calls, "resolve") != 1 {
		t.Fatalf("calls %+v, want one authorize and one resolve", calls)
	}
	a, err = s.Authorize(context.Background(), r) // now final: no more calls
	if err != nil || !a.Approved() || len(fake.Calls()) != 2 {
		t.Fatalf("third = %v, %v, %d calls", a.Outcome, err, len(fake.Calls()))
	}
}

func TestQuoteGuard(t *testing.T) {
	ctx := context.Background()
	t.Run("UsedOnce", func(t *testing.T) {
		quotes := new(translate.MemoryQuotes)
		fake := new(translate.Fake)
		s := stack(fake, translate.StackConfig{Quotes: quotes})
		r1 := offer(t, quotes, payment("k1", "p1", 12000))
		r2 := *r1
		r2.Request.IdempotencyKey = "k2"
		if _, err := s.Authorize(ctx, r1); err != nil {
			t.Fatal(err)
		}
		a, err := s.Authorize(ctx, &r2)
		if !errors.Is(err, translate.ErrQuoteUsed) || a.Outcome != translate.OutcomeDeclined {
			t.Fatalf("quote reused under another key = %v, %v; want ErrQuoteUsed", a.Outcome, err)
		}
		if len(fake.Calls()) != 1 {
			t.Fatal("a reused quote reached the authorizer")
		}
	})
	t.Run("NotOffered", func(t *testing.T) {
		_, err := stack(new(translate.Fake), translate.StackConfig{}).Authorize(ctx, payment("k1", "p1", 12000))
		if !errors.Is(err, translate.ErrQuoteUsed) {
			t.Fatalf("quote never offered = %v, want ErrQuoteUsed", err)
		}
	})
	t.Run("Tampered", func(t *testing.T) {
		quotes := new(translate.MemoryQuotes)
		r := offer(t, quotes, payment("k1", "p1", 12000))
		r.Quote.Source = fx.FromMinor(1, cny)
		_, err := stack(new(translate.Fake), translate.StackConfig{Quotes: quotes}).Authorize(ctx, r)
		if !errors.Is(err, translate.ErrQuoteMismatch) {
			t.Fatalf("quote with other terms = %v, want ErrQuoteMismatch", err)
		}
	})
	t.Run("Expired", func(t *testing.T) {
		quotes := new(translate.MemoryQuotes)
		r := offer(t, quotes, payment("k1", "p1", 12000))
		later := func() time.Time { return time.Now().Add(2 * time.Minute) }
		_, err := stack(new(translate.Fake), translate.StackConfig{Quotes: quotes, Now: later}).Authorize(ctx, r)
		var ee *fx.ExpiredError
		if !errors.Is(err, translate.ErrQuoteExpired) || !errors.As(err, &ee) {
			t.Fatalf("expired quote = %v, want ErrQuoteExpired with *fx.ExpiredError", err)
		}
	})
	t.Run("NoQuote", func(t *testing.T) {
		r := payment("k1", "p1", 12000)
		r.Quote = fx.Quote{}
		a, err := stack(new(translate.Fake), translate.StackConfig{}).Authorize(ctx, r)
		if err != nil || !a.Approved() || a.Charged != r.PayerLeg.Amount {
			t.Fatalf("domestic payment = %v, %v", a.Outcome, err)
		}
	})
}

func TestLimits(t *testing.T) {
	ctx := context.Background()
	rules := map[string]translate.LimitRule{"CNY-KRW": {PayerDay: fx.FromMinor(30000, krw)}}
	quotes := new(translate.MemoryQuotes)
	fake := &translate.Fake{Decide: func(r *translate.Result) translate.FakeStep {
		if r.Request.IdempotencyKey == "declined" {
			return translate.FakeStep{Outcome: translate.OutcomeDeclined, Code: "NOTENOUGH"}
		}
		return translate.FakeStep{}
	}}
	s := stack(fake, translate.StackConfig{Quotes: quotes, LimitRules: rules})
	pay := func(key string, won int64) error {
		_, err := s.Authorize(ctx, offer(t, quotes, payment(key, "p1", won)))
		return err
	}
	if err := pay("a", 20000); err != nil {
		t.Fatal(err)
	}
	err := pay("declined", 10000)
	var de *translate.DeclineError
	if !errors.As(err, &de) || de.Code != "NOTENOUGH" || !errors.Is(err, translate.ErrDeclined) {
		t.Fatalf("declined = %v", err)
	}
	if err := pay("b", 10000); err != nil { // the declined payment gave its 10000 back
		t.Fatalf("after a declined payment: %v", err)
	}
	err = pay("c", 1)
	var le *translate.LimitError
	if !errors.As(err, &le) || le.Used != 30000 || le.Limit != 30000 {
		t.Fatalf("over the day = %v, want *LimitError used 30000", err)
	}
	if authorizeCount(fake.Calls(), "authorize") != 3 {
		t.Fatalf("a payment over the limit reached the authorizer: %+v", fake.Calls())
	}
	// Another payer has a day of its own; the corridor's DailyCap applies
	// where no rule is given.
	r := offer(t, quotes, payment("d", "p2", 30000))
	if _, err := s.Authorize(ctx, r); err != nil {
		t.Fatal(err)
	}
	capped := stack(new(translate.Fake), translate.StackConfig{Quotes: quotes})
	r = offer(t, quotes, payment("e", "p1", 6000))
	r.Corridor.DailyCap = fx.FromMinor(10000, krw)
	if _, err := capped.Authorize(ctx, r); err != nil {
		t.Fatal(err)
	}
	r = offer(t, quotes, payment("f", "p1", 6000))
	r.Corridor.DailyCap = fx.FromMinor(10000, krw)
	if _, err := capped.Authorize(ctx, r); !errors.Is(err, translate.ErrLimitExceeded) {
		t.Fatalf("over DailyCap = %v", err)
	}
}

// failingQuotes is a QuoteStore whose store is down until fixed.
type failingQuotes struct {
	translate.MemoryQuotes
	mu   sync.Mutex
	down bool
}

func (f *failingQuotes) Consume(ctx context.Context, id, digest string) error {
	f.mu.Lock()
	down := f.down
	f.mu.Unlock()
	if down {
		return &translate.StoreError{Store: "quotes", Op: "consume", Err: errors.New("connection refused")}
	}
	return f.MemoryQuotes.Consume(ctx, id, digest)
}

// TestStoreDownForgets: a payment refused because a store was down is not
// remembered as the key's result; the retry runs when the store is back.
func TestStoreDownForgets(t *testing.T) {
	quotes := &failingQuotes{down: true}
	fake := new(translate.Fake)
	s := stack(fake, translate.StackConfig{Quotes: quotes, LimitRules: map[string]translate.LimitRule{
		"CNY-KRW": {PayerDay: fx.FromMinor(12000, krw)}}})
	r := offer(t, quotes, payment("k1", "p1", 12000))
	a, err := s.Authorize(context.Background(), r)
	if !errors.Is(err, translate.ErrStore) || a.Approved() {
		t.Fatalf("store down = %v, %v; want ErrStore", a.Outcome, err)
	}
	quotes.mu.Lock()
	quotes.down = false
	quotes.mu.Unlock()
	if a, err := s.Authorize(context.Background(), r); err != nil || !a.Approved() {
		t.Fatalf("retry after the store is back = %v, %v", a.Outcome, err)
	}
	if len(fake.Calls()) != 1 {
		t.Fatalf("%d calls", len(fake.Calls()))
	}
}

// TestReplayedErrorsMatch: a declined result replayed from the store still
// matches the same errors.
func TestReplayedErrorsMatch(t *testing.T) {
	quotes := new(translate.MemoryQuotes)
	fake := &translate.Fake{Script: []translate.FakeStep{{Outcome: translate.OutcomeDeclined, Code: "ORDERCLOSED"}}}
	s := stack(fake, translate.StackConfig{Quotes: quotes})
	r := offer(t, quotes, payment("k1", "p1", 12000))
	for i := range 2 {
		a, err := s.Authorize(context.Background(), r)
		var de *translate.DeclineError
		if !errors.As(err, &de) || de.Code != "ORDERCLOSED" || a.Outcome != translate.OutcomeDeclined {
			t.Fatalf("attempt %d = %v, %v", i, a.Outcome, err)
		}
	}
	lim := stack(new(translate.Fake), translate.StackConfig{Quotes: quotes,
		LimitRules: map[string]translate.LimitRule{"CNY-KRW": {PayerDay: fx.FromMinor(100, krw)}}})
	r = offer(t, quotes, payment("k2", "p1", 12000))
	for i := range 2 {
		_, err := lim.Authorize(context.Background(), r)
		var le *translate.LimitError
		if !errors.As(err, &le) || le.Limit != 100 {
			t.Fatalf("attempt %d = %v", i, err)
		}
	}
}

// TestAuditNeverLeaks writes the audit trail as JSON and checks that it
// has what an auditor needs and none of the token, the raw payload or the
// idempotency key.
func TestAuditNeverLeaks(t *testing.T) {
	var buf bytes.Buffer
	quotes := new(translate.MemoryQuotes)
	s := translate.NewStack(new(translate.Fake), translate.StackConfig{Quotes: quotes,
		Audit: translate.SlogAudit{Logger: slog.New(slog.NewJSONHandler(&buf, nil))}})
	r := offer(t, quotes, payment("idem-key-SECRET", "p1", 12000))
	if _, err := s.Authorize(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{`"phase":"attempt"`, `"phase":"outcome"`, `"outcome":"approved"`, r.Quote.ID, `"merchant_amount":"12000 KRW"`, `"mcc":"5812"`} {
		if !strings.Contains(out, want) {
			t.Errorf("audit lacks %s:\n%s", want, out)
		}
	}
	for _, secret := range []string{r.Intent.Token.Reveal(), "SECRET-RAW-PAYLOAD", "idem-key-SECRET"} {
		if strings.Contains(out, secret) {
			t.Errorf("audit contains %q:\n%s", secret, out)
		}
	}
	if n := strings.Count(out, "\n"); n != 2 {
		t.Errorf("%d audit lines, want 2", n)
	}
}

func TestOutcomeText(t *testing.T) {
	for _, o := range []translate.Outcome{translate.OutcomeUnknown, translate.OutcomeApproved, translate.OutcomePending, translate.OutcomeDeclined} {
		b, _ := o.MarshalText()
		var back translate.Outcome
		if err := back.UnmarshalText(b); err != nil || back != o {
			t.Errorf("%v: round trip %v, %v", o, back, err)
		}
	}
	var o translate.Outcome
	if err := o.UnmarshalText([]byte("maybe")); !errors.Is(err, translate.ErrInvalid) {
		t.Errorf("UnmarshalText(maybe) = %v", err)
	}
	if translate.Outcome(9).String() != "unknown" || (translate.Authorization{}).Approved() {
		t.Error("an unset outcome must read as unknown, never approved")
	}
}

func TestAuthorizationErr(t *testing.T) {
	for _, c := range []struct {
		a    translate.Authorization
		want error
	}{
		{translate.Authorization{Outcome: translate.OutcomeApproved}, nil},
		{translate.Authorization{Outcome: translate.OutcomePending}, nil},
		{translate.Authorization{Outcome: translate.OutcomeApproved, Reason: &translate.ChargeError{Field: "rate"}}, translate.ErrChargeMismatch},
		{translate.Authorization{Outcome: translate.OutcomeDeclined}, translate.ErrDeclined},
		{translate.Authorization{}, translate.ErrOutcomeUnknown},
		{translate.Authorization{Reason: context.DeadlineExceeded}, context.DeadlineExceeded},
		{translate.Authorization{Reason: context.DeadlineExceeded}, translate.ErrOutcomeUnknown},
	} {
		err := c.a.Err()
		if (c.want == nil) != (err == nil) || (c.want != nil && !errors.Is(err, c.want)) {
			t.Errorf("%v.Err() = %v, want %v", c.a.Outcome, err, c.want)
		}
	}
}

// TestLimitsEdges: payments without an idempotency key each count; a rule
// in two currencies is refused; an orphan resolved as declined gives its
// reservation back, one resolved as approved keeps it.
func TestLimitsEdges(t *testing.T) {
	ctx := context.Background()
	rule := map[string]translate.LimitRule{"CNY-KRW": {PayerDay: fx.FromMinor(12000, krw)}}
	t.Run("Keyless", func(t *testing.T) {
		quotes := new(translate.MemoryQuotes)
		s := stack(new(translate.Fake), translate.StackConfig{Quotes: quotes, LimitRules: rule})
		if _, err := s.Authorize(ctx, offer(t, quotes, payment("", "p1", 12000))); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Authorize(ctx, offer(t, quotes, payment("", "p1", 12000))); !errors.Is(err, translate.ErrLimitExceeded) {
			t.Fatalf("second keyless payment over the day = %v", err)
		}
	})
	t.Run("TwoCurrencies", func(t *testing.T) {
		quotes := new(translate.MemoryQuotes)
		bad := map[string]translate.LimitRule{"CNY-KRW": {PayerDay: fx.FromMinor(12000, krw), CorridorDay: fx.FromMinor(100, cny)}}
		fake := new(translate.Fake)
		s := stack(fake, translate.StackConfig{Quotes: quotes, LimitRules: bad})
		if _, err := s.Authorize(ctx, offer(t, quotes, payment("k1", "p1", 100))); !errors.Is(err, translate.ErrInvalid) || len(fake.Calls()) != 0 {
			t.Fatalf("a rule in two currencies = %v", err)
		}
		bad = map[string]translate.LimitRule{"CNY-KRW": {PayerDay: fx.FromMinor(100, cny), CorridorDay: fx.FromMinor(12000, krw)}}
		s = stack(fake, translate.StackConfig{Quotes: quotes, LimitRules: bad})
		if _, err := s.Authorize(ctx, offer(t, quotes, payment("k2", "p1", 100))); !errors.Is(err, translate.ErrInvalid) {
			t.Fatalf("a rule in two currencies = %v", err)
		}
	})
	for _, c := range []struct {
		name     string
		under    translate.FakeStep
		nextFits bool
	}{
		{"OrphanDeclined", translate.FakeStep{Outcome: translate.OutcomeDeclined, Code: "PAYERROR"}, true},
		{"OrphanApproved", translate.FakeStep{}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			quotes := new(translate.MemoryQuotes)
			fake := &translate.Fake{Script: []translate.FakeStep{{Err: context.DeadlineExceeded}},
				Decide: func(*translate.Result) translate.FakeStep { return c.under }}
			s := stack(fake, translate.StackConfig{Quotes: quotes, LimitRules: rule})
			r := offer(t, quotes, payment("k1", "p1", 12000))
			if _, err := s.Authorize(ctx, r); !errors.Is(err, translate.ErrOutcomeUnknown) {
				t.Fatalf("first = %v", err)
			}
			// Held while unknown.
			if _, err := s.Authorize(ctx, offer(t, quotes, payment("k2", "p1", 1))); !errors.Is(err, translate.ErrLimitExceeded) {
				t.Fatalf("while unknown = %v, want the reservation held", err)
			}
			_, _ = s.Authorize(ctx, r) // resolved by query
			_, err := s.Authorize(ctx, offer(t, quotes, payment("k3", "p1", 12000)))
			if c.nextFits == errors.Is(err, translate.ErrLimitExceeded) {
				t.Fatalf("after resolution: %v (want fits=%v)", err, c.nextFits)
			}
		})
	}
}
