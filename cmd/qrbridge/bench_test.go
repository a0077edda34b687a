package main

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

// BenchmarkDecodeJSONL runs "qrbridge decode --jsonl" (the command's own
// run path: flag parsing, line reading, decoding, JSON writing) over
// 10,000 corpus payloads, the corpus repeated in order. Budget: ≥ 50,000
// payloads/s (issue 19).
func BenchmarkDecodeJSONL(b *testing.B) { benchBatch(b, "decode", "--jsonl") }

// BenchmarkLintJSONL is the same batch through lint, every rule and
// profile.
func BenchmarkLintJSONL(b *testing.B) {
	benchBatch(b, "lint", "--jsonl", "--now", "2026-01-01T00:00:00Z")
}

func benchBatch(b *testing.B, args ...string) {
	const n = 10_000
	c := loadCorpus(b)
	var in strings.Builder
	for i := range n {
		in.WriteString(c[i%len(c)].Payload)
		in.WriteByte('\n')
	}
	input := []byte(in.String())
	b.SetBytes(int64(len(input)))
	b.ReportAllocs()
	for b.Loop() {
		e := env{stdin: bytes.NewReader(input), stdout: io.Discard, stderr: io.Discard, getenv: func(string) string { return "" }}
		if code := e.run(args); code != exitOK {
			b.Fatalf("exit %d", code)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "payloads/s")
}
