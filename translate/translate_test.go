package translate

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/qrbridge/qrbridge/emvco/profile"
	"github.com/qrbridge/qrbridge/fx"
)

// promptpayWith returns a PromptPay code with the given extra root
// objects (a tip indicator and its value), built by the profile helpers.
func promptpayWith(t *testing.T, amount string, extra map[string]string) string {
	t.Helper()
	p, err := profile.PromptPayMobile("0812345678", amount)
	require.NoError(t, err)
	e := p.Edit()
	for path, v := range extra {
		e.Set(path, v)
	}
	s, err := e.Encode()
	require.NoError(t, err)
	return s
}

func TestTipPolicies(t *testing.T) {
	tr := newTranslator(t)
	ctx := context.Background()
	req := Request{PayerScheme: "debit", PayerCurrency: krw}
	for _, c := range []struct {
		name   string
		extra  map[string]string
		tip    fx.Amount
		total  string
		reason Reason
		err    error
	}{
		{"prompt, tip given", map[string]string{"55": "01"}, fx.FromMinor(500, thb), "105.00 THB", ReasonTipFixed, nil},
		{"prompt, no tip", map[string]string{"55": "01"}, fx.Amount{}, "100.00 THB", ReasonFee, nil},
		{"prompt, tip in another currency", map[string]string{"55": "01"}, fx.FromMinor(500, krw), "", "", ErrUnsupportedCurrency},
		{"prompt, negative tip", map[string]string{"55": "01"}, fx.FromMinor(-500, thb), "", "", ErrInvalidAmount},
		{"fixed fee", map[string]string{"55": "02", "56": "7.50"}, fx.Amount{}, "107.50 THB", ReasonFee, nil},
		{"fixed fee refuses a tip", map[string]string{"55": "02", "56": "7.50"}, fx.FromMinor(100, thb), "", "", ErrTipNotAllowed},
		{"percentage fee", map[string]string{"55": "03", "57": "3.5"}, fx.Amount{}, "103.50 THB", ReasonFee, nil},
		{"no tip indicator refuses a tip", nil, fx.FromMinor(100, thb), "", "", ErrTipNotAllowed},
	} {
		t.Run(c.name, func(t *testing.T) {
			raw := promptpayWith(t, "100.00", c.extra)
			r := req
			r.Tip = c.tip
			res, err := tr.Translate(ctx, raw, r)
			if c.err != nil {
				require.ErrorIs(t, err, c.err)
				return
			}
			require.NoError(t, err)
			require.Equal(t, c.total, res.Quote.Destination.String())
			require.Equal(t, c.total, res.MerchantLeg.Amount.String())
			if c.extra != nil {
				m, ok := res.Report.Find("55")
				require.True(t, ok)
				require.Equal(t, c.reason, m.Reason)
				require.Equal(t, "switch.amount", m.Target)
			}
		})
	}
}

func TestExpiredCode(t *testing.T) {
	p, err := profile.PayNowMobile("+6591234567", profile.PayNowOptions{Amount: "10.00", Expiry: "20261125"})
	require.NoError(t, err)
	tr := newTranslator(t)
	_, err = tr.Translate(context.Background(), p.String(), Request{PayerScheme: "debit", PayerCurrency: krw})
	require.ErrorIs(t, err, ErrExpiredCode)
	var e *Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, FieldExpires, e.Field)

	// Payable through the expiry day, Singapore time.
	tr.Now = func() time.Time { return time.Date(2026, 11, 25, 15, 59, 0, 0, time.UTC) }
	tr.Quoter.Now = tr.Now
	res, err := tr.Translate(context.Background(), p.String(), Request{PayerScheme: "debit", PayerCurrency: krw})
	require.NoError(t, err)
	require.Equal(t, time.Date(2026, 11, 25, 16, 0, 0, 0, time.UTC), res.Intent.Expires.UTC())
	tr.Now = func() time.Time { return time.Date(2026, 11, 25, 16, 0, 0, 0, time.UTC) }
	_, err = tr.Translate(context.Background(), p.String(), Request{PayerScheme: "debit", PayerCurrency: krw})
	require.ErrorIs(t, err, ErrExpiredCode)
}

