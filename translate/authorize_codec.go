package translate

import (
	"encoding/json"
	"errors"
	"strconv"
	"time"

	"github.com/shopspring/decimal"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/zeropay"
)

// authorizationJSON is the stored form of an Authorization.
type authorizationJSON struct {
	Outcome   Outcome         `json:"outcome"`
	Scheme    string          `json:"scheme,omitempty"`
	Reference string          `json:"reference,omitempty"`
	SchemeRef string          `json:"scheme_ref,omitempty"`
	QuoteID   string          `json:"quote_id,omitempty"`
	Charged   *fx.Amount      `json:"charged,omitempty"`
	Rate      *rateJSON       `json:"rate,omitempty"`
	Reason    *reasonJSON     `json:"reason,omitempty"`
	At        time.Time       `json:"at"`
	ZeroPay   *zeropay.Result `json:"zeropay_result,omitempty"`
}

type rateJSON struct {
	Base   string    `json:"base"`
	Quote  string    `json:"quote"`
	Value  string    `json:"value"`
	AsOf   time.Time `json:"as_of,omitzero"`
	Source string    `json:"source,omitempty"`
}

type reasonJSON struct {
	Kind     string `json:"kind"` // decline, limit, sentinel, other
	Scheme   string `json:"scheme,omitempty"`
	Code     string `json:"code,omitempty"`
	Scope    string `json:"scope,omitempty"`
	Corridor string `json:"corridor,omitempty"`
	Day      string `json:"day,omitempty"`
	Limit    int64  `json:"limit,omitempty"`
	Used     int64  `json:"used,omitempty"`
	Amount   int64  `json:"amount,omitempty"`
	Sentinel string `json:"sentinel,omitempty"`
	Message  string `json:"message,omitempty"`
}

// sentinels are the errors a stored reason can name, so that a result
// replayed from an idempotency store still matches with errors.Is.
var sentinels = [...]struct {
	name string
	err  error
}{
	{"quote_used", ErrQuoteUsed}, {"quote_mismatch", ErrQuoteMismatch}, {"quote_expired", ErrQuoteExpired},
	{"limit_exceeded", ErrLimitExceeded}, {"charge_mismatch", ErrChargeMismatch}, {"declined", ErrDeclined},
	{"outcome_unknown", ErrOutcomeUnknown}, {"invalid", ErrInvalid}, {"in_progress", ErrInProgress},
	{"idempotency_conflict", ErrIdempotencyConflict}, {"store", ErrStore},
	{"unsupported_corridor", ErrUnsupportedCorridor}, {"over_cap", ErrOverCap}, {"relay", ErrRelay},
	{"unsupported_scheme", ErrUnsupportedScheme},
}

// MarshalBinary encodes the Authorization as JSON, the form the
// idempotency middleware stores. Reason is kept as what it matches (a
// [*DeclineError]'s scheme and code, a [*LimitError], or the package
// sentinel it wraps), so a replayed result matches the same errors; the
// scheme's own error inside a DeclineError is not kept, nor a Record other
// than a *zeropay.Result. It
// writes the JSON by hand (the payment's hot path); UnmarshalBinary reads
// it with encoding/json.
func (a Authorization) MarshalBinary() ([]byte, error) {
	b := make([]byte, 0, 320)
	b = append(b, `{"outcome":"`...)
	b = append(b, a.Outcome.String()...)
	b = append(b, '"')
	b = jsonField(b, "scheme", a.Scheme)
	b = jsonField(b, "reference", a.Reference)
	b = jsonField(b, "scheme_ref", a.SchemeRef)
	b = jsonField(b, "quote_id", a.QuoteID)
	if !a.Charged.Currency().IsZero() {
		b = append(b, `,"charged":{"amount":"`...)
		b = appendNumber(b, a.Charged)
		b = append(b, `","currency":"`...)
		b = append(b, a.Charged.Currency().Code()...)
		b = append(b, `"}`...)
	}
	if !a.Rate.Base.IsZero() {
		b = append(b, `,"rate":{"base":"`...)
		b = append(b, a.Rate.Base.Code()...)
		b = append(b, `","quote":"`...)
		b = append(b, a.Rate.Quote.Code()...)
		b = append(b, `","value":"`...)
		b = appendPlain(b, a.Rate.Value)
		b = append(b, '"')
		if !a.Rate.AsOf.IsZero() {
			b = append(b, `,"as_of":"`...)
			b = append(a.Rate.AsOf.AppendFormat(b, time.RFC3339Nano), '"')
		}
		b = append(jsonField(b, "source", a.Rate.Source), '}')
	}
	if r := encodeReason(a.Reason); r != nil {
		rb, err := json.Marshal(r)
		if err != nil {
			return nil, err
		}
		b = append(append(b, `,"reason":`...), rb...)
	}
	if rec, ok := a.Record.(*zeropay.Result); ok && rec != nil {
		rb, err := json.Marshal(rec)
		if err != nil {
			return nil, err
		}
		b = append(append(b, `,"zeropay_result":`...), rb...)
	}
	b = append(b, `,"at":"`...)
	return append(a.At.AppendFormat(b, time.RFC3339Nano), `"}`...), nil
}

