package fx

import (
	"context"
	"errors"
	"sync"

	"github.com/shopspring/decimal"
)

// Provider gives exchange rates. Rate returns the rate from base to quote
// or an error wrapping [ErrRateUnavailable]. Implementations may do I/O and
// must honour ctx; they must be safe for concurrent use.
type Provider interface {
	Rate(ctx context.Context, base, quote Currency) (Rate, error)
}

// Static is an in-memory table of rates, good for tests, examples and
// terminals that load a daily table. It answers a pair from a stored rate,
// from the inverse of the stored opposite pair, or with the identity rate
// when base and quote are the same.
//
// The zero Static is empty and ready to use. It is safe for concurrent use.
type Static struct {
	mu    sync.RWMutex
	rates map[[2]Currency]Rate
}

// NewStatic returns a Static holding rates.
func NewStatic(rates ...Rate) *Static {
	s := &Static{}
	for _, r := range rates {
		s.Set(r)
	}
	return s
}

// Set stores r, replacing any rate for the same pair.
func (s *Static) Set(r Rate) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.rates == nil {
		s.rates = make(map[[2]Currency]Rate)
	}
	s.rates[[2]Currency{r.Base, r.Quote}] = r
}

// Rate implements [Provider].
func (s *Static) Rate(ctx context.Context, base, quote Currency) (Rate, error) {
	if err := ctx.Err(); err != nil {
		return Rate{}, &RateError{Base: base, Quote: quote, Err: errors.Join(ErrRateUnavailable, err)}
	}
	if base == quote && !base.IsZero() {
		return Rate{Base: base, Quote: quote, Value: decimal.NewFromInt(1), Source: "identity"}, nil
	}
	s.mu.RLock()
	r, ok := s.rates[[2]Currency{base, quote}]
	inv, invOK := s.rates[[2]Currency{quote, base}]
	s.mu.RUnlock()
	switch {
	case ok:
		return r, nil
	case invOK:
		return inv.Inverse()
	}
	return Rate{}, &RateError{Base: base, Quote: quote, Err: ErrRateUnavailable}
}

// Fallback asks each provider in turn and returns the first rate; it fails
// with every provider's error joined when none has one. An empty Fallback
// has no rates.
type Fallback []Provider

// Rate implements [Provider].
func (f Fallback) Rate(ctx context.Context, base, quote Currency) (Rate, error) {
	errs := []error{ErrRateUnavailable}
	for _, p := range f {
		r, err := p.Rate(ctx, base, quote)
		if err == nil {
			return r, nil
		}
		errs = append(errs, err)
		if ctx.Err() != nil {
			break
		}
	}
	return Rate{}, &RateError{Base: base, Quote: quote, Err: errors.Join(errs...)}
}

// Margin wraps a provider and takes a margin of BasisPoints (1 bp = 0.01%)
// off every rate: the holder of the quote currency pays out fewer units.
// Name labels the step in quotes ("acquirer margin"). The zero Margin has
// no upstream and fails.
type Margin struct {
	Upstream    Provider
	BasisPoints int64
	Name        string
}

// Rate implements [Provider].
func (m Margin) Rate(ctx context.Context, base, quote Currency) (Rate, error) {
	if m.Upstream == nil {
		return Rate{}, &RateError{Base: base, Quote: quote, Err: ErrRateUnavailable}
	}
	r, err := m.Upstream.Rate(ctx, base, quote)
	if err != nil {
		return Rate{}, err
	}
	return applyMargin(r, m.BasisPoints), nil
}

// applyMargin multiplies r by (1 - bps/10000).
func applyMargin(r Rate, bps int64) Rate {
	factor := decimal.NewFromInt(1).Sub(decimal.New(bps, -4))
	r.Value = r.Value.Mul(factor)
	return r
}

// ProviderFunc adapts a function to [Provider], as http.HandlerFunc does
// for handlers. It is as safe for concurrent use as the function.
type ProviderFunc func(ctx context.Context, base, quote Currency) (Rate, error)

// Rate implements [Provider] by calling f.
func (f ProviderFunc) Rate(ctx context.Context, base, quote Currency) (Rate, error) {
	return f(ctx, base, quote)
}
