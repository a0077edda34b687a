package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// FuzzBatch feeds arbitrary input to every batch mode: no panic, one JSON
// object per input line, in order, whatever the lines hold.
func FuzzBatch(f *testing.F) {
	for _, s := range []string{promptpay, cpmB2, zeroPay, "134567890123456789", "", "\r\n\n", promptpay + "\n" + strings.Repeat("x", maxPayload+1), "00\xff\xfe63"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		lines := strings.Count(in, "\n")
		if in != "" && !strings.HasSuffix(in, "\n") {
			lines++
		}
		for _, cmd := range []string{"decode", "lint", "detect"} {
			var out, errOut bytes.Buffer
			if code := testEnv(in, &out, &errOut).run([]string{cmd, "--jsonl"}); code != exitOK {
				t.Fatalf("%s: exit %d: %s", cmd, code, errOut.String())
			}
			got := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
			if out.Len() == 0 {
				got = nil
			}
			if len(got) != lines {
				t.Fatalf("%s: %d lines in, %d out", cmd, lines, len(got))
			}
			for i, l := range got {
				var r record
				if err := json.Unmarshal([]byte(l), &r); err != nil || r.Line != i+1 {
					t.Fatalf("%s: line %d: %v %q", cmd, i+1, err, l)
				}
			}
		}
	})
}
