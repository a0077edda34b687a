package translate

import (
	"context"
	"time"

	"github.com/shopspring/decimal"

	"github.com/qrbridge/qrbridge/emvco/profile"
	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/wechat"
	"github.com/qrbridge/qrbridge/zeropay"
)

// Translator reads scanned codes into intents and translates them into
// the two legs of a payment. Configure it once; it is then safe for
// concurrent use if its parts are (every implementation in this module
// is).
//
// The zero values mean: Profiles the built-in EMVCo national profiles;
// Corridors [DefaultCorridors]; Industries [zeropay.StarterIndustries];
// MerchantLegs and PayerLegs the built-in leg builders only (entries here
// add to or replace them by scheme name); WeChat the institution's account in institutional mode,
// left empty for the authorization layer to fill when zero; Operator "KW", the payer-side
// Zero Pay operator PKW through which WeChat Pay users pay (KIS; the KFTC
// operator list); Now time.Now. Quoter is required by Translate, Directory
// by Zero Pay stickers and Resolver by opaque codes: a code that needs a
// missing part fails with [ErrNotConfigured].
type Translator struct {
	Profiles     *profile.Registry
	Quoter       *fx.Quoter
	Directory    zeropay.Directory
	Industries   zeropay.IndustryMapper
	Resolver     CodeResolver
	Corridors    []Corridor
	MerchantLegs map[string]LegBuilder
	PayerLegs    map[string]LegBuilder
	Operator     zeropay.SystemID
	WeChat       wechat.Merchant
	Now          func() time.Time
}

func (t *Translator) now() time.Time {
	if t.Now != nil {
		return t.Now()
	}
	return time.Now()
}

func (t *Translator) profiles() *profile.Registry {
	if t.Profiles != nil {
		return t.Profiles
	}
	return defaultProfiles
}

// Intent reads raw into a payment intent, with a report whose targets are
// the intent's fields ([FieldName], [FieldAccount], …). It resolves what
// the code does not carry: a Zero Pay sticker's merchant through the
// Directory, an opaque code through the Resolver. Consumer codes give an
// intent holding their masked token.
func (t *Translator) Intent(ctx context.Context, raw string) (Intent, Report, error) {
	d := Detect(raw)
	var rep Report
	in, err := t.intent(ctx, &d, raw, &rep)
	return in, rep, err
}

func (t *Translator) intent(ctx context.Context, d *Detection, raw string, rep *Report) (Intent, error) {
	if d.Err != nil {
		return Intent{}, d.Err
	}
	switch d.Kind {
	case KindEMVCoMPM:
		return intentFromMPM(d.payload, t.profiles(), d, rep)
	case KindEMVCoCPM:
		return intentFromCPM(raw, rep)
	case KindZeroPayStatic:
		return t.intentFromZeroPayStatic(ctx, raw, rep)
	case KindZeroPayConsumer, KindZeroPayRefund, KindZeroPayConsumerBarcode, KindZeroPayRefundBarcode:
		return intentFromZeroPayToken(d, raw, rep)
	case KindWeChatPaymentCode, KindAlipayPaymentCode, KindUnionPayPaymentCode:
		return intentFromPaymentCode(d, raw, rep), nil
	case KindWeChatCodeURL, KindWeChatNativeLink, KindWeChatPersonal, KindAlipayPlusMPM, KindZeroPayDynamic, KindURL:
		return t.intentFromResolver(ctx, d, raw, rep)
	}
	return Intent{}, fieldErr("code", ErrUnknownCode, nil)
}

