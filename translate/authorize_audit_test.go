package translate_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/qrbridge/qrbridge/translate"
)

type recordSink struct {
	mu     sync.Mutex
	events []translate.AuditEvent
}

func (s *recordSink) Record(_ context.Context, e translate.AuditEvent) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.events = append(s.events, e)
}

// TestAuditEvents: an attempt, then its outcome with what the scheme
// said; a resolve is one event; a declined payment carries its reason.
func TestAuditEvents(t *testing.T) {
	ctx := context.Background()
	sink := new(recordSink)
	fake := &translate.Fake{Script: []translate.FakeStep{
		{Delay: 5 * time.Millisecond},
		{Outcome: translate.OutcomeDeclined, Code: "NOTENOUGH"},
	}}
	a := translate.WithAudit(sink)(fake)
	r := payment("k1", "p1", 12000)
	r.Intent.Merchant.MCC = "5812"
	approved, err := a.Authorize(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	if len(sink.events) != 2 {
		t.Fatalf("%d events", len(sink.events))
	}
	at, out := sink.events[0], sink.events[1]
	if at.Phase != "attempt" || at.Outcome != "" || at.Reason != "" || at.Request != translate.RequestHash(r) ||
		at.QuoteID != r.Quote.ID || at.Corridor != "CNY-KRW" || at.MerchantScheme != "zeropay" ||
		at.MerchantAmount.String() != "12000 KRW" || at.PayerScheme != "wechat" || at.PayerAmount.String() != "62.40 CNY" ||
		at.Merchant != "Seoul Noodles" || at.MCC != "5812" || at.At.IsZero() {
		t.Fatalf("attempt %+v", at)
	}
	if out.Phase != "outcome" || out.Outcome != "approved" || out.Scheme != "fake" || out.SchemeRef != approved.SchemeRef ||
		out.Charged.String() != "62.40 CNY" || out.Reason != "" || out.Duration < 5*time.Millisecond ||
		out.At.Before(at.At) || out.Request != at.Request {
		t.Fatalf("outcome %+v", out)
	}

	r2 := payment("k2", "p1", 12000)
	_, err = a.Authorize(ctx, r2)
	if e := sink.events[3]; !errors.Is(err, translate.ErrDeclined) || e.Outcome != "declined" || e.Reason != err.Error() || !e.Charged.IsZero() {
		t.Fatalf("declined outcome %+v (%v)", e, err)
	}
	res, ok := a.(translate.Resolver)
	if !ok {
		t.Fatal("the audit middleware hides Resolve")
	}
	if _, err := res.Resolve(ctx, r2); !errors.Is(err, translate.ErrDeclined) || len(sink.events) != 5 {
		t.Fatalf("Resolve = %v, %d events", err, len(sink.events))
	}
	if e := sink.events[4]; e.Phase != "resolve" || e.Outcome != "declined" || e.Request != translate.RequestHash(r2) {
		t.Fatalf("resolve event %+v", e)
	}

	// Over an authorizer that cannot resolve, the outcome stays unknown.
	plain := translate.WithAudit(sink)(translate.AuthorizerFunc(fake.Authorize))
	if _, err := plain.(translate.Resolver).Resolve(ctx, r2); !errors.Is(err, translate.ErrOutcomeUnknown) {
		t.Fatalf("Resolve without a resolver = %v", err)
	}
	if e := sink.events[5]; e.Outcome != "unknown" || !strings.Contains(e.Reason, "outcome unknown") {
		t.Fatalf("unresolvable event %+v", e)
	}
}

// TestSlogAudit: the JSON lines of an attempt and an outcome, and the
// default logger for the zero SlogAudit.
func TestSlogAudit(t *testing.T) {
	var buf bytes.Buffer
	sink := translate.SlogAudit{Logger: slog.New(slog.NewJSONHandler(&buf, nil))}
	base := translate.AuditEvent{Phase: "attempt", Request: "h1", QuoteID: "q1", Corridor: "CNY-KRW",
		MerchantScheme: "zeropay", MerchantAmount: payment("k", "p", 12000).MerchantLeg.Amount, Merchant: "M", MCC: "5812"}
	sink.Record(context.Background(), base)
	out := base
	out.Phase, out.Outcome, out.Scheme, out.SchemeRef, out.Reason, out.Duration = "outcome", "declined", "wechat", "42", "no", time.Second
	sink.Record(context.Background(), out)
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines:\n%s", len(lines), buf.String())
	}
	var first, second map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(lines[1]), &second); err != nil {
		t.Fatal(err)
	}
	if first["msg"] != "qrbridge.audit" || first["level"] != "INFO" || first["phase"] != "attempt" || first["request"] != "h1" ||
		first["merchant_amount"] != "12000 KRW" || first["payer_amount"] != "" || first["mcc"] != "5812" {
		t.Errorf("attempt line %s", lines[0])
	}
	for _, key := range []string{"outcome", "scheme", "scheme_ref", "charged", "reason", "duration"} {
		if _, ok := first[key]; ok {
			t.Errorf("attempt line has %s: %s", key, lines[0])
		}
	}
	if second["outcome"] != "declined" || second["scheme"] != "wechat" || second["scheme_ref"] != "42" ||
		second["charged"] != "" || second["reason"] != "no" || second["duration"] != float64(time.Second) {
		t.Errorf("outcome line %s", lines[1])
	}

	var def bytes.Buffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewJSONHandler(&def, nil)))
	defer slog.SetDefault(old)
	translate.SlogAudit{}.Record(context.Background(), base)
	if !strings.Contains(def.String(), `"msg":"qrbridge.audit"`) {
		t.Errorf("the zero SlogAudit wrote %q to the default logger", def.String())
	}
}
