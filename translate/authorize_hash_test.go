package translate_test

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/translate"
)

// TestRequestHashEqualAmounts: equal amounts and rates hash alike whatever
// their decimal representation, also when one form's coefficient has more
// than 18 digits.
func TestRequestHashEqualAmounts(t *testing.T) {
	base := payment("k1", "p1", 12000)
	for _, c := range []struct{ name, merchant, rate string }{
		{"two decimals", "12000.00", "0.0052"},
		{"trailing zeros in the rate", "12000", "0.00520"},
		{"21-digit coefficient", "12000.0000000000000000", "0.0052"},
		{"22-digit rate coefficient", "12000", "0.0052000000000000000000"},
		{"exponent form", "1.2e4", "52e-4"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := *base
			r.MerchantLeg.Amount = fx.NewAmount(decimal.RequireFromString(c.merchant), krw)
			r.Quote.Rate.Value = decimal.RequireFromString(c.rate)
			if got, want := translate.RequestHash(&r), translate.RequestHash(base); got != want {
				t.Errorf("RequestHash = %s, want %s (the same amounts)", got, want)
			}
			if got, want := translate.QuoteDigest(r.Quote), translate.QuoteDigest(base.Quote); got != want {
				t.Errorf("QuoteDigest = %s, want %s (the same terms)", got, want)
			}
		})
	}
}

// TestRequestHashEqualForms: pairs of equal amounts, one of them past 18
// digits, hash alike.
func TestRequestHashEqualForms(t *testing.T) {
	for _, c := range [][2]string{
		{"-123456789012345678", "-123456789012345678.000"},
		{"123456789012345678", "123456789012345678.0000"},
		{"1234567890123456789", "1234567890123456789.00"},
		{"-1234567890123456789", "-1234567890123456789.00"},
		{"0.000000000000000000001", "0.00000000000000000000100000000000000000000"},
	} {
		r1, r2 := payment("k1", "p1", 12000), payment("k1", "p1", 12000)
		r2.Quote = r1.Quote
		r1.MerchantLeg.Amount = fx.NewAmount(decimal.RequireFromString(c[0]), krw)
		r2.MerchantLeg.Amount = fx.NewAmount(decimal.RequireFromString(c[1]), krw)
		if translate.RequestHash(r1) != translate.RequestHash(r2) {
			t.Errorf("%s and %s hash apart", c[0], c[1])
		}
	}
}

// TestRequestHashStable: the fingerprints are kept by the idempotency and
// quote stores, so they do not change from one version to the next. (The
// third changed once, when an amount whose coefficient reduces to 18
// digits began to hash like its short form.)
func TestRequestHashStable(t *testing.T) {
	at := time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)
	q := fx.Quote{ID: "q1", Source: fx.FromMinor(6240, cny), Destination: fx.FromMinor(12000, krw), Fixed: fx.FixedDestination,
		Rate: fx.Rate{Base: krw, Quote: cny, Value: decimal.RequireFromString("0.0052")}, CreatedAt: at, ExpiresAt: at.Add(time.Minute)}
	r := &translate.Result{
		Intent:      translate.Intent{Merchant: translate.Merchant{Terminal: "T1", Accounts: []translate.Account{{Scheme: "zeropay", ID: "1234567890"}}}},
		Corridor:    translate.Corridor{ID: "CNY-KRW"},
		Quote:       q,
		MerchantLeg: translate.Leg{Scheme: "zeropay", Amount: q.Destination},
		PayerLeg:    translate.Leg{Scheme: "wechat", Amount: q.Source},
		Request:     translate.Request{IdempotencyKey: "k1", Payer: "openid-1"},
	}
	big := *r
	big.Quote.Rate.Value = decimal.RequireFromString("192.3076923076923077") // 19 digits
	big.MerchantLeg.Amount = fx.NewAmount(decimal.RequireFromString("-12000.5000000000000000000"), krw)
	for _, c := range []struct{ name, got, want string }{
		{"RequestHash", translate.RequestHash(r), "551ca932954c0e1a8aa928d5284856bc"},
		{"QuoteDigest", translate.QuoteDigest(r.Quote), "8b901e25a34b94ac214c0c509298d0c5"},
		{"RequestHash past 18 digits", translate.RequestHash(&big), "5ad895ef7cb05ec12d85dbfa8b0075ed"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %s, want %s", c.name, c.got, c.want)
		}
	}
}

