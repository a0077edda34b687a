package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/output.golden")

// TestRun runs the example and compares its output with the golden file
// (refresh it with go test -update).
func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	golden := filepath.Join("testdata", "output.golden")
	if *update {
		if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), want) {
		t.Fatalf("output differs from %s:\n%s", golden, out.String())
	}
	for _, leak := range scans[:5] {
		if bytes.Contains(out.Bytes(), []byte(leak)) {
			t.Errorf("output shows a payment token in clear: %s", leak)
		}
	}
	if !bytes.Contains(out.Bytes(), []byte("WeChat Pay via KIS")) || !bytes.Contains(out.Bytes(), []byte("refused")) {
		t.Error("output lacks a route or the refusal")
	}
}
