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
// root fields (EMV MPM v1.1 Table 3.6).
func IsANS(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7E {
			return false
		}
	}
	return true
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
