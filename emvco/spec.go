package emvco

// The field rules of EMV QRCPS MPM v1.1, one table per template: the
// root (Table 3.6), the Additional Data Field Template 62 (§4.8), the
// Merchant Information - Language Template 64 (Table 3.6, ID 64) and the merchant account templates 26-51 and 80-99, whose sub-ID
// 00 is a Globally Unique Identifier (§4.7.11). The parser, the Builder
// and the Linter all read these tables, so a field or a rule is added in
// one place:
//
//   - Parse refuses a value of a strict field whose length or digits are
//     wrong, or whose value check is at levelParse;
//   - the Builder refuses a value that breaks its field's format, length
//     or a value check at levelBuild or levelParse, and, in a template
//     whose mandatory fields it checks, an absent mandatory field;
//   - the Linter reports every fault of format, length, value, presence
//     and reserved IDs, with the field's rule ID and spec section.
//
// The Builder's per-ID fast test (ruletable.go) is derived from these
// tables when the package loads.

// format is a value format of EMV MPM v1.1 (Table 3.6): N, ans or S.
type format uint8

const (
	formatS            format = iota // any Unicode text, UTF-8
	formatANS                        // printable ASCII 0x20-0x7E
	formatN                          // digits 0-9
	formatTemplate                   // nested data objects
	formatOpenTemplate               // nested data objects when the content is TLV, else an opaque value (80-99)
)

// presence is a field's presence in its template:
// mandatory (M), conditional (C) or optional (O), as Table 3.6 marks it. Conditions are checked
// by code of their own (lintFees, checkFees).
type presence uint8

const (
	optional presence = iota
	mandatory
	conditional
)

// level says who enforces a value check. Each level includes the ones
// below it: what Parse refuses, the Builder refuses and the Linter would
// report.
type level uint8

const (
	levelLint  level = iota // the Linter reports it
	levelBuild              // the Builder refuses it too
	levelParse              // Parse refuses it too: a payment depends on it
)

// valueCheck is a test of a field's value beyond its format and length.
type valueCheck struct {
	valid func(string) bool
	want  string   // what a valid value is, for messages: "01, 02 or 03"
	rule  string   // lint rule ID
	sev   Severity // lint severity
	level level
}

// fieldSpec is the rule of one ID, or of a range of IDs, in a template.
type fieldSpec struct {
	lo, hi   Tag
	name     string // for messages, in lower case
	format   format
	min, max uint8 // characters; a template's content is counted likewise
	presence presence
	// strict: Parse refuses a value whose length or, for format N, whose
	// digits are wrong, because a payment depends on the field.
	strict bool
	// rfu: the ID is reserved for future use; readers keep it, generators
	// must not emit it (EMV MPM v1.1 §4.5.4).
	rfu   bool
	value *valueCheck
	// lint runs the checks only the Linter makes (a known MCC, currency or
	// country); nil when there are none.
	lint func(p *Payload, o Object, fs []Finding) []Finding
	// sub is the table of a template's sub-objects.
	sub  ruleSet
	rule string // lint rule ID of a format or length fault
	ref  string
}

// templateSpec is the table of one template.
type templateSpec struct {
	fields []fieldSpec
	// checkPresence: the Builder refuses a template without its mandatory
	// fields. At the root it does not: national schemes such as PromptPay
	// omit 52, 59 and 60, which is a conformance question.
	checkPresence bool
	missing       missingRule
	// byID is the index + 1 in fields of each ID's rule, 0 for none,
	// derived from fields when the package loads.
	byID [100]uint8
}

// missingRule is how the Linter reports an absent mandatory field: at the
// field's own path (perField) or once at the template's.
type missingRule struct {
	rule     string
	sev      Severity
	msg      string
	perField bool
	ref      string
}

// ruleSet names one of the templates. A Builder frame holds a ruleSet,
// not a pointer, so that saving and restoring frames copies no pointer (a
// heap Builder meets a write barrier for each while the collector runs).
type ruleSet uint8

