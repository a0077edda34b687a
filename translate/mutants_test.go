package translate

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/qrbridge/qrbridge/emvco"
	"github.com/qrbridge/qrbridge/fx"
)

// Edge cases the mutation run asked for.

func TestErrorMessage(t *testing.T) {
	err := fieldErr("amount", ErrOverCap, nil)
	require.Equal(t, "translate: amount: amount over corridor cap", err.Error())
	err = fieldErr("code", ErrInvalidCode, fmt.Errorf("emvco: 63: crc mismatch"))
	require.Equal(t, "translate: code: invalid code: emvco: 63: crc mismatch", err.Error())
	err = fieldErr("x", fmt.Errorf("other"), nil)
	require.Equal(t, "translate: x: other", err.Error())
	// The package prefix is dropped only when a reason follows it.
	err = fieldErr("x", fmt.Errorf("translate: "), nil)
	require.Equal(t, "translate: x: translate: ", err.Error())
	err = fieldErr("x", fmt.Errorf("translate: y"), nil)
	require.Equal(t, "translate: x: y", err.Error())
}

func TestKindBounds(t *testing.T) {
	require.Equal(t, "unknown", numKinds.String())
	require.False(t, KindSet(1<<numKinds).Has(numKinds))
	require.True(t, KindSet(0).Add(KindURL).Has(KindURL))
	require.Equal(t, KindZeroPayStatic, Detect("1-ZP-").Kind, "the form alone names it")
	require.Error(t, Detect("1-ZP-").Err)
	require.Equal(t, KindUnknown, Detect("1-ZP").Kind)
	require.Equal(t, KindURL, Detect("https://").Kind)
	require.Equal(t, KindURL, Detect("HTTP://").Kind)
}

func TestPromptPayBillPaymentAccount(t *testing.T) {
	const bill = "00020101021230650016A00000067701011201150994000165501000212123456789012030667042953037645802TH54073649.2263044534"
	in, _, err := newTranslator(t).Intent(context.Background(), bill)
	require.NoError(t, err)
	require.Equal(t, "promptpay", in.Merchant.Accounts[0].Scheme)
	require.Equal(t, "099400016550100", in.Merchant.Accounts[0].ID, "the biller ID, not ref 1")
}

func TestDuitNowExpiry(t *testing.T) {
	const code = "00020201021226690014A000000615000101065887340220MAEPP1111351701298070313169138867558252040000530345854041.005802MY5925MOHD SULAIMAN BIN HAJI SU6002MY62240520MAEPP1111351701298076304CE76"
	tr := newTranslator(t)
	in, _, err := tr.Intent(context.Background(), code)
	require.NoError(t, err)
	require.Equal(t, time.UnixMilli(1691388675582), in.Expires)
	_, err = tr.Translate(context.Background(), code, Request{PayerScheme: "debit", PayerCurrency: krw})
	require.ErrorIs(t, err, ErrExpiredCode)
}

// withCRC appends "6304" and the CRC to a payload body.
func withCRC(body string) string {
	body += "6304"
	return body + fmt.Sprintf("%04X", emvco.CRC([]byte(body)))
}

func TestUnknownAdditionalDataObjects(t *testing.T) {
	// 62.12 is reserved for future use, 62.50 a payment system's template.
	raw := withCRC("000201010211" + "29370016A000000677010111011300668012345675802TH5303764" + "6228" + "1212RFU-VALUE-12" + "50080004ABCD")
	p, err := emvco.Parse(raw)
	require.NoError(t, err)
	tr := newTranslator(t)
	_, rep, err := tr.Intent(context.Background(), p.String())
	require.NoError(t, err)
	for _, path := range []string{"62.12", "62.50"} {
		m, ok := rep.Find(path)
		require.True(t, ok, path)
		require.Equal(t, Dropped, m.Action)
		require.Equal(t, ReasonUnknownObject, m.Reason)
	}
}

func TestResolverDefaultsReported(t *testing.T) {
	tr := newTranslator(t)
	const code = "wxp://f2f0lrSb2ot4j5lJkFXkXoHZ0fBwy1Kyc5zS"
	tr.Resolver.(*MemoryResolver).Put(code, Intent{Schemes: []string{"wechat"}, Currency: cny,
		Merchant: Merchant{MCC: "5411", Country: "CN"}})
	_, rep, err := tr.Intent(context.Background(), code)
	require.NoError(t, err)
	for field, want := range map[string]bool{FieldName: false, FieldMCC: true, FieldCountry: true, FieldCurrency: true, FieldAmount: false} {
		_, ok := rep.Find("resolver." + field)
		require.Equal(t, want, ok, field)
	}
}

