package translate

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestScenario1Allocs holds scenario 1, raw sticker to both legs and the
// quote, to its budget of 40 allocations.
func TestScenario1Allocs(t *testing.T) {
	tr := newTranslator(t)
	req := scenario1Request()
	ctx := context.Background()
	n := testing.AllocsPerRun(200, func() {
		if _, err := tr.Translate(ctx, sticker, req); err != nil {
			t.Fatal(err)
		}
	})
	require.LessOrEqual(t, n, 40.0)
}
