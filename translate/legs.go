package translate

import (
	"context"
	"strings"

	"github.com/qrbridge/qrbridge/fx"
)

// LegBuilder builds one scheme's leg of a payment. Build receives the
// translation so far and returns the leg; Claims lists the intent fields
// the leg carries and the target field each lands in, which is how the
// report learns where every source object went (an intent field no leg
// claims is reported [Dropped], [ReasonNoTargetField]).
//
// Builders are registered by scheme name in [Translator.MerchantLegs] and
// [Translator.PayerLegs]; a new scheme is one file and one entry. Build
// must be safe for concurrent use and must not keep in.
type LegBuilder struct {
	Build  func(ctx context.Context, in *LegInput) (Leg, error)
	Claims []FieldTarget
}

// FieldTarget says that a leg carries an intent field ([FieldName], …) in its
// Target field ("zeropay.Result.MerchantID", "wechat.body").
type FieldTarget struct {
	Field  string
	Target string
}

// LegInput is what a leg builder works from: the intent, the request, the
// corridor and quote, the merchant account the payment is routed to, the
// merchant's total (code or request amount plus tip or fee, in the
// merchant's currency) and the translator for its configuration. The
// builder must not modify any of them.
type LegInput struct {
	Intent     *Intent
	Request    *Request
	Corridor   *Corridor
	Quote      *fx.Quote
	Account    Account
	Translator *Translator
}

// MerchantTotal returns what the merchant receives, in its currency.
func (in *LegInput) MerchantTotal() fx.Amount { return in.Quote.Destination }

// PayerTotal returns what the payer is debited, in the payer's currency.
func (in *LegInput) PayerTotal() fx.Amount { return in.Quote.Source }

// builtinMerchantLegs and builtinPayerLegs are the registered builders;
// never modified.
var (
	builtinMerchantLegs = map[string]LegBuilder{
		"zeropay": zeropayLeg,
		"emvco":   emvcoLeg,
		"wechat":  wechatMerchantLeg,
	}
	builtinPayerLegs = map[string]LegBuilder{
		"wechat": wechatLeg,
		"debit":  debitLeg,
	}
)

// merchantLegScheme names the merchant leg builder for an intent: every
// EMVCo code goes through the switch-link builder, whatever its national
// scheme; a Zero Pay sticker to Zero Pay; a resolved opaque code to its
// first scheme.
func merchantLegScheme(in *Intent) string {
	switch in.Kind {
	case KindEMVCoMPM:
		return "emvco"
	case KindZeroPayStatic:
		return "zeropay"
	}
	return firstScheme(in)
}

func (t *Translator) legBuilder(custom map[string]LegBuilder, builtin map[string]LegBuilder, scheme string) (LegBuilder, bool) {
	if b, ok := custom[scheme]; ok {
		return b, true
	}
	b, ok := builtin[scheme]
	return b, ok
}

// buildLegs builds both legs and settles the report.
func (t *Translator) buildLegs(ctx context.Context, res *Result, req *Request, route Account) error {
	mScheme := merchantLegScheme(&res.Intent)
	mb, ok := t.legBuilder(t.MerchantLegs, builtinMerchantLegs, mScheme)
	if !ok {
		return fieldErr("merchant_scheme", ErrUnsupportedScheme, nil)
	}
	pb, ok := t.legBuilder(t.PayerLegs, builtinPayerLegs, req.PayerScheme)
	if !ok {
		pb, ok = t.legBuilder(t.PayerLegs, builtinPayerLegs, "debit")
		if !ok || req.PayerScheme == "" {
			return fieldErr("payer_scheme", ErrUnsupportedScheme, nil)
		}
	}
	in := LegInput{Intent: &res.Intent, Request: req, Corridor: &res.Corridor, Quote: &res.Quote, Account: route, Translator: t}
	var err error
	if res.MerchantLeg, err = mb.Build(ctx, &in); err != nil {
		return err
	}
	if res.PayerLeg, err = pb.Build(ctx, &in); err != nil {
		return err
	}
	res.Report.settle(route.Path, mb.Claims, pb.Claims)
	return nil
}

// settle replaces every intent-field target with the leg field that
// claims it, merchant leg first; an unclaimed field is dropped. Merchant
// accounts other than the routed one are dropped as other networks.
func (r *Report) settle(route string, claims ...[]FieldTarget) {
	for i := range r.Entries {
		e := &r.Entries[i]
		if e.Action == Dropped {
			continue
		}
		if e.Target == FieldAccount && route != "" && e.Source != route && !strings.HasPrefix(e.Source, route+".") {
			e.Action, e.Reason, e.Target = Dropped, ReasonOtherNetwork, ""
			continue
		}
		target := claimed(e.Target, claims)
		if target == "" {
			e.Action, e.Reason, e.Target = Dropped, ReasonNoTargetField, ""
			continue
		}
		e.Target = target
	}
}

func claimed(field string, claims [][]FieldTarget) string {
	for _, cs := range claims {
		for _, c := range cs {
			if c.Field == field {
				return c.Target
			}
		}
	}
	return ""
}

// retag changes the reason of the entry for source.
func (r *Report) retag(source string, why Reason) {
	for i := range r.Entries {
		if r.Entries[i].Source == source {
			r.Entries[i].Reason = why
		}
	}
}
