package cpm

import (
	"github.com/qrbridge/qrbridge/emvco"
	"github.com/qrbridge/qrbridge/internal/ascii"
	"github.com/qrbridge/qrbridge/internal/bertlv"
)

// rule is the format of one data object the POI understands (CPM v1.0
// Table 6.1).
type rule struct {
	tag   Tag
	valid func([]byte) bool
	want  string
}

var rules = [...]rule{
	{TagTrack2, validTrack2, "track 2 is not pan, D, yymm, service code, digits"},
	{TagPAN, validPANBytes, "pan is not 8 to 19 digits padded with F"},
	{TagLabel, func(b []byte) bool { return lenIn(b, 1, 16) && labelChars(b) }, "label is not 1 to 16 letters, digits or spaces"},
	{TagCardholderName, func(b []byte) bool { return lenIn(b, 2, 26) && emvco.IsANS(string(b)) }, "cardholder name is not 2 to 26 ans characters"},
	{TagLanguage, validLanguages, "language preference is not 1 to 4 two-letter codes"},
	{TagVersion, func(b []byte) bool { return len(b) == 2 }, "application version is not 2 bytes"},
	{TagTokenRequestor, func(b []byte) bool { return len(b) == 3 && bcdDigits(b) }, "token requestor id is not 6 digits"},
	{TagPAR, func(b []byte) bool { return len(b) == 29 && upperAlnum(b) }, "payment account reference is not 29 uppercase letters or digits"},
	{TagLast4, func(b []byte) bool { return len(b) == 2 && bcdDigits(b) }, "last 4 digits of pan is not 4 digits"},
}

// checkValue applies the rule of o's tag, if it has one; parent is the
// template o is in.
func checkValue(o bertlv.Object, parent bertlv.Tag) error {
	i := ruleIndex(Tag(o.Tag))
	if i < 0 || rules[i].valid(o.Value) {
		return nil
	}
	return parseError(o.Offset, childPath(parent, o.Tag), emvco.ErrFormat, rules[i].want)
}

// ruleIndex finds the rule of a tag without scanning the table; the table
// order is kept in step by TestRuleIndex.
func ruleIndex(t Tag) int {
	switch t {
	case TagTrack2:
		return 0
	case TagPAN:
		return 1
	case TagLabel:
		return 2
	case TagCardholderName:
		return 3
	case TagLanguage:
		return 4
	case TagVersion:
		return 5
	case TagTokenRequestor:
		return 6
	case TagPAR:
		return 7
	case TagLast4:
		return 8
	}
	return -1
}

func lenIn(b []byte, lo, hi int) bool { return len(b) >= lo && len(b) <= hi }

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// labelChars: format ans whose only special character is space (Table 6.1).
func labelChars(b []byte) bool {
	for _, c := range b {
		if c != ' ' && !ascii.IsDigit(c) && !isLetter(c) {
			return false
		}
	}
	return true
}

func upperAlnum(b []byte) bool {
	for _, c := range b {
		if !ascii.IsDigit(c) && !(c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// validLanguages: 1 to 4 ISO 639-1 codes of two letters, concatenated.
func validLanguages(b []byte) bool {
	if len(b) < 2 || len(b) > 8 || len(b)%2 != 0 {
		return false
	}
	for _, c := range b {
		if !isLetter(c) {
			return false
		}
	}
	return true
}

func bcdDigits(b []byte) bool {
	for _, x := range b {
		if x>>4 > 9 || x&0xF > 9 {
			return false
		}
	}
	return true
}

// nibbleAt returns the i-th half-byte of b.
func nibbleAt(b []byte, i int) byte {
	if i%2 == 0 {
		return b[i/2] >> 4
	}
	return b[i/2] & 0xF
}

// ISO/IEC 7812-1 bounds a PAN to 8 to 19 digits.
const (
	minPAN = 8
	maxPAN = 19
)

func validPANLength(n int) bool { return n >= minPAN && n <= maxPAN }

// panDigits counts the leading decimal nibbles of b.
func panDigits(b []byte) int {
	n := 0
	for n < 2*len(b) && nibbleAt(b, n) <= 9 {
		n++
	}
	return n
}

// validPANBytes checks tag 5A (format cn): 8 to 19 digits, then only F
// padding.
func validPANBytes(b []byte) bool {
	n := panDigits(b)
	for i := n; i < 2*len(b); i++ {
		if nibbleAt(b, i) != 0xF {
			return false
		}
	}
	return validPANLength(n)
}

// track2Nibbles is the number of nibbles of tag 57 without its one
// optional trailing F pad.
func track2Nibbles(b []byte) int {
	total := 2 * len(b)
	if total > 0 && nibbleAt(b, total-1) == 0xF {
		total--
	}
	return total
}

// validTrack2 checks tag 57 without allocating: PAN digits, D, YYMM with
// month 01-12, three-digit service code, digits, at most one trailing F.
func validTrack2(b []byte) bool {
	total := track2Nibbles(b)
	pan := panDigits(b)
	if !validPANLength(pan) || pan >= total || nibbleAt(b, pan) != 0xD || total-pan-1 < 7 {
		return false
	}
	for i := pan + 1; i < total; i++ {
		if nibbleAt(b, i) > 9 {
			return false
		}
	}
	month := nibbleAt(b, pan+3)*10 + nibbleAt(b, pan+4)
	return month >= 1 && month <= 12
}
