package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qrbridge/qrbridge/internal/golden"
	"github.com/qrbridge/qrbridge/qr"
)

// TestRun writes the stickers into a temporary directory, compares the
// output with the golden file (go test -update) and reads every image
// back.
func TestRun(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	if err := run(&out, dir); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	golden.Check(t, filepath.Join("testdata", "output.golden"), out.Bytes())
	for _, name := range []string{"zeropay", "emvco-multi"} {
		png, err := os.ReadFile(filepath.Join(dir, name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := qr.DecodeBytes(png); err != nil {
			t.Errorf("%s.png: %v", name, err)
		}
		svg, err := os.ReadFile(filepath.Join(dir, name+".svg"))
		if err != nil || !strings.Contains(string(svg), "<svg") {
			t.Errorf("%s.svg: %v", name, err)
		}
	}
	if strings.Count(out.String(), "read back: true") != 2 {
		t.Error("an image did not read back to its text")
	}
}
