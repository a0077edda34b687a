package zeropay_test

import (
	"context"
	"strings"
	"testing"

	"github.com/qrbridge/qrbridge/zeropay"
)

func BenchmarkParseStatic(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := zeropay.Parse(static); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseConsumerBarcode(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := zeropay.ParseBarcode(consumerBarcode); err != nil {
			b.Fatal(err)
		}
	}
}

func TestParseAllocationBudget(t *testing.T) {
	if testing.CoverMode() != "" {
		t.Skip("instrumented")
	}
	var c zeropay.Code
	var b zeropay.Barcode
	var err1, err2 error
	for name, f := range map[string]func(){
		"static":  func() { c, err1 = zeropay.Parse(static) },
		"barcode": func() { b, err2 = zeropay.ParseBarcode(consumerBarcode) },
	} {
		if got := testing.AllocsPerRun(200, f); got > 1 {
			t.Errorf("%s: %.0f allocations, budget 1", name, got)
		}
	}
	if err1 != nil || c.TerminalID != "T000000000000001" {
		t.Fatalf("the measured Parse failed: %v", err1)
	}
	if err2 != nil || b.Token != "30123456789017" {
		t.Fatalf("the measured ParseBarcode failed: %v", err2)
	}
}

func BenchmarkParserResolve(b *testing.B) {
	dir, err := zeropay.LoadJSON(strings.NewReader(directoryJSON))
	if err != nil {
		b.Fatal(err)
	}
	p := zeropay.Parser{Checkers: zeropay.Checkers{Merchant: constChecker("X9-Z")}, RequireCheck: true}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := p.Resolve(ctx, dir, static); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCodeStringMasked(b *testing.B) {
	c, err := zeropay.Parse(childCode)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if c.String() != maskedCodeText {
			b.Fatal("not masked")
		}
	}
}
