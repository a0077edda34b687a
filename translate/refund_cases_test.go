package translate_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/translate"
	"github.com/qrbridge/qrbridge/wechat/wechattest"
	"github.com/qrbridge/qrbridge/zeropay"
)

// ledgerCall is one RefundLedger.Add call.
type ledgerCall struct {
	payment, id  string
	amount, paid int64
}

// spyLedger is a MemoryRefunds that records its calls, or fails with err.
type spyLedger struct {
	translate.MemoryRefunds
	mu    sync.Mutex
	calls []ledgerCall
	err   error
}

func (l *spyLedger) Add(ctx context.Context, payment, id string, amount, paid int64) (int64, int64, error) {
	l.mu.Lock()
	l.calls = append(l.calls, ledgerCall{payment, id, amount, paid})
	l.mu.Unlock()
	if l.err != nil {
		return 0, 0, l.err
	}
	return l.MemoryRefunds.Add(ctx, payment, id, amount, paid)
}

// spyLimits is a MemoryLimits that records its releases.
type spyLimits struct {
	translate.MemoryLimits
	mu       sync.Mutex
	released []translate.Reservation
}

func (l *spyLimits) Release(ctx context.Context, r translate.Reservation) error {
	l.mu.Lock()
	l.released = append(l.released, r)
	l.mu.Unlock()
	return l.MemoryLimits.Release(ctx, r)
}

func approvedFake(r *translate.Result) translate.Authorization {
	return translate.Authorization{Outcome: translate.OutcomeApproved, Scheme: "fake", Reference: "ref-1",
		Charged: r.Quote.Source, At: time.Date(2026, 12, 1, 3, 0, 0, 0, time.UTC)}
}

// TestRefundRequestRefused: what is refused before the ledger is asked,
// and the field each refusal names.
func TestRefundRequestRefused(t *testing.T) {
	ctx := context.Background()
	r := payment("k1", "p1", 12000)
	a := approvedFake(r)
	for _, c := range []struct {
		name   string
		edit   func(r *translate.Result, a *translate.Authorization, req *translate.RefundRequest)
		field  string
		is     error
		ledger bool // the ledger was asked
	}{
		{"pending", func(_ *translate.Result, a *translate.Authorization, _ *translate.RefundRequest) {
			a.Outcome = translate.OutcomePending
		}, "", translate.ErrNotApproved, false},
		{"no merchant amount", func(r *translate.Result, _ *translate.Authorization, _ *translate.RefundRequest) {
			r.MerchantLeg.Amount = fx.Amount{}
		}, "merchant_leg.amount", translate.ErrInvalid, false},
		{"other currency", func(_ *translate.Result, _ *translate.Authorization, req *translate.RefundRequest) {
			req.Amount = fx.FromMinor(500, cny)
		}, "refund.amount", translate.ErrInvalid, false},
		{"more decimals than won has", func(_ *translate.Result, _ *translate.Authorization, req *translate.RefundRequest) {
			req.Amount = fx.NewAmount(decimal.RequireFromString("100.5"), krw)
		}, "refund.amount", translate.ErrInvalid, false},
		{"zero won", func(_ *translate.Result, _ *translate.Authorization, req *translate.RefundRequest) {
			req.Amount = fx.Zero(krw)
		}, "refund.amount", translate.ErrInvalid, false},
		{"negative", func(_ *translate.Result, _ *translate.Authorization, req *translate.RefundRequest) {
			req.Amount = fx.FromMinor(-1, krw)
		}, "refund.amount", translate.ErrInvalid, false},
		{"over the payment", func(_ *translate.Result, _ *translate.Authorization, req *translate.RefundRequest) {
			req.Amount = fx.FromMinor(12001, krw)
		}, "", translate.ErrRefundExceeded, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			r2, a2 := *r, a
			req := translate.RefundRequest{ID: "R1", Amount: fx.FromMinor(100, krw)}
			c.edit(&r2, &a2, &req)
			l := new(spyLedger)
			out, err := (&translate.Refunder{Ledger: l}).Refund(ctx, &r2, a2, req)
			var e *translate.Error
			if !errors.Is(err, c.is) || (c.field != "" && (!errors.As(err, &e) || e.Field != c.field)) {
				t.Fatalf("Refund = %v, want %v on %q", err, c.is, c.field)
			}
			if (len(l.calls) > 0) != c.ledger || out.ID != "" {
				t.Fatalf("ledger calls %v, refund %+v", l.calls, out)
			}
		})
	}
	var me *fx.MismatchError
	_, err := new(translate.Refunder).Refund(ctx, r, a, translate.RefundRequest{ID: "R1", Amount: fx.FromMinor(5, cny)})
	if !errors.As(err, &me) || me.Want != krw || me.Got != cny {
		t.Fatalf("a refund in CNY = %v, want a *fx.MismatchError KRW/CNY", err)
	}
	down := &spyLedger{err: &translate.StoreError{Store: "refunds", Op: "add", Err: errors.New("down")}}
	if _, err := (&translate.Refunder{Ledger: down}).Refund(ctx, r, a, translate.RefundRequest{ID: "R1"}); !errors.Is(err, translate.ErrStore) {
		t.Fatalf("ledger down = %v", err)
	}
}

