package fx

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func fixedQuoter() *Quoter {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	return &Quoter{
		Provider: NewStatic(Rate{Base: cny, Quote: krw, Value: dec("192.30"), Source: "static"}),
		Margins:  []MarginStep{{Name: "scheme margin", BasisPoints: 50}, {Name: "acquirer margin", BasisPoints: 25}},
		TTL:      2 * time.Minute,
		Now:      func() time.Time { return now },
		NewID:    func() string { return "Q1" },
	}
}

func TestQuoteReceiveTouristPaysWon(t *testing.T) {
	// A Chinese tourist pays a KRW 12,000 price at a Zero Pay store in CNY.
	q, err := fixedQuoter().QuoteReceive(context.Background(), FromMinor(12000, krw), cny)
	require.NoError(t, err)
	assert.Equal(t, FixedDestination, q.Fixed)
	assert.Equal(t, "12000 KRW", q.Destination.String())
	require.Len(t, q.Steps, 3)
	assert.Equal(t, "192.3", q.Steps[0].Value.String())
	assert.Equal(t, "191.3385", q.Steps[1].Value.String(), "less 0.50%")
	assert.Equal(t, "190.86015375", q.Steps[2].Value.String(), "less 0.25%")
	assert.Equal(t, q.Steps[2].Value, q.Rate.Value)
	assert.Equal(t, "62.87 CNY", q.Source.String(), "12000 / 190.86015375")
	assert.Equal(t, "Q1", q.ID)
	assert.Equal(t, q.CreatedAt.Add(2*time.Minute), q.ExpiresAt)
}

func TestQuoteSendAndExpiry(t *testing.T) {
	qr := fixedQuoter()
	q, err := qr.QuoteSend(context.Background(), FromMinor(10000, cny), krw)
	require.NoError(t, err)
	assert.Equal(t, FixedSource, q.Fixed)
	assert.Equal(t, "19086 KRW", q.Destination.String(), "100 CNY × 190.86015375")
	require.NoError(t, q.Use(q.CreatedAt.Add(time.Minute)))
	err = q.Use(q.ExpiresAt)
	var ee *ExpiredError
	require.ErrorAs(t, err, &ee)
	assert.ErrorIs(t, err, ErrExpired)
	assert.Equal(t, "Q1", ee.QuoteID)

	_, err = qr.QuoteSend(context.Background(), FromMinor(100, usd), krw)
	assert.ErrorIs(t, err, ErrRateUnavailable)
	_, err = (&Quoter{}).QuoteSend(context.Background(), FromMinor(100, usd), krw)
	assert.ErrorIs(t, err, ErrRateUnavailable)
	q2, err := (&Quoter{Provider: qr.Provider}).QuoteSend(context.Background(), FromMinor(100, cny), krw)
	require.NoError(t, err)
	assert.Len(t, q2.ID, 16, "random id by default")
}

func TestQuoteRefusesStaleRates(t *testing.T) {
	q := fixedQuoter()
	now := q.Now()
	q.MaxRateAge = 26 * time.Hour
	q.Provider = NewStatic(Rate{Base: cny, Quote: krw, Value: dec("192.30"), AsOf: now.Add(-25 * time.Hour)})
	_, err := q.QuoteSend(context.Background(), FromMinor(100, cny), krw)
	require.NoError(t, err, "yesterday's fixing is fresh enough")
	q.Provider = NewStatic(Rate{Base: cny, Quote: krw, Value: dec("192.30"), AsOf: now.Add(-26 * time.Hour)})
	_, err = q.QuoteSend(context.Background(), FromMinor(100, cny), krw)
	require.NoError(t, err, "exactly MaxRateAge old is still fresh")
	q.Provider = NewStatic(Rate{Base: cny, Quote: krw, Value: dec("192.30"), AsOf: now.Add(-26*time.Hour - time.Nanosecond)})
	_, err = q.QuoteSend(context.Background(), FromMinor(100, cny), krw)
	require.ErrorIs(t, err, ErrStale, "a nanosecond more is not")

	q.Provider = NewStatic(Rate{Base: cny, Quote: krw, Value: dec("192.30"), AsOf: now.Add(-27 * time.Hour)})
	_, err = q.QuoteSend(context.Background(), FromMinor(100, cny), krw)
	var re *RateError
	require.ErrorAs(t, err, &re)
	assert.ErrorIs(t, err, ErrStale)

	q.Provider = NewStatic(Rate{Base: cny, Quote: krw, Value: dec("192.30")})
	_, err = q.QuoteReceive(context.Background(), FromMinor(100, krw), cny)
	assert.ErrorIs(t, err, ErrStale, "a rate without a publication time cannot be shown fresh")
}
