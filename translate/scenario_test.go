package translate

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/wechat"
	"github.com/qrbridge/qrbridge/zeropay"
)

// Scenario 1: a Chinese tourist in Seoul. A WeChat user scans a Zero Pay
// sticker, the directory resolves the merchant, the payer enters ₩12,000,
// WeChat Pay gets a cross-border order in KRW and Zero Pay a result record.
func TestScenarioTouristInSeoul(t *testing.T) {
	tr := newTranslator(t)
	res, err := tr.Translate(context.Background(), sticker, Request{
		PayerScheme: "wechat", PayerCurrency: cny, Amount: fx.FromMinor(12000, krw),
		IdempotencyKey: "k1", Payer: "openid-1",
	})
	require.NoError(t, err)

	require.Equal(t, KindZeroPayStatic, res.Intent.Kind)
	require.Equal(t, "홍대 떡볶이", res.Intent.Merchant.Name)
	require.Equal(t, "5812", res.Intent.Merchant.MCC, "KSIC 56111 maps to restaurants")
	require.Equal(t, "CN-KR:wechat>zeropay", res.Corridor.ID)
	require.Equal(t, "openid-1", res.Request.Payer)

	// The quote: ₩12,000 fixed; 12000 / (191.5 × (1 - 0.005)) = 62.98 CNY.
	q := res.Quote
	require.Equal(t, fx.FixedDestination, q.Fixed)
	require.Equal(t, "12000 KRW", q.Destination.String())
	require.Equal(t, "62.98 CNY", q.Source.String())
	require.Equal(t, "q0000000000000001", q.ID)
	require.Equal(t, testNow.Add(10*time.Minute), q.ExpiresAt)
	require.Len(t, q.Steps, 2)

	// The merchant leg: the Zero Pay result record, KRW, operator PKW.
	require.Equal(t, "zeropay", res.MerchantLeg.Scheme)
	zr := res.MerchantLeg.Request.(*zeropay.Result)
	require.Equal(t, "202012AB0123", zr.MerchantID)
	require.Equal(t, "T000000000000001", zr.TerminalID)
	require.Equal(t, "12000 KRW", zr.Amount.String())
	require.Equal(t, "62.98 CNY", zr.Original.String())
	require.Equal(t, "PKW", zr.Operator.Operator())

	// The payer leg: the WeChat Pay order, fee_type KRW, total_fee in won.
	require.Equal(t, "wechat", res.PayerLeg.Scheme)
	require.Equal(t, "62.98 CNY", res.PayerLeg.Amount.String())
	wo := res.PayerLeg.Request.(*WeChatOrder)
	require.Equal(t, wechat.Institutional, wo.Merchant.Mode)
	require.Equal(t, "1900000109", wo.Merchant.SubMchID)
	require.Equal(t, "5812", wo.Order.MerchantCategoryCode)
	require.Equal(t, "홍대 떡볶이", wo.Order.Description)
	require.Equal(t, "QBq0000000000000001", wo.Order.OutTradeNo)
	minor, err := wo.Order.Total.Minor(fx.HalfEven)
	require.NoError(t, err)
	require.Equal(t, int64(12000), minor)
	require.Equal(t, "KRW", wo.Order.Total.Currency().Code())

	// The report accounts for the sticker's fields and the defaults.
	for src, want := range map[string]Mapping{
		"merchant_id":             {Target: "zeropay.Result.MerchantID", Action: Mapped, Reason: ReasonAccount},
		"terminal_id":             {Target: "zeropay.Result.TerminalID", Action: Mapped, Reason: ReasonCopied},
		"check":                   {Action: Dropped, Reason: ReasonCheckCharacters},
		"directory.name":          {Target: "wechat.description", Action: Defaulted, Reason: ReasonDirectory},
		"directory.industry_code": {Target: "wechat.merchant_category_code", Action: Defaulted, Reason: ReasonIndustryMCC},
		"request.amount":          {Target: "zeropay.Result.Amount", Action: Defaulted, Reason: ReasonPayerEntered},
		"(country)":               {Action: Dropped, Reason: ReasonNoTargetField},
	} {
		got, ok := res.Report.Find(src)
		require.True(t, ok, src)
		want.Source = src
		require.Equal(t, want, got, src)
	}
}