// TestRefundLedgerEntry: the ledger is keyed by the scheme's reference
// (or the quote), in the merchant's minor units, 0 for the rest.
func TestRefundLedgerEntry(t *testing.T) {
	ctx := context.Background()
	r := payment("k1", "p1", 12000)
	l := new(spyLedger)
	f := &translate.Refunder{Ledger: l}
	a := approvedFake(r)
	if _, err := f.Refund(ctx, r, a, translate.RefundRequest{ID: "R1", Amount: fx.FromMinor(3000, krw)}); err != nil {
		t.Fatal(err)
	}
	a.Reference = ""
	out, err := f.Refund(ctx, r, a, translate.RefundRequest{ID: "R2"})
	if err != nil || out.Merchant.String() != "12000 KRW" || out.ID != "R2" {
		t.Fatalf("the rest of the other entry = %v, %v", out.Merchant, err)
	}
	want := []ledgerCall{{"fake:ref-1", "R1", 3000, 12000}, {"quote:" + r.Quote.ID, "R2", 0, 12000}}
	if len(l.calls) != 2 || l.calls[0] != want[0] || l.calls[1] != want[1] {
		t.Fatalf("ledger calls %v, want %v", l.calls, want)
	}
	// The zero Refunder keeps its own ledger.
	var own translate.Refunder
	if _, err := own.Refund(ctx, r, a, translate.RefundRequest{ID: "R1"}); err != nil {
		t.Fatal(err)
	}
	if _, err := own.Refund(ctx, r, a, translate.RefundRequest{ID: "R2"}); !errors.Is(err, translate.ErrRefundExceeded) {
		t.Fatalf("a second full refund from the zero Refunder = %v", err)
	}
}

// TestRefundPayerShare: the payer's share at the original rate, from the
// payer leg when the scheme did not say what it charged, and one for one
// in a domestic payment.
func TestRefundPayerShare(t *testing.T) {
	ctx := context.Background()
	r := payment("k1", "p1", 12000) // 62.40 CNY
	a := approvedFake(r)
	a.Charged = fx.Amount{}
	f := new(translate.Refunder)
	out, err := f.Refund(ctx, r, a, translate.RefundRequest{ID: "R1", Amount: fx.FromMinor(6000, krw)})
	if err != nil || out.Payer.String() != "31.20 CNY" || !out.Rate.Base.IsZero() || out.WeChat != nil || out.ZeroPay != nil || out.Status != "" {
		t.Fatalf("half refund = %+v, %v", out, err)
	}
	out, err = f.Refund(ctx, r, a, translate.RefundRequest{ID: "R2", Amount: fx.FromMinor(1, krw)})
	if err != nil || out.Payer.String() != "0.01 CNY" {
		t.Fatalf("1 won after half = %v, %v", out.Payer, err)
	}

	dom := payment("k2", "p1", 5000)
	dom.PayerLeg.Amount = dom.MerchantLeg.Amount
	da := translate.Authorization{Outcome: translate.OutcomeApproved, Scheme: "fake", Reference: "d1", Charged: dom.MerchantLeg.Amount}
	out, err = f.Refund(ctx, dom, da, translate.RefundRequest{ID: "R1", Amount: fx.FromMinor(1234, krw)})
	if err != nil || out.Payer.String() != "1234 KRW" || out.Merchant.String() != "1234 KRW" {
		t.Fatalf("domestic refund = %v / %v, %v", out.Merchant, out.Payer, err)
	}
}