// Translate turns a scanned merchant code and the payer's request into a
// payment: it reads the intent, finds the corridor rule, settles the
// amount (the request's for a static code, the code's for a dynamic one,
// plus the tip or fee), checks the caps, prices the quote and builds the
// merchant leg (the code's scheme) and the payer leg (Request.PayerScheme),
// then settles the report: every source object ends mapped to a leg's
// field, defaulted, or dropped with its reason.
//
// The merchant's amount is fixed and the quote prices it in the payer's
// currency. On a corridor that fixes the amount sent (person-to-person
// links), a static code may instead take the request's amount in the
// payer's currency, and the quote prices what it buys. Caps are checked on
// both amounts, each in its own currency.
//
// Consumer-presented codes are not translated here: a terminal routes them
// (see [Routes]). Every failure is an [*Error] naming the field. Translate
// does no I/O of its own; the Directory, Resolver and rate provider may.
func (t *Translator) Translate(ctx context.Context, raw string, req Request) (Result, error) {
	d := Detect(raw)
	var res Result
	in, err := t.intent(ctx, &d, raw, &res.Report)
	if err != nil {
		return Result{}, err
	}
	if in.Presentment == PresentmentConsumer {
		return Result{}, fieldErr("code", ErrUnsupportedScheme, nil)
	}
	if !in.Expires.IsZero() && !t.now().Before(in.Expires) {
		return Result{}, fieldErr(FieldExpires, ErrExpiredCode, nil)
	}
	res.Intent, res.Request = in, req
	route, err := t.route(&res, &req)
	if err != nil {
		return Result{}, err
	}
	if err := t.price(ctx, &res, &req); err != nil {
		return Result{}, err
	}
	if err := t.buildLegs(ctx, &res, &req, route); err != nil {
		return Result{}, err
	}
	return res, nil
}

// route picks the merchant account the payment goes to and the corridor
// that serves it: the first account, in code order, whose scheme a
// corridor rule serves for this payer.
func (t *Translator) route(res *Result, req *Request) (Account, error) {
	if req.PayerCurrency.IsZero() {
		return Account{}, fieldErr("payer_currency", ErrUnsupportedCurrency, nil)
	}
	in := &res.Intent
	for _, a := range in.Merchant.Accounts {
		if c, ok := t.corridor(req, in, a.Scheme); ok {
			res.Corridor = c
			return a, nil
		}
	}
	if len(in.Merchant.Accounts) == 0 {
		if c, ok := t.corridor(req, in, firstScheme(in)); ok {
			res.Corridor = c
			return Account{Scheme: firstScheme(in)}, nil
		}
	}
	return Account{}, fieldErr("corridor", ErrUnsupportedCorridor, nil)
}

func firstScheme(in *Intent) string {
	if len(in.Schemes) > 0 {
		return in.Schemes[0]
	}
	return ""
}

// price settles the merchant amount, checks the caps and prices the quote.
func (t *Translator) price(ctx context.Context, res *Result, req *Request) error {
	if t.Quoter == nil {
		return fieldErr("quoter", ErrNotConfigured, nil)
	}
	c := &res.Corridor
	q := *t.Quoter
	q.Rounding = c.Rounding
	if c.QuoteValidity != 0 {
		q.TTL = c.QuoteValidity
	}
	if c.Fixed == fx.FixedSource && !res.Intent.HasAmount() && req.Amount.Currency() == c.PayerCurrency {
		return t.priceSend(ctx, &q, res, req)
	}
	total, err := merchantTotal(res, req)
	if err != nil {
		return err
	}
	if err := checkCap(c, total); err != nil {
		return err
	}
	quote, err := q.QuoteReceive(ctx, total, c.PayerCurrency)
	if err != nil {
		return fieldErr("quote", ErrQuote, err)
	}
	res.Quote = quote
	return checkCap(c, quote.Source)
}

// priceSend prices a corridor that fixes the amount sent: the request's
// amount is in the payer's currency and the merchant receives what it
// buys.
func (t *Translator) priceSend(ctx context.Context, q *fx.Quoter, res *Result, req *Request) error {
	if err := checkPositive("amount", req.Amount); err != nil {
		return err
	}
	if !req.Tip.Currency().IsZero() {
		return fieldErr("tip", ErrTipNotAllowed, nil)
	}
	if err := checkCap(&res.Corridor, req.Amount); err != nil {
		return err
	}
	quote, err := q.QuoteSend(ctx, req.Amount, res.Intent.Currency)
	if err != nil {
		return fieldErr("quote", ErrQuote, err)
	}
	res.Quote = quote
	res.Report.add("request.amount", FieldAmount, Defaulted, ReasonPayerEntered)
	return checkCap(&res.Corridor, quote.Destination)
}

