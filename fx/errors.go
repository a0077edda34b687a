package fx

import (
	"errors"
	"time"
)

// Sentinel errors; every error of this package wraps one of them, so
// callers match the class with [errors.Is] and the detail with [errors.As].
var (
	// ErrUnknownCurrency reports a code that is not a current ISO 4217
	// currency.
	ErrUnknownCurrency = errors.New("fx: unknown currency")
	// ErrCurrencyMismatch reports arithmetic or conversion between
	// different currencies.
	ErrCurrencyMismatch = errors.New("fx: currency mismatch")
	// ErrSyntax reports an amount or rate that does not parse.
	ErrSyntax = errors.New("fx: syntax error")
	// ErrPrecision reports a value with more decimals than its form allows,
	// where rounding would silently change it.
	ErrPrecision = errors.New("fx: too many decimals")
	// ErrRateUnavailable reports that no provider could give a rate.
	ErrRateUnavailable = errors.New("fx: rate unavailable")
	// ErrStale reports a rate older than the caller accepts.
	ErrStale = errors.New("fx: stale rate")
	// ErrExpired reports a quote used after its expiry.
	ErrExpired = errors.New("fx: quote expired")
	// ErrRange reports a value out of range: a minor-unit amount that does
	// not fit in int64, a non-positive rate.
	ErrRange = errors.New("fx: out of range")
)

// UnknownCurrencyError reports a currency code that is not current.
type UnknownCurrencyError struct {
	Code string
}

func (e *UnknownCurrencyError) Error() string {
	return "fx: unknown currency " + quote(e.Code)
}

// Unwrap returns [ErrUnknownCurrency].
func (e *UnknownCurrencyError) Unwrap() error { return ErrUnknownCurrency }

// MismatchError reports two currencies that should have been the same.
type MismatchError struct {
	Want, Got Currency
}

func (e *MismatchError) Error() string {
	return "fx: currency mismatch: want " + e.Want.code + ", got " + e.Got.code
}

// Unwrap returns [ErrCurrencyMismatch].
func (e *MismatchError) Unwrap() error { return ErrCurrencyMismatch }

// ExpiredError reports a quote used at At, after it expired at ExpiresAt.
type ExpiredError struct {
	QuoteID       string
	ExpiresAt, At time.Time
}

func (e *ExpiredError) Error() string {
	return "fx: quote " + e.QuoteID + " expired at " + e.ExpiresAt.UTC().Format(time.RFC3339)
}

// Unwrap returns [ErrExpired].
func (e *ExpiredError) Unwrap() error { return ErrExpired }

// RateError reports why no rate could be had for a currency pair.
type RateError struct {
	Base, Quote Currency
	Err         error // wraps ErrRateUnavailable or ErrStale, and the cause
}

func (e *RateError) Error() string {
	return "fx: rate " + e.Base.code + "/" + e.Quote.code + ": " + trimPrefix(e.Err.Error())
}

// Unwrap returns the cause.
func (e *RateError) Unwrap() error { return e.Err }

// quote returns s quoted, cut to 8 bytes so that a caller's text is never
// echoed at length.
func quote(s string) string {
	if len(s) > 8 {
		s = s[:8] + "…"
	}
	return "\"" + s + "\""
}

func trimPrefix(s string) string {
	if len(s) > 4 && s[:4] == "fx: " {
		return s[4:]
	}
	return s
}

// syntaxError wraps ErrSyntax with a reason.
type syntaxError struct{ what string }

func (e *syntaxError) Error() string { return "fx: syntax error: " + e.what }
func (e *syntaxError) Unwrap() error { return ErrSyntax }
