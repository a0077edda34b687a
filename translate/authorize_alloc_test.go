package translate_test

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/translate"
)

// TestAuthorizationAllocs holds the payment's hot path to its budgets:
// RequestHash allocates only the hex digest it returns, and MarshalBinary
// of an approval only the buffer it returns, for amounts and
// rates of up to 18 digits (the slower general paths give the same text).
func TestAuthorizationAllocs(t *testing.T) {
	for _, won := range []int64{12000, 1 << 53} { // shopspring's NumDigits allocates past 2^53
		r := payment("k1", "p1", 12000)
		r.MerchantLeg.Amount = fx.FromMinor(won, krw)
		want := translate.RequestHash(r)
		if n := testing.AllocsPerRun(100, func() {
			if translate.RequestHash(r) != want {
				t.Fatal("RequestHash changed")
			}
		}); n > 1 {
			t.Errorf("RequestHash of %d KRW: %v allocations, want at most 1", won, n)
		}
	}

	a := translate.Authorization{Outcome: translate.OutcomeApproved, Scheme: "wechat", Reference: "QB1", SchemeRef: "4200",
		QuoteID: "q1", Charged: fx.FromMinor(6240, cny), At: time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC),
		Rate: fx.Rate{Base: krw, Quote: cny, Value: decimal.RequireFromString("0.0052")}}
	first, err := a.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	const wantJSON = `{"outcome":"approved","scheme":"wechat","reference":"QB1","scheme_ref":"4200","quote_id":"q1",` +
		`"charged":{"amount":"62.40","currency":"CNY"},"rate":{"base":"KRW","quote":"CNY","value":"0.0052"},"at":"2026-12-01T09:30:00Z"}`
	if string(first) != wantJSON {
		t.Fatalf("MarshalBinary = %s\nwant %s", first, wantJSON)
	}
	for _, v := range []string{"0.0052", "192.3", "100", "12000.5"} {
		a.Rate.Value = decimal.RequireFromString(v)
		if n := testing.AllocsPerRun(100, func() {
			if b, err := a.MarshalBinary(); err != nil || len(b) < len(wantJSON)-10 {
				t.Fatalf("MarshalBinary = %s, %v", b, err)
			}
		}); n > 1 {
			t.Errorf("MarshalBinary with a rate of %s: %v allocations, want at most 1", v, n)
		}
	}
}
