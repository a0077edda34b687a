package translate

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create %s", path)
	require.Equal(t, string(want), string(got))
}

// TestReportGolden keeps the mapping reports of scenarios 1 and 2 in
// golden files: what every source object became.
func TestReportGolden(t *testing.T) {
	tr := newTranslator(t)
	ctx := context.Background()
	for _, c := range []struct {
		name, raw string
		req       Request
	}{
		{"scenario1.report.golden", sticker, scenario1Request()},
		{"scenario2.report.golden", specMPM, Request{PayerScheme: "kpay", PayerCurrency: krw}},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := tr.Translate(ctx, c.raw, c.req)
			require.NoError(t, err)
			b, err := json.MarshalIndent(res.Report, "", "  ")
			require.NoError(t, err)
			golden(t, c.name, append(b, '\n'))
		})
	}
}
