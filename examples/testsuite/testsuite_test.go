package testsuite_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/qrbridge/qrbridge/emvco"
	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/translate"
	"github.com/qrbridge/qrbridge/zeropay"
)

// The EMVCo specification's example payload (EMV QRCPS MPM v1.1, Annex A).
const specMPM = "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A"

// A payload is asserted on by its fields; a broken one by its error's
// class (errors.Is) and position (errors.As).
func TestPayloads(t *testing.T) {
	p, err := emvco.Parse(specMPM)
	if err != nil {
		t.Fatal(err)
	}
	if p.MerchantName() != "BEST TRANSPORT" {
		t.Errorf("name %q", p.MerchantName())
	}
	broken := specMPM[:len(specMPM)-4] + "0000" // a wrong CRC
	_, err = emvco.Parse(broken)
	var pe *emvco.ParseError
	if !errors.Is(err, emvco.ErrCRC) || !errors.As(err, &pe) {
		t.Fatalf("wrong CRC = %v, want emvco.ErrCRC in a *ParseError", err)
	}
	t.Logf("refused at path %q, offset %d", pe.Path, pe.Offset)
}

// Findings are matched by their stable rule IDs and paths.
func TestFindings(t *testing.T) {
	p, err := emvco.Parse(specMPM)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range emvco.Lint(p) {
		if f.Rule == "" || f.Ref == "" {
			t.Errorf("a finding without its rule or reference: %+v", f)
		}
		t.Logf("%s %s at %s (%s)", f.Severity, f.Rule, f.Path, f.Ref)
	}
	if emvco.HasErrors(emvco.Lint(p)) {
		t.Error("the specification's example has errors")
	}
}

// A translation's failure names its field and its class.
func TestTranslations(t *testing.T) {
	tr := translator(t)
	ctx := context.Background()
	res, err := tr.Translate(ctx, sticker, request(12000))
	if err != nil {
		t.Fatal(err)
	}
	if zr, ok := res.MerchantLeg.Request.(*zeropay.Result); !ok || zr.Amount.String() != "12000 KRW" {
		t.Fatalf("merchant leg %T %v", res.MerchantLeg.Request, res.MerchantLeg.Request)
	}
	if m, ok := res.Report.Find("directory.industry_code"); !ok || m.Action != translate.Defaulted {
		t.Errorf("report entry %+v", m)
	}
	_, err = tr.Translate(ctx, "not a payment code", request(12000))
	var te *translate.Error
	if !errors.Is(err, translate.ErrUnknownCode) || !errors.As(err, &te) {
		t.Fatalf("unknown code = %v", err)
	}
	req := request(0)
	req.Amount = fx.Amount{}
	if _, err := tr.Translate(ctx, sticker, req); !errors.Is(err, translate.ErrAmountRequired) {
		t.Fatalf("a static sticker without an amount = %v", err)
	}
}

// An authorization is asserted on by its outcome and its typed errors; the
// Fake scripts the scheme's answers.
func TestAuthorizations(t *testing.T) {
	ctx := context.Background()
	res, err := translator(t).Translate(ctx, sticker, request(12000))
	if err != nil {
		t.Fatal(err)
	}
	quotes := new(translate.MemoryQuotes)
	fake := &translate.Fake{Script: []translate.FakeStep{{Outcome: translate.OutcomeDeclined, Code: "NOTENOUGH"}}}
	authz := translate.NewStack(fake, translate.StackConfig{Quotes: quotes, Audit: translate.SlogAudit{Logger: discard()}})
	if err := translate.Offer(ctx, quotes, &res); err != nil {
		t.Fatal(err)
	}
	a, err := authz.Authorize(ctx, &res)
	var de *translate.DeclineError
	if a.Outcome != translate.OutcomeDeclined || !errors.As(err, &de) || de.Code != "NOTENOUGH" {
		t.Fatalf("scripted decline = %v, %v", a.Outcome, err)
	}
	// The same key again: the first answer, the scheme is not asked twice.
	if _, err := authz.Authorize(ctx, &res); !errors.Is(err, translate.ErrDeclined) || len(fake.Calls()) != 1 {
		t.Fatalf("retry = %v, %d calls", err, len(fake.Calls()))
	}
}

const sticker = "1-ZP-202012AB0123-T000000000000001--ABCD"

func request(won int64) translate.Request {
	return translate.Request{PayerScheme: "wechat", PayerCurrency: fx.MustCurrency("CNY"),
		Amount: fx.FromMinor(won, fx.MustCurrency("KRW")), IdempotencyKey: "test-1", Payer: "openid-1"}
}

func translator(t *testing.T) *translate.Translator {
	dir, err := zeropay.NewMemory(
		[]zeropay.Merchant{{BusinessNumber: "1208812345", ID: "202012AB0123", Name: "홍대 떡볶이", IndustryCode: "56111"}},
		[]zeropay.QRRecord{{QR: sticker, MerchantID: "202012AB0123", IssueDate: "20201201"}},
	)
	if err != nil {
		t.Fatal(err)
	}
	rate := fx.Rate{Base: fx.MustCurrency("KRW"), Quote: fx.MustCurrency("CNY"), Value: decimal.RequireFromString("0.0052"), AsOf: time.Now()}
	return &translate.Translator{Quoter: &fx.Quoter{Provider: fx.NewStatic(rate)}, Directory: dir}
}

func discard() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }
