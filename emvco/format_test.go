package emvco

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestValidAmount(t *testing.T) {
	for s, want := range map[string]bool{
		"98.73": true, "98": true, "98.": true, "0.01": true, "1": true, "0001": true,
		"1234567890123": true, "123456789012.": true, "1234567890.12": true,
		"": false, "12345678901234": false, "0": false, "0.00": false, "00.": false, ".5": false, "98,73": false,
		"3 705": false, "1.2.3": false, "-1": false, "+1": false, "1e3": false, "1..": false, "1/2": false, "1:2": false,
	} {
		assert.Equal(t, want, ValidAmount(s), "%q", s)
	}
}

func TestValidPercentage(t *testing.T) {
	for s, want := range map[string]bool{
		"00.01": true, "99.99": true, "5": true, "10.25": true, "0.5": true, "50.": true, "01": true,
		"": false, "0": false, "00.00": false, "100": false, "100.0": false, "5.555": false, "1.2.3": false,
		".5": false, "5%": false, "99.999": false, "123.4": false, "1/2": false, "1:2": false,
	} {
		assert.Equal(t, want, ValidPercentage(s), "%q", s)
	}
}

func TestIsANS(t *testing.T) {
	for n := range 20 {
		assert.True(t, IsANS(strings.Repeat(" ", n)), "%d spaces", n)
		assert.True(t, IsANS(strings.Repeat("~", n)), "%d tildes", n)
		for pos := range n {
			for _, c := range []byte{0x1F, 0x7F, 0x80, 0xFF, 0x00} {
				b := []byte(strings.Repeat("a", n))
				b[pos] = c
				assert.False(t, IsANS(string(b)), "byte %#x at %d of %d", c, pos, n)
			}
		}
	}
}

func TestCountRunes(t *testing.T) {
	for s, want := range map[string]int{"": 0, "abc": 3, "é": 1, "aé": 2, "最佳运输": 4, "a\x80": 2, "Maceió": 6} {
		assert.Equal(t, want, countRunes(s), "%q", s)
	}
}

func TestValueChecks(t *testing.T) {
	for s, want := range map[string]bool{"A": true, "M": true, "E": true, "AME": true, "EMA": true, "ME": true,
		"": false, "AA": false, "AMA": false, "X": false, "a": false, "AM1": false, "B": false, "D": false, "F": false, "L": false, "N": false} {
		assert.Equal(t, want, validDataRequest(s), "data request %q", s)
	}
	for s, want := range map[string]bool{"000": true, "400": true, "733": true, "012": true,
		"800": false, "040": false, "004": false, "/00": false, "0/0": false, "00/": false, "00": false, "0000": false, "a00": false} {
		assert.Equal(t, want, validChannel(s), "channel %q", s)
	}
	for s, want := range map[string]bool{"ko": true, "ZH": true, "aZ": true, "zA": true,
		"k1": false, "1k": false, "k": false, "kor": false, "k@": false, "[k": false, "k`": false, "{a": false, "a{": false} {
		assert.Equal(t, want, isLanguageCode(s), "language %q", s)
	}
}

func TestIsASCII(t *testing.T) {
	for n := range 40 {
		assert.True(t, isASCII(strings.Repeat("\x7f", n)), "%d bytes", n)
		for pos := range n {
			b := []byte(strings.Repeat("a", n))
			b[pos] = 0x80
			assert.False(t, isASCII(string(b)), "0x80 at %d of %d", pos, n)
		}
	}
}
