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

// TestTranslateConcurrent runs one Translator from many goroutines; with
// -race it checks that translating shares nothing mutable.
func TestTranslateConcurrent(t *testing.T) {
	tr := newTranslator(t)
	ctx := context.Background()
	done := make(chan error)
	for i := 0; i < 8; i++ {
		go func() {
			var err error
			for j := 0; j < 20 && err == nil; j++ {
				_, err = tr.Translate(ctx, sticker, scenario1Request())
				if err == nil {
					_, err = tr.Translate(ctx, specMPM, Request{PayerScheme: "kpay", PayerCurrency: krw})
				}
			}
			done <- err
		}()
	}
	for i := 0; i < 8; i++ {
		require.NoError(t, <-done)
	}
}
