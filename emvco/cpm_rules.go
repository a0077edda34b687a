package emvco

import "github.com/qrbridge/qrbridge/internal/bertlv"

// cpmRule is the format of one data object the POI understands (CPM v1.0
// Table 6.1; research notes §2.3).
type cpmRule struct {
	tag   bertlv.Tag
	valid func([]byte) bool
	want  string
}

var cpmRules = [...]cpmRule{
	{CPMTagTrack2, validTrack2, "track 2 is not pan, D, yymm, service code, digits"},
	{CPMTagPAN, validPANBytes, "pan is not 8 to 19 digits padded with F"},
	{CPMTagLabel, func(b []byte) bool { return lenIn(b, 1, 16) && labelChars(b) }, "label is not 1 to 16 letters, digits or spaces"},
	{CPMTagCardholderName, func(b []byte) bool { return lenIn(b, 2, 26) && IsANS(string(b)) }, "cardholder name is not 2 to 26 ans characters"},
	{CPMTagLanguage, validLanguages, "language preference is not 1 to 4 two-letter codes"},
	{CPMTagVersion, func(b []byte) bool { return len(b) == 2 }, "application version is not 2 bytes"},
	{CPMTagTokenRequestor, func(b []byte) bool { return len(b) == 3 && bcdDigits(b) }, "token requestor id is not 6 digits"},
	{CPMTagPAR, func(b []byte) bool { return len(b) == 29 && upperAlnum(b) }, "payment account reference is not 29 uppercase letters or digits"},
	{CPMTagLast4, func(b []byte) bool { return len(b) == 2 && bcdDigits(b) }, "last 4 digits of pan is not 4 digits"},
}

// checkCPMValue applies the rule of o's tag, if it has one; parent is the
// template o is in.
func checkCPMValue(o bertlv.Object, parent bertlv.Tag) error {
	i := cpmRuleIndex(o.Tag)
	if i < 0 || cpmRules[i].valid(o.Value) {
		return nil
	}
	return &ParseError{Offset: o.Offset, Path: childPath(parent, o.Tag), Err: because(ErrFormat, cpmRules[i].want)}
}

// cpmRuleIndex finds the rule of a tag without scanning the table; the
// table order is kept in step by TestCPMRuleIndex.
func cpmRuleIndex(t bertlv.Tag) int {
	switch t {
	case CPMTagTrack2:
		return 0
	case CPMTagPAN:
		return 1
	case CPMTagLabel:
		return 2
	case CPMTagCardholderName:
		return 3
	case CPMTagLanguage:
		return 4
	case CPMTagVersion:
		return 5
	case CPMTagTokenRequestor:
		return 6
	case CPMTagPAR:
		return 7
	case CPMTagLast4:
		return 8
	}
	return -1
}

func lenIn(b []byte, lo, hi int) bool { return len(b) >= lo && len(b) <= hi }

// labelChars: format ans whose only special character is space (Table 6.1).
func labelChars(b []byte) bool {
	for _, c := range b {
		if c != ' ' && !isDigit(c) && !(c|0x20 >= 'a' && c|0x20 <= 'z') {
			return false
		}
	}
	return true
}

func upperAlnum(b []byte) bool {
	for _, c := range b {
		if !isDigit(c) && !(c >= 'A' && c <= 'Z') {
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
		if !(c|0x20 >= 'a' && c|0x20 <= 'z') {
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

// validPANBytes checks tag 5A (cn): 8 to 19 digits, then only F padding.
func validPANBytes(b []byte) bool {
	n, i := 0, 0
	for ; i < 2*len(b) && nibbleAt(b, i) <= 9; i++ {
		n++
	}
	for ; i < 2*len(b); i++ {
		if nibbleAt(b, i) != 0xF {
			return false
		}
	}
	return n >= 8 && n <= 19
}

// validTrack2 checks tag 57 without allocating: PAN digits, D, YYMM with
// month 01-12, service code, digits, at most one trailing F.
func validTrack2(b []byte) bool {
	total := 2 * len(b)
	if total > 0 && nibbleAt(b, total-1) == 0xF {
		total--
	}
	pan := 0
	for pan < total && nibbleAt(b, pan) <= 9 {
		pan++
	}
	if pan < 8 || pan > 19 || pan >= total || nibbleAt(b, pan) != 0xD || total-pan-1 < 7 {
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
