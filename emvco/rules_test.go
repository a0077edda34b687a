package emvco

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

// scanValueSlow is scanValue one rune at a time, the reference for the
// word-at-a-time version.
func scanValueSlow(s string) valueScan {
	if !utf8.ValidString(s) {
		return valueScan{}
	}
	v := valueScan{chars: utf8.RuneCountInString(s), ans: true, valid: true}
	for _, r := range s {
		v.ans = v.ans && r >= 0x20 && r <= 0x7E
	}
	return v
}

func TestScanValueMatchesRuneByRune(t *testing.T) {
	// Every byte value at every position of a 17-byte value, so that each
	// lands in a whole word, between words and in the tail.
	for pos := range 17 {
		for c := range 256 {
			b := []byte("ABCDEFGHIJKLMNOPQ")
			b[pos] = byte(c)
			assert.Equal(t, scanValueSlow(string(b)), scanValue(string(b)), "byte %#x at %d", c, pos)
		}
	}
	// Neighbouring bytes whose borrows and carries cross byte boundaries.
	edges := []byte{0x00, 0x1F, 0x20, 0x21, 0x7E, 0x7F, 0x80, 0xFF}
	for _, x := range edges {
		for _, y := range edges {
			s := string([]byte{'a', 'b', 'c', x, y, 'd', 'e', 'f', 'g'})
			assert.Equal(t, scanValueSlow(s), scanValue(s), "%#x %#x", x, y)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		b := make([]byte, r.IntN(40))
		for i := range b {
			b[i] = byte(0x1E + r.IntN(0x63)) // mostly ans, sometimes not
		}
		assert.Equal(t, scanValueSlow(string(b)), scanValue(string(b)), "%q", b)
	}
}
