// Package ascii holds the byte-class tests that several qrbridge codecs
// share. Each works on bytes, never decodes UTF-8, and allocates nothing.
package ascii

// IsDigit reports whether c is '0' to '9'.
func IsDigit(c byte) bool { return '0' <= c && c <= '9' }

// Digits reports whether s is non-empty and all decimal digits.
func Digits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !IsDigit(s[i]) {
			return false
		}
	}
	return true
}
