package emvco

// fieldRule is the Builder's fast test for one ID at one level: a value
// that is valid UTF-8, of min to max characters, all ans when ans is set
// and all digits when digits is set, passes every rule of the level,
// unless special is set, when the full check (checkAdd) decides. The
// tables follow the functions that define the rules, and a test holds the
// two to agree.
type fieldRule struct {
	min, max uint8 // characters, within 1-99
	ans      bool  // format ans
	digits   bool  // format N of a fixed length
	special  bool  // a rule the fields above cannot express
	reserved bool  // at the root: the Builder writes it itself (63) or never (RFU)
}

// free is the rule of a field with no rule beyond the 1 to 99 characters
// every value has.
var free = fieldRule{min: 1, max: 99}

// fieldRules holds the rules of every ID at one level.
type fieldRules [100]fieldRule

// ruleSet names one of ruleSets. A Builder frame holds a ruleSet, not a
// pointer, so that saving and restoring frames copies no pointer (a heap
// Builder meets a write barrier for each while the collector runs); the
// Builder keeps a single pointer, to the open level's table.
type ruleSet uint8

const (
	rootSet       ruleSet = iota
	additionalSet         // sub-objects of 62
	languageSet           // sub-objects of 64
	guidSet               // 26-51 and 80-99, whose 00 is a GUID
	freeSet               // anything else: 1 to 99 characters
)

var ruleSets = [...]fieldRules{
	rootSet:       makeRules(rootRule),
	additionalSet: makeRules(additionalRule),
	languageSet:   makeRules(languageRule),
	guidSet:       makeRules(guidRule),
	freeSet:       makeRules(func(Tag) fieldRule { return free }),
}

// fits reports whether value, scanned as v, passes r: true means
// checkAdd would accept it.
func (r *fieldRule) fits(value string, v valueScan) bool {
	return v.valid && v.chars >= int(r.min) && v.chars <= int(r.max) && !r.special &&
		(v.ans || !r.ans) && (!r.digits || isDigits(value))
}

func makeRules(rule func(Tag) fieldRule) (r fieldRules) {
	for id := range Tag(100) {
		r[id] = rule(id)
	}
	return r
}

// subRules returns the rules of the sub-objects of the template id opened
// at depth (1 or 2). The Builder checks sub-objects only one level down.
func subRules(depth int, id Tag) ruleSet {
	switch {
	case depth > 1:
		return freeSet
	case id == TagAdditionalData:
		return additionalSet
	case id == TagLanguageTemplate:
		return languageSet
	case hasGUID(id):
		return guidSet
	}
	return freeSet
}

// rootRule follows checkRootValue. The fixed formats that are a length and
// a character set (fixedChecks: 00, 52, 53, 58) are spelt out here; the
// other fixed formats, tip and fee values and templates are special.
func rootRule(id Tag) fieldRule {
	r := free
	r.ans, r.reserved = isANSRoot(id), id == TagCRC || id.IsRFU()
	if m := rootMaxLen(id); m > 0 {
		r.max = uint8(m)
	}
	switch {
	case id == TagPayloadFormat, id == TagCountryCode:
		r.min, r.max, r.digits = 2, 2, id == TagPayloadFormat
	case id == TagMerchantCategoryCode:
		r.min, r.max, r.digits = 4, 4, true
	case id == TagTransactionCurrency:
		r.min, r.max, r.digits = 3, 3, true
	default:
		r.special = fixedCheckIndex[id] != 0 || rootKind(id) == kindTemplate ||
			(id >= TagTipIndicator && id <= TagConvenienceFeePercent)
	}
	return r
}

func additionalRule(id Tag) fieldRule {
	switch {
	case id == TagMerchantChannel:
		return fieldRule{min: 3, max: 3, ans: true}
	case id >= 1 && id <= 11:
		return fieldRule{min: 1, max: uint8(additionalMaxLen[id]), ans: true}
	}
	return free
}

func languageRule(id Tag) fieldRule {
	switch id {
	case TagLanguagePreference:
		return fieldRule{min: 2, max: 2, ans: true}
	case TagAlternateName:
		return fieldRule{min: 1, max: 25}
	case TagAlternateCity:
		return fieldRule{min: 1, max: 15}
	}
	return free
}

func guidRule(id Tag) fieldRule {
	if id == TagGUID {
		return fieldRule{min: 1, max: 32, ans: true}
	}
	return free
}
