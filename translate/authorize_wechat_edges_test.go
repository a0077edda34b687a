package translate_test

import (
	"bytes"
	"context"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/translate"
	"github.com/qrbridge/qrbridge/wechat"
	"github.com/qrbridge/qrbridge/wechat/wechattest"
)

// tamper is a transport between a wechat.Client and a wechattest server:
// it passes every request on and lets edit change the answer, re-signed
// with the server's platform key (signed) or left unsigned, to play a
// WeChat Pay that answers something the fake server would not.
type tamper struct {
	srv  *wechattest.Server
	next wechat.Doer
	// edit gets the operation ("pay", "query", "reverse") and the real
	// answer; ok false keeps the answer as it came.
	edit func(op string, status int, body map[string]any) (newStatus int, newBody map[string]any, signed, ok bool)

	mu  sync.Mutex
	ops []string
}

func newTamper(srv *wechattest.Server, edit func(string, int, map[string]any) (int, map[string]any, bool, bool)) (*tamper, *wechat.Client) {
	c := srv.Client()
	p := &tamper{srv: srv, next: c.HTTP, edit: edit}
	c.HTTP = p
	return p, c
}

func (p *tamper) Do(req *http.Request) (*http.Response, error) {
	op := "query"
	switch {
	case strings.HasSuffix(req.URL.Path, "/reverse"):
		op = "reverse"
	case strings.HasSuffix(req.URL.Path, "/pay"):
		op = "pay"
	}
	p.mu.Lock()
	p.ops = append(p.ops, op)
	p.mu.Unlock()
	resp, err := p.next.Do(req)
	if err != nil {
		return resp, err
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(b))
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	status, m, signed, ok := p.edit(op, resp.StatusCode, m)
	if !ok {
		return resp, nil
	}
	body, _ := json.Marshal(m)
	h := http.Header{"Content-Type": {"application/json"}}
	if signed {
		ts, nonce := strconv.FormatInt(time.Now().Unix(), 10), wechat.NewNonce()
		digest := sha256.Sum256([]byte(ts + "\n" + nonce + "\n" + string(body) + "\n"))
		sig, _ := rsa.SignPKCS1v15(nil, p.srv.PlatformKey, crypto.SHA256, digest[:])
		h.Set("Wechatpay-Timestamp", ts)
		h.Set("Wechatpay-Nonce", nonce)
		h.Set("Wechatpay-Signature", base64.StdEncoding.EncodeToString(sig))
		h.Set("Wechatpay-Serial", wechattest.PlatformSerial)
		h.Set("Wechatpay-Signature-Type", wechat.AuthScheme)
	}
	return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(bytes.NewReader(body)), Request: req}, nil
}

func (p *tamper) count(op string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for _, o := range p.ops {
		if o == op {
			n++
		}
	}
	return n
}

// TestWeChatRefusedBeforeSending: what the authorizer refuses without
// sending anything, and the field it names.
func TestWeChatRefusedBeforeSending(t *testing.T) {
	ctx := context.Background()
	srv := wechattest.NewServer(t, wechattest.Options{})
	bad := errors.New("no code on file")
	for _, c := range []struct {
		name  string
		edit  func(w *translate.WeChat, r *translate.Result)
		field string
		is    error
	}{
		{"PaymentCode fails", func(w *translate.WeChat, _ *translate.Result) {
			w.PaymentCode = func(*translate.Result) (wechat.PaymentCode, error) { return wechat.PaymentCode{}, bad }
		}, "payment_code", bad},
		{"token of another scheme", func(_ *translate.WeChat, r *translate.Result) {
			r.Intent.Token = translate.NewToken("alipay", payerCode)
		}, "payment_code", translate.ErrInvalid},
		{"not a payment code", func(_ *translate.WeChat, r *translate.Result) {
			r.Intent.Token = translate.NewToken("wechat", "99")
		}, "payment_code", translate.ErrInvalid},
		{"order WeChat Pay would refuse", func(_ *translate.WeChat, r *translate.Result) {
			r.PayerLeg.Request.(*translate.WeChatOrder).Order.Description = ""
		}, "wechat", translate.ErrInvalid},
		{"no WeChat order", func(_ *translate.WeChat, r *translate.Result) {
			r.PayerLeg.Request = nil
		}, "payer_leg", translate.ErrUnsupportedScheme},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := wechatAuthorizer(srv)
			r := wechatPayment(srv, "k1")
			o := *r.PayerLeg.Request.(*translate.WeChatOrder)
			r.PayerLeg.Request = &o
			c.edit(w, r)
			n := len(srv.Calls())
			a, err := w.Authorize(ctx, r)
			var e *translate.Error
			if !errors.Is(err, c.is) || !errors.As(err, &e) || e.Field != c.field {
				t.Fatalf("Authorize = %v, want %v on %q", err, c.is, c.field)
			}
			if a.Outcome != translate.OutcomeDeclined || a.Scheme != "translate" || a.QuoteID != r.Quote.ID || len(srv.Calls()) != n {
				t.Fatalf("refusal %+v after calls %v", a, srv.Calls()[n:])
			}
		})
	}
	t.Run("PaymentCode over the token", func(t *testing.T) {
		w := wechatAuthorizer(srv)
		w.PaymentCode = func(*translate.Result) (wechat.PaymentCode, error) { return wechat.ParsePaymentCode(payerCode) }
		r := wechatPayment(srv, "k1")
		r.Intent.Token = translate.Token{}
		if a, err := w.Authorize(ctx, r); err != nil || !a.Approved() {
			t.Fatalf("Authorize with PaymentCode = %v, %v", a.Outcome, err)
		}
	})
	t.Run("Resolve without a WeChat order", func(t *testing.T) {
		_, err := wechatAuthorizer(srv).Resolve(ctx, payment("k1", "p1", 100))
		var e *translate.Error
		if !errors.Is(err, translate.ErrUnsupportedScheme) || !errors.As(err, &e) || e.Field != "payer_leg" {
			t.Fatalf("Resolve = %v", err)
		}
	})
}

