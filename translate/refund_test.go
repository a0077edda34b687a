package translate_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/translate"
	"github.com/qrbridge/qrbridge/wechat"
	"github.com/qrbridge/qrbridge/wechat/wechattest"
)

// paid authorizes a scenario-1 payment against srv through the WeChat and
// Zero Pay authorizers.
func paid(t *testing.T, srv *wechattest.Server, key string) (*translate.Result, translate.Authorization) {
	t.Helper()
	r := zeropayPayment(srv, key)
	a, err := (&translate.ZeroPay{Payer: wechatAuthorizer(srv)}).Authorize(context.Background(), r)
	if err != nil || !a.Approved() {
		t.Fatalf("payment: %v, %v", a.Outcome, err)
	}
	return r, a
}

func TestRefundPartsSumToCharge(t *testing.T) {
	ctx := context.Background()
	srv := wechattest.NewServer(t, wechattest.Options{})
	r, a := paid(t, srv, "k1") // 12000 KRW, 62.40 CNY
	f := &translate.Refunder{WeChat: srv.Client()}
	var payer fx.Amount = fx.Zero(cny)
	for i, won := range []int64{3333, 3333, 0} { // 0: the rest (5334)
		req := translate.RefundRequest{ID: "R" + string(rune('1'+i)), Reason: "returned"}
		if won > 0 {
			req.Amount = fx.FromMinor(won, krw)
		}
		ref, err := f.Refund(ctx, r, a, req)
		if err != nil {
			t.Fatalf("refund %d: %v", i, err)
		}
		if ref.ZeroPay == nil || ref.ZeroPay.Validate() != nil || ref.ZeroPay.OriginalApproval == "" || ref.WeChat.OutRefundNo != req.ID {
			t.Fatalf("refund %d records: %+v", i, ref.ZeroPay)
		}
		payer, _ = payer.Add(ref.Payer)
	}
	if payer.String() != "62.40 CNY" {
		t.Fatalf("partial refunds returned %v, want exactly the 62.40 CNY charged", payer)
	}
	_, err := f.Refund(ctx, r, a, translate.RefundRequest{ID: "R9", Amount: fx.FromMinor(1, krw)})
	var re *translate.RefundError
	if !errors.As(err, &re) || re.Refunded != 12000 || !errors.Is(err, translate.ErrRefundExceeded) {
		t.Fatalf("refund past the payment = %v", err)
	}
}

func TestRefundIdempotentByID(t *testing.T) {
	ctx := context.Background()
	srv := wechattest.NewServer(t, wechattest.Options{})
	r, a := paid(t, srv, "k1")
	f := &translate.Refunder{WeChat: srv.Client()}
	req := translate.RefundRequest{ID: "R1", Amount: fx.FromMinor(5000, krw)}
	one, err := f.Refund(ctx, r, a, req)
	if err != nil {
		t.Fatal(err)
	}
	two, err := f.Refund(ctx, r, a, req) // a retry: same refund, counted once
	if err != nil || two.Payer.String() != one.Payer.String() {
		t.Fatalf("retry = %v, %v; first %v", two.Payer, err, one.Payer)
	}
	if _, err := f.Refund(ctx, r, a, translate.RefundRequest{ID: "R2", Amount: fx.FromMinor(7000, krw)}); err != nil {
		t.Fatalf("the rest after a retried refund: %v", err)
	}
	req.Amount = fx.FromMinor(100, krw)
	if _, err := f.Refund(ctx, r, a, req); !errors.Is(err, translate.ErrIdempotencyConflict) {
		t.Fatalf("same refund ID, another amount = %v", err)
	}
}

// TestRefundNotEnough: WeChat Pay refuses a refund for the day's funds;
// the retry with the same out_refund_no succeeds and refunds once.
func TestRefundNotEnough(t *testing.T) {
	ctx := context.Background()
	srv := wechattest.NewServer(t, wechattest.Options{})
	r, a := paid(t, srv, "k1")
	f := &translate.Refunder{WeChat: srv.Client()}
	srv.Script(wechattest.NotEnough)
	req := translate.RefundRequest{ID: "R1"}
	if _, err := f.Refund(ctx, r, a, req); !errors.Is(err, wechat.ErrNotEnough) {
		t.Fatalf("NOT_ENOUGH = %v", err)
	}
	ref, err := f.Refund(ctx, r, a, req)
	if err != nil || ref.Payer.String() != "62.40 CNY" || ref.Status == "" {
		t.Fatalf("retry = %v %q, %v", ref.Payer, ref.Status, err)
	}
	if _, err := f.Refund(ctx, r, a, translate.RefundRequest{ID: "R2"}); !errors.Is(err, translate.ErrRefundExceeded) {
		t.Fatalf("a second full refund = %v", err)
	}
}

