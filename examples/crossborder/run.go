package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/qr"
	"github.com/qrbridge/qrbridge/translate"
	"github.com/qrbridge/qrbridge/wechat"
	"github.com/qrbridge/qrbridge/wechat/wechattest"
	"github.com/qrbridge/qrbridge/zeropay"
)

// The sample sticker: a Zero Pay static code (kind 1, registrar ZP,
// merchant and terminal IDs). Its four check characters are a fixture:
// the Annex B algorithm of the Korean QR standard is not public.
const sticker = "1-ZP-202012AB0123-T000000000000001--ABCD"

// The rate table, dated 2026-11-26: one sample rate, not market data.
// 0.0052 CNY per won is also the fake WeChat Pay's rate, so the charge
// matches the quote.
var (
	krw       = fx.MustCurrency("KRW")
	cny       = fx.MustCurrency("CNY")
	rateDate  = time.Date(2026, 11, 26, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))
	rateTable = []struct{ base, quote, value string }{{"KRW", "CNY", "0.0052"}}
)

// The tourist: a WeChat user (openid) who types ₩12,000 and shows the
// payment code of the wallet (Quick Pay).
const (
	openID      = "o-tourist-0001"
	paymentCode = "134567890123456789"
	price       = 12000
)

func run(w io.Writer) error {
	ctx := context.Background()
	p := printer{w: w}

	p.step("1. the sticker")
	raw, err := stickerRoundTrip(&p)
	if err != nil {
		return err
	}

	p.step("2. what was scanned")
	d := translate.Detect(raw)
	p.line("kind %s, %s-presented", d.Kind, d.Presentment)

	srv := wechattest.Start(wechattest.Options{})
	defer srv.Close()
	tr, err := translator(srv.Merchant)
	if err != nil {
		return err
	}

	p.step("3. translation (₩12,000 typed by the payer)")
	res, err := tr.Translate(ctx, raw, translate.Request{PayerScheme: "wechat", PayerCurrency: cny,
		Amount: fx.FromMinor(price, krw), IdempotencyKey: "pay-0001", Payer: openID})
	if err != nil {
		return err
	}
	m := res.Intent.Merchant
	p.line("merchant %s (MCC %s), corridor %s", m.Name, m.MCC, res.Corridor.ID)
	p.line("merchant leg: %s %s", res.MerchantLeg.Scheme, res.MerchantLeg.Amount)
	p.line("payer leg:    %s %s", res.PayerLeg.Scheme, res.PayerLeg.Amount)
	p.line("mapping report:")
	for _, e := range res.Report.Entries {
		target := e.Target
		if target == "" {
			target = "-"
		}
		p.line("  %-28s %-9s %-22s %s", e.Source, e.Action, e.Reason, target)
	}

	p.step("4. the quote")
	q := res.Quote
	p.line("%s for %s, fixed side %s", q.Source, q.Destination, side(q.Fixed))
	for _, s := range q.Steps {
		p.line("  %-16s %s won per yuan", s.Name, s.Value)
	}
	p.line("quote %s, valid %s", q.ID, q.ExpiresAt.Sub(q.CreatedAt))

	p.step("5. authorization (fake WeChat Pay over HTTP, then the Zero Pay record)")
	quotes := new(translate.MemoryQuotes)
	if err := translate.Offer(ctx, quotes, &res); err != nil {
		return err
	}
	relay := translate.ZeroPayRelayFunc(func(_ context.Context, r zeropay.Result) error {
		p.line("relay: result registration for merchant %s, %s", r.MerchantID, r.Amount)
		return nil
	})
	authz := translate.NewStack(&translate.ZeroPay{
		Payer: &translate.WeChat{Client: srv.Client(), PaymentCode: func(*translate.Result) (wechat.PaymentCode, error) {
			return wechat.ParsePaymentCode(paymentCode)
		}},
		Relay: relay,
	}, translate.StackConfig{Quotes: quotes, Audit: auditPrinter{&p}, LimitRules: map[string]translate.LimitRule{
		res.Corridor.ID: {PayerDay: fx.FromMinor(2_000_000, krw)}}})
	a, err := authz.Authorize(ctx, &res)
	if err != nil {
		return err
	}
	p.line("outcome %s: charged %s at %s CNY per won (checked against the quote)", a.Outcome, a.Charged, a.Rate.Value)
	p.line("wechat out_trade_no %s, transaction %s", a.Reference, present(a.SchemeRef))

	p.step("6. the Zero Pay result record (operator PKW)")
	rec := a.Record.(*zeropay.Result)
	p.line("merchant %s terminal %s", rec.MerchantID, rec.TerminalID)
	p.line("amount %s, payer's original %s, operator %s", rec.Amount, rec.Original, rec.Operator.Operator())
	p.line("approval number %s", present(rec.ApprovalNumber))

	p.step("7. the same request again (a retry)")
	b, err := authz.Authorize(ctx, &res)
	if err != nil {
		return err
	}
	p.line("outcome %s, same transaction: %v; WeChat Pay saw %d request(s)", b.Outcome, b.SchemeRef == a.SchemeRef, len(srv.Calls()))
	return p.err
}

