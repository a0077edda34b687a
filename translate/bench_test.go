package translate

import (
	"context"
	"testing"

	"github.com/qrbridge/qrbridge/fx"
)

// BenchmarkDetect runs Detect over one code of each kind.
func BenchmarkDetect(b *testing.B) {
	for _, r := range detectRows {
		b.Run(r.kind.String(), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(r.raw)))
			for b.Loop() {
				_ = Detect(r.raw)
			}
		})
	}
}

// BenchmarkTranslateScenario1 is scenario 1 from the raw sticker to both
// legs and the quote, on in-memory providers.
func BenchmarkTranslateScenario1(b *testing.B) {
	tr := newTranslator(b)
	req := scenario1Request()
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tr.Translate(ctx, sticker, req); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTranslateSpecMPM is scenario 2: an EMVCo payload to both legs.
func BenchmarkTranslateSpecMPM(b *testing.B) {
	tr := newTranslator(b)
	req := Request{PayerScheme: "kpay", PayerCurrency: krw}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tr.Translate(ctx, specMPM, req); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTranslateRefused is the failure path of an amount over the cap.
func BenchmarkTranslateRefused(b *testing.B) {
	tr := newTranslator(b)
	tr.Corridors = []Corridor{{ID: "capped", PayerScheme: "wechat", PayerCurrency: cny, MerchantCurrency: krw, PerTransactionCap: fx.FromMinor(10000, krw)}}
	req := scenario1Request()
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tr.Translate(ctx, sticker, req); err == nil {
			b.Fatal("not refused")
		}
	}
}
