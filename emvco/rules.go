package emvco

import "unicode/utf8"

// The Builder's full check of a value against the tables of spec.go. The
// parser is deliberately more lenient; see [Parse].

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

// checkField applies f, the rule of a value's ID (nil for none), as the
// Builder does: format, length, the value check and, for a template given
// as raw content, well-formed TLV.
func checkField(f *fieldSpec, value string, v valueScan) error {
	if f == nil {
		return nil
	}
	switch {
	case f.format == formatN && !isDigits(value), f.min == f.max && v.chars != int(f.min):
		return because(ErrFormat, f.name+" is not "+f.want())
	case f.format == formatANS && !v.ans:
		return because(ErrFormat, "value has characters outside the ans set")
	case v.chars < int(f.min) || v.chars > int(f.max):
		return because(ErrLength, "value is longer than the field allows")
	case f.value != nil && f.value.level >= levelBuild && !f.value.valid(value):
		return because(ErrFormat, f.name+" is not "+f.value.want)
	case f.format == formatTemplate:
		return checkTLV(value)
	}
	return nil
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

// checkPresence reports the first mandatory field of t that seen lacks.
func checkPresence(t *templateSpec, has func(Tag) bool) (Tag, bool) {
	for _, f := range t.fields {
		if f.presence == mandatory && !has(f.lo) {
			return f.lo, false
		}
	}
	return 0, true
}

// ValidPercentage reports whether s is a percentage convenience fee
// (EMV MPM v1.1 Table 3.6, ID 57): "00.01" to "99.99", at most five
// characters, digits with at most one ".", no "%".
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

// checkFees applies the 55/56/57 consistency rules (EMV MPM v1.1 Table
// 3.6, IDs 55-57): 56 is present exactly when 55 is 02, 57 exactly when
// 55 is 03. tip is the last digit of a two-digit 55 starting with 0, or 0.
func checkFees(tip byte, fixed, pct bool) error {
	switch {
	case (tip == '2') != fixed:
		return &BuildError{Path: "56", Err: because(ErrFormat, "fixed fee 56 must be present exactly when 55 is 02")}
	case (tip == '3') != pct:
		return &BuildError{Path: "57", Err: because(ErrFormat, "percentage fee 57 must be present exactly when 55 is 03")}
	}
	return nil
}
