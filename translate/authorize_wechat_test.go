package translate_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/translate"
	"github.com/qrbridge/qrbridge/wechat"
	"github.com/qrbridge/qrbridge/wechat/wechattest"
)

const payerCode = "134567890123456789" // a WeChat payment code, prefix 13

// wechatPayment is payment() with its payer leg a WeChat cross-border
// order for srv's merchant.
func wechatPayment(srv *wechattest.Server, key string) *translate.Result {
	r := payment(key, "openid-1", 12000)
	r.Intent.Token = translate.NewToken("wechat", payerCode)
	r.PayerLeg.Request = &translate.WeChatOrder{
		Merchant: srv.Merchant,
		Order: wechat.Order{Description: "Seoul Noodles", OutTradeNo: "QB" + r.Quote.ID,
			Total: r.Quote.Destination, MerchantCategoryCode: "5812"},
		PayerTotal: r.Quote.Source, QuoteID: r.Quote.ID,
	}
	return r
}

func wechatAuthorizer(srv *wechattest.Server) *translate.WeChat {
	return &translate.WeChat{Client: srv.Client(), QueryFor: 300 * time.Millisecond, QueryEvery: 20 * time.Millisecond}
}

func paths(srv *wechattest.Server) string {
	var b strings.Builder
	for _, p := range srv.Calls() {
		i := strings.LastIndex(p, "/")
		b.WriteString(p[i+1:] + " ")
	}
	return strings.TrimSpace(b.String())
}