// merchantTotal is what the merchant receives: the code's amount or the
// request's, plus the tip or convenience fee (EMV MPM v1.1 §4.7.5).
func merchantTotal(res *Result, req *Request) (fx.Amount, error) {
	in := &res.Intent
	base := in.Amount
	switch {
	case in.HasAmount() && !req.Amount.Currency().IsZero():
		if cmp, err := req.Amount.Cmp(in.Amount); err != nil || cmp != 0 {
			return fx.Amount{}, fieldErr("amount", ErrAmountMismatch, err)
		}
	case !in.HasAmount():
		if req.Amount.Currency().IsZero() {
			return fx.Amount{}, fieldErr("amount", ErrAmountRequired, nil)
		}
		if req.Amount.Currency() != in.Currency {
			return fx.Amount{}, fieldErr("amount", ErrUnsupportedCurrency, nil)
		}
		base = req.Amount
		res.Report.add("request.amount", FieldAmount, Defaulted, ReasonPayerEntered)
	}
	if err := checkPositive("amount", base); err != nil {
		return fx.Amount{}, err
	}
	fee, err := tipAmount(res, req, base)
	if err != nil || fee.Currency().IsZero() {
		return base, err
	}
	total, err := base.Add(fee)
	if err != nil {
		return fx.Amount{}, fieldErr("tip", ErrUnsupportedCurrency, err)
	}
	return total, nil
}

// tipAmount applies the code's tip policy; the zero Amount means none.
func tipAmount(res *Result, req *Request, base fx.Amount) (fx.Amount, error) {
	tip := res.Intent.Tip
	hasTip := !req.Tip.Currency().IsZero()
	if hasTip && tip.Kind != TipPrompt {
		return fx.Amount{}, fieldErr("tip", ErrTipNotAllowed, nil)
	}
	switch tip.Kind {
	case TipPrompt:
		if !hasTip {
			return fx.Amount{}, nil
		}
		if req.Tip.Currency() != base.Currency() {
			return fx.Amount{}, fieldErr("tip", ErrUnsupportedCurrency, nil)
		}
		if req.Tip.Sign() < 0 || req.Tip.Round(fx.Down).Decimal().Cmp(req.Tip.Decimal()) != 0 {
			return fx.Amount{}, fieldErr("tip", ErrInvalidAmount, nil)
		}
		res.Report.retag("55", ReasonTipFixed)
		return req.Tip, nil
	case TipFixed:
		return tip.Fixed, nil
	case TipPercentage:
		pct, err := decimal.NewFromString(tip.Percent)
		if err != nil || pct.Sign() < 0 {
			return fx.Amount{}, fieldErr("57", ErrInvalidCode, err)
		}
		fee, err := base.MulRound(pct.Shift(-2), res.Corridor.Rounding)
		if err != nil {
			return fx.Amount{}, fieldErr("57", ErrInvalidAmount, err)
		}
		return fee, nil
	}
	return fx.Amount{}, nil
}

func checkPositive(field string, a fx.Amount) error {
	if a.Sign() <= 0 || a.Round(fx.Down).Decimal().Cmp(a.Decimal()) != 0 {
		return fieldErr(field, ErrInvalidAmount, nil)
	}
	return nil
}

// checkCap compares a with each cap of c in a's currency. A single payment
// above the daily cap can never pass, so it is refused here too.
func checkCap(c *Corridor, a fx.Amount) error {
	for _, limit := range [2]fx.Amount{c.PerTransactionCap, c.DailyCap} {
		if limit.Currency() != a.Currency() || limit.Currency().IsZero() {
			continue
		}
		if cmp, err := a.Cmp(limit); err == nil && cmp > 0 {
			return fieldErr("amount", ErrOverCap, nil)
		}
	}
	return nil
}