// TestRequestHashFields: every part of the fingerprint changes it, and
// parts cannot shift into each other.
func TestRequestHashFields(t *testing.T) {
	base := payment("k1", "p1", 12000)
	big := decimal.RequireFromString("1234567890123456789012.5")
	for _, c := range []struct {
		name  string
		edit  func(r *translate.Result)
		quote bool // the change is in the quote's terms
	}{
		{"corridor", func(r *translate.Result) { r.Corridor.ID = "CNY-KRX" }, false},
		{"corridor into merchant scheme", func(r *translate.Result) { r.Corridor.ID += "z"; r.MerchantLeg.Scheme = "eropay" }, false},
		{"merchant scheme", func(r *translate.Result) { r.MerchantLeg.Scheme = "emvco" }, false},
		{"merchant amount", func(r *translate.Result) { r.MerchantLeg.Amount = fx.FromMinor(12001, krw) }, false},
		{"merchant amount exponent", func(r *translate.Result) { r.MerchantLeg.Amount = fx.FromMinor(1200, krw) }, false},
		{"merchant amount sign", func(r *translate.Result) { r.MerchantLeg.Amount = fx.FromMinor(-12000, krw) }, false},
		{"merchant currency", func(r *translate.Result) { r.MerchantLeg.Amount = fx.FromMinor(12000, cny) }, false},
		{"merchant amount past 18 digits", func(r *translate.Result) { r.MerchantLeg.Amount = fx.NewAmount(big, krw) }, false},
		{"payer scheme", func(r *translate.Result) { r.PayerLeg.Scheme = "alipay" }, false},
		{"payer amount", func(r *translate.Result) { r.PayerLeg.Amount = fx.FromMinor(6241, cny) }, false},
		{"account scheme", func(r *translate.Result) {
			r.Intent.Merchant.Accounts = []translate.Account{{Scheme: "emvco", ID: "1234567890"}}
		}, false},
		{"account id", func(r *translate.Result) {
			r.Intent.Merchant.Accounts = []translate.Account{{Scheme: "zeropay", ID: "1234567891"}}
		}, false},
		{"no account", func(r *translate.Result) { r.Intent.Merchant.Accounts = nil }, false},
		{"terminal", func(r *translate.Result) { r.Intent.Merchant.Terminal = "T1" }, false},
		{"payer", func(r *translate.Result) { r.Request.Payer = "p2" }, false},
		{"quote id", func(r *translate.Result) { r.Quote.ID += "x" }, true},
		{"quote source", func(r *translate.Result) { r.Quote.Source = fx.FromMinor(6241, cny) }, true},
		{"quote destination", func(r *translate.Result) { r.Quote.Destination = fx.FromMinor(12001, krw) }, true},
		{"quote fixed side", func(r *translate.Result) { r.Quote.Fixed = fx.FixedSource }, true},
		{"rate base", func(r *translate.Result) { r.Quote.Rate.Base = fx.MustCurrency("USD") }, true},
		{"rate quote", func(r *translate.Result) { r.Quote.Rate.Quote = fx.MustCurrency("USD") }, true},
		{"rate value", func(r *translate.Result) { r.Quote.Rate.Value = decimal.RequireFromString("0.0053") }, true},
		{"rate exponent", func(r *translate.Result) { r.Quote.Rate.Value = decimal.RequireFromString("0.052") }, true},
		{"rate value past 18 digits", func(r *translate.Result) { r.Quote.Rate.Value = big }, true},
		{"expiry", func(r *translate.Result) { r.Quote.ExpiresAt = r.Quote.ExpiresAt.Add(time.Nanosecond) }, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := *base
			r.Intent.Merchant.Accounts = append([]translate.Account(nil), base.Intent.Merchant.Accounts...)
			c.edit(&r)
			if translate.RequestHash(&r) == translate.RequestHash(base) {
				t.Error("RequestHash did not change")
			}
			if same := translate.QuoteDigest(r.Quote) == translate.QuoteDigest(base.Quote); same == c.quote {
				t.Errorf("QuoteDigest unchanged = %v, want %v", same, !c.quote)
			}
		})
	}
	// Zero is zero whatever its exponent.
	z1, z2 := *base, *base
	z1.Quote.Rate.Value, z2.Quote.Rate.Value = decimal.RequireFromString("0"), decimal.RequireFromString("0.000")
	if translate.QuoteDigest(z1.Quote) != translate.QuoteDigest(z2.Quote) {
		t.Error("QuoteDigest of a zero rate depends on its exponent")
	}
	// The idempotency key is not part of the request: a retry under
	// another key is the same payment.
	r := *base
	r.Request.IdempotencyKey = "k2"
	if translate.RequestHash(&r) != translate.RequestHash(base) {
		t.Error("the idempotency key changed RequestHash")
	}
}
