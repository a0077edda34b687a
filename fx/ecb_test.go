package fx

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ecbDoc returns a one-day reference-rate document with the given Cube
// entries.
func ecbDoc(cubes string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">` +
		`<Cube><Cube time="2026-11-25">` + cubes + `</Cube></Cube></gesmes:Envelope>`
}

// TestParseECBHostileInput: each document is refused with ErrSyntax,
// quickly. Before the fix, 1e-100000000 parsed and crossing it took over a
// minute; 800,000 digits took 1.1 s to parse; EUR=2 halved every cross
// rate from EUR.
func TestParseECBHostileInput(t *testing.T) {
	tests := []struct {
		name, cubes string
	}{
		{"exponent", `<Cube currency="USD" rate="1e-100000000"/><Cube currency="KRW" rate="1470"/>`},
		{"exponent 1e-30000000", `<Cube currency="USD" rate="1e-30000000"/>`},
		{"capital exponent", `<Cube currency="USD" rate="1E5"/>`},
		{"800K digits", `<Cube currency="USD" rate="1.` + strings.Repeat("7", 800_000) + `"/>`},
		{"800K integer digits", `<Cube currency="USD" rate="` + strings.Repeat("9", 800_000) + `"/>`},
		{"33 characters", `<Cube currency="USD" rate="1.` + strings.Repeat("0", 31) + `"/>`},
		{"EUR quoted", `<Cube currency="EUR" rate="2"/><Cube currency="USD" rate="1.1"/>`},
		{"duplicate", `<Cube currency="USD" rate="1.05"/><Cube currency="KRW" rate="1470"/><Cube currency="USD" rate="2.10"/>`},
		{"sign", `<Cube currency="USD" rate="+1.05"/>`},
		{"negative", `<Cube currency="USD" rate="-1.05"/>`},
		{"zero", `<Cube currency="USD" rate="0.0000"/>`},
		{"grouping", `<Cube currency="KRW" rate="1,470"/>`},
		{"space", `<Cube currency="KRW" rate=" 1470"/>`},
		{"leading dot", `<Cube currency="USD" rate=".5"/>`},
		{"trailing dot", `<Cube currency="USD" rate="5."/>`},
		{"empty", `<Cube currency="USD" rate=""/>`},
	}
	limit := 500 * time.Millisecond // encoding/xml reads 800 KB in about 0.1 s
	if raceEnabled {
		limit = 5 * time.Second // the race detector slows the XML decoder tenfold
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := ParseECB(strings.NewReader(ecbDoc(tt.cubes)))
			assert.ErrorIs(t, err, ErrSyntax)
			assert.Less(t, time.Since(start), limit)
		})
	}
}

func TestParseECBAcceptsBoundaries(t *testing.T) {
	longest := "1." + strings.Repeat("0", 29) + "1" // 32 characters
	rates, err := ParseECB(strings.NewReader(ecbDoc(
		`<Cube currency="USD" rate="` + longest + `"/><Cube currency="XYZ" rate="1e9"/><Cube currency="JPY" rate="163"/>`)))
	require.NoError(t, err, "an unknown currency is skipped before its rate is read")
	require.Len(t, rates, 2)
	assert.Equal(t, longest, rates[0].Value.String())
	assert.Equal(t, jpy, rates[1].Quote)
	assert.Equal(t, "163", rates[1].Value.String())
}

// TestECBHostileServer: a server answering a hostile document makes the
// provider fail fast with ErrRateUnavailable wrapping ErrSyntax, and a
// context that ends while the body is read fails the call.
func TestECBHostileServer(t *testing.T) {
	for _, body := range []string{
		ecbDoc(`<Cube currency="USD" rate="1e-100000000"/><Cube currency="KRW" rate="1470"/>`),
		ecbDoc(`<Cube currency="EUR" rate="2"/><Cube currency="USD" rate="1.1"/>`),
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = w.Write([]byte(body))
		}))
		p := &ECB{Client: srv.Client(), URL: srv.URL}
		start := time.Now()
		_, err := p.Rate(context.Background(), eur, usd)
		assert.ErrorIs(t, err, ErrRateUnavailable)
		assert.ErrorIs(t, err, ErrSyntax)
		assert.Less(t, time.Since(start), time.Second)
		srv.Close()
	}
	empty := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(ecbDoc(`<Cube currency="XYZ" rate="1"/>`))) // a day with no current currency
	}))
	defer empty.Close()
	for _, pair := range [][2]Currency{{eur, usd}, {usd, eur}, {eur, eur}} {
		_, err := (&ECB{Client: empty.Client(), URL: empty.URL}).Rate(context.Background(), pair[0], pair[1])
		assert.ErrorIs(t, err, ErrRateUnavailable, "%v", pair)
	}
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		doc := ecbDoc(`<Cube currency="USD" rate="1.05"/>`)
		_, _ = w.Write([]byte(doc[:20]))
		w.(http.Flusher).Flush()
		time.Sleep(100 * time.Millisecond)
		_, _ = w.Write([]byte(doc[20:]))
	}))
	defer slow.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err := (&ECB{Client: slow.Client(), URL: slow.URL}).Rate(ctx, eur, usd)
	assert.ErrorIs(t, err, ErrRateUnavailable)
}

// TestDerivedRatesAreBounded: rates built by hand with huge numbers are
// refused by the derivations, quickly, instead of dividing for minutes.
func TestDerivedRatesAreBounded(t *testing.T) {
	hostile := []Rate{
		{Base: eur, Quote: usd, Value: dec("1e-100000000")},
		{Base: eur, Quote: usd, Value: dec("1e100")},
		{Base: eur, Quote: usd, Value: dec("1" + strings.Repeat("0", 100))},
	}
	ok := Rate{Base: eur, Quote: krw, Value: dec("1470")}
	for _, r := range hostile {
		start := time.Now()
		_, err := Cross(r, ok)
		assert.ErrorIs(t, err, ErrRange)
		_, err = Cross(ok, r)
		assert.ErrorIs(t, err, ErrRange)
		_, err = r.Inverse()
		assert.ErrorIs(t, err, ErrRange)
		inv, _ := ok.Inverse()
		_, err = inv.Chain(r)
		assert.ErrorIs(t, err, ErrRange)
		_, err = r.Chain(Rate{Base: usd, Quote: krw, Value: dec("1380")})
		assert.ErrorIs(t, err, ErrRange)
		assert.Less(t, time.Since(start), 500*time.Millisecond)
	}
	// The bounds themselves are accepted: 256 bits, exponent ±64.
	for _, s := range []string{"1e-64", "1e64", "115792089237316195423570985008687907853269984665640564039457584007913129639935"} {
		_, err := Rate{Base: eur, Quote: usd, Value: dec(s)}.Inverse()
		assert.NoError(t, err, s)
	}
	for _, s := range []string{"1e-65", "1e65", "115792089237316195423570985008687907853269984665640564039457584007913129639936"} {
		_, err := Rate{Base: eur, Quote: usd, Value: dec(s)}.Inverse()
		assert.ErrorIs(t, err, ErrRange, s)
	}
}
