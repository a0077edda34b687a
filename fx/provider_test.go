package fx

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStaticProvider(t *testing.T) {
	s := NewStatic(Rate{Base: usd, Quote: krw, Value: dec("1380")})
	ctx := context.Background()
	r, err := s.Rate(ctx, usd, krw)
	require.NoError(t, err)
	assert.Equal(t, "1380", r.Value.String())
	inv, err := s.Rate(ctx, krw, usd)
	require.NoError(t, err)
	assert.Equal(t, "0.0007246376811594", inv.Value.String())
	same, err := s.Rate(ctx, cny, cny)
	require.NoError(t, err)
	assert.Equal(t, "1", same.Value.String())
	_, err = s.Rate(ctx, usd, jpy)
	var re *RateError
	require.ErrorAs(t, err, &re)
	assert.ErrorIs(t, err, ErrRateUnavailable)
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	_, err = s.Rate(cancelled, usd, krw)
	assert.ErrorIs(t, err, context.Canceled)
	var zero Static
	_, err = zero.Rate(ctx, usd, krw)
	assert.ErrorIs(t, err, ErrRateUnavailable)
}

func TestFallbackAndMargin(t *testing.T) {
	ctx := context.Background()
	f := Fallback{NewStatic(), NewStatic(Rate{Base: usd, Quote: krw, Value: dec("1400"), Source: "second"})}
	r, err := f.Rate(ctx, usd, krw)
	require.NoError(t, err)
	assert.Equal(t, "second", r.Source)
	_, err = Fallback{NewStatic()}.Rate(ctx, usd, jpy)
	assert.ErrorIs(t, err, ErrRateUnavailable)

	m := Margin{Upstream: f, BasisPoints: 150}
	r, err = m.Rate(ctx, usd, krw)
	require.NoError(t, err)
	assert.Equal(t, "1379", r.Value.String(), "1400 less 1.5%")
	_, err = Margin{}.Rate(ctx, usd, krw)
	assert.ErrorIs(t, err, ErrRateUnavailable)
}

func TestParseECB(t *testing.T) {
	f, err := os.Open("testdata/eurofxref-daily.xml")
	require.NoError(t, err)
	defer f.Close()
	rates, err := ParseECB(f)
	require.NoError(t, err)
	require.Len(t, rates, 7)
	assert.Equal(t, eur, rates[0].Base)
	assert.Equal(t, usd, rates[0].Quote)
	assert.Equal(t, "1.05", rates[0].Value.String())
	assert.Equal(t, "2026-11-25", rates[0].AsOf.Format(time.DateOnly))
	for _, bad := range []string{"", "<html></html>", "<Envelope><Cube><Cube time='x'/></Cube></Envelope>",
		"<Envelope><Cube><Cube time='2026-01-02'><Cube currency='USD' rate='-1'/></Cube></Cube></Envelope>"} {
		_, err := ParseECB(strings.NewReader(bad))
		assert.ErrorIs(t, err, ErrSyntax, bad)
	}
}

func TestECBProviderOverHTTP(t *testing.T) {
	body, err := os.ReadFile("testdata/eurofxref-daily.xml")
	require.NoError(t, err)
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		_, _ = w.Write(body)
	}))
	defer srv.Close()
	p := &ECB{Client: srv.Client(), URL: srv.URL}
	r, err := p.Rate(context.Background(), krw, cny)
	require.NoError(t, err)
	assert.Equal(t, "0.0051785714285714", r.Value.String())
	r, err = p.Rate(context.Background(), eur, krw)
	require.NoError(t, err)
	assert.Equal(t, "1470", r.Value.String())
	_, err = p.Rate(context.Background(), krw, MustCurrency("PHP"))
	assert.ErrorIs(t, err, ErrRateUnavailable)
	assert.Equal(t, int64(3), hits.Load())

	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "no", http.StatusServiceUnavailable)
	}))
	defer down.Close()
	_, err = (&ECB{Client: down.Client(), URL: down.URL}).Rate(context.Background(), eur, krw)
	assert.ErrorIs(t, err, ErrRateUnavailable)
	_, err = (&ECB{}).Rate(context.Background(), eur, krw)
	assert.ErrorIs(t, err, ErrRateUnavailable, "no client, no network")
}

func TestParseWeChatRateResponse(t *testing.T) {
	ok := `<xml><return_code><![CDATA[SUCCESS]]></return_code><result_code><![CDATA[SUCCESS]]></result_code>` +
		`<appid>wx2421b1c4370ec43b</appid><mch_id>10000100</mch_id><fee_type>KRW</fee_type>` +
		`<rate_time>20261126</rate_time><rate>520000</rate></xml>`
	r, err := ParseWeChatRateResponse(strings.NewReader(ok))
	require.NoError(t, err)
	assert.Equal(t, krw, r.Base)
	assert.Equal(t, cny, r.Quote)
	assert.Equal(t, "0.0052", r.Value.String())
	assert.Equal(t, "2026-11-26T00:00:00+08:00", r.AsOf.Format(time.RFC3339))

	failed := strings.Replace(ok, "<result_code><![CDATA[SUCCESS]]>", "<result_code><![CDATA[FAIL]]>", 1)
	_, err = ParseWeChatRateResponse(strings.NewReader(failed))
	assert.ErrorIs(t, err, ErrRateUnavailable)
	_, err = ParseWeChatRateResponse(strings.NewReader(strings.Replace(ok, "KRW", "ZZZ", 1)))
	assert.ErrorIs(t, err, ErrUnknownCurrency)
	_, err = ParseWeChatRateResponse(strings.NewReader(strings.Replace(ok, "20261126", "2026-11-26", 1)))
	assert.ErrorIs(t, err, ErrSyntax)
	_, err = ParseWeChatRateResponse(strings.NewReader("not xml"))
	assert.ErrorIs(t, err, ErrSyntax)
}

// TestFallbackStopsWhenCanceled: once the caller's context is done, a
// Fallback asks no further provider and reports the failures it had.
func TestFallbackStopsWhenCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var asked atomic.Int32
	f := Fallback{
		ProviderFunc(func(ctx context.Context, _, _ Currency) (Rate, error) {
			cancel()
			return Rate{}, ctx.Err()
		}),
		ProviderFunc(func(context.Context, Currency, Currency) (Rate, error) {
			asked.Add(1)
			return Rate{Base: usd, Quote: krw, Value: dec("1400")}, nil
		}),
	}
	_, err := f.Rate(ctx, usd, krw)
	require.ErrorIs(t, err, ErrRateUnavailable)
	require.ErrorIs(t, err, context.Canceled)
	assert.Zero(t, asked.Load(), "the second provider was asked after the cancel")
}
