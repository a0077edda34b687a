package translate

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/wechat"
	"github.com/qrbridge/qrbridge/zeropay"
)

// The test clock, the day the rate table below is dated.
var testNow = time.Date(2026, 11, 26, 3, 0, 0, 0, time.UTC)

var (
	cny = fx.MustCurrency("CNY")
	thb = fx.MustCurrency("THB")
	sgd = fx.MustCurrency("SGD")
	hkd = fx.MustCurrency("HKD")
)

// sticker is a sample Zero Pay static sticker (its check characters are a
// fixture: the Annex B algorithm is not public).
const sticker = "1-ZP-202012AB0123-T000000000000001--ABCD"

func mustRate(t testing.TB, s string, base, quote fx.Currency) fx.Rate {
	r, err := fx.ParseRate(s, base, quote)
	require.NoError(t, err)
	r.AsOf, r.Source = testNow, "test table"
	return r
}

func amount(t testing.TB, s string, c fx.Currency) fx.Amount {
	a, err := fx.ParseAmount(s, c)
	require.NoError(t, err)
	return a
}

// rates is a small static table of test rates (invented figures, not
// market data).
func rates(t testing.TB) *fx.Static {
	return fx.NewStatic(
		mustRate(t, "191.5", cny, krw),
		mustRate(t, "4.85", cny, thb),
		mustRate(t, "0.0239", krw, thb),
		mustRate(t, "0.00092", krw, sgd),
		mustRate(t, "0.0031", krw, fx.MustCurrency("MYR")),
		mustRate(t, "18.2", krw, fx.MustCurrency("VND")),
		mustRate(t, "11.3", krw, fx.MustCurrency("IDR")),
		mustRate(t, "0.0053", krw, cny),
		mustRate(t, "0.6", cny, fx.MustCurrency("MYR")),
		mustRate(t, "0.18", cny, sgd),
		mustRate(t, "3550", cny, fx.MustCurrency("VND")),
		mustRate(t, "2250", cny, fx.MustCurrency("IDR")),
		mustRate(t, "25.8", sgd, thb),
		mustRate(t, "4.4", hkd, thb),
		mustRate(t, "0.039", thb, sgd),
	)
}

// newTranslator returns a Translator on in-memory parts: the sample
// directory, the rate table, a 10-minute quote with one margin, and a
// fixed clock and quote ID.
func newTranslator(t testing.TB) *Translator {
	dir, err := zeropay.NewMemory(
		[]zeropay.Merchant{{BusinessNumber: "1208812345", ID: "202012AB0123", Name: "홍대 떡볶이", IndustryCode: "56111"}},
		[]zeropay.QRRecord{{QR: sticker, MerchantID: "202012AB0123", IssueDate: "20201201"}},
	)
	require.NoError(t, err)
	clock := func() time.Time { return testNow }
	return &Translator{
		Quoter: &fx.Quoter{
			Provider: rates(t), Margins: []fx.MarginStep{{Name: "wallet margin", BasisPoints: 50}},
			TTL: 10 * time.Minute, Now: clock, NewID: func() string { return "q0000000000000001" },
		},
		Directory: dir,
		Resolver:  &MemoryResolver{},
		WeChat:    wechat.Merchant{AppID: "wx2421b1c4370ec43b", MchID: "10000100", SubMchID: "1900000109"},
		Now:       clock,
	}
}

// scenario1Request is the WeChat user's request: ₩12,000 entered.
func scenario1Request() Request {
	return Request{PayerScheme: "wechat", PayerCurrency: cny, Amount: fx.FromMinor(12000, krw), IdempotencyKey: "k1", Payer: "openid-1"}
}
