package main

import (
	"bufio"
	"bytes"
	"context"
	_ "embed" // the sample rates and directory
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/translate"
	"github.com/qrbridge/qrbridge/zeropay"
)

var cmdTranslate = &command{
	name:    "translate",
	summary: "translate a merchant code into both legs of a cross-border payment, with the quote",
	usage:   "translate PAYLOAD | - --payer SCHEME --payer-currency CUR [--amount AMOUNT] [--rates FILE] [--directory FILE] [--now RFC3339] [--json]",
	help: `
Translate reads a merchant-presented code into a scheme-neutral intent and
builds the two legs of a cross-border payment with translate.Translator:
the merchant leg in the code's scheme and currency, the payer leg in the
payer's scheme (--payer: wechat, debit, ...) and currency, the quote
between them, and the mapping report (every source field mapped, defaulted
or dropped, and why).

--amount is required for a static code and must equal a dynamic code's; it
is in the merchant's currency ("12000"), or give its currency ("100.00
CNY"). Rates come from --rates, a file of lines "base,quote,rate[,as_of]",
and Zero Pay merchants from --directory, the Zero Pay master data as JSON
({"merchants": [...], "qr_codes": [...]}); without them the command uses
its embedded SAMPLE data (made-up rates, one sample merchant), which is
for trying the command out only. --now fixes the clock (quote times and
expiry) and --quote-id the quote's ID, for output that never changes.

examples:
  qrbridge translate 1-ZP-202401000001-0000000000000001--AB12 --payer wechat --payer-currency CNY --amount 12000
  qrbridge translate PAYLOAD --payer wechat --payer-currency CNY --now 2026-01-02T03:04:05Z --quote-id Q1
  qrbridge translate --json --rates rates.csv --payer wechat --payer-currency CNY PAYLOAD`,
	run: runTranslate,
}

//go:embed sample/rates.csv
var sampleRates []byte

//go:embed sample/directory.json
var sampleDirectory []byte

// maxDataFile bounds a --rates or --directory file.
const maxDataFile = 16 << 20

func runTranslate(e env, c *command, args []string) error {
	fs := e.newFlags(c)
	payer := fs.String("payer", "", "the payer's scheme (required): wechat, debit, ...")
	payerCur := fs.String("payer-currency", "", "the payer's ISO 4217 currency (required)")
	amount := fs.String("amount", "", "the amount: in the merchant's currency, or with its currency (\"100.00 CNY\")")
	ratesFile := fs.String("rates", "", "rates file, lines base,quote,rate[,as_of] (default: embedded sample)")
	dirFile := fs.String("directory", "", "Zero Pay master data as JSON (default: embedded sample)")
	nowFlag := fs.String("now", "", "the time, RFC 3339 (default: the clock)")
	quoteID := fs.String("quote-id", "", "the quote's ID, for reproducible output (default: random)")
	asJSON := fs.Bool("json", false, "print the result as one JSON object")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if *payer == "" || *payerCur == "" {
		return fmt.Errorf("%w: translate needs --payer SCHEME and --payer-currency CUR", errUsage)
	}
	cur, err := fx.LookupCurrency(*payerCur)
	if err != nil {
		return fmt.Errorf("%w: --payer-currency %q is not an ISO 4217 currency", errUsage, *payerCur)
	}
	now := e.now
	if *nowFlag != "" {
		t, err := time.Parse(time.RFC3339, *nowFlag)
		if err != nil {
			return fmt.Errorf("%w: --now %q is not an RFC 3339 time", errUsage, *nowFlag)
		}
		now = func() time.Time { return t }
	}
	raw, err := e.payloadArg(c.name, pos)
	if err != nil {
		return err
	}
	if *quoteID != "" {
		id := *quoteID
		e.newID = func() string { return id }
	}
	tr, err := e.translator(*ratesFile, *dirFile, now)
	if err != nil {
		return err
	}
	res, err := runTranslation(tr, raw, translate.Request{PayerScheme: *payer, PayerCurrency: cur}, *amount)
	if *asJSON {
		if jerr := writeJSON(e.stdout, translateDoc(res, err)); jerr != nil {
			return jerr
		}
	} else if err == nil {
		printTranslation(e.stdout, res)
	}
	return err
}

func runTranslation(tr *translate.Translator, raw string, req translate.Request, amount string) (translate.Result, error) {
	ctx := context.Background()
	if amount != "" {
		in, _, err := tr.Intent(ctx, raw)
		if err != nil {
			return translate.Result{}, err
		}
		if req.Amount, err = parseAmount(amount, in.Currency); err != nil {
			return translate.Result{}, err
		}
	}
	return tr.Translate(ctx, raw, req)
}

// parseAmount reads "12000" in currency c, or "100.00 CNY".
func parseAmount(s string, c fx.Currency) (fx.Amount, error) {
	if num, code, ok := strings.Cut(s, " "); ok {
		cur, err := fx.LookupCurrency(code)
		if err != nil {
			return fx.Amount{}, fmt.Errorf("%w: --amount %q: unknown currency", errUsage, s)
		}
		s, c = num, cur
	}
	a, err := fx.ParseAmount(s, c)
	if err != nil {
		return fx.Amount{}, fmt.Errorf("%w: --amount %q: %v", errUsage, s, err)
	}
	return a, nil
}

