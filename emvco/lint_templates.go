package emvco

import "strings"

// lintGUIDTemplate checks a template that must start with a GUID (26-51,
// 80-99 and 62.50-99).
func lintGUIDTemplate(o Object, fs []Finding, ref string) []Finding {
	g, ok := o.Lookup(TagGUID)
	switch {
	case !o.IsTemplate():
		return fs
	case !ok:
		return append(fs, finding("mpm-guid-missing", SeverityWarning, o, "template has no globally unique identifier (sub-id 00)", ref))
	case !ValidGUID(g.Value()):
		return append(fs, finding("mpm-guid-form", SeverityError, g, "guid is not an aid, a 32-hex uuid or a reverse domain name", ref))
	}
	return fs
}

// lintUnreserved checks 80-99: a template with a GUID.
func lintUnreserved(o Object, fs []Finding) []Finding {
	if !o.IsTemplate() {
		return append(fs, finding("mpm-unreserved-opaque", SeverityWarning, o, "unreserved object is not a template", refUnres))
	}
	return lintGUIDTemplate(o, fs, refUnres)
}

// lintAdditional checks the sub-objects of 62.
func lintAdditional(t Object, fs []Finding) []Finding {
	for o := range t.Objects() {
		id := o.ID()
		switch {
		case id == 0:
			fs = append(fs, finding("mpm-additional-id-00", SeverityWarning, o, "sub-id 00 is not defined in the additional data template", refAddl))
		case id <= 11:
			fs = lintAdditionalField(o, fs)
		case id < 50:
			fs = append(fs, finding("mpm-rfu", SeverityWarning, o, "sub-object id is reserved for future use", refRFU))
		default:
			fs = lintPaymentSystemTemplate(o, fs)
		}
	}
	return fs
}

func lintAdditionalField(o Object, fs []Finding) []Finding {
	id, v := o.ID(), o.Value()
	fs = lintANS(o, fs)
	n := countRunes(v)
	switch {
	case n > additionalMaxLen[id] || (id == TagMerchantChannel && n != 3):
		fs = append(fs, finding("mpm-additional-length", SeverityError, o, "value is longer than the field allows", refAddl))
	case id == TagConsumerDataRequest && !validDataRequest(v):
		fs = append(fs, finding("mpm-additional-format", SeverityError, o, "consumer data request is not a set of A, M and E", refAddl))
	case id == TagMerchantChannel && !validChannel(v):
		fs = append(fs, finding("mpm-additional-format", SeverityError, o, "merchant channel is not media 0-7, location 0-3, presence 0-3", refAddl))
	}
	return fs
}

// lintPaymentSystemTemplate checks 62.50-99: a GUID template when it is
// TLV. The reader keeps these as values, so it is parsed here.
func lintPaymentSystemTemplate(o Object, fs []Finding) []Finding {
	v := o.Value()
	if checkTLV(v) != nil {
		return append(fs, finding("mpm-guid-missing", SeverityWarning, o, "payment system specific template is not tlv with a guid", refAddl))
	}
	g, ok := Find(v, TagGUID)
	switch {
	case !ok:
		fs = append(fs, finding("mpm-guid-missing", SeverityWarning, o, "payment system specific template has no guid", refAddl))
	case !ValidGUID(g):
		fs = append(fs, finding("mpm-guid-form", SeverityError, o, "guid is not an aid, a 32-hex uuid or a reverse domain name", refAddl))
	}
	return fs
}

func validDataRequest(v string) bool {
	seen := 0
	for i := 0; i < len(v); i++ {
		bit := strings.IndexByte("AME", v[i]) + 1 // 1, 2, 3; 0 for others
		if bit == 0 || seen&(1<<bit) != 0 {
			return false
		}
		seen |= 1 << bit
	}
	return v != ""
}

// validChannel: media 0-7, location 0-3, presence 0-3 (v1.1 §4.8.1.6).
func validChannel(v string) bool {
	return len(v) == 3 && v[0] >= '0' && v[0] <= '7' && v[1] >= '0' && v[1] <= '3' && v[2] >= '0' && v[2] <= '3'
}

// lintLanguage checks 64: 00 and 01 present, 00 an ISO 639-1 code, 01 at
// most 25 characters, 02 at most 15, 03-99 RFU.
func lintLanguage(t Object, fs []Finding) []Finding {
	pref, hasPref := t.Lookup(TagLanguagePreference)
	_, hasName := t.Lookup(TagAlternateName)
	if !hasPref || !hasName {
		fs = append(fs, finding("mpm-language-template", SeverityError, t, "language template needs 00 and 01", refLang))
	}
	if hasPref && !isLanguageCode(pref.Value()) {
		fs = append(fs, finding("mpm-language-code", SeverityError, pref, "language preference is not two letters (iso 639-1)", refLang))
	}
	for o := range t.Objects() {
		id, n := o.ID(), countRunes(o.Value())
		switch {
		case id == TagAlternateName && n > 25, id == TagAlternateCity && n > 15:
			fs = append(fs, finding("mpm-language-length", SeverityError, o, "value is longer than the field allows", refLang))
		case id > TagAlternateCity:
			fs = append(fs, finding("mpm-rfu", SeverityWarning, o, "sub-object id is reserved for future use", refRFU))
		}
	}
	return fs
}

func isLanguageCode(v string) bool {
	return len(v) == 2 && isLetter(v[0]) && isLetter(v[1])
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
