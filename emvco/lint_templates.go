package emvco

import "strings"

// lintUnreserved checks 80-99: it should be a template with a GUID (its
// sub-objects are checked by accountRules when it is).
func lintUnreserved(_ *Payload, o Object, fs []Finding) []Finding {
	if !o.IsTemplate() {
		return append(fs, finding("mpm-unreserved-opaque", SeverityWarning, o, "unreserved object is not a template", refUnres))
	}
	return fs
}

// lintAdditionalID00 reports 62.00, which §4.8 does not define (QR Ph
// puts a GUID there).
func lintAdditionalID00(_ *Payload, o Object, fs []Finding) []Finding {
	return append(fs, finding("mpm-additional-id-00", SeverityWarning, o, "sub-id 00 is not defined in the additional data template", refAddl))
}

// lintPaymentSystemTemplate checks 62.50-99: a GUID template when it is
// TLV. The reader keeps these as values, so it is parsed here.
func lintPaymentSystemTemplate(_ *Payload, o Object, fs []Finding) []Finding {
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

func isLanguageCode(v string) bool {
	return len(v) == 2 && isLetter(v[0]) && isLetter(v[1])
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
