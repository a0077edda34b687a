package emvco

import "unicode/utf8"

// Field rules the Builder enforces on values it is given (EMV MPM v1.1
// Table 3.6 and §4.8). The parser is deliberately more lenient; see
// [Parse].

// maxLen is the largest number of characters of a variable-length root ans
// field; 0 means no limit beyond 99.
func rootMaxLen(id Tag) int {
	switch id {
	case TagMerchantName:
		return 25
	case TagMerchantCity:
		return 15
	case TagPostalCode:
		return 10
	}
	return 0
}

// additionalMaxLen is the limit of sub-objects 01-11 of 62 (§4.8).
var additionalMaxLen = [12]int{0, 25, 25, 25, 25, 25, 25, 25, 25, 3, 20, 3}

// valueScan is what one pass over a value learns: whether it is valid
// UTF-8, how many characters it has, and whether they are all ans.
type valueScan struct {
	chars int
	ans   bool
	valid bool
}

func scanValue(s string) valueScan {
	if IsANS(s) {
		return valueScan{chars: len(s), ans: true, valid: true}
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return scanMultibyte(s, i)
		}
	}
	return valueScan{chars: len(s), valid: true}
}

// scanMultibyte finishes scanValue from s[i], the first non-ASCII byte;
// the value is then not ans.
func scanMultibyte(s string, i int) valueScan {
	v := valueScan{chars: i, valid: true}
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			return valueScan{}
		}
		v.chars++
		i += size
	}
	return v
}

// fixedCheckOf returns the fixed-format rule of a root ID, if it has one.
func fixedCheckOf(id Tag) *fixedCheck {
	if i := fixedCheckIndex[id%100]; i > 0 {
		return &fixedChecks[i-1]
	}
	return nil
}

// fixedCheckIndex maps a root ID to its fixedChecks entry + 1 (0: none),
// derived from the table so that the two cannot disagree.
var fixedCheckIndex = func() (idx [100]uint8) {
	for i, c := range fixedChecks {
		idx[c.id] = uint8(i + 1)
	}
	return idx
}()

func checkRootValue(id Tag, value string, v valueScan) error {
	if err := checkRootSpecial(id, value); err != nil {
		return err
	}
	switch {
	case isANSRoot(id) && !v.ans:
		return because(ErrFormat, "value has characters outside the ans set")
	case rootMaxLen(id) > 0 && v.chars > rootMaxLen(id):
		return because(ErrLength, "value is longer than the field allows")
	}
	return nil
}

// checkRootSpecial applies the rules of the root fields that have a format
// of their own: fixed formats, tip and fee values, and templates.
func checkRootSpecial(id Tag, value string) error {
	if c := fixedCheckOf(id); c != nil && !c.valid(value) {
		return because(ErrFormat, c.want)
	}
	switch {
	case id == TagTipIndicator && value != "01" && value != "02" && value != "03":
		return because(ErrFormat, "tip indicator is not 01, 02 or 03")
	case id == TagConvenienceFeeFixed && !ValidAmount(value):
		return because(ErrFormat, "fixed fee is not a non-zero number of at most 13 characters")
	case id == TagConvenienceFeePercent && !ValidPercentage(value):
		return because(ErrFormat, "percentage fee is not between 00.01 and 99.99")
	case rootKind(id) == kindTemplate:
		return checkTLV(value)
	}
	return nil
}

// isANSRoot reports whether a root ID has format ans (or N, a subset).
func isANSRoot(id Tag) bool { return id <= 25 || (id >= 52 && id <= 61) }

func checkSubValue(parent, id Tag, v valueScan) error {
	n := v.chars
	switch {
	case parent == TagAdditionalData && id >= 1 && id <= 11:
		if !v.ans {
			return because(ErrFormat, "value has characters outside the ans set")
		}
		if n > additionalMaxLen[id] || (id == TagMerchantChannel && n != 3) {
			return because(ErrLength, "value is longer than the field allows")
		}
	case parent == TagLanguageTemplate:
		return checkLanguageValue(id, v)
	case id == TagGUID && hasGUID(parent):
		if !v.ans || n > 32 {
			return because(ErrFormat, "guid is not at most 32 ans characters")
		}
	}
	return nil
}

func checkLanguageValue(id Tag, v valueScan) error {
	n := v.chars
	switch {
	case id == TagLanguagePreference && (n != 2 || !v.ans):
		return because(ErrFormat, "language preference is not two ans characters")
	case id == TagAlternateName && n > 25, id == TagAlternateCity && n > 15:
		return because(ErrLength, "value is longer than the field allows")
	}
	return nil
}

// hasGUID reports whether sub-ID 00 of the root template id is a GUID.
func hasGUID(id Tag) bool { return (id >= 26 && id <= 51) || id.IsUnreserved() }

// templateAllowed reports whether Template may open id at the current level.
func (b *Builder) templateAllowed(id Tag) bool {
	return b.depth > 0 || rootKind(id) != kindPrimitive
}

// checkTLV reports whether content is well-formed nested TLV with unique
// IDs, as the parser requires of templates 26-51, 62 and 64.
func checkTLV(content string) error {
	var seen [2]uint64
	for pos := 0; pos < len(content); {
		id, _, end, f := readTLV(content, pos, len(content), &countChars)
		if f != faultNone {
			return because(ErrSyntax, "template content is not well-formed tlv")
		}
		if seen[id/64]&(1<<(id%64)) != 0 {
			return because(ErrDuplicate, "template content repeats an id")
		}
		seen[id/64] |= 1 << (id % 64)
		pos = end
	}
	return nil
}

// ValidPercentage reports whether s is a percentage convenience fee
// (EMV MPM v1.1 Table 3.6, ID 57): "00.01" to "99.99", at most five characters, digits
// with at most one ".", no "%".
func ValidPercentage(s string) bool {
	if s == "" || len(s) > 5 || !isDigit(s[0]) {
		return false
	}
	intDigits, fracDigits, dot, nonZero := 0, 0, false, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '.' && !dot:
			dot = true
		case isDigit(c) && dot:
			fracDigits++
			nonZero = nonZero || c != '0'
		case isDigit(c):
			intDigits++
			nonZero = nonZero || c != '0'
		default:
			return false
		}
	}
	return nonZero && intDigits <= 2 && fracDigits <= 2
}

// checkFees applies the 55/56/57 consistency rules (EMV MPM v1.1 Table 3.6, IDs 55-57):
// 56 is present exactly when 55 is 02, 57 exactly when 55 is 03. tip is
// the last digit of a two-digit 55 starting with 0, or 0.
func checkFees(tip byte, fixed, pct bool) error {
	switch {
	case (tip == '2') != fixed:
		return &BuildError{Path: "56", Err: because(ErrFormat, "fixed fee 56 must be present exactly when 55 is 02")}
	case (tip == '3') != pct:
		return &BuildError{Path: "57", Err: because(ErrFormat, "percentage fee 57 must be present exactly when 55 is 03")}
	}
	return nil
}
