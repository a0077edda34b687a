// Package corpus reads emvco/testdata/corpus.json, the real payloads
// collected from public sources with their provenance, for the tests of
// the packages that share it (emvco/cpm, translate, cmd/qrbridge). It is
// imported only by tests.
package corpus

import (
	"encoding/json"
	"os"
	"testing"
)

// Entry is one payload of the corpus: its text, scheme, whether the
// library must accept it, why not if not, and where it comes from.
type Entry struct {
	Payload    string `json:"payload"`
	Scheme     string `json:"scheme"`
	Valid      bool   `json:"valid"`
	WhyInvalid string `json:"why_invalid"`
	Source     string `json:"source"`
}

// Load reads the corpus file at path, relative to the calling test's
// package folder, and fails tb unless it holds at least one entry.
func Load(tb testing.TB, path string) []Entry {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	var c []Entry
	if err := json.Unmarshal(b, &c); err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	if len(c) == 0 {
		tb.Fatalf("%s: no entries", path)
	}
	return c
}
