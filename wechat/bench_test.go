package wechat

import "testing"

func BenchmarkParsePaymentCode(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		c, err := Parse("134567890123456789")
		if err != nil || !c.PaymentCode.CrossBorder() {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseCodeURL(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("weixin://wxpay/bizpayurl?pr=9xFPmlUzz"); err != nil {
			b.Fatal(err)
		}
	}
}

func TestPaymentCodeAllocatesNothing(t *testing.T) {
	if testing.CoverMode() != "" {
		t.Skip("instrumented")
	}
	if got := testing.AllocsPerRun(200, func() { _, _ = Parse("134567890123456789") }); got != 0 {
		t.Errorf("classify and parse a payment code: %.0f allocations, want 0", got)
	}
}
