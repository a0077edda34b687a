package translate_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/translate"
)

func TestAuthorizationRoundTrip(t *testing.T) {
	at := time.Date(2026, 12, 1, 9, 30, 0, 123456789, time.UTC)
	rate := fx.Rate{Base: krw, Quote: cny, Value: decimal.RequireFromString("0.0052"), AsOf: at, Source: "wechat"}
	for _, c := range []struct {
		name string
		a    translate.Authorization
		is   error
	}{
		{"approved", translate.Authorization{Outcome: translate.OutcomeApproved, Scheme: "wechat", Reference: "QB\"1\\\n<x>",
			SchemeRef: "4200", QuoteID: "q1", Charged: fx.FromMinor(6240, cny), Rate: rate, At: at}, nil},
		{"declined", translate.Authorization{Outcome: translate.OutcomeDeclined, Scheme: "wechat",
			Reason: &translate.DeclineError{Scheme: "wechat", Code: "NOTENOUGH", Err: errors.New("x")}, At: at}, translate.ErrDeclined},
		{"limit", translate.Authorization{Outcome: translate.OutcomeDeclined, Scheme: "translate",
			Reason: &translate.LimitError{Scope: "payer", Corridor: "c", Day: "2026-12-01", Limit: 5, Used: 4, Amount: 2}, At: at}, translate.ErrLimitExceeded},
		{"sentinel", translate.Authorization{Outcome: translate.OutcomeDeclined, Reason: &translate.Error{Field: "quote", Err: translate.ErrQuoteUsed}, At: at}, translate.ErrQuoteUsed},
		{"other", translate.Authorization{Outcome: translate.OutcomeDeclined, Reason: errors.New("strange"), At: at}, nil},
		{"negative and tiny", translate.Authorization{Outcome: translate.OutcomeApproved, Charged: fx.FromMinor(-5, cny), At: at}, nil},
		{"large", translate.Authorization{Outcome: translate.OutcomeApproved, Charged: fx.FromMinor(translate.MaxMinorUnits, krw), At: at}, nil},
	} {
		b, err := c.a.MarshalBinary()
		if err != nil || !json.Valid(b) {
			t.Fatalf("%s: %s, %v", c.name, b, err)
		}
		var back translate.Authorization
		if err := back.UnmarshalBinary(b); err != nil {
			t.Fatalf("%s: %v in %s", c.name, err, b)
		}
		if back.Outcome != c.a.Outcome || back.Reference != c.a.Reference || !back.At.Equal(c.a.At) ||
			back.Charged.String() != amountString(c.a.Charged) || back.Rate.Value.String() != c.a.Rate.Value.String() ||
			!back.Rate.AsOf.Equal(c.a.Rate.AsOf) || back.Rate.Source != c.a.Rate.Source {
			t.Errorf("%s: round trip %s", c.name, b)
		}
		if c.is != nil && !errors.Is(back.Err(), c.is) {
			t.Errorf("%s: replayed error %v does not match %v", c.name, back.Err(), c.is)
		}
		if (c.a.Reason == nil) != (back.Reason == nil) || (c.a.Reason != nil && back.Reason.Error() == "") {
			t.Errorf("%s: reason %v became %v", c.name, c.a.Reason, back.Reason)
		}
	}
	var a translate.Authorization
	if err := a.UnmarshalBinary([]byte(`{"outcome":"yes"}`)); err == nil {
		t.Error("an unknown outcome decoded")
	}
}

// TestNumberForm checks the hand-written amount form against fx's own.
func TestNumberForm(t *testing.T) {
	bhd := fx.MustCurrency("BHD")
	for _, s := range []string{"0", "0.01", "1", "62.40", "12000", "0.5", "123456789012.34", "-3.07", "7.000"} {
		for _, cur := range []fx.Currency{cny, krw, bhd} {
			d := decimal.RequireFromString(s)
			a := fx.NewAmount(d, cur)
			want := a.Number()
			b, _ := translate.Authorization{Outcome: translate.OutcomeApproved, Charged: a}.MarshalBinary()
			var j struct {
				Charged struct{ Amount string } `json:"charged"`
			}
			if err := json.Unmarshal(b, &j); err != nil || j.Charged.Amount != want {
				t.Errorf("%s %s: %q, want %q", s, cur, j.Charged.Amount, want)
			}
		}
	}
}

func amountString(a fx.Amount) string {
	if a.Currency().IsZero() {
		return fx.Amount{}.String()
	}
	return a.String()
}

// TestRateForm checks the hand-written rate form against decimal's own.
func TestRateForm(t *testing.T) {
	for _, s := range []string{"0.0052", "0.00520", "191.5", "192.3076923076923077", "1", "100", "1e5", "-0.5", "0", "123456789012345678901234.5", "0.000000000001"} {
		d := decimal.RequireFromString(s)
		a := translate.Authorization{Rate: fx.Rate{Base: krw, Quote: cny, Value: d}}
		b, _ := a.MarshalBinary()
		var j struct {
			Rate struct{ Value string } `json:"rate"`
		}
		if err := json.Unmarshal(b, &j); err != nil || j.Rate.Value != d.String() {
			t.Errorf("%s: %q, want %q", s, j.Rate.Value, d.String())
		}
	}
}
