package main

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/qrbridge/qrbridge/internal/golden"
)

// TestRun runs the example and compares its output with the golden file
// (refresh it with go test -update).
func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	golden.Check(t, filepath.Join("testdata", "output.golden"), out.Bytes())
	for _, must := range []string{"same: true", "outcome approved: charged 62.40 CNY", "payer's original 62.40 CNY, operator PKW", "WeChat Pay saw 1 request(s)"} {
		if !bytes.Contains(out.Bytes(), []byte(must)) {
			t.Errorf("output lacks %q", must)
		}
	}
}
