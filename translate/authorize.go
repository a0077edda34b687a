package translate

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/qrbridge/qrbridge/fx"
)

// Authorizer moves the money of a translated payment: it sends the payer
// leg to the payer's scheme (WeChat Pay, a Korean wallet) or produces the
// merchant leg's record (Zero Pay), and says what happened. It may do I/O
// and must honour ctx; the Result is read-only to it. Implementations take
// the caller's transport and must be safe for concurrent use.
//
// Authorize returns the Authorization whatever the outcome, and a non-nil
// error when the payment is not approved or pending, or is approved with a
// problem to act on (a [*ChargeError]; [ErrRelay] from [ZeroPay]): a declined
// payment's error matches [ErrDeclined] (a scheme's decline, as a
// [*DeclineError]) or the cause of a refusal before anything was sent
// ([ErrLimitExceeded], [ErrQuoteUsed], [ErrStore], …); an unknown outcome's
// error matches [ErrOutcomeUnknown]. A transport error, a timeout, a bad
// signature or an unparsable answer is never an approval.
type Authorizer interface {
	Authorize(ctx context.Context, r *Result) (Authorization, error)
}

// AuthorizerFunc adapts a function to [Authorizer].
type AuthorizerFunc func(ctx context.Context, r *Result) (Authorization, error)

// Authorize calls f.
func (f AuthorizerFunc) Authorize(ctx context.Context, r *Result) (Authorization, error) {
	return f(ctx, r)
}

// Resolver is implemented by authorizers that can learn the outcome of a
// payment they may have sent before (a WeChat order query) without sending
// it again. The idempotency middleware calls it for an orphaned request
// (its first attempt's outcome was unknown, or its replica crashed).
// Resolve returns what Authorize would have returned; a payment the scheme
// never received is declined.
type Resolver interface {
	Resolve(ctx context.Context, r *Result) (Authorization, error)
}

// resolve resolves r through a when it can, and otherwise reports the
// outcome as still unknown.
func resolve(ctx context.Context, a Authorizer, r *Result) (Authorization, error) {
	if res, ok := a.(Resolver); ok {
		return res.Resolve(ctx, r)
	}
	return Authorization{QuoteID: r.Quote.ID}, errUnresolvable
}

var errUnresolvable = errors.Join(ErrOutcomeUnknown, errors.New("translate: the authorizer cannot query outcomes"))

// Outcome is what happened to a payment. The zero value is OutcomeUnknown,
// so an Authorization nobody filled in is never mistaken for an approval.
type Outcome uint8

const (
	// OutcomeUnknown: the request may have reached the scheme, but its
	// answer was lost (a timeout, a dropped connection, an unparsable or
	// unverifiable answer). Resolve it by querying, never by sending again.
	OutcomeUnknown Outcome = iota
	// OutcomeApproved: the payer was charged.
	OutcomeApproved
	// OutcomePending: the scheme is still waiting for the payer (WeChat's
	// USERPAYING: the payer is entering a password), or for the payer to
	// scan a merchant-presented code.
	OutcomePending
	// OutcomeDeclined: the payment did not and will not happen.
	OutcomeDeclined
)

var outcomeNames = [...]string{"unknown", "approved", "pending", "declined"}

// String returns "unknown", "approved", "pending" or "declined"; these are
// stable identifiers (JSON and the audit log use them).
func (o Outcome) String() string {
	if int(o) < len(outcomeNames) {
		return outcomeNames[o]
	}
	return "unknown"
}

// MarshalText encodes the outcome's name.
func (o Outcome) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// UnmarshalText decodes an outcome's name; any other text is an error.
func (o *Outcome) UnmarshalText(b []byte) error {
	for i, n := range outcomeNames {
		if string(b) == n {
			*o = Outcome(i)
			return nil
		}
	}
	return argError("outcome", "not a known outcome")
}

// Authorization is what an [Authorizer] reports.
//
// Scheme names who decided ("wechat", "zeropay", "fake", or "translate"
// for a refusal by the middleware before anything was sent). Reference is
// our reference for the payment at the scheme (WeChat's out_trade_no),
// SchemeRef the scheme's own (WeChat's transaction_id). Charged is what the
// payer was charged, in the payer's currency, and Rate the rate the scheme
// applied, when it says; both are checked against the quote by
// [CheckCharge]. Record is the scheme's record of the payment, such as the
// *zeropay.Result to register with the Zero Pay relay. Reason is why the
// payment was not approved: a [*DeclineError], a [*LimitError], the cause
// of an unknown outcome. At is when the outcome was learnt.
//
// An Authorization is a plain value; Record is owned by it.
type Authorization struct {
	Outcome   Outcome
	Scheme    string
	Reference string
	SchemeRef string
	QuoteID   string
	Charged   fx.Amount
	Rate      fx.Rate
	Record    any
	Reason    error
	At        time.Time
}

