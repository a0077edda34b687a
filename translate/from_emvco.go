package translate

import (
	"strconv"
	"strings"
	"time"

	"github.com/qrbridge/qrbridge/emvco"
	"github.com/qrbridge/qrbridge/emvco/profile"
	"github.com/qrbridge/qrbridge/fx"
)

// intentFromMPM reads an EMVCo merchant-presented payload (EMV QRCPS MPM
// v1.1) under every national profile the registry knows.
func intentFromMPM(p *emvco.Payload, reg *profile.Registry, d *Detection, rep *Report) (Intent, error) {
	in := Intent{
		Kind: KindEMVCoMPM, Schemes: d.Schemes, Presentment: PresentmentMerchant,
		Dynamic: p.Initiation() == emvco.InitiationDynamic, Source: p.String(),
	}
	cur, err := fx.LookupNumeric(p.Currency())
	if err != nil {
		return Intent{}, fieldErr("53", ErrUnsupportedCurrency, err)
	}
	in.Currency = cur
	if _, ok := p.Amount(); ok {
		if in.Amount, err = p.Money(); err != nil {
			return Intent{}, fieldErr("54", ErrInvalidAmount, err)
		}
	}
	if in.Tip, err = mpmTip(p.Fee(), cur); err != nil {
		return Intent{}, err
	}
	in.Merchant = Merchant{
		Name: p.MerchantName(), City: p.MerchantCity(), Country: p.CountryCode(),
		MCC: p.MerchantCategoryCode(), PostalCode: p.PostalCode(),
	}
	if l, ok := p.Language(); ok {
		in.Merchant.LocalLanguage, in.Merchant.LocalName, in.Merchant.LocalCity = strings.ToLower(l.Preference), l.Name, l.City
	}
	matches := d.matches
	if reg != defaultProfiles {
		matches = reg.Schemes(p)
		in.Schemes = schemeNames(matches)
	}
	in.Merchant.Accounts = mpmAccounts(p, matches)
	if ad, ok := p.AdditionalData(); ok {
		in.References = References{
			Bill: ad.BillNumber(), Reference: ad.ReferenceLabel(), Store: ad.StoreLabel(),
			Terminal: ad.TerminalLabel(), Purpose: ad.Purpose(), Customer: ad.CustomerLabel(),
			Loyalty: ad.LoyaltyNumber(), Mobile: ad.MobileNumber(), CustomerData: ad.ConsumerDataRequest(),
			MerchantTaxID: ad.MerchantTaxID(),
		}
		in.Merchant.Store, in.Merchant.Terminal = ad.StoreLabel(), ad.TerminalLabel()
	}
	in.Expires = mpmExpiry(p)
	reportMPM(p, rep)
	return in, nil
}

// mpmTip reads 55-57 (EMV MPM v1.1 §4.7.5).
func mpmTip(f emvco.Fee, cur fx.Currency) (Tip, error) {
	switch f.Kind {
	case emvco.FeePrompt:
		return Tip{Kind: TipPrompt}, nil
	case emvco.FeeFixed:
		a, err := fx.ParseAmount(f.Value, cur)
		if err != nil {
			return Tip{}, fieldErr("56", ErrInvalidAmount, err)
		}
		return Tip{Kind: TipFixed, Fixed: a}, nil
	case emvco.FeePercentage:
		return Tip{Kind: TipPercentage, Percent: f.Value}, nil
	case emvco.FeeUnknown:
		return Tip{}, fieldErr("55", ErrInvalidCode, nil)
	}
	return Tip{}, nil
}

// mpmAccounts lists the merchant accounts with the scheme each belongs to
// and its identifier: the typed view's for the schemes whose template puts
// the identifier elsewhere than in sub-ID 01, the first non-GUID sub-object
// otherwise, the value itself for the card networks' primitives 02-25.
func mpmAccounts(p *emvco.Payload, matches []profile.Match) []Account {
	var out []Account
	for ma := range p.MerchantAccounts() {
		a := Account{Path: ma.Object.Path(), GUID: ma.GUID}
		for _, m := range matches {
			if m.Path == a.Path {
				a.Scheme = m.Scheme
				break
			}
		}
		a.ID = accountID(p, ma, a.Scheme)
		if out == nil {
			out = make([]Account, 0, 4)
		}
		out = append(out, a)
	}
	return out
}

func accountID(p *emvco.Payload, ma emvco.MerchantAccount, scheme string) string {
	switch scheme {
	case "paynow":
		if v, ok := profile.PayNowOf(p); ok {
			return v.Proxy
		}
	case "promptpay":
		if v, ok := profile.PromptPayOf(p); ok {
			if v.Kind == profile.PromptPayBillPayment {
				return v.BillerID
			}
			return v.Proxy
		}
	case "duitnow":
		if v, ok := profile.DuitNowOf(p); ok {
			return v.Account
		}
	case "vietqr":
		if v, ok := profile.VietQROf(p); ok {
			return v.BIN + ":" + v.Account
		}
	case "fps":
		if v, ok := profile.FPSOf(p); ok {
			return firstNonEmpty(v.FPSID, v.Mobile, v.Email)
		}
	}
	if !ma.Object.IsTemplate() {
		return ma.Object.Value()
	}
	for o := range ma.Object.Objects() {
		if o.ID() != emvco.TagGUID {
			return o.Value()
		}
	}
	return ""
}

