package emvco

import "strings"

// ValidGUID reports whether s has one of the three forms EMV MPM v1.1
// §4.7.11 allows for a Globally Unique Identifier (at most 32 ans
// characters): an AID (a 5-byte registered application provider ID and an
// optional extension, 10 to 32 hex digits); a UUID without hyphens (32 hex
// digits, which the AID form already admits); or a reverse domain name
// ("br.gov.bcb.pix", "SG.PAYNOW"), at least two dot-separated labels of
// letters, digits and hyphens.
func ValidGUID(s string) bool {
	if len(s) > 32 {
		return false
	}
	return isAID(s) || isReverseDomain(s)
}

// isAID and isReverseDomain accept only ASCII letters, digits, "." and
// "-", all within the ans set.
func isAID(s string) bool {
	if len(s) < 10 || len(s)%2 != 0 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if !isDigit(s[i]) && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

func isReverseDomain(s string) bool {
	labels := 0
	for rest := s; ; {
		label, after, more := strings.Cut(rest, ".")
		if !isDomainLabel(label) {
			return false
		}
		labels++
		if !more {
			return labels >= 2
		}
		rest = after
	}
}

// isDomainLabel: letters, digits and inner hyphens, not empty.
func isDomainLabel(l string) bool {
	if l == "" || l[0] == '-' || l[len(l)-1] == '-' {
		return false
	}
	for i := 0; i < len(l); i++ {
		if !isDigit(l[i]) && !isLetter(l[i]) && l[i] != '-' {
			return false
		}
	}
	return true
}
