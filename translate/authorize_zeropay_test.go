package translate_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/qrbridge/qrbridge/translate"
	"github.com/qrbridge/qrbridge/wechat/wechattest"
	"github.com/qrbridge/qrbridge/zeropay"
)

// zeropayPayment is wechatPayment with its merchant leg a Zero Pay
// result record, as scenario 1 translates a sticker.
func zeropayPayment(srv *wechattest.Server, key string) *translate.Result {
	r := wechatPayment(srv, key)
	op, _ := zeropay.ParseOperator("PKW")
	r.MerchantLeg.Request = &zeropay.Result{MerchantID: "202012AB0123", TerminalID: "T000000000000001",
		Amount: r.Quote.Destination, Operator: op, Original: r.Quote.Source}
	return r
}

type relay struct {
	mu   sync.Mutex
	got  []zeropay.Result
	fail error
}

func (l *relay) Register(_ context.Context, r zeropay.Result) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.fail != nil {
		return l.fail
	}
	l.got = append(l.got, r)
	return nil
}

func TestZeroPayAuthorizer(t *testing.T) {
	ctx := context.Background()
	srv := wechattest.NewServer(t, wechattest.Options{})
	rel := new(relay)
	z := &translate.ZeroPay{Payer: wechatAuthorizer(srv), Relay: rel}
	a, err := z.Authorize(ctx, zeropayPayment(srv, "k1"))
	rec, ok := a.Record.(*zeropay.Result)
	if err != nil || !a.Approved() || !ok {
		t.Fatalf("Authorize = %v, %v, %T", a.Outcome, err, a.Record)
	}
	if rec.Amount.String() != "12000 KRW" || rec.Original.String() != "62.40 CNY" || rec.ApprovalNumber == "" || rec.Time.IsZero() || rec.Validate() != nil {
		t.Fatalf("record %v (%v)", rec, rec.Validate())
	}
	if len(rel.got) != 1 || rel.got[0].ApprovalNumber != rec.ApprovalNumber {
		t.Fatalf("relay got %v", rel.got)
	}
	// The record survives the idempotency store.
	b, _ := a.MarshalBinary()
	var back translate.Authorization
	if err := back.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	if r2, ok := back.Record.(*zeropay.Result); !ok || r2.ApprovalNumber != rec.ApprovalNumber || r2.Original.String() != "62.40 CNY" {
		t.Fatalf("replayed record %v", back.Record)
	}

	t.Run("RelayDown", func(t *testing.T) {
		down := &relay{fail: errors.New("connection refused")}
		z := &translate.ZeroPay{Payer: wechatAuthorizer(srv), Relay: down}
		a, err := z.Authorize(ctx, zeropayPayment(srv, "k2"))
		if !a.Approved() || !errors.Is(err, translate.ErrRelay) || a.Record == nil {
			t.Fatalf("relay down = %v, %v; want approved with ErrRelay and the record", a.Outcome, err)
		}
	})
	t.Run("Declined", func(t *testing.T) {
		fake := &translate.Fake{Script: []translate.FakeStep{{Outcome: translate.OutcomeDeclined, Code: "NOTENOUGH"}}}
		z := &translate.ZeroPay{Payer: fake, Relay: rel}
		n := len(rel.got)
		a, err := z.Authorize(ctx, zeropayPayment(srv, "k3"))
		if a.Approved() || !errors.Is(err, translate.ErrDeclined) || a.Record != nil || len(rel.got) != n {
			t.Fatalf("declined payer = %v, %v, record %v", a.Outcome, err, a.Record)
		}
	})
	t.Run("NotZeroPay", func(t *testing.T) {
		z := &translate.ZeroPay{Payer: new(translate.Fake)}
		if _, err := z.Authorize(ctx, payment("k4", "p", 1000)); !errors.Is(err, translate.ErrUnsupportedScheme) {
			t.Fatalf("merchant leg not Zero Pay = %v", err)
		}
	})
}

// TestZeroPayRelayDownReplayed: the relay's failure stays with the stored
// result, so a retry is told too.
func TestZeroPayRelayDownReplayed(t *testing.T) {
	srv := wechattest.NewServer(t, wechattest.Options{})
	quotes := new(translate.MemoryQuotes)
	s := stack(&translate.ZeroPay{Payer: wechatAuthorizer(srv), Relay: &relay{fail: errors.New("down")}}, translate.StackConfig{Quotes: quotes})
	r := offer(t, quotes, zeropayPayment(srv, "k1"))
	for i := range 2 {
		a, err := s.Authorize(context.Background(), r)
		if !a.Approved() || !errors.Is(err, translate.ErrRelay) {
			t.Fatalf("attempt %d = %v, %v", i, a.Outcome, err)
		}
	}
}
