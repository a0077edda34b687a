package main

import (
	"bytes"
	"errors"
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

// failingWriter fails every write that holds a refusal.
type failingWriter struct{ bytes.Buffer }

var errWrite = errors.New("terminal display unplugged")

func (w *failingWriter) Write(p []byte) (int, error) {
	if bytes.Contains(p, []byte("refused")) {
		return 0, errWrite
	}
	return w.Buffer.Write(p)
}

// TestRunReportsWriteErrors: a display that fails while showing a refusal
// is an error of the run, not a silent stop.
func TestRunReportsWriteErrors(t *testing.T) {
	var w failingWriter
	if err := run(&w); !errors.Is(err, errWrite) {
		t.Fatalf("run = %v, want the write error", err)
	}
	if !bytes.Contains(w.Bytes(), []byte("EMV acquirer (default)")) {
		t.Error("the routes before the refusal were not written")
	}
}
