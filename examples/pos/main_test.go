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
	for _, leak := range scans[:5] {
		if bytes.Contains(out.Bytes(), []byte(leak)) {
			t.Errorf("output shows a payment token in clear: %s", leak)
		}
	}
	if !bytes.Contains(out.Bytes(), []byte("WeChat Pay via KIS")) || !bytes.Contains(out.Bytes(), []byte("refused")) {
		t.Error("output lacks a route or the refusal")
	}
}
