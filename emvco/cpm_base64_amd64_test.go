//go:build amd64 && !purego

package emvco

import (
	"encoding/base64"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDecodeBlocksMatchesScalar holds the SSSE3 blocks to the scalar
// decoder: every character of the alphabet and every byte value at every
// position of a block, and random text.
func TestDecodeBlocksMatchesScalar(t *testing.T) {
	if !hasSSSE3 {
		t.Skip("no SSSE3 on this CPU")
	}
	check := func(s string) {
		t.Helper()
		dst := make([]byte, len(s)/4*3+4)
		n := decodeBlocks(dst, s)
		require.Zero(t, n%16)
		want, err := base64.StdEncoding.Strict().DecodeString(s[:n])
		require.NoError(t, err, "%q: decoded blocks hold only alphabet characters", s)
		require.Equal(t, want, dst[:n/4*3], "%q", s)
		if n < len(s)-len(s)%16 { // stopped early: the next block has a bad character
			_, bad := decodeBase64(nil, s[n:n+16])
			require.GreaterOrEqual(t, bad, 0, "%q stopped before a good block", s)
		}
	}
	all := base64Alphabet + base64Alphabet[:32] // every character, 96 in all
	check(all)
	for pos := range 32 {
		for c := range 256 {
			b := []byte(all[:32])
			b[pos] = byte(c)
			check(string(b))
		}
	}
	r := rand.New(rand.NewPCG(7, 8))
	for range 2000 {
		raw := make([]byte, 12*(1+r.IntN(20)))
		for i := range raw {
			raw[i] = byte(r.Uint32())
		}
		check(base64.StdEncoding.EncodeToString(raw))
	}
	assert.Equal(t, 48, decodeBlocks(make([]byte, 40), all[:48]), "the SIMD path runs")
}
