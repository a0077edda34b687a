package translate

import (
	"errors"
	"strconv"
)

// Sentinel errors of authorization, its middleware and its stores. Every
// error these return wraps one of them, so callers match the class with
// errors.Is and the detail with errors.As. No message contains an
// idempotency key, a token, a card number or a consumer code.
var (
	// ErrQuoteUsed reports a quote that is unknown to the QuoteStore or was
	// already consumed: a quote authorizes at most one payment.
	ErrQuoteUsed = errors.New("translate: quote unknown or already used")
	// ErrQuoteMismatch reports a quote whose amounts, rate or expiry differ
	// from those recorded when it was issued (its ID reused on other terms).
	ErrQuoteMismatch = errors.New("translate: quote differs from the one issued")
	// ErrQuoteExpired reports a quote past its expiry at authorization
	// time; the fx [*fx.ExpiredError] is the cause.
	ErrQuoteExpired = errors.New("translate: quote expired")
	// ErrLimitExceeded reports a payment that would take a payer or a
	// corridor past its limit; the [*LimitError] it comes in says which.
	ErrLimitExceeded = errors.New("translate: limit exceeded")
	// ErrNoReservation reports a commit of a limit reservation that does
	// not exist (never made, released, or expired with its day).
	ErrNoReservation = errors.New("translate: no such limit reservation")
	// ErrInProgress reports an idempotency key whose first request is
	// still running; retry later with the same key and request.
	ErrInProgress = errors.New("translate: payment with this idempotency key in progress")
	// ErrIdempotencyConflict reports an idempotency key reused for a
	// different request.
	ErrIdempotencyConflict = errors.New("translate: idempotency key reused for a different request")
	// ErrLeaseLost reports a result stored by a holder whose lease on the
	// idempotency key had ended and been taken over.
	ErrLeaseLost = errors.New("translate: idempotency lease lost")
	// ErrOutcomeUnknown reports a payment that may have reached the scheme
	// but whose outcome could not be learnt (a timeout after sending). It
	// is resolved by querying the scheme, never by sending it again.
	ErrOutcomeUnknown = errors.New("translate: payment outcome unknown")
	// ErrDeclined reports a payment the scheme declined; the
	// [*DeclineError] it comes in carries the scheme's reason.
	ErrDeclined = errors.New("translate: payment declined")
	// ErrChargeMismatch reports a scheme that charged another amount,
	// currency or rate than the quote, by more than one minor unit.
	ErrChargeMismatch = errors.New("translate: charge differs from the quote")
	// ErrStore reports a store that could not answer (unreachable, timed
	// out, full). The operation is refused: a store error never approves.
	ErrStore = errors.New("translate: store unavailable")
	// ErrStoreFull reports a bounded in-memory store with no room left for
	// a live entry. It also matches [ErrStore].
	ErrStoreFull = errors.New("translate: store full")
	// ErrRefundExceeded reports refunds that would return more than the
	// payment charged in total.
	ErrRefundExceeded = errors.New("translate: refunds exceed the amount paid")
	// ErrNotApproved reports a refund of a payment that was not approved.
	ErrNotApproved = errors.New("translate: payment not approved")
	// ErrInvalid reports an argument a store or authorizer cannot act on
	// (an empty key, a non-positive amount); the [*Error] it comes in
	// names the field.
	ErrInvalid = errors.New("translate: invalid argument")
)

// StoreError reports a store operation that failed. It matches [ErrStore]
// and its cause (a context error, [ErrStoreFull], a Redis error).
type StoreError struct {
	Store string // "quotes", "limits", "idempotency", "replay"
	Op    string // the operation: "consume", "reserve", "claim", …
	Err   error
}

func (e *StoreError) Error() string {
	return "translate: " + e.Store + " store: " + e.Op + ": " + e.Err.Error()
}

// Unwrap returns [ErrStore] and the cause.
func (e *StoreError) Unwrap() []error { return []error{ErrStore, e.Err} }

// LimitError reports a reservation refused by a limit: Scope is "payer"
// (per payer and day) or "corridor" (all payers of the corridor that day);
// amounts are integer minor units of the limit's currency.
type LimitError struct {
	Scope    string
	Corridor string
	Day      string
	Limit    int64 // the day's limit
	Used     int64 // reserved or committed before this payment
	Amount   int64 // this payment
}

func (e *LimitError) Error() string {
	return "translate: " + e.Scope + " limit of corridor " + strconv.Quote(e.Corridor) + " on " + e.Day +
		": " + strconv.FormatInt(e.Used, 10) + " used + " + strconv.FormatInt(e.Amount, 10) +
		" over " + strconv.FormatInt(e.Limit, 10) + " (minor units)"
}

// Unwrap returns [ErrLimitExceeded].
func (e *LimitError) Unwrap() error { return ErrLimitExceeded }

func argError(field, why string) error {
	return &Error{Field: field, Err: ErrInvalid, Cause: errors.New(why)}
}

// DeclineError carries the reason a scheme declined a payment: Scheme is
// "wechat", "zeropay", "fake", …; Code is the scheme's own code
// ("NOTENOUGH", "ORDERCLOSED"), which callers may switch on; Err, when set,
// is the scheme package's own error (a *wechat.ResultError), so errors.As
// reaches it. It matches [ErrDeclined].
type DeclineError struct {
	Scheme string
	Code   string
	Err    error
}

func (e *DeclineError) Error() string {
	return "translate: " + e.Scheme + " declined the payment: " + e.Code
}

// Unwrap returns [ErrDeclined] and the scheme's error, if any.
func (e *DeclineError) Unwrap() []error {
	if e.Err == nil {
		return []error{ErrDeclined}
	}
	return []error{ErrDeclined, e.Err}
}

// ChargeError reports what a scheme charged against what the quote said:
// Field is "amount", "currency" or "rate"; Want and Got are their display
// forms (amounts and rates, never account data).
type ChargeError struct {
	Field     string
	Want, Got string
}

func (e *ChargeError) Error() string {
	return "translate: charged " + e.Field + " " + e.Got + " differs from the quote's " + e.Want
}

// Unwrap returns [ErrChargeMismatch].
func (e *ChargeError) Unwrap() error { return ErrChargeMismatch }

// RefundError reports a refund over what remains refundable, in minor
// units of the payer's currency.
type RefundError struct {
	Paid, Refunded, Asked int64
}

func (e *RefundError) Error() string {
	return "translate: refund of " + strconv.FormatInt(e.Asked, 10) + " after " +
		strconv.FormatInt(e.Refunded, 10) + " refunded exceeds the " + strconv.FormatInt(e.Paid, 10) + " paid (minor units)"
}

// Unwrap returns [ErrRefundExceeded].
func (e *RefundError) Unwrap() error { return ErrRefundExceeded }

func errorsIsLimit(err error) bool {
	return errors.Is(err, ErrLimitExceeded) || errors.Is(err, ErrInvalid)
}
