package zeropay

import (
	"strconv"

	"github.com/qrbridge/qrbridge/internal/ascii"
)

// Field alphabets. The KFTC field tables type these fields AN
// (alphanumeric); IDs that barcodes carry as ASCII decimals must be digits
// or uppercase letters, whose codes have two digits.

func isDigit(c byte) bool { return ascii.IsDigit(c) }
func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }
func isAlnum(c byte) bool { return isDigit(c) || isUpper(c) || ('a' <= c && c <= 'z') }

func all(s string, ok func(byte) bool) bool {
	for i := 0; i < len(s); i++ {
		if !ok(s[i]) {
			return false
		}
	}
	return true
}

func isDigits(s string) bool { return ascii.Digits(s) }
func isAlnums(s string) bool { return s != "" && all(s, isAlnum) }

// isUpperAlnum reports digits and uppercase letters only.
func isUpperAlnum(c byte) bool { return isDigit(c) || isUpper(c) }

// checkAlnum validates an AN field of length min..max.
func checkAlnum(field, v string, off, min, max int) error {
	if len(v) < min || len(v) > max {
		return fieldErrWhy(field, off, ErrLength, lengthReason(min, max))
	}
	if !isAlnums(v) {
		return fieldErrWhy(field, off, ErrFormat, "not alphanumeric")
	}
	return nil
}

// lengthReason says which length a field must have.
func lengthReason(min, max int) string {
	if min == max {
		return "not " + strconv.Itoa(min) + " characters"
	}
	return "not " + strconv.Itoa(min) + " to " + strconv.Itoa(max) + " characters"
}

// validDate reports whether s is a calendar date YYYYMMDD.
func validDate(s string) bool {
	if len(s) != 8 || !isDigits(s) {
		return false
	}
	y := atoi(s[:4])
	m, d := atoi(s[4:6]), atoi(s[6:])
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	days := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m]
	if m == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		days = 29
	}
	return d <= days
}

// atoi converts a string of digits; callers check the digits first.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// firstIssueYear is the year Zero Pay began issuing merchant IDs (the
// service launched in December 2018); an ID's YYYYMM prefix cannot be
// earlier.
const firstIssueYear = 2018

// validIssueMonth reports whether a merchant ID starts with a plausible
// YYYYMM issue month: digits, month 01-12, year from 2018 on.
func validIssueMonth(id string) bool {
	if len(id) < 6 || !isDigits(id[:6]) {
		return false
	}
	y, m := atoi(id[:4]), atoi(id[4:6])
	return y >= firstIssueYear && m >= 1 && m <= 12
}