const (
	rootSet       ruleSet = iota
	additionalSet         // sub-objects of 62
	languageSet           // sub-objects of 64
	accountSet            // 26-51 and 80-99, whose 00 is a GUID
	freeSet               // anything else: 1 to 99 characters
)

// Spec references, EMV QRCPS MPM v1.1 (November 2020).
const (
	refTLV      = "EMV MPM v1.1 §4.4"
	refPFI      = "EMV MPM v1.1 §4.7.1.1"
	refPOI      = "EMV MPM v1.1 §4.7.2.1, §1.4.4"
	refMAI      = "EMV MPM v1.1 §4.7.9"
	refMAITempl = "EMV MPM v1.1 §4.7.11"
	refMCC      = "EMV MPM v1.1 Table 3.6 (ID 52), ISO 18245"
	refCurrency = "EMV MPM v1.1 Table 3.6 (ID 53), ISO 4217"
	refAmount   = "EMV MPM v1.1 Table 3.6 (ID 54)"
	refTip      = "EMV MPM v1.1 Table 3.6 (IDs 55-57)"
	refCountry  = "EMV MPM v1.1 Table 3.6 (ID 58), ISO 3166-1"
	refName     = "EMV MPM v1.1 Table 3.6 (IDs 52-61)"
	refAddl     = "EMV MPM v1.1 §4.8 (ID 62)"
	refLang     = "EMV MPM v1.1 Table 3.6 (ID 64)"
	refRFU      = "EMV MPM v1.1 §4.5.4.1"
	refFormat   = "EMV MPM v1.1 Table 3.6 (formats N, ans, S)"
	refSize     = "EMV MPM v1.1 §4.1"
	refCRC      = "EMV MPM v1.1 §4.7.3"
	refUnres    = "EMV MPM v1.1 Table 3.6 (IDs 80-99)"
)

var (
	checkPFI        = &valueCheck{func(v string) bool { return v == "01" }, "01", "mpm-payload-format", SeverityError, levelLint}
	checkInitiation = &valueCheck{validInitiation, "11 or 12", "mpm-initiation-reserved", SeverityWarning, levelBuild}
	checkAmount     = &valueCheck{ValidAmount, "a non-zero number of at most 13 characters", "mpm-amount", SeverityError, levelParse}
	checkTip        = &valueCheck{validTip, "01, 02 or 03", "mpm-tip-indicator", SeverityError, levelBuild}
	checkFixedFee   = &valueCheck{ValidAmount, "a non-zero number of at most 13 characters", "mpm-fee-format", SeverityError, levelBuild}
	checkPercentFee = &valueCheck{ValidPercentage, "between 00.01 and 99.99", "mpm-fee-format", SeverityError, levelBuild}
	checkLanguage   = &valueCheck{isLanguageCode, "two letters (iso 639-1)", "mpm-language-code", SeverityError, levelLint}
	checkDataReq    = &valueCheck{validDataRequest, "a set of A, M and E", "mpm-additional-format", SeverityError, levelLint}
	checkChannel    = &valueCheck{validChannel, "media 0-7, location 0-3, presence 0-3", "mpm-additional-format", SeverityError, levelLint}
	checkGUID       = &valueCheck{ValidGUID, "an aid, a 32-hex uuid or a reverse domain name", "mpm-guid-form", SeverityError, levelLint}
)

