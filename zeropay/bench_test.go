package zeropay_test

import (
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
	for name, f := range map[string]func(){
		"static":  func() { _, _ = zeropay.Parse(static) },
		"barcode": func() { _, _ = zeropay.ParseBarcode(consumerBarcode) },
	} {
		if got := testing.AllocsPerRun(200, f); got > 1 {
			t.Errorf("%s: %.0f allocations, budget 1", name, got)
		}
	}
}