func TestTokenMaskLengths(t *testing.T) {
	for in, want := range map[string]string{
		"1234567890": "12****7890",
		"123456789":  "*******89",
		"1234567":    "*****67",
		"123456":     "******",
		"1":          "*",
	} {
		require.Equal(t, want, NewToken("x", in).String(), in)
	}
	tok := NewToken("wechat", "134567890123456789")
	require.Equal(t, "translate.Token(13************6789)", fmt.Sprintf("%#v", tok))
	require.Equal(t, "13************6789", fmt.Sprintf("%v", tok))
	require.Equal(t, "13************6789", fmt.Sprintf("%+v", tok))
}

func TestResolvedWithoutAccounts(t *testing.T) {
	tr := newTranslator(t)
	ctx := context.Background()
	const code = "weixin://wxpay/bizpayurl?pr=noaccounts"
	tr.Resolver.(*MemoryResolver).Put(code, Intent{Schemes: []string{"wechat"}, Currency: cny, Amount: amount(t, "5.00", cny),
		Merchant: Merchant{Name: "KIOSK", Country: "CN"}})
	res, err := tr.Translate(ctx, code, Request{PayerScheme: "kpay", PayerCurrency: krw})
	require.NoError(t, err)
	require.Equal(t, "wechat", res.MerchantLeg.Scheme)

	const bare = "weixin://wxpay/bizpayurl?pr=noschemes"
	tr.Resolver.(*MemoryResolver).Put(bare, Intent{Currency: cny, Amount: amount(t, "5.00", cny), Merchant: Merchant{Country: "CN"}})
	_, err = tr.Translate(ctx, bare, Request{PayerScheme: "kpay", PayerCurrency: krw})
	require.ErrorIs(t, err, ErrUnsupportedScheme)
}

func TestZeroTipAndFee(t *testing.T) {
	tr := newTranslator(t)
	ctx := context.Background()
	raw := promptpayWith(t, "100.00", map[string]string{"55": "01"})
	res, err := tr.Translate(ctx, raw, Request{PayerScheme: "debit", PayerCurrency: krw, Tip: fx.Zero(thb)})
	require.NoError(t, err, "a zero tip is a tip")
	require.Equal(t, "100.00 THB", res.MerchantLeg.Amount.String())

}

func TestShortAndZeroEdges(t *testing.T) {
	d := Detect("0002")
	require.Equal(t, KindEMVCoMPM, d.Kind, "four characters are enough to name the form")
	require.ErrorIs(t, d.Err, ErrInvalidCode)
	require.Equal(t, KindUnknown, Detect("000").Kind)

	// A DuitNow expiry of 0 is no expiry, not 1970.
	const code = "00020201021226690014A000000615000101065887340220MAEPP1111351701298070313169138867558252040000530345854041.005802MY5925MOHD SULAIMAN BIN HAJI SU6002MY62240520MAEPP1111351701298076304CE76"
	p, err := emvco.Parse(code)
	require.NoError(t, err)
	s, err := p.Edit().Set("26.03", "0").Encode()
	require.NoError(t, err)
	in, _, err := newTranslator(t).Intent(context.Background(), s)
	require.NoError(t, err)
	require.True(t, in.Expires.IsZero())
}

// TestTipPercentBounds: a percentage fee of zero is no fee; a negative or
// unreadable percentage is an invalid 57.
func TestTipPercentBounds(t *testing.T) {
	base := fx.FromMinor(10000, thb)
	for _, c := range []struct {
		pct, fee string // fee "" when invalid
	}{
		{"0", "0.00 THB"},
		{"10", "10.00 THB"},
		{"0.5", "0.50 THB"},
		{"-1", ""},
		{"x", ""},
	} {
		res := &Result{Intent: Intent{Tip: Tip{Kind: TipPercentage, Percent: c.pct}}}
		fee, err := tipAmount(res, &Request{}, base)
		if c.fee == "" {
			var e *Error
			require.ErrorIs(t, err, ErrInvalidCode, c.pct)
			require.ErrorAs(t, err, &e)
			require.Equal(t, "57", e.Field)
			continue
		}
		require.NoError(t, err, c.pct)
		require.Equal(t, c.fee, fee.String(), c.pct)
	}
}