// translator configures a Translator from the data files, or the samples.
func (e env) translator(ratesFile, dirFile string, now func() time.Time) (*translate.Translator, error) {
	rb, err := readData(ratesFile, sampleRates)
	if err != nil {
		return nil, err
	}
	rates, err := parseRates(rb)
	if err != nil {
		return nil, fmt.Errorf("--rates: %w", err)
	}
	db, err := readData(dirFile, sampleDirectory)
	if err != nil {
		return nil, err
	}
	dir, err := zeropay.LoadJSON(bytes.NewReader(db))
	if err != nil {
		return nil, fmt.Errorf("--directory: %w", err)
	}
	q := &fx.Quoter{Provider: fx.NewStatic(rates...), Now: now, NewID: e.newID}
	return &translate.Translator{Quoter: q, Directory: dir, Now: now}, nil
}

func readData(name string, sample []byte) ([]byte, error) {
	if name == "" {
		return sample, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxDataFile+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxDataFile {
		return nil, fmt.Errorf("%s: over %d bytes refused", name, maxDataFile)
	}
	return b, nil
}

// parseRates reads lines "base,quote,rate[,as_of]"; "#" starts a comment.
func parseRates(b []byte) ([]fx.Rate, error) {
	var out []fx.Rate
	sc := bufio.NewScanner(bytes.NewReader(b))
	n := 1
	for ; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		r, err := parseRateLine(line)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		out = append(out, r)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("line %d: %w", n, err)
	}
	return out, nil
}

func parseRateLine(line string) (fx.Rate, error) {
	f := strings.Split(line, ",")
	if len(f) < 3 || len(f) > 4 {
		return fx.Rate{}, fmt.Errorf("want base,quote,rate[,as_of]")
	}
	base, err := fx.LookupCurrency(strings.TrimSpace(f[0]))
	if err != nil {
		return fx.Rate{}, err
	}
	quote, err := fx.LookupCurrency(strings.TrimSpace(f[1]))
	if err != nil {
		return fx.Rate{}, err
	}
	r, err := fx.ParseRate(strings.TrimSpace(f[2]), base, quote)
	if err != nil {
		return fx.Rate{}, err
	}
	r.Source = "file"
	if len(f) == 4 {
		if r.AsOf, err = time.Parse(time.RFC3339, strings.TrimSpace(f[3])); err != nil {
			return fx.Rate{}, fmt.Errorf("as_of: %w", err)
		}
	}
	return r, nil
}

// legDoc is one leg as JSON output carries it; Request is the scheme's own
// request, as its package marshals it.
type legDoc struct {
	Scheme  string          `json:"scheme"`
	Amount  string          `json:"amount"`
	Request json.RawMessage `json:"request,omitempty"`
}

type quoteDoc struct {
	ID          string    `json:"id"`
	Source      string    `json:"source"`
	Destination string    `json:"destination"`
	Rate        string    `json:"rate"`
	CreatedAt   time.Time `json:"created_at"`
	ExpiresAt   time.Time `json:"expires_at"`
}

type translationDoc struct {
	OK          bool                `json:"ok"`
	Error       *errorInfo          `json:"error,omitempty"`
	Kind        string              `json:"kind,omitempty"`
	Schemes     []string            `json:"schemes,omitempty"`
	Merchant    string              `json:"merchant,omitempty"`
	Corridor    string              `json:"corridor,omitempty"`
	Quote       *quoteDoc           `json:"quote,omitempty"`
	MerchantLeg *legDoc             `json:"merchant_leg,omitempty"`
	PayerLeg    *legDoc             `json:"payer_leg,omitempty"`
	Report      []translate.Mapping `json:"report,omitempty"`
}

func translateDoc(r translate.Result, err error) translationDoc {
	if err != nil {
		return translationDoc{Error: info(err)}
	}
	q := r.Quote
	return translationDoc{
		OK: true, Kind: r.Intent.Kind.String(), Schemes: r.Intent.Schemes, Merchant: r.Intent.Merchant.Name,
		Corridor: r.Corridor.ID,
		Quote: &quoteDoc{q.ID, q.Source.String(), q.Destination.String(), q.Rate.Value.String(),
			q.CreatedAt.UTC(), q.ExpiresAt.UTC()},
		MerchantLeg: leg(r.MerchantLeg), PayerLeg: leg(r.PayerLeg), Report: r.Report.Entries,
	}
}

func leg(l translate.Leg) *legDoc {
	d := &legDoc{Scheme: l.Scheme, Amount: l.Amount.String()}
	if b, err := json.Marshal(l.Request); err == nil && string(b) != "null" {
		d.Request = b
	}
	return d
}

func printTranslation(w io.Writer, r translate.Result) {
	d := translateDoc(r, nil)
	fmt.Fprintf(w, "kind          %s\n", d.Kind)
	if len(d.Schemes) > 0 {
		fmt.Fprintf(w, "schemes       %s\n", strings.Join(d.Schemes, " "))
	}
	if d.Merchant != "" {
		fmt.Fprintf(w, "merchant      %s\n", d.Merchant)
	}
	fmt.Fprintf(w, "corridor      %s\n", d.Corridor)
	fmt.Fprintf(w, "quote         %s for %s at %s, %s until %s\n", d.Quote.Source, d.Quote.Destination,
		d.Quote.Rate, d.Quote.ID, d.Quote.ExpiresAt.Format(time.RFC3339))
	fmt.Fprintf(w, "merchant leg  %s %s\npayer leg     %s %s\nreport\n", d.MerchantLeg.Scheme, d.MerchantLeg.Amount,
		d.PayerLeg.Scheme, d.PayerLeg.Amount)
	for _, m := range d.Report {
		target := m.Target
		if target == "" {
			target = "-"
		}
		fmt.Fprintf(w, "  %-24s %-9s %-32s %s\n", m.Source, m.Action, target, m.Reason)
	}
}