func TestRefundRequote(t *testing.T) {
	ctx := context.Background()
	srv := wechattest.NewServer(t, wechattest.Options{})
	r, a := paid(t, srv, "k1")
	today := fx.Rate{Base: krw, Quote: cny, Value: decimal.RequireFromString("0.0050")}
	f := &translate.Refunder{Policy: translate.RefundRequote, Quoter: &fx.Quoter{Provider: fx.NewStatic(today)}}
	ref, err := f.Refund(ctx, r, a, translate.RefundRequest{ID: "R1", Amount: fx.FromMinor(6000, krw)})
	if err != nil || ref.Payer.String() != "30.00 CNY" || ref.Rate.Value.String() != "0.005" {
		t.Fatalf("re-quoted refund = %v at %v, %v", ref.Payer, ref.Rate.Value, err)
	}
	up := fx.Rate{Base: krw, Quote: cny, Value: decimal.RequireFromString("0.0060")}
	f.Quoter = &fx.Quoter{Provider: fx.NewStatic(up)}
	ref, err = f.Refund(ctx, r, a, translate.RefundRequest{ID: "R2"})
	if err != nil || ref.Payer.String() != "31.20 CNY" { // 36.00 at today's rate, capped at the 31.20 left
		t.Fatalf("re-quoted rest = %v, %v", ref.Payer, err)
	}
	if _, err := (&translate.Refunder{Policy: translate.RefundRequote}).Refund(ctx, r, a, translate.RefundRequest{ID: "R3"}); !errors.Is(err, translate.ErrNotConfigured) {
		t.Fatalf("requote without a quoter = %v", err)
	}
}

func TestRefundReleasesLimit(t *testing.T) {
	ctx := context.Background()
	quotes, limits := new(translate.MemoryQuotes), new(translate.MemoryLimits)
	s := stack(new(translate.Fake), translate.StackConfig{Quotes: quotes, Limits: limits,
		LimitRules: map[string]translate.LimitRule{"CNY-KRW": {PayerDay: fx.FromMinor(12000, krw)}}})
	r := offer(t, quotes, payment("k1", "p1", 12000))
	a, err := s.Authorize(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authorize(ctx, offer(t, quotes, payment("k2", "p1", 5000))); !errors.Is(err, translate.ErrLimitExceeded) {
		t.Fatalf("before the refund: %v", err)
	}
	f := &translate.Refunder{Limits: limits}
	if _, err := f.Refund(ctx, r, a, translate.RefundRequest{ID: "R1", Amount: fx.FromMinor(5000, krw)}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authorize(ctx, offer(t, quotes, payment("k3", "p1", 5000))); err != nil {
		t.Fatalf("after refunding 5000 with the limit policy: %v", err)
	}
}

func TestRefundRefused(t *testing.T) {
	ctx := context.Background()
	r := payment("k1", "p1", 12000)
	f := new(translate.Refunder)
	if _, err := f.Refund(ctx, r, translate.Authorization{Outcome: translate.OutcomeDeclined}, translate.RefundRequest{ID: "R1"}); !errors.Is(err, translate.ErrNotApproved) {
		t.Fatalf("refund of a declined payment = %v", err)
	}
	a := translate.Authorization{Outcome: translate.OutcomeApproved, Charged: r.Quote.Source, At: time.Now()}
	for _, amt := range []fx.Amount{fx.FromMinor(5, cny), fx.FromMinor(-5, krw)} {
		if _, err := f.Refund(ctx, r, a, translate.RefundRequest{ID: "R1", Amount: amt}); !errors.Is(err, translate.ErrInvalid) {
			t.Errorf("refund of %v = %v", amt, err)
		}
	}
	if _, err := f.Refund(ctx, r, a, translate.RefundRequest{Amount: fx.FromMinor(5, krw)}); !errors.Is(err, translate.ErrInvalid) {
		t.Errorf("refund without an ID = %v", err)
	}
}

func TestMemoryRefundsConcurrent(t *testing.T) {
	var l translate.MemoryRefunds
	var ok atomic.Int32
	var wg sync.WaitGroup
	for i := range 100 {
		wg.Go(func() {
			if _, _, err := l.Add(context.Background(), "pay", string(rune('A'+i)), 10, 500); err == nil {
				ok.Add(1)
			}
		})
	}
	wg.Wait()
	if ok.Load() != 50 {
		t.Fatalf("%d refunds of 10 within 500, want 50", ok.Load())
	}
}