// Approved reports whether the payer was charged.
func (a Authorization) Approved() bool { return a.Outcome == OutcomeApproved }

// CheckCharge checks what a scheme charged against the quote: the
// currency must be the quote's source currency and the amount within one
// minor unit of the quote's source amount; a non-zero rate, applied to the
// quote's destination amount (in either orientation), must give the
// charged amount within one minor unit too. A difference is a
// [*ChargeError] matching [ErrChargeMismatch].
func CheckCharge(q fx.Quote, charged fx.Amount, rate fx.Rate) error {
	want := q.Source
	if charged.Currency() != want.Currency() {
		return &ChargeError{Field: "currency", Want: want.Currency().Code(), Got: charged.Currency().Code()}
	}
	if !withinOneMinor(want, charged) {
		return &ChargeError{Field: "amount", Want: want.String(), Got: charged.String()}
	}
	if rate.Value.IsZero() {
		return nil
	}
	implied, err := applyRate(q.Destination, rate, want.Currency())
	if err != nil || !withinOneMinor(implied, charged) {
		return &ChargeError{Field: "rate", Want: q.Rate.Value.String(), Got: rate.Value.String()}
	}
	return nil
}

// applyRate converts a into cur with r, whichever way r is written.
func applyRate(a fx.Amount, r fx.Rate, cur fx.Currency) (fx.Amount, error) {
	if r.Base != a.Currency() {
		inv, err := r.Inverse()
		if err != nil {
			return fx.Amount{}, err
		}
		r = inv
	}
	if r.Base != a.Currency() || r.Quote != cur {
		return fx.Amount{}, &fx.MismatchError{Want: a.Currency(), Got: r.Base}
	}
	return fx.Convert(a, r, fx.HalfEven)
}

func withinOneMinor(a, b fx.Amount) bool {
	d, err := a.Sub(b)
	return err == nil && d.Decimal().Abs().Cmp(fx.FromMinor(1, a.Currency()).Decimal()) <= 0
}

// RequestHash is the fingerprint the idempotency middleware compares: the
// corridor, both legs' schemes and amounts, the merchant's first account
// and terminal, the payer and the quote (ID and terms). Two Results with
// the same hash are the same payment request. Equal amounts hash alike
// whatever their decimal representation ("12000" and "12000.00").
func RequestHash(r *Result) string {
	var buf [512]byte
	b := appendPart(buf[:0], r.Corridor.ID)
	b = appendPart(b, r.MerchantLeg.Scheme)
	b = appendAmount(b, r.MerchantLeg.Amount)
	b = appendPart(b, r.PayerLeg.Scheme)
	b = appendAmount(b, r.PayerLeg.Amount)
	if len(r.Intent.Merchant.Accounts) > 0 {
		a := r.Intent.Merchant.Accounts[0]
		b = appendPart(appendPart(b, a.Scheme), a.ID)
	}
	b = appendPart(b, r.Intent.Merchant.Terminal)
	b = appendPart(b, payerOf(r))
	b = appendQuote(b, r.Quote)
	return digest(b)
}

// requestHash returns r's RequestHash, from ctx when an outer middleware
// computed it already.
func requestHash(ctx context.Context, r *Result) string {
	if h, ok := ctx.Value(hashKey{}).(string); ok {
		return h
	}
	return RequestHash(r)
}

type hashKey struct{}

// QuoteDigest is the fingerprint of a quote's terms kept by a [QuoteStore]:
// its ID, both amounts, the fixed side, the rate and the expiry. A quote
// whose ID is reused with other terms has another digest.
func QuoteDigest(q fx.Quote) string {
	var buf [256]byte
	return digest(appendQuote(buf[:0], q))
}

func appendQuote(b []byte, q fx.Quote) []byte {
	b = appendPart(b, q.ID)
	b = appendAmount(b, q.Source)
	b = appendAmount(b, q.Destination)
	b = strconv.AppendInt(b, int64(q.Fixed), 10)
	b = appendPart(b, q.Rate.Base.Code())
	b = appendPart(b, q.Rate.Quote.Code())
	b = appendDecimal(b, q.Rate.Value)
	return strconv.AppendInt(append(b, ';'), q.ExpiresAt.UnixNano(), 10)
}

