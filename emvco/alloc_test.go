package emvco

import (
	"testing"
	"unsafe"
)

// The allocation budgets of the codec issues, guarded outside benchmarks.
func TestAllocationBudgets(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("instrumented builds allocate differently")
	}
	tests := []struct {
		name   string
		budget float64
		run    func()
	}{
		{"parse emvco example", 2, func() { _, _ = Parse(emvSpecExample) }},
		{"parse pix", 2, func() { _, _ = Parse(pixExample) }},
		{"build emvco example", 2, func() {
			var b Builder
			buildSpecExample(&b)
			_, _ = b.String()
		}},
		{"crc", 0, func() { crcString(emvSpecExample) }},
		{"parse cpm two applications", 3, func() { _, _ = ParseCPM(cpmB2) }},
		{"lookup", 0, func() {
			p := parsedSpec
			_, _ = p.Lookup("62.07")
			_ = p.MerchantName()
		}},
	}
	for _, tt := range tests {
		if got := testing.AllocsPerRun(200, tt.run); got > tt.budget {
			t.Errorf("%s: %.0f allocations, budget %.0f", tt.name, got, tt.budget)
		}
	}
}

var parsedSpec, _ = Parse(emvSpecExample)

// TestPayloadSize holds a Payload to 512 bytes: larger objects cost the
// allocator a type header and the collector more work (see inlineNodes).
func TestPayloadSize(t *testing.T) {
	if size := unsafe.Sizeof(Payload{}); size > 512 {
		t.Errorf("Payload is %d bytes, over 512", size)
	}
}
