package translate

import (
	"context"

	"github.com/qrbridge/qrbridge/emvco/cpm"
)

// intentFromResolver asks the Resolver about an opaque merchant code
// (WeChat Pay code_url, mode 1 link or personal code, Alipay+ merchant
// code, Zero Pay dynamic code, URL): the code itself names no merchant.
func (t *Translator) intentFromResolver(ctx context.Context, d *Detection, raw string, rep *Report) (Intent, error) {
	if t.Resolver == nil {
		return Intent{}, fieldErr("resolver", ErrNotConfigured, nil)
	}
	in, err := t.Resolver.Resolve(ctx, d.Kind, raw)
	if err != nil {
		return Intent{}, fieldErr("code", ErrUnknownCode, err)
	}
	in.Kind, in.Presentment, in.Source = d.Kind, PresentmentMerchant, raw
	rep.add("code", FieldAccount, Mapped, ReasonResolver)
	for _, f := range []struct {
		set   bool
		field string
	}{
		{in.Merchant.Name != "", FieldName}, {in.Merchant.MCC != "", FieldMCC},
		{in.Merchant.Country != "", FieldCountry}, {!in.Currency.IsZero(), FieldCurrency},
		{in.HasAmount(), FieldAmount},
	} {
		if f.set {
			rep.add("resolver."+f.field, f.field, Defaulted, ReasonResolver)
		}
	}
	return in, nil
}

// tokenSchemes names the scheme of each numeric consumer code.
var tokenSchemes = map[Kind]string{
	KindWeChatPaymentCode:   "wechat",
	KindAlipayPaymentCode:   "alipay",
	KindUnionPayPaymentCode: "unionpay",
}

// intentFromPaymentCode reads a numeric payment code (WeChat, Alipay,
// UnionPay) as a masked token: the code is the token.
func intentFromPaymentCode(d *Detection, raw string, rep *Report) Intent {
	s := tokenSchemes[d.Kind]
	rep.add("code", FieldToken, Mapped, ReasonMasked)
	return Intent{Kind: d.Kind, Schemes: []string{s}, Presentment: PresentmentConsumer, Token: NewToken(s, raw)}
}

// intentFromCPM reads an EMVCo consumer-presented payload (EMV QRCPS CPM
// v1.0): the first application's PAN, or its Track 2's, becomes the masked
// token; the application's AID is its account. The scanned text encodes
// card data, so Source stays empty.
func intentFromCPM(raw string, rep *Report) (Intent, error) {
	c, err := cpm.Parse(raw)
	if err != nil {
		return Intent{}, fieldErr("code", ErrInvalidCode, err)
	}
	in := Intent{Kind: KindEMVCoCPM, Schemes: []string{"emvco-cpm"}, Presentment: PresentmentConsumer}
	rep.add("85", "", Dropped, ReasonEnvelope)
	for app := range c.Applications() {
		poi, err := c.Select(app.ADFName())
		if err != nil {
			return Intent{}, fieldErr("61", ErrInvalidCode, err)
		}
		pan, ok := poi.PAN()
		if !ok {
			if t2, ok2 := poi.Track2(); ok2 {
				pan = t2.PAN()
			}
		}
		if in.Token.IsZero() {
			in.Token = NewToken("emvco", pan.Digits())
			rep.add("61", FieldToken, Mapped, ReasonMasked)
		} else {
			rep.add("61", "", Dropped, ReasonOtherNetwork)
		}
		in.Merchant.Accounts = append(in.Merchant.Accounts, Account{Scheme: "emvco-cpm", Path: "61", GUID: hexUpper(app.ADFName())})
	}
	if _, ok := c.Common(); ok {
		rep.add("62", FieldToken, Mapped, ReasonMasked)
	}
	return in, nil
}

func hexUpper(b []byte) string {
	const digits = "0123456789ABCDEF"
	out := make([]byte, 2*len(b))
	for i, c := range b {
		out[2*i], out[2*i+1] = digits[c>>4], digits[c&15]
	}
	return string(out)
}
