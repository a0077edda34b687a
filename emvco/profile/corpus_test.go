package profile

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/qrbridge/qrbridge/emvco"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

type corpusEntry struct {
	Payload string `json:"payload"`
	Scheme  string `json:"scheme"`
	Valid   bool   `json:"valid"`
	Source  string `json:"source"`
}

// corpus returns the valid merchant-presented entries of the shared corpus
// (emvco/testdata/corpus.json), with their index in the file.
func corpus(t testing.TB) map[int]corpusEntry {
	b, err := os.ReadFile("../testdata/corpus.json")
	require.NoError(t, err)
	var all []corpusEntry
	require.NoError(t, json.Unmarshal(b, &all))
	out := map[int]corpusEntry{}
	for i, e := range all {
		if e.Valid && e.Scheme != "cpm" {
			out[i] = e
		}
	}
	return out
}

// testNow is the fixed clock of the golden findings.
var testNow = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

func testRegistry() *Registry {
	r := Default()
	r.Now = func() time.Time { return testNow }
	return r
}

// nationalScheme maps the corpus's scheme labels to profile names.
var nationalScheme = map[string][]string{
	"pix": {"pix"}, "promptpay": {"promptpay"}, "qris": {"qris"}, "sgqr": {"sgqr", "paynow"},
	"vietqr": {"vietqr"}, "duitnow": {"duitnow"}, "fps": {"fps"},
}

func TestCorpusSchemesDetected(t *testing.T) {
	r := testRegistry()
	for i, e := range corpus(t) {
		want, national := nationalScheme[e.Scheme]
		if !national {
			continue
		}
		p, err := emvco.Parse(e.Payload)
		require.NoError(t, err)
		found := false
		for _, m := range r.Schemes(p) {
			found = found || slices.Contains(want, m.Scheme)
		}
		assert.True(t, found, "entry %d (%s) not detected as %v", i, e.Source, want)
	}
}

// TestCorpusFindingsGolden records which findings each corpus entry gets,
// so that a rule change that alters them shows in review. Refresh with
// go test ./emvco/profile -run Golden -update.
func TestCorpusFindingsGolden(t *testing.T) {
	r := testRegistry()
	entries := corpus(t)
	idx := make([]int, 0, len(entries))
	for i := range entries {
		idx = append(idx, i)
	}
	slices.Sort(idx)
	var b strings.Builder
	for _, i := range idx {
		e := entries[i]
		p, err := emvco.Parse(e.Payload)
		require.NoError(t, err)
		fmt.Fprintf(&b, "%d %s", i, e.Scheme)
		for _, f := range r.Linter().Lint(p) {
			fmt.Fprintf(&b, " %s:%s@%s", f.Severity, f.Rule, f.Path)
		}
		b.WriteString("\n")
	}
	const golden = "testdata/lint.golden"
	if *update {
		require.NoError(t, os.WriteFile(golden, []byte(b.String()), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), b.String())
}

// TestCorpusErrorsAreKnownDeviations: entries of a national scheme lint
// with no error unless the golden file records it as a known deviation,
// and every recorded error is one of the deviations the entries' own
// sources describe (over-long names, non-ASCII cities, expired or
// malformed timestamps, QRIS codes without their NMID).
func TestCorpusErrorsAreKnownDeviations(t *testing.T) {
	known := map[string]bool{
		"mpm-name-length": true, "mpm-format-ans": true, "mpm-guid-form": true, "mpm-missing-field": true,
		"mpm-mcc": true, "pix-txid": true, "pix-automatic-url": true, "paynow-expired": true,
		"qris-nmid": true, "qris-repository": true, "khqr-expiry": true, "khqr-timestamp": true,
	}
	r := testRegistry()
	for i, e := range corpus(t) {
		p, _ := emvco.Parse(e.Payload)
		for _, f := range r.Linter().Lint(p) {
			if f.Severity == emvco.SeverityError {
				assert.True(t, known[f.Rule], "entry %d (%s): unexpected error %s at %s", i, e.Source, f.Rule, f.Path)
			}
		}
	}
}