func TestWeChatAuthorizer(t *testing.T) {
	ctx := context.Background()
	t.Run("Success", func(t *testing.T) {
		srv := wechattest.NewServer(t, wechattest.Options{})
		r := wechatPayment(srv, "k1")
		a, err := wechatAuthorizer(srv).Authorize(ctx, r)
		if err != nil || !a.Approved() || a.Charged.String() != "62.40 CNY" || a.SchemeRef == "" || a.Reference != "QB"+r.Quote.ID {
			t.Fatalf("Authorize = %v %v %q, %v", a.Outcome, a.Charged, a.SchemeRef, err)
		}
	})
	t.Run("UserPayingThenSuccess", func(t *testing.T) {
		srv := wechattest.NewServer(t, wechattest.Options{})
		srv.Script(wechattest.UserPaying, wechattest.UserPaying, wechattest.Succeed)
		a, err := wechatAuthorizer(srv).Authorize(ctx, wechatPayment(srv, "k1"))
		if err != nil || !a.Approved() {
			t.Fatalf("USERPAYING then SUCCESS = %v, %v (calls %s)", a.Outcome, err, paths(srv))
		}
		if n := strings.Count(paths(srv), "pay"); n != 1 {
			t.Fatalf("paid %d times: %s", n, paths(srv))
		}
	})
	t.Run("SystemErrorThenReverse", func(t *testing.T) {
		srv := wechattest.NewServer(t, wechattest.Options{})
		// At most four queries fit the window; whatever SYSTEMERROR is left
		// over fails the first reverse, which is retried.
		srv.Script(wechattest.UserPaying, wechattest.SystemError, wechattest.SystemError, wechattest.SystemError, wechattest.SystemError)
		w := &translate.WeChat{Client: srv.Client(), QueryFor: 300 * time.Millisecond, QueryEvery: 100 * time.Millisecond}
		a, err := w.Authorize(ctx, wechatPayment(srv, "k1"))
		var de *translate.DeclineError
		if a.Approved() || !errors.As(err, &de) || !errors.Is(err, wechat.ErrOrderReversed) {
			t.Fatalf("unsettled after the query window = %v, %v (calls %s); want declined, reversed", a.Outcome, err, paths(srv))
		}
		if !strings.HasSuffix(paths(srv), "reverse") {
			t.Fatalf("calls %s, want a reverse last", paths(srv))
		}
	})
	t.Run("LateAnswer", func(t *testing.T) {
		srv := wechattest.NewServer(t, wechattest.Options{LateBy: time.Second})
		srv.Script(wechattest.Late)
		w := wechatAuthorizer(srv)
		r := wechatPayment(srv, "k1")
		cctx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
		a, err := w.Authorize(cctx, r)
		cancel()
		if a.Outcome != translate.OutcomeUnknown || !errors.Is(err, translate.ErrOutcomeUnknown) {
			t.Fatalf("late answer = %v, %v; want unknown", a.Outcome, err)
		}
		a, err = w.Resolve(ctx, r) // the server did take the payment
		if err != nil || !a.Approved() {
			t.Fatalf("Resolve = %v, %v", a.Outcome, err)
		}
	})
	t.Run("DroppedConnection", func(t *testing.T) {
		srv := wechattest.NewServer(t, wechattest.Options{})
		srv.Script(wechattest.Drop)
		a, err := wechatAuthorizer(srv).Authorize(ctx, wechatPayment(srv, "k1"))
		// Nothing was processed: querying finds no order, a final decline.
		if a.Approved() || err == nil {
			t.Fatalf("dropped connection = %v, %v", a.Outcome, err)
		}
		if !errors.Is(err, wechat.ErrOrderNotExist) && !errors.Is(err, translate.ErrOutcomeUnknown) {
			t.Fatalf("dropped connection = %v", err)
		}
	})
	t.Run("WrongSignature", func(t *testing.T) {
		srv := wechattest.NewServer(t, wechattest.Options{})
		srv.Script(wechattest.BadSignature)
		w := wechatAuthorizer(srv)
		r := wechatPayment(srv, "k1")
		a, err := w.Authorize(ctx, r)
		if a.Approved() || !errors.Is(err, translate.ErrOutcomeUnknown) || !errors.Is(err, wechat.ErrSignature) {
			t.Fatalf("wrong signature = %v, %v; want unknown", a.Outcome, err)
		}
	})
	t.Run("RateDiffersFromQuote", func(t *testing.T) {
		srv := wechattest.NewServer(t, wechattest.Options{Rates: map[string]int64{"KRW": 530000}})
		a, err := wechatAuthorizer(srv).Authorize(ctx, wechatPayment(srv, "k1"))
		var ce *translate.ChargeError
		if !a.Approved() || !errors.As(err, &ce) {
			t.Fatalf("charged at 0.0053 against a quote at 0.0052 = %v, %v; want approved with a *ChargeError", a.Outcome, err)
		}
	})
	t.Run("NoPaymentCode", func(t *testing.T) {
		srv := wechattest.NewServer(t, wechattest.Options{})
		r := wechatPayment(srv, "k1")
		r.Intent.Token = translate.Token{}
		if _, err := wechatAuthorizer(srv).Authorize(ctx, r); !errors.Is(err, translate.ErrInvalid) || len(srv.Calls()) != 0 {
			t.Fatalf("no payment code = %v, calls %s", err, paths(srv))
		}
	})
	t.Run("OtherLeg", func(t *testing.T) {
		srv := wechattest.NewServer(t, wechattest.Options{})
		r := payment("k1", "p1", 12000)
		if _, err := wechatAuthorizer(srv).Authorize(ctx, r); !errors.Is(err, translate.ErrUnsupportedScheme) {
			t.Fatalf("a payer leg that is not WeChat = %v", err)
		}
	})
}

// TestWeChatThroughStack: an unverifiable answer leaves the payment
// unknown in the idempotency store, and the retry resolves it by query,
// never paying twice.
func TestWeChatThroughStack(t *testing.T) {
	srv := wechattest.NewServer(t, wechattest.Options{})
	srv.Script(wechattest.BadSignature)
	quotes := new(translate.MemoryQuotes)
	s := stack(wechatAuthorizer(srv), translate.StackConfig{Quotes: quotes,
		LimitRules: map[string]translate.LimitRule{"CNY-KRW": {PayerDay: fx.FromMinor(12000, krw)}}})
	r := offer(t, quotes, wechatPayment(srv, "k1"))
	if _, err := s.Authorize(context.Background(), r); !errors.Is(err, translate.ErrOutcomeUnknown) {
		t.Fatalf("first = %v, want unknown", err)
	}
	a, err := s.Authorize(context.Background(), r)
	if err != nil || !a.Approved() {
		t.Fatalf("retry = %v, %v; want approved by query", a.Outcome, err)
	}
	if n := strings.Count(paths(srv), "pay"); n != 1 {
		t.Fatalf("paid %d times: %s", n, paths(srv))
	}
}
