package translate_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/qrbridge/qrbridge/translate"
)

// TestFakeScriptThenDecide: the script in order, then Decide, then
// approvals; what each answer carries.
func TestFakeScriptThenDecide(t *testing.T) {
	ctx := context.Background()
	decided := 0
	f := &translate.Fake{
		Script: []translate.FakeStep{{Outcome: translate.OutcomeDeclined, Code: "NOTENOUGH"}, {}, {Err: context.DeadlineExceeded}},
		Decide: func(r *translate.Result) translate.FakeStep {
			decided++
			if r.Request.Payer == "pending" {
				return translate.FakeStep{Outcome: translate.OutcomePending}
			}
			return translate.FakeStep{}
		},
	}
	r := payment("k1", "p1", 12000)
	hash := translate.RequestHash(r)
	var de *translate.DeclineError
	a, err := f.Authorize(ctx, r)
	if a.Outcome != translate.OutcomeDeclined || !errors.As(err, &de) || de.Code != "NOTENOUGH" || de.Scheme != "fake" ||
		a.Scheme != "fake" || a.Reference != "fake-"+hash || a.SchemeRef != "" || a.QuoteID != r.Quote.ID || a.At.IsZero() {
		t.Fatalf("step 1 = %+v, %v", a, err)
	}
	a, err = f.Authorize(ctx, r) // the zero step approves
	if err != nil || !a.Approved() || a.SchemeRef != "fake-txn-"+hash || a.Charged.String() != "62.40 CNY" ||
		a.Rate.Value.String() != "0.0052" || a.Reason != nil {
		t.Fatalf("step 2 = %+v, %v", a, err)
	}
	a, err = f.Authorize(ctx, r)
	if a.Outcome != translate.OutcomeUnknown || !errors.Is(err, translate.ErrOutcomeUnknown) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("step 3 = %v, %v", a.Outcome, err)
	}
	if decided != 1 { // only for what happened underneath the lost answer
		t.Fatalf("Decide called %d times during the script, want 1", decided)
	}
	p := payment("k2", "pending", 12000)
	if a, err := f.Authorize(ctx, p); a.Outcome != translate.OutcomePending || err != nil || decided != 2 {
		t.Fatalf("after the script = %v, %v (Decide called %d times)", a.Outcome, err, decided)
	}
	noQuote := payment("k3", "p3", 5000)
	noQuote.Quote.ID = ""
	if a, err := f.Authorize(ctx, noQuote); !a.Approved() || err != nil || a.Charged.String() != noQuote.PayerLeg.Amount.String() {
		t.Fatalf("without a quote = %v %v, %v; want the payer leg charged", a.Outcome, a.Charged, err)
	}
	calls := f.Calls()
	if len(calls) != 5 {
		t.Fatalf("%d calls", len(calls))
	}
	if c := calls[0]; c.Method != "authorize" || c.IdempotencyKey != "k1" || c.Payer != "p1" || c.QuoteID != r.Quote.ID ||
		c.Request != hash || c.Outcome != translate.OutcomeDeclined {
		t.Fatalf("first call %+v", c)
	}
	calls[0].Method = "changed"
	if f.Calls()[0].Method != "authorize" {
		t.Fatal("Calls returned the Fake's own slice")
	}

	// Without Decide, past the script, everything is approved.
	g := &translate.Fake{Script: []translate.FakeStep{{Outcome: translate.OutcomeDeclined}}}
	for i, want := range []translate.Outcome{translate.OutcomeDeclined, translate.OutcomeApproved, translate.OutcomeApproved} {
		if a, _ := g.Authorize(ctx, payment("k", "p", 100)); a.Outcome != want {
			t.Errorf("answer %d = %v, want %v", i, a.Outcome, want)
		}
	}
}