// stickerRoundTrip renders the sticker as a PNG and reads it back.
func stickerRoundTrip(p *printer) (string, error) {
	sym, err := qr.Encode(sticker, qr.Options{})
	if err != nil {
		return "", err
	}
	png, err := sym.PNG()
	if err != nil {
		return "", err
	}
	img, err := qr.DecodeBytes(png)
	if err != nil {
		return "", err
	}
	p.line("text %s", sticker)
	p.line("QR version %d, level %s, %d×%d modules, rendered as a PNG", sym.Version(), sym.Level(), sym.Size(), sym.Size())
	p.line("read back from the PNG: %s (same: %v)", img.Text, img.Text == sticker)
	return img.Text, nil
}

// translator is the translation layer on the sample parts.
func translator(m wechat.Merchant) (*translate.Translator, error) {
	dir, err := zeropay.NewMemory(
		[]zeropay.Merchant{{BusinessNumber: "1208812345", ID: "202012AB0123", Name: "홍대 떡볶이", IndustryCode: "56111"}},
		[]zeropay.QRRecord{{QR: sticker, MerchantID: "202012AB0123", IssueDate: "20201201"}},
	)
	if err != nil {
		return nil, err
	}
	rates := fx.NewStatic()
	for _, r := range rateTable {
		base, quote := fx.MustCurrency(r.base), fx.MustCurrency(r.quote)
		rate, err := fx.ParseRate(r.value, base, quote)
		if err != nil {
			return nil, err
		}
		rate.AsOf, rate.Source = rateDate, "sample table"
		rates.Set(rate)
	}
	return &translate.Translator{
		Quoter:    &fx.Quoter{Provider: rates, TTL: 10 * time.Minute, NewID: func() string { return "q7a1c0de00000001" }},
		Directory: dir,
		WeChat:    m,
	}, nil
}

type printer struct {
	w   io.Writer
	err error
}

func (p *printer) step(s string) { p.printf("\n== %s\n", s) }
func (p *printer) line(format string, args ...any) {
	p.printf("   "+format+"\n", args...)
}
func (p *printer) printf(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

// auditPrinter shows the audit trail's outcome lines.
type auditPrinter struct{ p *printer }

func (a auditPrinter) Record(_ context.Context, e translate.AuditEvent) {
	if e.Phase == "attempt" {
		a.p.line("audit: attempt, quote %s, %s → %s", e.QuoteID, e.PayerAmount, e.MerchantAmount)
		return
	}
	a.p.line("audit: %s %s by %s", e.Phase, e.Outcome, e.Scheme)
}

func side(s fx.Side) string {
	if s == fx.FixedDestination {
		return "the merchant's amount (received)"
	}
	return "the payer's amount (sent)"
}

func present(s string) string {
	if s == "" {
		return "(none)"
	}
	return "(set)"
}
