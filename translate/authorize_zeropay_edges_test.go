package translate_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/translate"
	"github.com/qrbridge/qrbridge/wechat/wechattest"
	"github.com/qrbridge/qrbridge/zeropay"
)

// payerSays is a payer authorizer that approves with a.
func payerSays(a translate.Authorization) translate.Authorizer {
	return translate.AuthorizerFunc(func(context.Context, *translate.Result) (translate.Authorization, error) {
		return a, a.Err()
	})
}

// TestZeroPayRecord: the record's approval number, time and original
// amount come from the payer's approval.
func TestZeroPayRecord(t *testing.T) {
	ctx := context.Background()
	srv := wechattest.NewServer(t, wechattest.Options{})
	at := time.Date(2026, 12, 1, 3, 4, 5, 0, time.UTC)
	approved := func(schemeRef, ref string, charged fx.Amount) translate.Authorization {
		return translate.Authorization{Outcome: translate.OutcomeApproved, Scheme: "x", SchemeRef: schemeRef, Reference: ref, Charged: charged, At: at}
	}
	for _, c := range []struct {
		name     string
		a        translate.Authorization
		approval string
		original string // the record's original amount
	}{
		{"scheme reference", approved("4200-0000/12", "QB1", fx.FromMinor(6241, cny)), "4200000012", "62.41 CNY"},
		{"our reference", approved("", "QB-1", fx.FromMinor(6240, cny)), "QB1", "62.40 CNY"},
		{"20 characters kept", approved("abcdefghij0123456789", "", fx.FromMinor(6240, cny)), "abcdefghij0123456789", "62.40 CNY"},
		{"the last 20", approved("Zabcdefghij0123456789", "", fx.FromMinor(6240, cny)), "abcdefghij0123456789", "62.40 CNY"},
		{"letters and digits only", approved("a~b!c@d#e$f%g^h&i*j(k)l_m+n=o{p}q[r]s|t:u;v", "", fx.FromMinor(6240, cny)), "cdefghijklmnopqrstuv", "62.40 CNY"},
		{"range ends", approved("/09:@AZ[`az{", "", fx.FromMinor(6240, cny)), "09AZaz", "62.40 CNY"},
		{"charge unknown", approved("T1", "", fx.Amount{}), "T1", "62.40 CNY"},
	} {
		t.Run(c.name, func(t *testing.T) {
			rel := new(relay)
			a, err := (&translate.ZeroPay{Payer: payerSays(c.a), Relay: rel}).Authorize(ctx, zeropayPayment(srv, "k1"))
			rec, ok := a.Record.(*zeropay.Result)
			if err != nil || !ok || !a.Approved() {
				t.Fatalf("Authorize = %v, %v, %T", a.Outcome, err, a.Record)
			}
			if rec.ApprovalNumber != c.approval || !rec.Time.Equal(at) || rec.Original.String() != c.original ||
				rec.Amount.String() != "12000 KRW" || rec.MerchantID != "202012AB0123" {
				t.Fatalf("record %+v", rec)
			}
			if len(rel.got) != 1 || rel.got[0] != *rec {
				t.Fatalf("relay got %+v", rel.got)
			}
		})
	}
	t.Run("domestic", func(t *testing.T) {
		r := zeropayPayment(srv, "k1")
		r.MerchantLeg.Request.(*zeropay.Result).Original = fx.Amount{}
		a, err := (&translate.ZeroPay{Payer: payerSays(approved("T1", "", fx.FromMinor(12000, krw)))}).Authorize(ctx, r)
		if rec, ok := a.Record.(*zeropay.Result); err != nil || !ok || !rec.Original.Currency().IsZero() {
			t.Fatalf("paid in won = %+v, %v", a.Record, err)
		}
	})
	t.Run("no time", func(t *testing.T) {
		a := approved("T1", "", fx.FromMinor(6240, cny))
		a.At = time.Time{}
		before := time.Now()
		got, err := (&translate.ZeroPay{Payer: payerSays(a)}).Authorize(ctx, zeropayPayment(srv, "k1"))
		if rec, ok := got.Record.(*zeropay.Result); err != nil || !ok || rec.Time.Before(before) {
			t.Fatalf("approval without a time = %+v, %v", got.Record, err)
		}
	})
	t.Run("no approval number", func(t *testing.T) {
		rel := new(relay)
		a, err := (&translate.ZeroPay{Payer: payerSays(approved("", "--", fx.FromMinor(6240, cny))), Relay: rel}).Authorize(ctx, zeropayPayment(srv, "k1"))
		var fe *zeropay.FieldError
		if !a.Approved() || !errors.Is(err, translate.ErrRelay) || !errors.As(err, &fe) || a.Reason != err || a.Record == nil || len(rel.got) != 0 {
			t.Fatalf("invalid record = %v, %v (relayed %d)", a.Outcome, err, len(rel.got))
		}
	})
	t.Run("without a relay", func(t *testing.T) {
		a, err := (&translate.ZeroPay{Payer: payerSays(approved("T1", "", fx.FromMinor(6240, cny)))}).Authorize(ctx, zeropayPayment(srv, "k1"))
		if err != nil || a.Record == nil {
			t.Fatalf("no relay = %v, %v", a.Record, err)
		}
	})
	t.Run("approved with a problem", func(t *testing.T) {
		a := approved("T1", "", fx.FromMinor(6250, cny))
		a.Reason = &translate.ChargeError{Field: "amount"}
		rel := new(relay)
		got, err := (&translate.ZeroPay{Payer: payerSays(a), Relay: rel}).Authorize(ctx, zeropayPayment(srv, "k1"))
		if !errors.Is(err, translate.ErrChargeMismatch) || got.Record == nil || len(rel.got) != 1 {
			t.Fatalf("approved with a charge error = %v, %v (relayed %d)", got.Record, err, len(rel.got))
		}
	})
}

