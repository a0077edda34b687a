package fx

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/shopspring/decimal"
)

// ECBDailyURL is where the European Central Bank publishes its daily euro
// foreign exchange reference rates.
const ECBDailyURL = "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml"

// maxECBBytes bounds a reference-rate document; the daily file is about
// 1.5 KB.
const maxECBBytes = 1 << 20

// ecbEnvelope is the gesmes:Envelope document: Cube/Cube[@time]/Cube
// [@currency,@rate], one euro in each currency.
type ecbEnvelope struct {
	Cube struct {
		Days []struct {
			Time  string `xml:"time,attr"`
			Rates []struct {
				Currency string `xml:"currency,attr"`
				Rate     string `xml:"rate,attr"`
			} `xml:"Cube"`
		} `xml:"Cube"`
	} `xml:"Cube"`
}

// ParseECB reads an ECB reference-rate document (the daily file or the
// 90-day history) and returns the most recent day's rates, each from EUR.
// Currencies the ECB lists that are not current ISO 4217 are skipped.
//
// Each rate must be a plain decimal as [ParseRate] reads it (the ECB
// writes "1.0876"; an exponent such as "1e-100000000" or a number of more
// than 32 characters is refused, so no later arithmetic on it can grow),
// a currency may appear only once in the day, and the day may not quote
// EUR itself: each of these fails with [ErrSyntax]. The document is read
// up to 1 MiB, in time linear in its size.
func ParseECB(r io.Reader) ([]Rate, error) {
	var env ecbEnvelope
	if err := xml.NewDecoder(io.LimitReader(r, maxECBBytes)).Decode(&env); err != nil {
		return nil, &syntaxError{what: "ecb document is not the reference-rate xml"}
	}
	if len(env.Cube.Days) == 0 {
		return nil, &syntaxError{what: "ecb document has no rates"}
	}
	day := env.Cube.Days[0]
	asOf, err := time.Parse(time.DateOnly, day.Time)
	if err != nil {
		return nil, &syntaxError{what: "ecb document has no valid date"}
	}
	out := make([]Rate, 0, len(day.Rates))
	for _, x := range day.Rates {
		c, err := LookupCurrency(x.Currency)
		if err != nil {
			continue
		}
		if err := checkECBEntry(out, c); err != nil {
			return nil, err
		}
		v, err := parseRateValue(x.Rate)
		if err != nil {
			return nil, &syntaxError{what: "ecb rate for " + c.code + " is not a positive plain decimal"}
		}
		out = append(out, Rate{Base: euro, Quote: c, Value: v, AsOf: asOf, Source: "ecb"})
	}
	return out, nil
}

var euro = MustCurrency("EUR")

// checkECBEntry refuses a quote of EUR itself (one euro is one euro; a
// document that says otherwise would skew every cross rate) and a currency
// already in out. A day lists about 30 currencies, so the scan is cheap;
// it is bounded by the ISO table, since unknown codes are skipped.
func checkECBEntry(out []Rate, c Currency) error {
	if c == euro {
		return &syntaxError{what: "ecb document quotes EUR against itself"}
	}
	for _, r := range out {
		if r.Quote == c {
			return &syntaxError{what: "ecb document lists " + c.code + " twice"}
		}
	}
	return nil
}

// ECB is a [Provider] over the ECB daily reference rates: each call
// fetches the document with Client and answers any pair by crossing
// through EUR. Wrap it in a [Cache]; the ECB publishes once a day. No
// request is made until Rate is called.
//
// Client must be set (the caller decides timeouts, proxies and transport);
// URL defaults to [ECBDailyURL]. ECB is safe for concurrent use.
type ECB struct {
	Client *http.Client
	URL    string
}

// Rate implements [Provider].
func (e *ECB) Rate(ctx context.Context, base, quote Currency) (Rate, error) {
	rates, err := e.fetch(ctx)
	if err == nil {
		err = ctx.Err() // the body may have been read after a deadline passed
	}
	if err != nil {
		return Rate{}, &RateError{Base: base, Quote: quote, Err: joinUnavailable(err)}
	}
	return crossFrom(rates, base, quote)
}

func (e *ECB) fetch(ctx context.Context) ([]Rate, error) {
	if e.Client == nil {
		return nil, fmt.Errorf("no http client configured")
	}
	url := e.URL
	if url == "" {
		url = ECBDailyURL
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := e.Client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("ecb answered http %d", resp.StatusCode)
	}
	return ParseECB(resp.Body)
}

// crossFrom answers base/quote from rates that all share one base (EUR).
func crossFrom(rates []Rate, base, quote Currency) (Rate, error) {
	find := func(c Currency) (Rate, bool) {
		for _, r := range rates {
			if r.Quote == c {
				return r, true
			}
		}
		if len(rates) > 0 && rates[0].Base == c {
			one := rates[0]
			one.Quote, one.Value = c, decimal.NewFromInt(1)
			return one, true
		}
		return Rate{}, false
	}
	a, okA := find(base)
	b, okB := find(quote)
	if !okA || !okB {
		return Rate{}, &RateError{Base: base, Quote: quote, Err: ErrRateUnavailable}
	}
	return Cross(a, b)
}

func joinUnavailable(err error) error {
	return fmt.Errorf("%w: %w", ErrRateUnavailable, err)
}
