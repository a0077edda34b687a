package emvco

import (
	"strings"

	"github.com/qrbridge/qrbridge/fx"
)

// lintCore runs the EMVCo rules: the tables of spec.go, applied to every
// object, and the rules that span fields. It allocates only when it has
// something to report.
func lintCore(p *Payload) []Finding {
	var fs []Finding
	fs = lintNotes(p, fs)
	fs = lintPresence(p, fs)
	for o := range p.Objects() {
		fs = lintObject(p, &rootRules, o, fs)
	}
	fs = lintFees(p, fs)
	if n := p.Len(); n > 512 {
		fs = append(fs, Finding{Rule: "mpm-payload-length", Severity: SeverityWarning, Message: "payload is longer than 512 characters", Ref: refSize})
	}
	return fs
}

// lintNotes reports the leniencies the reader applied.
func lintNotes(p *Payload, fs []Finding) []Finding {
	n := p.Notes()
	if n.LowercaseCRC {
		fs = append(fs, Finding{Rule: "mpm-crc-lowercase", Severity: SeverityError, Path: "63", Offset: len(p.raw) - 4, Message: "crc uses lowercase hex digits", Ref: refCRC})
	}
	if n.ByteLengths {
		fs = append(fs, Finding{Rule: "mpm-byte-lengths", Severity: SeverityError, Message: "lengths count utf-8 bytes, not characters", Ref: refTLV})
	}
	if n.TrailingWhitespace {
		fs = append(fs, Finding{Rule: "mpm-trailing-whitespace", Severity: SeverityInfo, Offset: len(p.raw), Message: "whitespace followed the crc; it was dropped", Ref: refCRC})
	}
	if n.URLEscaped {
		fs = append(fs, Finding{Rule: "mpm-url-escaped", Severity: SeverityWarning, Message: "payload was percent-encoded", Ref: refTLV})
	}
	return fs
}

// lintPresence reports the absent mandatory root fields and a payload
// without any merchant account (02-51).
func lintPresence(p *Payload, fs []Finding) []Finding {
	m := &rootRules.missing
	for _, f := range rootRules.fields {
		if _, ok := p.Object(f.lo); f.presence == mandatory && !ok {
			fs = append(fs, Finding{Rule: m.rule, Severity: m.sev, Path: f.lo.String(), Message: m.msg, Ref: f.ref})
		}
	}
	for o := range p.Objects() {
		if o.ID().IsMerchantAccount() {
			return fs
		}
	}
	return append(fs, Finding{Rule: "mpm-merchant-account", Severity: SeverityError, Message: "no merchant account information (02-51)", Ref: refMAI})
}

// lintObject applies the rule of o's ID in table t, and the table of its
// sub-objects when it is a template.
func lintObject(p *Payload, t *templateSpec, o Object, fs []Finding) []Finding {
	f := t.field(o.ID())
	switch {
	case f == nil:
		return fs
	case f.rfu:
		return append(fs, finding("mpm-rfu", SeverityWarning, o, "object id is reserved for future use", f.ref))
	case f.format != formatTemplate && f.format != formatOpenTemplate:
		fs = lintValue(f, o, fs)
	}
	if f.lint != nil {
		fs = f.lint(p, o, fs)
	}
	if o.IsTemplate() {
		sub := specs[f.sub]
		fs = lintMissing(sub, o, fs)
		for c := range o.Objects() {
			fs = lintObject(p, sub, c, fs)
		}
	}
	return fs
}

// lintValue checks a primitive's format, length and value against its
// rule. The parser has already refused a strict field of the wrong length
// or digits.
func lintValue(f *fieldSpec, o Object, fs []Finding) []Finding {
	v := o.Value()
	lengthOK := true
	if !f.strict {
		n := countRunes(v)
		switch {
		case f.format == formatANS && !IsANS(v):
			fs = append(fs, finding("mpm-format-ans", SeverityError, o, "value has characters outside the ans set", refFormat))
		case f.format == formatN && !isDigits(v):
			fs = append(fs, finding(f.rule, SeverityError, o, f.name+" is not digits", f.ref))
		}
		if n < int(f.min) || n > int(f.max) {
			lengthOK = false
			fs = append(fs, finding(f.rule, SeverityError, o, "value is longer than the field allows", f.ref))
		}
	}
	if c := f.value; c != nil && lengthOK && !c.valid(v) {
		fs = append(fs, finding(c.rule, c.sev, o, f.name+" is not "+c.want, f.ref))
	}
	return fs
}

// lintMissing reports the absent mandatory fields of template o, once at
// the template's path.
func lintMissing(t *templateSpec, o Object, fs []Finding) []Finding {
	has := func(id Tag) bool { _, ok := o.Lookup(id); return ok }
	if _, ok := checkPresence(t, has); !ok {
		m := &t.missing
		fs = append(fs, finding(m.rule, m.sev, o, m.msg, m.ref))
	}
	return fs
}

func lintMCC(_ *Payload, o Object, fs []Finding) []Finding {
	switch v := o.Value(); {
	case v == "0000":
		return append(fs, finding("mpm-mcc-not-applicable", SeverityWarning, o, "mcc 0000 means not applicable; it is not an iso 18245 code", refMCC))
	case !KnownMCC(v):
		return append(fs, finding("mpm-mcc", SeverityWarning, o, "mcc is well formed but not in the iso 18245 table this package knows", refMCC))
	}
	return fs
}

func lintCurrency(_ *Payload, o Object, fs []Finding) []Finding {
	if _, err := fx.LookupNumeric(o.Value()); err != nil {
		fs = append(fs, finding("mpm-currency", SeverityError, o, "currency is not a current iso 4217 code", refCurrency))
	}
	return fs
}

func lintCountry(_ *Payload, o Object, fs []Finding) []Finding {
	if !KnownCountry(o.Value()) {
		fs = append(fs, finding("mpm-country", SeverityError, o, "country code is not iso 3166-1 alpha-2", refCountry))
	}
	return fs
}

// lintAmountDecimals: the decimals of 54 should match the currency's
// exponent (a "should"; JPY codes with 999.123 exist).
func lintAmountDecimals(p *Payload, o Object, fs []Finding) []Finding {
	cur, err := fx.LookupNumeric(p.Currency())
	if err != nil {
		return fs
	}
	_, decimals, _ := strings.Cut(o.Value(), ".")
	if len(decimals) > cur.MinorUnits() {
		fs = append(fs, finding("mpm-amount-decimals", SeverityWarning, o, "amount has more decimals than the currency's minor units", refAmount))
	}
	return fs
}

// lintFees checks that 56 and 57 are present exactly when 55 asks for
// them; the values themselves are checked by their rules.
func lintFees(p *Payload, fs []Finding) []Finding {
	tip, hasTip := p.Object(TagTipIndicator)
	fixed, hasFixed := p.Object(TagConvenienceFeeFixed)
	pct, hasPct := p.Object(TagConvenienceFeePercent)
	t := tip.Value()
	switch {
	case hasTip && !validTip(t):
	case hasFixed != (t == "02"):
		fs = append(fs, Finding{Rule: "mpm-fee-fixed", Severity: SeverityError, Path: "56", Offset: fixed.Offset(), Message: "fixed fee must be present exactly when 55 is 02", Ref: refTip})
	case hasPct != (t == "03"):
		fs = append(fs, Finding{Rule: "mpm-fee-percentage", Severity: SeverityError, Path: "57", Offset: pct.Offset(), Message: "percentage fee must be present exactly when 55 is 03", Ref: refTip})
	}
	return fs
}
