package emvco

import (
	"unicode/utf8"

	"github.com/qrbridge/qrbridge/internal/ascii"
)

// Value formats of EMV MPM v1.1 (Table 3.6): N (digits), ans (the EMV common
// character set, printable ASCII 0x20-0x7E) and S (any Unicode text, UTF-8).

func isDigit(c byte) bool { return ascii.IsDigit(c) }

// isDigits reports whether s is non-empty and all digits (format N).
func isDigits(s string) bool { return ascii.Digits(s) }

// IsANS reports whether s holds only characters of the ans set (EMV Book 4
// common character set, printable ASCII 0x20-0x7E), the format of most
// root fields (EMV MPM v1.1 Table 3.6). It reads words, the last one
// overlapping the one before, so that a value of four bytes or more takes
// a few steps whatever its length.
func IsANS(s string) bool {
	n := len(s)
	switch {
	case n >= 8:
		for i := 0; i < n-8; i += 8 {
			if !isANS8(s[i : i+8]) {
				return false
			}
		}
		return isANS8(s[n-8:])
	case n >= 4:
		return isANS4(s[:4]) && isANS4(s[n-4:])
	}
	for i := 0; i < n; i++ {
		if s[i]-0x20 > 0x7E-0x20 {
			return false
		}
	}
	return true
}

// isANS8 reports whether the eight bytes of w are all in 0x20-0x7E, a
// word at a time: subtracting 0x20 from each byte borrows into its top bit
// only for a byte below 0x20, and adding 1 sets the top bit of 0x7F, which
// a byte above it already has. A borrow or carry that crosses bytes always
// comes from a byte the test already fails.
func isANS8(w string) bool {
	x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
	const ones, tops = 0x0101010101010101, 0x8080808080808080
	return ((x-0x20*ones)&^x|(x+ones)|x)&tops == 0
}

// isANS4 is isANS8 for four bytes.
func isANS4(w string) bool {
	x := uint32(w[0]) | uint32(w[1])<<8 | uint32(w[2])<<16 | uint32(w[3])<<24
	const ones, tops = 0x01010101, 0x80808080
	return ((x-0x20*ones)&^x|(x+ones)|x)&tops == 0
}

// ValidAmount reports whether s has the form of a transaction amount or a
// fixed convenience fee (EMV MPM v1.1 Table 3.6, IDs 54 and 56): at most 13 characters,
// digits with at most one ".", at least one digit before it, and not zero.
// "98.73", "98" and "98." are valid; "98,73", "3 705", ".5" and "0.00" are
// not. Whether the decimals suit the currency is a conformance question
// for the linter.
func ValidAmount(s string) bool {
	if s == "" || len(s) > 13 || !isDigit(s[0]) {
		return false
	}
	dot, nonZero := false, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '.' && !dot:
			dot = true
		case isDigit(c):
			nonZero = nonZero || c != '0'
		default:
			return false
		}
	}
	return nonZero
}

// countRunes counts characters, the unit of every EMV MPM length, with an
// ASCII fast path.
func countRunes(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return i + utf8.RuneCountInString(s[i:])
		}
	}
	return len(s)
}