func TestScenarioTouristInSeoulFailures(t *testing.T) {
	tr := newTranslator(t)
	ctx := context.Background()
	req := Request{PayerScheme: "wechat", PayerCurrency: cny, Amount: fx.FromMinor(12000, krw)}
	for _, c := range []struct {
		name  string
		raw   string
		req   func(*Request)
		tr    func(*Translator)
		err   error
		field string
	}{
		{"no amount", sticker, func(r *Request) { r.Amount = fx.Amount{} }, nil, ErrAmountRequired, "amount"},
		{"amount in CNY", sticker, func(r *Request) { r.Amount = fx.FromMinor(100, cny) }, nil, ErrUnsupportedCurrency, "amount"},
		{"zero amount", sticker, func(r *Request) { r.Amount = fx.Zero(krw) }, nil, ErrInvalidAmount, "amount"},
		{"fractional won", sticker, func(r *Request) {
			r.Amount = fx.NewAmount(amount(t, "12000", krw).Decimal().Add(amount(t, "0.01", cny).Decimal()), krw)
		}, nil, ErrInvalidAmount, "amount"},
		{"tip", sticker, func(r *Request) { r.Tip = fx.FromMinor(1000, krw) }, nil, ErrTipNotAllowed, "tip"},
		{"no payer currency", sticker, func(r *Request) { r.PayerCurrency = fx.Currency{} }, nil, ErrUnsupportedCurrency, "payer_currency"},
		{"USD payer", sticker, func(r *Request) { r.PayerCurrency = fx.MustCurrency("USD") }, nil, ErrUnsupportedCorridor, "corridor"},
		{"unknown sticker", "1-ZP-202012AB0123-T000000000000009--ABCD", nil, nil, ErrMerchantUnavailable, "merchant_id"},
		{"no directory", sticker, nil, func(t *Translator) { t.Directory = nil }, ErrNotConfigured, "directory"},
		{"no quoter", sticker, nil, func(t *Translator) { t.Quoter = nil }, ErrNotConfigured, "quoter"},
		{"no payer scheme", sticker, func(r *Request) { r.PayerScheme = "" }, func(t *Translator) {
			t.Corridors = []Corridor{{ID: "any", PayerCurrency: cny, MerchantCurrency: krw, Fixed: fx.FixedDestination}}
		}, ErrUnsupportedScheme, "payer_scheme"},
		{"per-transaction cap", sticker, nil, func(t *Translator) {
			t.Corridors = []Corridor{{ID: "capped", PayerCurrency: cny, MerchantCurrency: krw, PerTransactionCap: fx.FromMinor(10000, krw)}}
		}, ErrOverCap, "amount"},
		{"cap in payer currency", sticker, nil, func(t *Translator) {
			t.Corridors = []Corridor{{ID: "capped", PayerCurrency: cny, MerchantCurrency: krw, PerTransactionCap: fx.FromMinor(5000, cny)}}
		}, ErrOverCap, "amount"},
		{"unknown code", "hello", nil, nil, ErrUnknownCode, "code"},
		{"consumer code", "134567890123456789", nil, nil, ErrUnsupportedScheme, "code"},
		{"unresolved code", "weixin://wxpay/bizpayurl?pr=nope", nil, nil, ErrUnknownCode, "code"},
		{"no resolver", "weixin://wxpay/bizpayurl?pr=nope", nil, func(t *Translator) { t.Resolver = nil }, ErrNotConfigured, "resolver"},
	} {
		t.Run(c.name, func(t *testing.T) {
			tr2 := *tr
			if c.tr != nil {
				c.tr(&tr2)
			}
			r := req
			if c.req != nil {
				c.req(&r)
			}
			_, err := tr2.Translate(ctx, c.raw, r)
			require.ErrorIs(t, err, c.err)
			var e *Error
			require.ErrorAs(t, err, &e)
			require.Equal(t, c.field, e.Field)
			require.True(t, strings.HasPrefix(err.Error(), "translate: "+c.field+": "), err.Error())
		})
	}
}
