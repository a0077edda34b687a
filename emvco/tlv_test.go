package emvco

import "testing"

// TestFourDigits checks the word test against a byte-by-byte reference for
// every value of each byte position in turn.
func TestFourDigits(t *testing.T) {
	ref := func(h [4]byte) bool {
		for _, c := range h {
			if !isDigit(c) {
				return false
			}
		}
		return true
	}
	base := [4]byte{'1', '2', '3', '4'}
	for pos := range 4 {
		for v := range 256 {
			h := base
			h[pos] = byte(v)
			w := uint32(h[0]) | uint32(h[1])<<8 | uint32(h[2])<<16 | uint32(h[3])<<24
			if got := fourDigits(w); got != ref(h) {
				t.Fatalf("fourDigits(%q) = %v", h[:], got)
			}
		}
	}
}

// TestSkipValidCharsMatchesDecoding compares the continuation-byte count
// with rune decoding on mixed-script text, at every start, length and limit,
// so that words split characters at every offset.
func TestSkipValidCharsMatchesDecoding(t *testing.T) {
	const text = "A최고的ÉcafeΩ😀b北京x" + "최고的ÉcafeΩ😀b北京x!"
	for pos := 0; pos < len(text); pos++ {
		if text[pos]&0xC0 == 0x80 {
			continue // not a character boundary
		}
		for n := 1; n <= 40; n++ {
			for limit := pos; limit <= len(text); limit++ {
				want, wf := skipChars(text, pos, limit, n)
				got, gf := skipValidChars(text, pos, limit, n)
				if wf == faultUTF8 {
					// The limit cut a character: skipChars sees invalid
					// text, skipValidChars a value running past the limit.
					if gf != faultOverrun {
						t.Fatalf("pos %d n %d limit %d: cut character gave %v", pos, n, limit, gf)
					}
					continue
				}
				if got != want || gf != wf {
					t.Fatalf("pos %d n %d limit %d: got (%d,%v), want (%d,%v)", pos, n, limit, got, gf, want, wf)
				}
			}
		}
	}
}