// TestWeChatDefaultTimes: zero QueryEvery and QueryFor mean 5 s and 30 s:
// an unsettled payment is not queried within the first second, nor
// reversed, and the caller's deadline leaves it unknown.
func TestWeChatDefaultTimes(t *testing.T) {
	srv := wechattest.NewServer(t, wechattest.Options{})
	srv.Script(wechattest.UserPaying)
	w := &translate.WeChat{Client: srv.Client()}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	a, err := w.Authorize(ctx, wechatPayment(srv, "k1"))
	if a.Outcome != translate.OutcomeUnknown || !errors.Is(err, translate.ErrOutcomeUnknown) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("USERPAYING past the deadline = %v, %v", a.Outcome, err)
	}
	if p := paths(srv); p != "pay" && p != "" { // "" when the load held the payment past the deadline
		t.Fatalf("calls %s, want the payment alone", p)
	}
}

// TestWeChatDeadlineWhileQuerying: the caller's deadline during the
// queries leaves the payment unknown, without reversing it.
func TestWeChatDeadlineWhileQuerying(t *testing.T) {
	srv := wechattest.NewServer(t, wechattest.Options{})
	srv.Script(wechattest.UserPaying, wechattest.UserPaying, wechattest.UserPaying, wechattest.UserPaying,
		wechattest.UserPaying, wechattest.UserPaying, wechattest.UserPaying, wechattest.UserPaying)
	w := &translate.WeChat{Client: srv.Client(), QueryEvery: 40 * time.Millisecond, QueryFor: time.Minute}
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel()
	a, err := w.Authorize(ctx, wechatPayment(srv, "k1"))
	if a.Outcome != translate.OutcomeUnknown || !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, wechat.ErrTransport) {
		t.Fatalf("deadline while querying = %v, %v", a.Outcome, err)
	}
	if p := paths(srv); strings.Contains(p, "reverse") {
		t.Fatalf("calls %s, want no reverse", p)
	}
}

// TestWeChatDeclined: a verified final answer is a decline carrying
// WeChat's code and error; an unsigned one is never trusted.
func TestWeChatDeclined(t *testing.T) {
	ctx := context.Background()
	srv := wechattest.NewServer(t, wechattest.Options{})
	r := wechatPayment(srv, "k1")
	a, err := wechatAuthorizer(srv).Resolve(ctx, r) // never sent
	var de *translate.DeclineError
	var re *wechat.ResultError
	if a.Outcome != translate.OutcomeDeclined || !errors.As(err, &de) || de.Scheme != "wechat" || de.Code != re2code(err) ||
		!errors.As(err, &re) || !re.Verified || !errors.Is(err, wechat.ErrOrderNotExist) || a.Reference != "QB"+r.Quote.ID {
		t.Fatalf("Resolve of an order never sent = %+v, %v", a, err)
	}

	_, c := newTamper(srv, func(op string, status int, body map[string]any) (int, map[string]any, bool, bool) {
		if op != "pay" {
			return 0, nil, false, false
		}
		return 403, map[string]any{"code": "NOTENOUGH", "message": "balance"}, false, true
	})
	w := &translate.WeChat{Client: c, QueryFor: 200 * time.Millisecond, QueryEvery: 20 * time.Millisecond}
	r2 := wechatPayment(srv, "k2")
	a, err = w.Authorize(ctx, r2)
	if a.Outcome != translate.OutcomeUnknown || !errors.Is(err, translate.ErrOutcomeUnknown) || errors.Is(err, translate.ErrDeclined) {
		t.Fatalf("an unsigned NOTENOUGH = %v, %v; want unknown", a.Outcome, err)
	}
	// The server did take the payment: the query finds it.
	if a, err := wechatAuthorizer(srv).Resolve(ctx, r2); err != nil || !a.Approved() {
		t.Fatalf("Resolve = %v, %v", a.Outcome, err)
	}
}

func re2code(err error) string {
	var re *wechat.ResultError
	if errors.As(err, &re) {
		return re.Code
	}
	return ""
}