// TestFakeResolve: Resolve answers what the scheme did underneath a lost
// answer, and declines a payment it never saw.
func TestFakeResolve(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name   string
		decide func(*translate.Result) translate.FakeStep
		want   translate.Outcome
	}{
		{"approved underneath", nil, translate.OutcomeApproved},
		{"Decide's zero step", func(*translate.Result) translate.FakeStep { return translate.FakeStep{} }, translate.OutcomeApproved},
		{"declined underneath", func(*translate.Result) translate.FakeStep {
			return translate.FakeStep{Outcome: translate.OutcomeDeclined, Code: "PAYERROR"}
		}, translate.OutcomeDeclined},
		{"unknown underneath is approved", func(*translate.Result) translate.FakeStep {
			return translate.FakeStep{Err: errors.New("lost")}
		}, translate.OutcomeApproved},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := &translate.Fake{Script: []translate.FakeStep{{Err: context.DeadlineExceeded}}, Decide: c.decide}
			r := payment("k1", "p1", 12000)
			if _, err := f.Authorize(ctx, r); !errors.Is(err, translate.ErrOutcomeUnknown) {
				t.Fatalf("Authorize = %v", err)
			}
			a, err := f.Resolve(ctx, r)
			if a.Outcome != c.want || (err == nil) != (c.want == translate.OutcomeApproved) {
				t.Fatalf("Resolve = %v, %v; want %v", a.Outcome, err, c.want)
			}
			if calls := f.Calls(); len(calls) != 2 || calls[1].Method != "resolve" || calls[1].Outcome != c.want {
				t.Fatalf("calls %+v", calls)
			}
		})
	}
	t.Run("answered", func(t *testing.T) {
		f := &translate.Fake{Script: []translate.FakeStep{{Outcome: translate.OutcomeDeclined, Code: "ORDERCLOSED"}}}
		r := payment("k1", "p1", 12000)
		first, _ := f.Authorize(ctx, r)
		a, err := f.Resolve(ctx, r)
		var de *translate.DeclineError
		if a.Outcome != translate.OutcomeDeclined || a.Reference != first.Reference || !errors.As(err, &de) || de.Code != "ORDERCLOSED" {
			t.Fatalf("Resolve = %v %q, %v", a.Outcome, a.Reference, err)
		}
	})
	t.Run("never seen", func(t *testing.T) {
		f := new(translate.Fake)
		r := payment("k1", "p1", 12000)
		a, err := f.Resolve(ctx, r)
		var de *translate.DeclineError
		if a.Outcome != translate.OutcomeDeclined || a.Scheme != "fake" || a.QuoteID != r.Quote.ID || a.At.IsZero() ||
			!errors.As(err, &de) || de.Code != "ORDERNOTEXIST" || de.Scheme != "fake" {
			t.Fatalf("Resolve of an unseen payment = %+v, %v", a, err)
		}
		if calls := f.Calls(); len(calls) != 1 || calls[0].Outcome != translate.OutcomeDeclined {
			t.Fatalf("calls %+v", calls)
		}
	})
}

// TestFakeDelay: a delayed step answers after its delay, or as unknown
// when the context ends first (and the payment then happened underneath).
func TestFakeDelay(t *testing.T) {
	f := &translate.Fake{Script: []translate.FakeStep{
		{Outcome: translate.OutcomeDeclined, Code: "SLOW", Delay: 20 * time.Millisecond},
		{Outcome: translate.OutcomeDeclined, Code: "LATE", Delay: time.Minute},
	}}
	r := payment("k1", "p1", 12000)
	start := time.Now()
	a, _ := f.Authorize(context.Background(), r)
	if a.Outcome != translate.OutcomeDeclined || time.Since(start) < 20*time.Millisecond {
		t.Fatalf("delayed step = %v after %v", a.Outcome, time.Since(start))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	r2 := payment("k2", "p1", 12000)
	start = time.Now()
	a, err := f.Authorize(ctx, r2)
	if a.Outcome != translate.OutcomeUnknown || !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 10*time.Second {
		t.Fatalf("cut short = %v, %v after %v", a.Outcome, err, time.Since(start))
	}
	if a, err := f.Resolve(context.Background(), r2); !a.Approved() || err != nil {
		t.Fatalf("Resolve after the cut = %v, %v", a.Outcome, err)
	}
}

// TestFakeNoDelayIgnoresContext: a step without a delay answers what it
// says even when the context has ended: only a delay is cut short.
func TestFakeNoDelayIgnoresContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	f := new(translate.Fake)
	for i := range 64 {
		if a, err := f.Authorize(ctx, payment("k", "p", 100)); !a.Approved() || err != nil {
			t.Fatalf("answer %d with an ended context = %v, %v", i, a.Outcome, err)
		}
	}
}