// rootRules is EMV MPM v1.1 Table 3.6.
var rootRules = indexed(templateSpec{
	missing: missingRule{rule: "mpm-missing-field", sev: SeverityError, msg: "mandatory field is absent", perField: true, ref: refName},
	fields: []fieldSpec{
		{lo: 0, hi: 0, name: "payload format indicator", format: formatN, min: 2, max: 2, presence: mandatory, strict: true, value: checkPFI, ref: refPFI},
		{lo: 1, hi: 1, name: "point of initiation", format: formatN, min: 2, max: 2, strict: true, value: checkInitiation, ref: refPOI},
		{lo: 2, hi: 25, name: "merchant account", format: formatANS, min: 1, max: 99, rule: "mpm-format-ans", ref: refMAI},
		{lo: 26, hi: 51, name: "merchant account template", format: formatTemplate, min: 1, max: 99, sub: accountSet, ref: refMAITempl},
		{lo: 52, hi: 52, name: "merchant category code", format: formatN, min: 4, max: 4, presence: mandatory, strict: true, lint: lintMCC, ref: refMCC},
		{lo: 53, hi: 53, name: "currency", format: formatN, min: 3, max: 3, presence: mandatory, strict: true, lint: lintCurrency, ref: refCurrency},
		{lo: 54, hi: 54, name: "amount", format: formatANS, min: 1, max: 13, presence: conditional, strict: true, value: checkAmount, lint: lintAmountDecimals, ref: refAmount},
		{lo: 55, hi: 55, name: "tip indicator", format: formatN, min: 2, max: 2, value: checkTip, rule: "mpm-tip-indicator", ref: refTip},
		{lo: 56, hi: 56, name: "fixed fee", format: formatANS, min: 1, max: 13, presence: conditional, value: checkFixedFee, rule: "mpm-fee-format", ref: refTip},
		{lo: 57, hi: 57, name: "percentage fee", format: formatANS, min: 1, max: 5, presence: conditional, value: checkPercentFee, rule: "mpm-fee-format", ref: refTip},
		{lo: 58, hi: 58, name: "country code", format: formatANS, min: 2, max: 2, presence: mandatory, strict: true, lint: lintCountry, ref: refCountry},
		{lo: 59, hi: 59, name: "merchant name", format: formatANS, min: 1, max: 25, presence: mandatory, rule: "mpm-name-length", ref: refName},
		{lo: 60, hi: 60, name: "merchant city", format: formatANS, min: 1, max: 15, presence: mandatory, rule: "mpm-city-length", ref: refName},
		{lo: 61, hi: 61, name: "postal code", format: formatANS, min: 1, max: 10, rule: "mpm-postal-length", ref: refName},
		{lo: 62, hi: 62, name: "additional data field template", format: formatTemplate, min: 1, max: 99, sub: additionalSet, ref: refAddl},
		{lo: 63, hi: 63, name: "crc", format: formatANS, min: 4, max: 4, presence: mandatory, ref: refCRC},
		{lo: 64, hi: 64, name: "language template", format: formatTemplate, min: 1, max: 99, sub: languageSet, ref: refLang},
		{lo: 65, hi: 79, name: "rfu", format: formatS, min: 1, max: 99, rfu: true, ref: refRFU},
		{lo: 80, hi: 99, name: "unreserved template", format: formatOpenTemplate, min: 1, max: 99, sub: accountSet, lint: lintUnreserved, ref: refUnres},
	},
})

// additionalRules is EMV MPM v1.1 §4.8. 62.00 is not defined
// (the Linter reports it) and 50-99 are payment system specific
// templates, which the reader keeps as values.
var additionalRules = indexed(templateSpec{
	fields: []fieldSpec{
		{lo: 0, hi: 0, name: "sub-id 00", format: formatS, min: 1, max: 99, lint: lintAdditionalID00, ref: refAddl},
		{lo: 1, hi: 8, name: "additional data", format: formatANS, min: 1, max: 25, rule: "mpm-additional-length", ref: refAddl},
		{lo: 9, hi: 9, name: "consumer data request", format: formatANS, min: 1, max: 3, value: checkDataReq, rule: "mpm-additional-length", ref: refAddl},
		{lo: 10, hi: 10, name: "merchant tax id", format: formatANS, min: 1, max: 20, rule: "mpm-additional-length", ref: refAddl},
		{lo: 11, hi: 11, name: "merchant channel", format: formatANS, min: 3, max: 3, value: checkChannel, rule: "mpm-additional-length", ref: refAddl},
		{lo: 12, hi: 49, name: "rfu", format: formatS, min: 1, max: 99, rfu: true, ref: refRFU},
		{lo: 50, hi: 99, name: "payment system specific template", format: formatS, min: 1, max: 99, lint: lintPaymentSystemTemplate, ref: refAddl},
	},
})

