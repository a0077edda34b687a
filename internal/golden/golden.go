// Package golden compares a test's output with a golden file, the way
// go/doc's tests do: `go test -update` rewrites the file with the output
// instead. It is imported only by tests (the runnable examples'), and it
// registers the -update flag for the test binary that imports it.
package golden

import (
	"bytes"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files with the output")

// Check fails t unless got equals the contents of the file at path; with
// -update it first writes got there. The failure shows the whole output,
// so a difference can be read off the test log.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("output differs from %s:\n%s", path, got)
	}
}