func digest(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

func appendPart(b []byte, s string) []byte {
	b = strconv.AppendInt(b, int64(len(s)), 10)
	return append(append(b, ':'), s...)
}

func appendAmount(b []byte, a fx.Amount) []byte {
	return appendDecimal(appendPart(b, a.Currency().Code()), a.Decimal())
}

// appendDecimal appends d in a canonical form: coefficient without
// trailing zeros and exponent, so equal values append alike.
func appendDecimal(b []byte, d decimal.Decimal) []byte {
	v, e, ok := smallDecimal(d)
	if !ok {
		return append(append(b, '='), d.String()...)
	}
	b = strconv.AppendInt(append(b, ';'), v, 10)
	return strconv.AppendInt(append(b, 'e'), int64(e), 10)
}

// smallDecimal returns d as v × 10^e with v free of trailing zeros, when
// v has at most 18 digits: the same v and e for every representation of
// the same value. It allocates only for a coefficient past 18 digits.
func smallDecimal(d decimal.Decimal) (v int64, e int32, ok bool) {
	if d.NumDigits() > 18 {
		return bigDecimal(d)
	}
	v, e = d.CoefficientInt64(), d.Exponent()
	for v != 0 && v%10 == 0 {
		v, e = v/10, e+1
	}
	if v == 0 {
		e = 0
	}
	return v, e, true
}

// bigDecimal is smallDecimal for a coefficient of more than 18 digits,
// such as 12000.0000000000000000 (12000 written with 16 decimals): it
// strips the trailing zeros and reports whether at most 18 digits remain.
func bigDecimal(d decimal.Decimal) (int64, int32, bool) {
	s := d.Coefficient().String()
	n := len(s)
	for n > 0 && s[n-1] == '0' {
		n--
	}
	e := int64(d.Exponent()) + int64(len(s)-n)
	digits := n
	if strings.HasPrefix(s, "-") {
		digits--
	}
	if digits > 18 || e > math.MaxInt32 {
		return 0, 0, false
	}
	v, err := strconv.ParseInt(s[:n], 10, 64)
	return v, int32(e), err == nil
}

// appendPlain appends d as decimal.Decimal.String writes it (no exponent,
// no trailing zeros), without allocating for small values.
func appendPlain(b []byte, d decimal.Decimal) []byte {
	v, e, ok := smallDecimal(d)
	if !ok || e < -40 || e > 40 {
		return append(b, d.String()...)
	}
	if v < 0 {
		b, v = append(b, '-'), -v
	}
	var digits [64]byte
	s := strconv.AppendInt(digits[:0], v, 10)
	if e >= 0 {
		b = append(b, s...)
		for range e {
			b = append(b, '0')
		}
		return b
	}
	point := len(s) + int(e) // digits before the point
	if point <= 0 {
		b = append(b, '0', '.')
		for range -point {
			b = append(b, '0')
		}
		return append(b, s...)
	}
	return append(append(append(b, s[:point]...), '.'), s[point:]...)
}

// keyOf and payerOf read the request's idempotency key and payer.
func keyOf(r *Result) string   { return r.Request.IdempotencyKey }
func payerOf(r *Result) string { return r.Request.Payer }

// Err returns the error that goes with the outcome: Reason when approved
// or pending (nil unless the approval has a problem to act on, such as a
// [*ChargeError]); Reason (or [ErrDeclined]) when declined; an error
// matching [ErrOutcomeUnknown], and Reason when set, when unknown.
func (a Authorization) Err() error {
	switch a.Outcome {
	case OutcomeApproved, OutcomePending:
		return a.Reason
	case OutcomeDeclined:
		if a.Reason == nil {
			return ErrDeclined
		}
		return a.Reason
	}
	if a.Reason == nil {
		return ErrOutcomeUnknown
	}
	if errors.Is(a.Reason, ErrOutcomeUnknown) {
		return a.Reason
	}
	return errors.Join(ErrOutcomeUnknown, a.Reason)
}

// refused is the Authorization of a payment the middleware refused before
// anything was sent.
func refused(r *Result, err error) (Authorization, error) {
	return Authorization{Outcome: OutcomeDeclined, Scheme: "translate", QuoteID: r.Quote.ID, Reason: err, At: time.Now()}, err
}