// languageRules is EMV MPM v1.1 Table 3.6, ID 64.
var languageRules = indexed(templateSpec{
	checkPresence: true,
	missing:       missingRule{rule: "mpm-language-template", sev: SeverityError, msg: "language template needs 00 and 01", ref: refLang},
	fields: []fieldSpec{
		{lo: 0, hi: 0, name: "language preference", format: formatANS, min: 2, max: 2, presence: mandatory, value: checkLanguage, rule: "mpm-language-code", ref: refLang},
		{lo: 1, hi: 1, name: "alternate merchant name", format: formatS, min: 1, max: 25, presence: mandatory, rule: "mpm-language-length", ref: refLang},
		{lo: 2, hi: 2, name: "alternate merchant city", format: formatS, min: 1, max: 15, rule: "mpm-language-length", ref: refLang},
		{lo: 3, hi: 99, name: "rfu", format: formatS, min: 1, max: 99, rfu: true, ref: refRFU},
	},
})

// accountRules is the merchant account templates 26-51 and 80-99: sub-ID
// 00 is the GUID (§4.7.11); the rest is the provider's.
var accountRules = indexed(templateSpec{
	missing: missingRule{rule: "mpm-guid-missing", sev: SeverityWarning, msg: "template has no globally unique identifier (sub-id 00)", ref: refMAITempl},
	fields: []fieldSpec{
		{lo: 0, hi: 0, name: "guid", format: formatANS, min: 1, max: 32, presence: mandatory, value: checkGUID, rule: "mpm-guid-form", ref: refMAITempl},
	},
})

// freeRules is the table of templates this package does not know, such as
// the nested ones (VietQR's 38.01): every ID takes 1 to 99 characters.
var freeRules = templateSpec{}

// specs holds the tables by ruleSet.
var specs = [...]*templateSpec{
	rootSet:       &rootRules,
	additionalSet: &additionalRules,
	languageSet:   &languageRules,
	accountSet:    &accountRules,
	freeSet:       &freeRules,
}

// indexed returns t with its byID index filled in.
func indexed(t templateSpec) templateSpec {
	for i, f := range t.fields {
		for id := int(f.lo); id <= int(f.hi); id++ {
			t.byID[id] = uint8(i + 1)
		}
	}
	return t
}

// field returns the rule of id in t, or nil when the table has none.
func (t *templateSpec) field(id Tag) *fieldSpec {
	if i := t.byID[id%100]; i > 0 {
		return &t.fields[i-1]
	}
	return nil
}

// readable reports whether a strict field's value passes the parser: its
// length in characters, its digits for format N and any value check at
// levelParse. The parser asks it of strict fields only (strictRoot).
func (f *fieldSpec) readable(v string) bool {
	n := len(v)
	if f.format != formatN {
		n = countRunes(v)
	}
	switch {
	case n < int(f.min) || n > int(f.max):
		return false
	case f.format == formatN && !isDigits(v):
		return false
	case f.value != nil && f.value.level == levelParse:
		return f.value.valid(v)
	}
	return true
}

// want describes a strict field's valid values, for an error message.
func (f *fieldSpec) want() string {
	if f.value != nil && f.value.level == levelParse {
		return f.value.want
	}
	words := [...]string{"", "one", "two", "three", "four"}
	unit := " characters"
	if f.format == formatN {
		unit = " digits"
	}
	return words[min(int(f.max), 4)] + unit
}

func validInitiation(s string) bool { return s == "11" || s == "12" }
func validTip(s string) bool        { return s == "01" || s == "02" || s == "03" }