// TestRefundRecords: the Zero Pay refund record and the WeChat Pay refund
// request carry the payment's references and the refund's amounts.
func TestRefundRecords(t *testing.T) {
	ctx := context.Background()
	srv := wechattest.NewServer(t, wechattest.Options{})
	r, a := paid(t, srv, "k1")
	rec := a.Record.(*zeropay.Result)
	for _, c := range []struct {
		name   string
		client bool
	}{{"built", false}, {"sent", true}} {
		t.Run(c.name, func(t *testing.T) {
			f := new(translate.Refunder)
			if c.client {
				f.WeChat = srv.Client()
			}
			id := "RF-" + c.name + "-1"
			out, err := f.Refund(ctx, r, a, translate.RefundRequest{ID: id, Amount: fx.FromMinor(6000, krw), Reason: "returned"})
			if err != nil {
				t.Fatal(err)
			}
			z := out.ZeroPay
			if z == nil || z.MerchantID != rec.MerchantID || z.TerminalID != rec.TerminalID || z.OriginalApproval != rec.ApprovalNumber ||
				!z.OriginalTime.Equal(rec.Time) || z.Amount.String() != "6000 KRW" || z.ApprovalNumber != "RF"+c.name+"1" ||
				z.Operator != rec.Operator || z.Time.IsZero() || z.Original.String() != "31.20 CNY" || z.Validate() != nil {
				t.Fatalf("zero pay refund %+v (%v)", z, z.Validate())
			}
			o := r.PayerLeg.Request.(*translate.WeChatOrder)
			w := out.WeChat
			if w == nil || w.OutTradeNo != o.Order.OutTradeNo || w.OutRefundNo != id || w.Reason != "returned" ||
				w.Refund.String() != "6000 KRW" || w.Total.String() != "12000 KRW" {
				t.Fatalf("wechat refund %+v", w)
			}
			if (out.Status != "") != c.client {
				t.Fatalf("status %q with a client: %v", out.Status, c.client)
			}
		})
	}
	// A domestic Zero Pay payment's refund record has no original amount.
	dom := zeropayPayment(srv, "k2")
	dom.PayerLeg.Request, dom.PayerLeg.Amount = nil, dom.MerchantLeg.Amount
	da := translate.Authorization{Outcome: translate.OutcomeApproved, Scheme: "fake", Reference: "d1", Charged: dom.MerchantLeg.Amount,
		Record: &zeropay.Result{MerchantID: rec.MerchantID, TerminalID: rec.TerminalID, ApprovalNumber: "A1", Operator: rec.Operator, Time: rec.Time}}
	out, err := new(translate.Refunder).Refund(ctx, dom, da, translate.RefundRequest{ID: "R1"})
	if err != nil || out.ZeroPay == nil || !out.ZeroPay.Original.Currency().IsZero() || out.WeChat != nil {
		t.Fatalf("domestic zero pay refund %+v, %v", out.ZeroPay, err)
	}
}

// TestRefundWeChatFails: a refund WeChat Pay does not take is returned
// with what was built, and stays in the ledger.
func TestRefundWeChatFails(t *testing.T) {
	ctx := context.Background()
	srv := wechattest.NewServer(t, wechattest.Options{})
	r, a := paid(t, srv, "k1")
	limits := new(spyLimits)
	f := &translate.Refunder{WeChat: srv.Client(), Limits: limits}
	srv.Script(wechattest.NotEnough)
	out, err := f.Refund(ctx, r, a, translate.RefundRequest{ID: "R1", Amount: fx.FromMinor(100, krw)})
	if err == nil || out.WeChat == nil || out.Status != "" || len(limits.released) != 0 {
		t.Fatalf("refused refund = %+v, %v, released %v", out, err, limits.released)
	}
	if _, err := f.Refund(ctx, r, a, translate.RefundRequest{ID: "R2", Amount: fx.FromMinor(11901, krw)}); !errors.Is(err, translate.ErrRefundExceeded) {
		t.Fatalf("the refused refund does not count: %v", err)
	}
}

// TestRefundRelease: the refunded amount goes back to the day of the
// payment, under the payment's reservation; nothing without a key.
func TestRefundRelease(t *testing.T) {
	ctx := context.Background()
	r := payment("k1", "p1", 12000)
	r.Corridor.Location = time.FixedZone("KST", 9*3600)
	a := approvedFake(r)
	a.At = time.Date(2026, 12, 1, 16, 0, 0, 0, time.UTC) // 2 December in Seoul
	limits := new(spyLimits)
	f := &translate.Refunder{Limits: limits}
	if _, err := f.Refund(ctx, r, a, translate.RefundRequest{ID: "R1", Amount: fx.FromMinor(5000, krw)}); err != nil {
		t.Fatal(err)
	}
	day, until := translate.DayOf(a.At, r.Corridor.Location)
	want := translate.Reservation{ID: "k:k1", Corridor: "CNY-KRW", Payer: "p1", Day: day, Currency: "KRW", Amount: 5000, Until: until}
	if len(limits.released) != 1 || limits.released[0] != want || day != "2026-12-02" {
		t.Fatalf("released %+v, want %+v", limits.released, want)
	}
	r2 := payment("", "p1", 12000)
	if _, err := f.Refund(ctx, r2, approvedFake(r2), translate.RefundRequest{ID: "R1"}); err != nil || len(limits.released) != 1 {
		t.Fatalf("a payment without an idempotency key released %v (%v)", limits.released, err)
	}
}

// TestRefundRequoteFails: a quoter that cannot price the refund is an
// ErrQuote, and nothing is paid out on it.
func TestRefundRequoteFails(t *testing.T) {
	ctx := context.Background()
	r := payment("k1", "p1", 12000)
	usd := fx.MustCurrency("USD")
	f := &translate.Refunder{Policy: translate.RefundRequote,
		Quoter: &fx.Quoter{Provider: fx.NewStatic(fx.Rate{Base: usd, Quote: cny, Value: decimal.RequireFromString("7")})}}
	out, err := f.Refund(ctx, r, approvedFake(r), translate.RefundRequest{ID: "R1", Amount: fx.FromMinor(100, krw)})
	var e *translate.Error
	if !errors.Is(err, translate.ErrQuote) || !errors.As(err, &e) || e.Field != "refund" || !out.Payer.Currency().IsZero() {
		t.Fatalf("requote without a KRW rate = %+v, %v", out, err)
	}
}
