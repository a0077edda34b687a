package emvco

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
	// Every byte value at every position of values of 1 to 17 bytes, so
	// that each lands in a byte loop, a word, an overlapping last word.
	for n := 1; n <= 17; n++ {
		for pos := range n {
			for c := range 256 {
				b := []byte("ABCDEFGHIJKLMNOPQ"[:n])
				b[pos] = byte(c)
				require.Equal(t, scanValueSlow(string(b)), scanValue(string(b)), "byte %#x at %d of %d", c, pos, n)
			}
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

// TestFastRulesAgreeWithChecks holds the Builder's fast test to the full
// checks: at every level, for every ID, a value that fits must pass.
func TestFastRulesAgreeWithChecks(t *testing.T) {
	var values []string
	for n := 1; n <= 100; n++ {
		values = append(values, strings.Repeat("A", n), strings.Repeat("1", n), strings.Repeat("é", n))
	}
	values = append(values, "01", "02", "03", "11", "12", "4111", "156", "23.72", "0.00", "5.5", "CN", "ZH", "最佳", "a\x01", "\xff", "1a", "1A3", "12a4", "1 2", "é1")
	levels := map[string]func(*Builder){
		"root": func(*Builder) {},
	}
	for _, parent := range []Tag{26, 51, 52, 62, 64, 80, 99} {
		levels["in "+parent.String()] = func(b *Builder) {
			b.depth, b.cur = 1, frame{id: parent, rules: subRules(1, rootSet, parent)}
		}
		levels["in "+parent.String()+".01"] = func(b *Builder) {
			b.depth, b.outer[1] = 2, frame{id: parent, rules: subRules(1, rootSet, parent)}
			b.cur = frame{id: 1, rules: subRules(2, subRules(1, rootSet, parent), 1)}
		}
	}
	fitted := 0
	for name, enter := range levels {
		var b Builder
		enter(&b)
		b.rules = &ruleSets[b.cur.rules]
		for id := range Tag(100) {
			for _, value := range values {
				v := scanValue(value)
				if b.rule(id).fits(value, v) {
					fitted++
					assert.NoError(t, b.checkAdd(id, value, v), "%s: %s = %q", name, id, value)
				}
			}
		}
	}
	assert.Greater(t, fitted, 100000, "the fast test should accept most plain values")
}
