package translate

import (
	"context"
	"errors"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/zeropay"
)

var (
	krw = fx.MustCurrency("KRW")
	// starterIndustries is the default industry mapper; never modified.
	starterIndustries = zeropay.StarterIndustries()
)

// Zero Pay source fields, as the report names them (KFTC Zero Pay platform
// design §1.4; the merchant master file ZP0041 for the directory fields).
const (
	zpKind       = "kind"
	zpRegistrar  = "registrar"
	zpMerchantID = "merchant_id"
	zpTerminalID = "terminal_id"
	zpCheck      = "check"
	zpName       = "directory.name"
	zpIndustry   = "directory.industry_code"
	zpCurrency   = "(currency)"
	zpCountry    = "(country)"
)

// intentFromZeroPayStatic resolves a static sticker through the directory:
// the sticker carries only merchant and terminal IDs (KFTC Zero Pay platform
// design §1.4); the name and industry come from the merchant master data
// and the industry code is mapped to an MCC. Zero Pay is KRW and Korea.
func (t *Translator) intentFromZeroPayStatic(ctx context.Context, raw string, rep *Report) (Intent, error) {
	if t.Directory == nil {
		return Intent{}, fieldErr("directory", ErrNotConfigured, nil)
	}
	mc, code, err := zeropay.Resolve(ctx, t.Directory, raw)
	if err != nil {
		if errors.Is(err, zeropay.ErrNotFound) || errors.Is(err, zeropay.ErrInactive) {
			return Intent{}, fieldErr("merchant_id", ErrMerchantUnavailable, err)
		}
		return Intent{}, fieldErr("code", ErrInvalidCode, err)
	}
	in := Intent{
		Kind: KindZeroPayStatic, Schemes: []string{"zeropay"}, Presentment: PresentmentMerchant,
		Currency: krw, Source: raw,
		Merchant: Merchant{
			Accounts: []Account{{Scheme: "zeropay", Path: zpMerchantID, ID: code.MerchantID}},
			Name:     mc.Name, Country: "KR", Terminal: code.TerminalID,
		},
	}
	rep.Entries = make([]Mapping, 0, 12)
	rep.add(zpKind, FieldPresentment, Mapped, ReasonPresentment)
	rep.add(zpRegistrar, "", Dropped, ReasonEnvelope)
	rep.add(zpMerchantID, FieldAccount, Mapped, ReasonAccount)
	rep.add(zpTerminalID, FieldTerminal, Mapped, ReasonCopied)
	rep.add(zpCheck, "", Dropped, ReasonCheckCharacters)
	rep.add(zpName, FieldName, Defaulted, ReasonDirectory)
	mapper := t.Industries
	if mapper == nil {
		mapper = starterIndustries
	}
	if mcc, ok := mapper.MCC(mc.IndustryCode); ok {
		in.Merchant.MCC = mcc
		rep.add(zpIndustry, FieldMCC, Defaulted, ReasonIndustryMCC)
	} else {
		rep.add(zpIndustry, "", Dropped, ReasonNotSupported)
	}
	rep.add(zpCurrency, FieldCurrency, Defaulted, ReasonImplied)
	rep.add(zpCountry, FieldCountry, Defaulted, ReasonImplied)
	return in, nil
}

// intentFromZeroPayToken reads a Zero Pay consumer or refund code or
// barcode: a payment token (or the original transaction), masked.
func intentFromZeroPayToken(d *Detection, raw string, rep *Report) (Intent, error) {
	in := Intent{Kind: d.Kind, Schemes: []string{"zeropay"}, Presentment: PresentmentConsumer, Currency: krw}
	switch d.Kind {
	case KindZeroPayConsumer:
		in.Token = NewToken("zeropay", d.zp.Token)
	case KindZeroPayRefund:
		in.Token = NewToken("zeropay", d.zp.OriginalTxn)
		in.References.Reference = d.zp.OriginalDate
	default:
		b, err := zeropay.ParseBarcode(raw)
		if err != nil {
			return Intent{}, fieldErr("code", ErrInvalidCode, err)
		}
		if b.Kind == zeropay.BarcodeConsumer {
			in.Token = NewToken("zeropay", b.Token)
		} else {
			in.Token = NewToken("zeropay", b.OriginalTxn)
			in.References.Reference = b.OriginalDate
		}
	}
	rep.add("code", FieldToken, Mapped, ReasonMasked)
	return in, nil
}
