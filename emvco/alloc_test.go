package emvco

import (
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
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
		// What the code achieves, tighter than the issues' budgets where
		// it can be, so that a regression shows before a budget is broken.
		// Building takes the Builder (a Template callback makes it escape)
		// and the string Encode returns.
		{"parse emvco example", 1, func() { _, _ = Parse(emvSpecExample) }},
		{"parse pix", 1, func() { _, _ = Parse(pixExample) }},
		{"build emvco example", 2, func() {
			var b Builder
			buildSpecExample(&b)
			_, _ = b.Encode()
		}},
		{"crc", 0, func() { crcString(emvSpecExample) }},
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

// TestObjectSizes holds a Payload and a Builder to 512 bytes: larger
// objects cost the allocator a type header and the collector more work
// (see inlineNodes and smallCap).
func TestObjectSizes(t *testing.T) {
	if size := reflect.TypeFor[Payload]().Size(); size > 512 {
		t.Errorf("Payload is %d bytes, over 512", size)
	}
	if size := reflect.TypeFor[Builder]().Size(); size > 512 {
		t.Errorf("Builder is %d bytes, over 512", size)
	}
	assert.LessOrEqual(t, len(emvSpecExample), smallCap, "the specification example fits in the Builder")
}
