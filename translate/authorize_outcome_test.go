package translate_test

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/translate"
)

// TestOutcomeNames: the four names and nothing past them.
func TestOutcomeNames(t *testing.T) {
	for o, want := range map[translate.Outcome]string{
		translate.OutcomeUnknown: "unknown", translate.OutcomeApproved: "approved", translate.OutcomePending: "pending",
		translate.OutcomeDeclined: "declined", translate.OutcomeDeclined + 1: "unknown", 255: "unknown",
	} {
		if got := o.String(); got != want {
			t.Errorf("Outcome(%d).String() = %q, want %q", uint8(o), got, want)
		}
		b, err := o.MarshalText()
		if err != nil || string(b) != want {
			t.Errorf("Outcome(%d).MarshalText() = %s, %v", uint8(o), b, err)
		}
	}
	for _, bad := range []string{"", "Approved", "approved ", "4"} {
		o := translate.OutcomePending
		err := o.UnmarshalText([]byte(bad))
		var e *translate.Error
		if !errors.As(err, &e) || e.Field != "outcome" || !errors.Is(err, translate.ErrInvalid) || o != translate.OutcomePending {
			t.Errorf("UnmarshalText(%q) = %v, left %v", bad, err, o)
		}
	}
}

// TestCheckChargeBounds: one minor unit either way is accepted, two are
// not, the currency must be the quote's, and the rate is checked in
// either orientation.
func TestCheckChargeBounds(t *testing.T) {
	q := payment("k1", "p1", 12000).Quote // 12000 KRW for 62.40 CNY at 0.0052
	rate := func(base, quote fx.Currency, v string) fx.Rate {
		return fx.Rate{Base: base, Quote: quote, Value: decimal.RequireFromString(v)}
	}
	usd := fx.MustCurrency("USD")
	inverse, err := q.Rate.Inverse()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name    string
		charged fx.Amount
		rate    fx.Rate
		field   string // "" for no error
	}{
		{"exact, no rate", fx.FromMinor(6240, cny), fx.Rate{}, ""},
		{"one minor unit over", fx.FromMinor(6241, cny), fx.Rate{}, ""},
		{"one minor unit under", fx.FromMinor(6239, cny), fx.Rate{}, ""},
		{"two minor units over", fx.FromMinor(6242, cny), fx.Rate{}, "amount"},
		{"two minor units under", fx.FromMinor(6238, cny), fx.Rate{}, "amount"},
		{"other currency", fx.FromMinor(6240, usd), fx.Rate{}, "currency"},
		{"quote's rate", fx.FromMinor(6240, cny), rate(krw, cny, "0.0052"), ""},
		{"inverse rate", fx.FromMinor(6240, cny), rate(cny, krw, "192.3076923"), ""},
		{"rate one minor unit off", fx.FromMinor(6241, cny), rate(krw, cny, "0.0052"), ""},
		{"rate giving 62.52", fx.FromMinor(6240, cny), rate(krw, cny, "0.00521"), "rate"},
		{"inverse rate giving 63.16", fx.FromMinor(6240, cny), rate(cny, krw, "190"), "rate"},
		{"rate of other currencies", fx.FromMinor(6240, cny), rate(usd, cny, "7.1"), "rate"},
		{"rate into another currency", fx.FromMinor(6240, cny), rate(krw, usd, "0.0052"), "rate"},
		{"negative rate", fx.FromMinor(6240, cny), rate(cny, krw, "-192"), "rate"},
		{"the quote's own rate", fx.FromMinor(6240, cny), q.Rate, ""},
		{"the quote's rate inverted", fx.FromMinor(6240, cny), inverse, ""},
		{"rate ten times off", fx.FromMinor(6240, cny), rate(krw, cny, "0.52"), "rate"},
		{"rate of another pair", fx.FromMinor(6240, cny), rate(usd, cny, "7"), "rate"},
	} {
		err := translate.CheckCharge(q, c.charged, c.rate)
		var ce *translate.ChargeError
		switch {
		case c.field == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.field != "" && (!errors.As(err, &ce) || ce.Field != c.field || !errors.Is(err, translate.ErrChargeMismatch)):
			t.Errorf("%s: %v, want a *ChargeError on %s", c.name, err, c.field)
		}
	}
}

// TestAuthorizationErrOutcomes: the error that goes with each outcome.
func TestAuthorizationErrOutcomes(t *testing.T) {
	cause := errors.New("connection reset")
	joined := errors.Join(translate.ErrOutcomeUnknown, cause)
	decline := &translate.DeclineError{Scheme: "wechat", Code: "NOTENOUGH"}
	for _, c := range []struct {
		name string
		a    translate.Authorization
		is   []error // nil: no error
		same error   // the very error returned, when set
	}{
		{"approved", translate.Authorization{Outcome: translate.OutcomeApproved}, nil, nil},
		{"pending with a reason", translate.Authorization{Outcome: translate.OutcomePending, Reason: cause}, []error{cause}, cause},
		{"declined", translate.Authorization{Outcome: translate.OutcomeDeclined}, []error{translate.ErrDeclined}, translate.ErrDeclined},
		{"declined with a reason", translate.Authorization{Outcome: translate.OutcomeDeclined, Reason: decline}, []error{translate.ErrDeclined}, decline},
		{"unknown", translate.Authorization{}, []error{translate.ErrOutcomeUnknown}, translate.ErrOutcomeUnknown},
		{"unknown with a cause", translate.Authorization{Reason: cause}, []error{translate.ErrOutcomeUnknown, cause}, nil},
		{"unknown already marked", translate.Authorization{Reason: joined}, []error{translate.ErrOutcomeUnknown, cause}, joined},
		{"past the names", translate.Authorization{Outcome: 9, Reason: cause}, []error{translate.ErrOutcomeUnknown, cause}, nil},
	} {
		err := c.a.Err()
		if c.is == nil && err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
		for _, want := range c.is {
			if !errors.Is(err, want) {
				t.Errorf("%s: %v does not match %v", c.name, err, want)
			}
		}
		if c.same != nil && err != c.same {
			t.Errorf("%s: %v, want exactly %v", c.name, err, c.same)
		}
		if c.a.Approved() != (c.a.Outcome == translate.OutcomeApproved) {
			t.Errorf("%s: Approved() = %v", c.name, c.a.Approved())
		}
	}
}
