package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/qrbridge/qrbridge/internal/corpus"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// loadCorpus reads emvco/testdata/corpus.json: real codes with whether
// the library must accept them.
func loadCorpus(t testing.TB) []corpus.Entry {
	t.Helper()
	return corpus.Load(t, "../../emvco/testdata/corpus.json")
}

func corpusLines(c []corpus.Entry) string {
	var b strings.Builder
	for _, e := range c {
		b.WriteString(e.Payload)
		b.WriteByte('\n')
	}
	return b.String()
}

func readRecords(t *testing.T, out string) []record {
	t.Helper()
	var rs []record
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r record
		require.NoError(t, json.Unmarshal(sc.Bytes(), &r), sc.Text())
		rs = append(rs, r)
	}
	return rs
}

// TestCorpusBatch runs every corpus payload through decode, lint and the
// batch modes: every line is answered, in order, as the corpus says.
func TestCorpusBatch(t *testing.T) {
	c := loadCorpus(t)
	for _, args := range [][]string{{"decode", "--jsonl"}, {"lint", "--jsonl", "--now", "2026-01-01T00:00:00Z"}, {"detect", "--jsonl"}} {
		code, out, errOut := runCLI(t, corpusLines(c), args...)
		require.Equal(t, exitOK, code, errOut)
		rs := readRecords(t, out)
		require.Len(t, rs, len(c), "every line answered")
		for i, r := range rs {
			e := c[i]
			assert.Equal(t, i+1, r.Line, "in order")
			assert.Equal(t, maskInput(e.Payload, r.Kind), r.Input)
			wantKind := "emvco-mpm"
			if e.Scheme == "cpm" {
				wantKind = "emvco-cpm"
			}
			assert.Equal(t, wantKind, r.Kind, "line %d", i+1)
			// detect names a CPM from its prefix, without parsing it.
			if args[0] == "decode" || args[0] == "detect" && r.Kind == "emvco-mpm" {
				assert.Equal(t, e.Valid, r.OK, "line %d: %v", i+1, r.Error)
				if r.OK && r.Kind == "emvco-mpm" && args[0] == "decode" {
					assert.Equal(t, e.Payload, r.Encoded, "line %d: lossless", i+1)
				}
			}
			if !r.OK && r.Error == nil {
				assert.NotEmpty(t, r.Findings, "line %d: not ok without an error or findings", i+1)
			}
		}
	}
}

// TestCorpusEncodeRoundTrip feeds every corpus decode --json output to
// encode: a conformant payload comes back byte for byte, and a payload
// the Builder refuses is one lint reports an error for at the same path.
func TestCorpusEncodeRoundTrip(t *testing.T) {
	lintOut := map[string]record{}
	for _, e := range loadCorpus(t) {
		code, doc, _ := runCLI(t, "", "decode", "--json", e.Payload)
		if code != exitOK || !strings.HasPrefix(e.Payload, "00") {
			continue
		}
		code, out, errOut := runCLI(t, doc, "encode", "--json", "-")
		if code == exitOK {
			assert.Equal(t, e.Payload+"\n", out)
			continue
		}
		_, l, _ := runCLI(t, e.Payload+"\n", "lint", "--jsonl", "--now", "2026-01-01T00:00:00Z")
		var r record
		require.NoError(t, json.Unmarshal([]byte(l), &r))
		lintOut[e.Payload] = r
		var paths []string
		for _, f := range r.Findings {
			if f.Severity == "error" {
				paths = append(paths, f.Path)
			}
		}
		assert.NotEmpty(t, paths, "encode refused a payload lint passes: %s", errOut)
		assert.Contains(t, errOut, "path=", "the refusal names the tag path")
	}
	assert.NotEmpty(t, lintOut, "the corpus holds deviant payloads the Builder refuses")
}

// TestBatchLimits: a line over the limit is an error object for that line
// and the lines after it are still answered; input over the line limit
// is refused with exit 1, never cut silently.
func TestBatchLimits(t *testing.T) {
	in := promptpay + "\n" + strings.Repeat("0", 100<<10) + "\n" + promptpay + "\r\n\n" + promptpay
	code, out, _ := runCLI(t, in, "decode", "--jsonl")
	require.Equal(t, exitOK, code)
	rs := readRecords(t, out)
	require.Len(t, rs, 5)
	assert.True(t, rs[0].OK)
	assert.Equal(t, "qrbridge/too-long", rs[1].Error.Code)
	assert.True(t, rs[2].OK, "CRLF line endings")
	assert.Equal(t, "qrbridge/empty", rs[3].Error.Code)
	assert.True(t, rs[4].OK, "a last line without a newline")

	var stdout, stderr strings.Builder
	e := env{stdin: strings.NewReader(strings.Repeat(promptpay+"\n", 5)), stdout: &stdout, stderr: &stderr,
		getenv: func(string) string { return "" }, maxLines: 3}
	assert.Equal(t, exitRefused, e.run([]string{"decode", "--jsonl"}))
	assert.Equal(t, 3, strings.Count(stdout.String(), "\n"), "the lines within the limit are answered")
	assert.Contains(t, stderr.String(), "input over 3 lines refused")

	stdout.Reset()
	e.stdin = strings.NewReader(strings.Repeat(promptpay+"\n", 3))
	assert.Equal(t, exitOK, e.run([]string{"decode", "--jsonl"}), "exactly at the limit")
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestBatchReadError(t *testing.T) {
	var stdout, stderr strings.Builder
	e := env{stdin: failingReader{}, stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
	assert.Equal(t, exitRefused, e.run([]string{"lint", "--jsonl"}))
	assert.Contains(t, stderr.String(), "disk on fire")
}