// TestZeroPayResolve: Resolve produces the record once the payer's
// outcome is learnt; over a payer that cannot resolve it stays unknown.
func TestZeroPayResolve(t *testing.T) {
	ctx := context.Background()
	srv := wechattest.NewServer(t, wechattest.Options{})
	fake := &translate.Fake{Script: []translate.FakeStep{{Err: context.DeadlineExceeded}}}
	rel := new(relay)
	z := &translate.ZeroPay{Payer: fake, Relay: rel}
	r := zeropayPayment(srv, "k1")
	if a, err := z.Authorize(ctx, r); !errors.Is(err, translate.ErrOutcomeUnknown) || a.Record != nil || len(rel.got) != 0 {
		t.Fatalf("lost answer = %v, %v", a.Record, err)
	}
	a, err := z.Resolve(ctx, r)
	rec, ok := a.Record.(*zeropay.Result)
	if err != nil || !a.Approved() || !ok || len(rel.got) != 1 || !strings.HasSuffix(translate.RequestHash(r), rec.ApprovalNumber) {
		t.Fatalf("Resolve = %v %+v, %v", a.Outcome, a.Record, err)
	}

	plain := &translate.ZeroPay{Payer: translate.AuthorizerFunc(fake.Authorize)}
	if a, err := plain.Resolve(ctx, r); !errors.Is(err, translate.ErrOutcomeUnknown) || a.Record != nil || a.QuoteID != r.Quote.ID {
		t.Fatalf("Resolve over a payer that cannot = %+v, %v", a, err)
	}
	// A merchant leg that is not Zero Pay gets no record.
	other := payment("k2", "p1", 12000)
	if _, err := fake.Authorize(ctx, other); err != nil {
		t.Fatal(err)
	}
	if a, err := z.Resolve(ctx, other); err != nil || !a.Approved() || a.Record != nil {
		t.Fatalf("Resolve of another merchant leg = %v %v, %v", a.Outcome, a.Record, err)
	}
}
