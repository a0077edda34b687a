package translate_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/translate"
	"github.com/qrbridge/qrbridge/zeropay"
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
	for _, s := range []string{"0", "0.01", "1", "62.40", "12000", "0.5", "123456789012.34", "-3.07", "7.000",
		"1e20", "123456789012345678", "1234567890123456789", "1234567890123456.78", "-1e17", "0.000000000000000000001"} {
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

// TestAuthorizationTextEscaped: the hand-written JSON escapes quotes,
// backslashes and control characters, and writes <, > and & as \u00XX as
// encoding/json does, so a stored record is valid and HTML-safe.
func TestAuthorizationTextEscaped(t *testing.T) {
	const ref = "a\"b\\c<d>e&f\x01\x1f g\x7fé"
	b, err := translate.Authorization{Reference: ref, SchemeRef: " "}.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	const want = `"reference":"a\"b\\c\u003cd\u003ee\u0026f\u0001\u001f g` + "\x7fé" + `","scheme_ref":" "`
	if !strings.Contains(string(b), want) {
		t.Fatalf("MarshalBinary = %s\nwant it to hold %s", b, want)
	}
	var back translate.Authorization
	if err := back.UnmarshalBinary(b); err != nil || back.Reference != ref || back.SchemeRef != " " {
		t.Fatalf("back = %q %q, %v", back.Reference, back.SchemeRef, err)
	}
}

// TestAuthorizationFieldsKept: every field MarshalBinary writes comes
// back, and empty ones are left out.
func TestAuthorizationFieldsKept(t *testing.T) {
	at := time.Date(2026, 12, 1, 9, 30, 0, 5, time.FixedZone("KST", 9*3600))
	op, _ := zeropay.ParseOperator("PKW")
	rec := &zeropay.Result{MerchantID: "202012AB0123", TerminalID: "T000000000000001", Amount: fx.FromMinor(12000, krw),
		ApprovalNumber: "A1", Operator: op, Time: at, Original: fx.FromMinor(6240, cny)}
	a := translate.Authorization{Outcome: translate.OutcomePending, Scheme: "wechat", Reference: "QB1", SchemeRef: "4200",
		QuoteID: "q1", Charged: fx.FromMinor(6240, cny), Record: rec, At: at,
		Rate: fx.Rate{Base: krw, Quote: cny, Value: decimal.RequireFromString("0.0052")}}
	b, err := a.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var back translate.Authorization
	if err := back.UnmarshalBinary(b); err != nil {
		t.Fatalf("%v in %s", err, b)
	}
	got, ok := back.Record.(*zeropay.Result)
	if back.Outcome != a.Outcome || back.Scheme != a.Scheme || back.SchemeRef != a.SchemeRef || back.QuoteID != a.QuoteID ||
		back.Charged.String() != "62.40 CNY" || back.Rate.Base != krw || back.Rate.Quote != cny || !back.Rate.AsOf.IsZero() ||
		!ok || got.ApprovalNumber != "A1" || !got.Time.Equal(at) || !back.At.Equal(at) || back.Reason != nil {
		t.Fatalf("round trip of %s = %+v", b, back)
	}
	for _, absent := range []string{"as_of", "source", "reason"} {
		if strings.Contains(string(b), absent) {
			t.Errorf("%s written for an empty field: %s", absent, b)
		}
	}
	b, _ = translate.Authorization{}.MarshalBinary()
	if want := `{"outcome":"unknown","at":"0001-01-01T00:00:00Z"}`; string(b) != want {
		t.Errorf("zero Authorization = %s, want %s", b, want)
	}
	b, _ = translate.Authorization{Record: (*zeropay.Result)(nil), Charged: fx.Amount{}}.MarshalBinary()
	if strings.Contains(string(b), "zeropay_result") || strings.Contains(string(b), "charged") {
		t.Errorf("a nil record or zero charge written: %s", b)
	}
}

// TestReasonReplayed: every sentinel a stored reason can name matches
// again after the round trip, with its message; a reason of no known kind
// keeps only its message.
func TestReasonReplayed(t *testing.T) {
	for _, sentinel := range []error{translate.ErrQuoteUsed, translate.ErrQuoteMismatch, translate.ErrQuoteExpired,
		translate.ErrLimitExceeded, translate.ErrChargeMismatch, translate.ErrDeclined, translate.ErrOutcomeUnknown,
		translate.ErrInvalid, translate.ErrInProgress, translate.ErrIdempotencyConflict, translate.ErrStore,
		translate.ErrUnsupportedCorridor, translate.ErrOverCap, translate.ErrRelay, translate.ErrUnsupportedScheme} {
		reason := fmt.Errorf("wrapped: %w", sentinel)
		b, _ := translate.Authorization{Outcome: translate.OutcomeDeclined, Reason: reason}.MarshalBinary()
		var back translate.Authorization
		if err := back.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		if !errors.Is(back.Reason, sentinel) || back.Reason.Error() != reason.Error() {
			t.Errorf("%v came back as %v", sentinel, back.Reason)
		}
		for _, other := range []error{translate.ErrQuoteUsed, translate.ErrUnsupportedScheme} {
			if other != sentinel && errors.Is(back.Reason, other) {
				t.Errorf("%v came back matching %v", sentinel, other)
			}
		}
	}
	de := &translate.DeclineError{Scheme: "wechat", Code: "NOTENOUGH"}
	le := &translate.LimitError{Scope: "corridor", Corridor: "CNY-KRW", Day: "2026-12-01", Limit: 9, Used: 8, Amount: 3}
	for _, c := range []struct {
		stored string
		check  func(error) bool
	}{
		{`{"outcome":"declined","reason":{"kind":"decline","scheme":"wechat","code":"NOTENOUGH"}}`, func(err error) bool {
			var got *translate.DeclineError
			return errors.As(err, &got) && *got == *de
		}},
		{`{"outcome":"declined","reason":{"kind":"limit","scope":"corridor","corridor":"CNY-KRW","day":"2026-12-01","limit":9,"used":8,"amount":3}}`, func(err error) bool {
			var got *translate.LimitError
			return errors.As(err, &got) && *got == *le
		}},
		{`{"outcome":"declined","reason":{"kind":"sentinel","sentinel":"no_such","message":"m"}}`, func(err error) bool {
			return err.Error() == "m" && errors.Unwrap(err) == nil
		}},
		{`{"outcome":"declined","reason":{"kind":"other","message":"strange"}}`, func(err error) bool {
			return err.Error() == "strange" && errors.Unwrap(err) == nil && !errors.Is(err, translate.ErrDeclined)
		}},
	} {
		var back translate.Authorization
		if err := back.UnmarshalBinary([]byte(c.stored)); err != nil || back.Reason == nil || !c.check(back.Reason) {
			t.Errorf("%s decoded to %#v, %v", c.stored, back.Reason, err)
		}
	}
	// A decline and a limit are written as what they are.
	for _, reason := range []error{de, le} {
		b, _ := translate.Authorization{Outcome: translate.OutcomeDeclined, Reason: fmt.Errorf("x: %w", reason)}.MarshalBinary()
		var back translate.Authorization
		if err := back.UnmarshalBinary(b); err != nil || fmt.Sprint(back.Reason) != reason.Error() {
			t.Errorf("%v came back as %v (%s)", reason, back.Reason, b)
		}
	}
}

// TestAuthorizationDecodeErrors: a stored rate that does not decode is an
// error, never a zero rate.
func TestAuthorizationDecodeErrors(t *testing.T) {
	for _, stored := range []string{
		`{"outcome":"approved","rate":{"base":"XXX","quote":"CNY","value":"1"}}`,
		`{"outcome":"approved","rate":{"base":"KRW","quote":"XXX","value":"1"}}`,
		`{"outcome":"approved","rate":{"base":"KRW","quote":"CNY","value":"1..2"}}`,
		`{"outcome":"approved","charged":{"amount":"1","currency":"XXX"}}`,
		`{"outcome":"approved"`,
	} {
		var a translate.Authorization
		if err := a.UnmarshalBinary([]byte(stored)); err == nil {
			t.Errorf("%s decoded to %+v", stored, a)
		}
	}
	var a translate.Authorization
	err := a.UnmarshalBinary([]byte(`{"outcome":"approved","rate":{"base":"KRW","quote":"CNY","value":"0.0052","as_of":"2026-12-01T00:00:00Z","source":"wechat"}}`))
	if err != nil || a.Rate.Value.String() != "0.0052" || a.Rate.Source != "wechat" || a.Rate.AsOf.IsZero() {
		t.Fatalf("rate decoded to %+v, %v", a.Rate, err)
	}
}
