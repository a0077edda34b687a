package emvco

// fieldRule is the Builder's fast test for one ID at one level, derived
// from the tables of spec.go: a value that is valid UTF-8, of min to max
// characters, all ans when ans is set and all digits when digits is set,
// passes every rule of the level, unless special is set, when the full
// check (checkAdd) decides. TestFastRulesAgreeWithChecks holds the two to
// agree.
type fieldRule struct {
	min, max uint8 // characters, within 1-99
	ans      bool  // format ans
	digits   bool  // format N
	special  bool  // a rule the fields above cannot express
	reserved bool  // at the root: the Builder writes it itself (63) or never (RFU)
}

// fieldRules holds the rules of every ID at one level.
type fieldRules [100]fieldRule

// ruleSets holds the fast rules of every template, by ruleSet.
var ruleSets = func() (r [len(specs)]fieldRules) {
	for set, t := range specs {
		for id := range Tag(100) {
			r[set][id] = fastRule(ruleSet(set), t.field(id))
		}
	}
	return r
}()

// fastRule derives the fast test of one field; f is nil for an ID the
// table does not define.
func fastRule(set ruleSet, f *fieldSpec) fieldRule {
	if f == nil {
		return fieldRule{min: 1, max: 99}
	}
	return fieldRule{
		min: f.min, max: f.max,
		ans:      f.format == formatANS,
		digits:   f.format == formatN,
		special:  f.format == formatTemplate || f.format == formatOpenTemplate || (f.value != nil && f.value.level >= levelBuild),
		reserved: f.rfu || (set == rootSet && f.lo == TagCRC),
	}
}

// fits reports whether value, scanned as v, passes r: true means
// checkAdd would accept it.
func (r *fieldRule) fits(value string, v valueScan) bool {
	return v.valid && v.chars >= int(r.min) && v.chars <= int(r.max) && !r.special &&
		(v.ans || !r.ans) && (!r.digits || isDigits(value))
}

// subRules returns the table of the sub-objects of the template id opened
// at depth (1 or 2) in a level whose table is parent. The Builder checks
// sub-objects one level down only.
func subRules(depth int, parent ruleSet, id Tag) ruleSet {
	if depth > 1 {
		return freeSet
	}
	if f := specs[parent].field(id); f != nil && (f.format == formatTemplate || f.format == formatOpenTemplate) {
		return f.sub
	}
	return freeSet
}
