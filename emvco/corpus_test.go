package emvco

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// corpusEntry is one real payload of testdata/corpus.json, collected from
// public sources with its provenance (a copy of shared/testdata).
type corpusEntry struct {
	Payload    string `json:"payload"`
	Scheme     string `json:"scheme"`
	Valid      bool   `json:"valid"`
	WhyInvalid string `json:"why_invalid"`
	Source     string `json:"source"`
}

func loadCorpus(t testing.TB) []corpusEntry {
	t.Helper()
	return loadCorpusFile(t, "testdata/corpus.json")
}

// loadCorpusFile reads a corpus in the format of testdata/corpus.json.
func loadCorpusFile(t testing.TB, path string) []corpusEntry {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	var c []corpusEntry
	require.NoError(t, json.Unmarshal(b, &c))
	require.NotEmpty(t, c)
	return c
}

// mpmCorpus returns the merchant-presented entries.
func mpmCorpus(t testing.TB) []corpusEntry {
	var out []corpusEntry
	for _, e := range loadCorpus(t) {
		if e.Scheme != "cpm" {
			out = append(out, e)
		}
	}
	return out
}

// impliedSentinel maps the first reason of a corpus entry's why_invalid to
// the sentinel the strict reader must return.
func impliedSentinel(t *testing.T, why string) error {
	t.Helper()
	switch {
	case strings.HasPrefix(why, "CRC"):
		return ErrCRC
	case strings.HasPrefix(why, "zero-length"):
		return ErrLength
	case strings.HasPrefix(why, "ID 5"):
		return ErrFormat
	case strings.HasPrefix(why, "TLV does not parse"):
		return ErrSyntax
	case strings.HasPrefix(why, "not a merchant-presented payload"):
		return ErrLength // 00 is not the two-character payload format indicator
	}
	t.Fatalf("no sentinel known for why_invalid %q", why)
	return nil
}

func TestCorpusValidParsesAndRoundTrips(t *testing.T) {
	for _, e := range mpmCorpus(t) {
		if !e.Valid {
			continue
		}
		t.Run(e.Scheme+"/"+e.Source, func(t *testing.T) {
			p, err := Parse(e.Payload)
			require.NoError(t, err)
			require.Equal(t, e.Payload, p.String())
			rebuilt, err := p.Edit().Encode()
			require.NoError(t, err, "re-encoding the parsed structure")
			require.Equal(t, e.Payload, rebuilt, "structural re-encode must be byte for byte")
		})
	}
}

func TestCorpusInvalidRefused(t *testing.T) {
	for _, e := range mpmCorpus(t) {
		if e.Valid {
			continue
		}
		t.Run(e.Scheme+"/"+e.Source, func(t *testing.T) {
			want := impliedSentinel(t, e.WhyInvalid)
			p, err := Parse(e.Payload)
			require.Nil(t, p)
			require.ErrorIs(t, err, want, "why_invalid: %s", e.WhyInvalid)
			var pe *ParseError
			require.True(t, errors.As(err, &pe))
			require.NotContains(t, err.Error(), e.Payload)
		})
	}
}