// mpmExpiry returns the expiry a profile writes into the code: PayNow's
// 04 (a date, payable through that day in Singapore time), KHQR's 99.01
// and DuitNow's 03 (epoch milliseconds). Zero when none.
func mpmExpiry(p *emvco.Payload) time.Time {
	if v, ok := profile.PayNowOf(p); ok && len(v.Expiry) == 8 {
		if t, err := time.ParseInLocation("20060102", v.Expiry, sgt); err == nil {
			return t.AddDate(0, 0, 1)
		}
	}
	if v, ok := profile.KHQROf(p); ok && !v.Expires.IsZero() {
		return v.Expires
	}
	if v, ok := profile.DuitNowOf(p); ok && v.Expiry != "" {
		if ms, err := strconv.ParseInt(v.Expiry, 10, 64); err == nil && ms > 0 {
			return time.UnixMilli(ms)
		}
	}
	return time.Time{}
}

// sgt is Singapore time, UTC+8 without daylight saving.
var sgt = time.FixedZone("SGT", 8*3600)

// reportMPM records every object of the payload against the intent field
// it reached.
func reportMPM(p *emvco.Payload, rep *Report) {
	for o := range p.Objects() {
		id := o.ID()
		switch {
		case id == emvco.TagPayloadFormat, id == emvco.TagCRC:
			rep.add(o.Path(), "", Dropped, ReasonEnvelope)
		case id == emvco.TagPointOfInitiation:
			rep.add(o.Path(), FieldPresentment, Mapped, ReasonPresentment)
		case id.IsMerchantAccount():
			rep.addTree(o, FieldAccount, Mapped, ReasonAccount)
		case id == emvco.TagAdditionalData:
			for sub := range o.Objects() {
				f, a, why := additionalField(sub.ID())
				rep.addTree(sub, f, a, why)
			}
		case id == emvco.TagLanguageTemplate:
			for sub := range o.Objects() {
				f := [...]string{FieldLocalLanguage, FieldLocalName, FieldLocalCity}
				if sub.ID() <= emvco.TagAlternateCity {
					rep.add(sub.Path(), f[sub.ID()], Mapped, ReasonLocalLanguage)
				} else {
					rep.addTree(sub, "", Dropped, ReasonUnknownObject)
				}
			}
		default:
			f, why := rootField(id)
			if f == "" {
				rep.addTree(o, "", Dropped, ReasonUnknownObject)
			} else {
				rep.add(o.Path(), f, Mapped, why)
			}
		}
	}
}

func rootField(id emvco.Tag) (string, Reason) {
	switch id {
	case emvco.TagMerchantCategoryCode:
		return FieldMCC, ReasonCopied
	case emvco.TagTransactionCurrency:
		return FieldCurrency, ReasonConverted
	case emvco.TagTransactionAmount:
		return FieldAmount, ReasonConverted
	case emvco.TagTipIndicator, emvco.TagConvenienceFeeFixed, emvco.TagConvenienceFeePercent:
		return FieldTip, ReasonFee
	case emvco.TagCountryCode:
		return FieldCountry, ReasonCopied
	case emvco.TagMerchantName:
		return FieldName, ReasonCopied
	case emvco.TagMerchantCity:
		return FieldCity, ReasonCopied
	case emvco.TagPostalCode:
		return FieldPostalCode, ReasonCopied
	}
	return "", ""
}

func additionalField(id emvco.Tag) (string, Action, Reason) {
	fields := [...]string{
		emvco.TagBillNumber: FieldBill, emvco.TagMobileNumber: FieldMobile, emvco.TagStoreLabel: FieldStore,
		emvco.TagLoyaltyNumber: FieldLoyalty, emvco.TagReferenceLabel: FieldReference,
		emvco.TagCustomerLabel: FieldCustomer, emvco.TagTerminalLabel: FieldTerminal,
		emvco.TagPurpose: FieldPurpose, emvco.TagConsumerDataRequest: FieldCustomerData,
		emvco.TagMerchantTaxID: FieldTaxID, emvco.TagMerchantChannel: FieldChannel,
	}
	if int(id) < len(fields) && fields[id] != "" {
		return fields[id], Mapped, ReasonCopied
	}
	return "", Dropped, ReasonUnknownObject
}

// addTree records o and, for a template, every object nested in it with
// the same outcome.
func (r *Report) addTree(o emvco.Object, field string, a Action, why Reason) {
	r.add(o.Path(), field, a, why)
	if !o.IsTemplate() {
		return
	}
	for sub := range o.Objects() {
		r.addTree(sub, field, a, why)
	}
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