// jsonField appends ,"name":"value" when value is not empty.
func jsonField(b []byte, name, value string) []byte {
	if value == "" {
		return b
	}
	b = append(append(append(b, `,"`...), name...), `":`...)
	return jsonString(b, value)
}

func jsonString(b []byte, s string) []byte {
	const hexDigits = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20 || c == '<' || c == '>' || c == '&':
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&15])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

// appendNumber appends a.Number() without going through big numbers when
// the amount fits in an int64 of minor units.
func appendNumber(b []byte, a fx.Amount) []byte {
	v, ok := minorFast(a)
	if !ok {
		return append(b, a.Number()...)
	}
	mu := a.Currency().MinorUnits()
	if v < 0 {
		b, v = append(b, '-'), -v
	}
	var digits [24]byte
	d := strconv.AppendInt(digits[:0], v, 10)
	for len(d) <= mu {
		d = append([]byte{'0'}, d...)
	}
	b = append(b, d[:len(d)-mu]...)
	if mu > 0 {
		b = append(append(b, '.'), d[len(d)-mu:]...)
	}
	return b
}

// minorFast returns a in minor units when that is exact and fits in 18
// digits, without allocating.
func minorFast(a fx.Amount) (int64, bool) {
	d := a.Decimal()
	shift := int(d.Exponent()) + a.Currency().MinorUnits()
	if shift < 0 || d.NumDigits()+shift > 18 {
		return 0, false
	}
	v := d.CoefficientInt64()
	for range shift {
		v *= 10
	}
	return v, true
}

// minorUnits is a.Minor(r) with a fast path for exact amounts.
func minorUnits(a fx.Amount, r fx.Rounding) (int64, error) {
	if a.Currency().IsZero() {
		return a.Minor(r)
	}
	if v, ok := minorFast(a); ok {
		return v, nil
	}
	return a.Minor(r)
}

// UnmarshalBinary decodes what MarshalBinary encodes.
func (a *Authorization) UnmarshalBinary(b []byte) error {
	var j authorizationJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*a = Authorization{Outcome: j.Outcome, Scheme: j.Scheme, Reference: j.Reference, SchemeRef: j.SchemeRef,
		QuoteID: j.QuoteID, At: j.At, Reason: j.Reason.decode()}
	if j.Charged != nil {
		a.Charged = *j.Charged
	}
	if j.ZeroPay != nil {
		a.Record = j.ZeroPay
	}
	if j.Rate != nil {
		r, err := j.Rate.decode()
		if err != nil {
			return err
		}
		a.Rate = r
	}
	return nil
}

func (j *rateJSON) decode() (fx.Rate, error) {
	base, err := fx.LookupCurrency(j.Base)
	if err != nil {
		return fx.Rate{}, err
	}
	quote, err := fx.LookupCurrency(j.Quote)
	if err != nil {
		return fx.Rate{}, err
	}
	v, err := decimal.NewFromString(j.Value)
	if err != nil {
		return fx.Rate{}, err
	}
	return fx.Rate{Base: base, Quote: quote, Value: v, AsOf: j.AsOf, Source: j.Source}, nil
}

func encodeReason(err error) *reasonJSON {
	if err == nil {
		return nil
	}
	var de *DeclineError
	if errors.As(err, &de) {
		return &reasonJSON{Kind: "decline", Scheme: de.Scheme, Code: de.Code}
	}
	var le *LimitError
	if errors.As(err, &le) {
		return &reasonJSON{Kind: "limit", Scope: le.Scope, Corridor: le.Corridor, Day: le.Day,
			Limit: le.Limit, Used: le.Used, Amount: le.Amount}
	}
	for _, s := range sentinels {
		if errors.Is(err, s.err) {
			return &reasonJSON{Kind: "sentinel", Sentinel: s.name, Message: err.Error()}
		}
	}
	return &reasonJSON{Kind: "other", Message: err.Error()}
}

func (j *reasonJSON) decode() error {
	if j == nil {
		return nil
	}
	switch j.Kind {
	case "decline":
		return &DeclineError{Scheme: j.Scheme, Code: j.Code}
	case "limit":
		return &LimitError{Scope: j.Scope, Corridor: j.Corridor, Day: j.Day, Limit: j.Limit, Used: j.Used, Amount: j.Amount}
	case "sentinel":
		for _, s := range sentinels {
			if s.name == j.Sentinel {
				return &storedError{msg: j.Message, err: s.err}
			}
		}
	}
	return &storedError{msg: j.Message}
}

// storedError is a reason read back from a store: its message, and the
// sentinel it matched when it was stored.
type storedError struct {
	msg string
	err error
}

func (e *storedError) Error() string { return e.msg }
func (e *storedError) Unwrap() error { return e.err }