// TestWeChatAnswerDiffers: an answer for another order is never an
// approval; a charge of another total or in another currency is approved
// with a *ChargeError.
func TestWeChatAnswerDiffers(t *testing.T) {
	ctx := context.Background()
	srv := wechattest.NewServer(t, wechattest.Options{})
	_, c := newTamper(srv, func(op string, status int, body map[string]any) (int, map[string]any, bool, bool) {
		if op != "pay" {
			return 0, nil, false, false
		}
		body["out_trade_no"] = "QBsomeoneelse"
		return status, body, true, true
	})
	w := &translate.WeChat{Client: c, QueryFor: 200 * time.Millisecond, QueryEvery: 20 * time.Millisecond}
	a, err := w.Authorize(ctx, wechatPayment(srv, "k1"))
	var e *translate.Error
	if a.Outcome != translate.OutcomeUnknown || !errors.Is(err, translate.ErrOutcomeUnknown) || !errors.As(err, &e) ||
		e.Field != "wechat.out_trade_no" || !errors.Is(err, translate.ErrChargeMismatch) || a.SchemeRef != "" {
		t.Fatalf("answer for another order = %+v, %v", a, err)
	}

	r := wechatPayment(srv, "k2")
	if a, err := wechatAuthorizer(srv).Authorize(ctx, r); err != nil || !a.Approved() {
		t.Fatalf("payment = %v, %v", a.Outcome, err)
	}
	for _, total := range []fx.Amount{fx.FromMinor(13000, krw), fx.FromMinor(12000, fx.MustCurrency("USD"))} {
		o := *r.PayerLeg.Request.(*translate.WeChatOrder)
		o.Order.Total = total
		r2 := *r
		r2.PayerLeg.Request = &o
		a, err := wechatAuthorizer(srv).Resolve(ctx, &r2)
		var ce *translate.ChargeError
		if !a.Approved() || !errors.As(err, &ce) || ce.Field != "amount" || ce.Want != total.String() || ce.Got != "12000 KRW" ||
			a.Reason != err || a.SchemeRef == "" {
			t.Fatalf("order of %v charged 12000 KRW = %v, %v", total, a.Outcome, err)
		}
	}
}

// TestWeChatWithoutQuote: a payment without a quote is approved with what
// WeChat Pay charged the payer, unchecked.
func TestWeChatWithoutQuote(t *testing.T) {
	srv := wechattest.NewServer(t, wechattest.Options{Rates: map[string]int64{"KRW": 530000}})
	r := wechatPayment(srv, "k1")
	r.Quote = fx.Quote{}
	a, err := wechatAuthorizer(srv).Authorize(context.Background(), r)
	if err != nil || !a.Approved() || a.Charged.String() != "63.60 CNY" || a.Rate.Value.String() != "0.0053" {
		t.Fatalf("without a quote = %v %v at %v, %v", a.Outcome, a.Charged, a.Rate.Value, err)
	}
}

// TestWeChatReverse: an order still unsettled after QueryFor is reversed;
// a reverse that fails is tried three times in all, QueryEvery apart, and
// leaves the payment unknown; REVERSE_EXPIRE is not retried.
func TestWeChatReverse(t *testing.T) {
	// A runaway reverse loop ends here instead of at the test timeout.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, c := range []struct {
		name     string
		answer   map[string]any
		status   int
		reverses int
	}{
		{"failing", map[string]any{"code": "SYSTEM_ERROR", "message": "busy"}, 500, 3},
		{"expired", map[string]any{"code": "REVERSE_EXPIRE", "message": "too late"}, 400, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			srv := wechattest.NewServer(t, wechattest.Options{})
			srv.Script(wechattest.UserPaying, wechattest.UserPaying, wechattest.UserPaying, wechattest.UserPaying,
				wechattest.UserPaying, wechattest.UserPaying, wechattest.UserPaying, wechattest.UserPaying)
			p, cl := newTamper(srv, func(op string, status int, body map[string]any) (int, map[string]any, bool, bool) {
				if op != "reverse" {
					return 0, nil, false, false
				}
				return c.status, c.answer, true, true
			})
			w := &translate.WeChat{Client: cl, QueryFor: 100 * time.Millisecond, QueryEvery: 40 * time.Millisecond}
			start := time.Now()
			a, err := w.Authorize(ctx, wechatPayment(srv, "k1"))
			if a.Outcome != translate.OutcomeUnknown || !errors.Is(err, translate.ErrOutcomeUnknown) || errors.Is(err, translate.ErrDeclined) {
				t.Fatalf("unreversed payment = %v, %v; want unknown", a.Outcome, err)
			}
			if n := p.count("reverse"); n != c.reverses {
				t.Fatalf("%d reverses, want %d", n, c.reverses)
			}
			if min := 100*time.Millisecond + time.Duration(c.reverses-1)*40*time.Millisecond; time.Since(start) < min {
				t.Fatalf("done in %v, want at least %v", time.Since(start), min)
			}
		})
	}
}