// A Korean wallet pays a WeChat Pay merchant's code_url, which only the
// resolver can identify.
func TestResolvedWeChatMerchant(t *testing.T) {
	tr := newTranslator(t)
	const code = "weixin://wxpay/bizpayurl?pr=9xFPmlUzz"
	tr.Resolver.(*MemoryResolver).Put(code, Intent{
		Schemes: []string{"wechat"}, Dynamic: true, Currency: cny, Amount: amount(t, "88.00", cny),
		Merchant: Merchant{Name: "BEIJING DUCK", Country: "CN", MCC: "5812",
			Accounts: []Account{{Scheme: "wechat", Path: "code", ID: "1900000200"}}},
	})
	res, err := tr.Translate(context.Background(), code, Request{PayerScheme: "kpay", PayerCurrency: krw})
	require.NoError(t, err)
	require.Equal(t, KindWeChatCodeURL, res.Intent.Kind)
	require.Equal(t, code, res.Intent.Source)
	require.Equal(t, "wechat", res.MerchantLeg.Scheme)
	o := res.MerchantLeg.Request.(*WeChatOrder)
	require.Equal(t, "1900000200", o.Merchant.SubMchID)
	require.Equal(t, "88.00 CNY", o.Order.Total.String())
	require.Equal(t, "debit", res.PayerLeg.Scheme)
	for src, want := range map[string]Mapping{
		"code":                   {Target: "wechat.sub_mchid", Action: Mapped, Reason: ReasonResolver},
		"resolver.amount":        {Target: "wechat.amount.total", Action: Defaulted, Reason: ReasonResolver},
		"resolver.merchant.name": {Target: "wechat.description", Action: Defaulted, Reason: ReasonResolver},
	} {
		got, ok := res.Report.Find(src)
		require.True(t, ok, src)
		want.Source = src
		require.Equal(t, want, got, src)
	}

	// An Alipay+ code resolves, but no merchant leg is registered for it.
	const ap = "HTTPS://QR.EXAMPLE.COM/MPM/281004ABC"
	tr.Resolver.(*MemoryResolver).Put(ap, Intent{Schemes: []string{"alipayplus"}, Currency: cny,
		Merchant: Merchant{Country: "CN", Accounts: []Account{{Scheme: "alipayplus", ID: "m1"}}}})
	_, err = tr.Translate(context.Background(), ap, Request{PayerScheme: "kpay", PayerCurrency: krw, Amount: amount(t, "10.00", cny)})
	require.ErrorIs(t, err, ErrUnsupportedScheme)
	// Registering one is one map entry.
	tr.MerchantLegs = map[string]LegBuilder{"alipayplus": debitLeg}
	_, err = tr.Translate(context.Background(), ap, Request{PayerScheme: "kpay", PayerCurrency: krw, Amount: amount(t, "10.00", cny)})
	require.NoError(t, err)
}

func TestResolverFunc(t *testing.T) {
	var got Kind
	r := CodeResolverFunc(func(_ context.Context, k Kind, _ string) (Intent, error) {
		got = k
		return Intent{}, nil
	})
	_, err := r.Resolve(context.Background(), KindURL, "https://x")
	require.NoError(t, err)
	require.Equal(t, KindURL, got)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var m MemoryResolver
	_, err = m.Resolve(ctx, KindURL, "x")
	require.ErrorIs(t, err, context.Canceled)
}

func TestIntentOnly(t *testing.T) {
	tr := newTranslator(t)
	in, rep, err := tr.Intent(context.Background(), sticker)
	require.NoError(t, err)
	require.Equal(t, "5812", in.Merchant.MCC)
	m, ok := rep.Find("directory.industry_code")
	require.True(t, ok)
	require.Equal(t, FieldMCC, m.Target, "before the legs, targets are intent fields")

	// An industry code the mapper does not know is dropped, never guessed.
	tr.Industries = industryNone{}
	in, rep, err = tr.Intent(context.Background(), sticker)
	require.NoError(t, err)
	require.Empty(t, in.Merchant.MCC)
	m, _ = rep.Find("directory.industry_code")
	require.Equal(t, Dropped, m.Action)
}

type industryNone struct{}

func (industryNone) MCC(string) (string, bool) { return "", false }

func TestCustomProfiles(t *testing.T) {
	tr := newTranslator(t)
	tr.Profiles = profile.New() // knows no national scheme
	p, err := profile.PromptPayMobile("0812345678", "100.00")
	require.NoError(t, err)
	in, _, err := tr.Intent(context.Background(), p.String())
	require.NoError(t, err)
	require.Empty(t, in.Schemes)
	require.Empty(t, in.Merchant.Accounts[0].Scheme)
	require.Equal(t, []string{"promptpay"}, Detect(p.String()).Schemes, "Detect uses the built-in profiles")
}
