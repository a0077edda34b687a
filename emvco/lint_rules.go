package emvco

import (
	"strings"

	"github.com/qrbridge/qrbridge/fx"
)

// Spec references, EMV QRCPS MPM v1.1.
const (
	refTLV      = "EMV MPM v1.1 §4.4"
	refPFI      = "EMV MPM v1.1 §4.7.1.1"
	refMAI      = "EMV MPM v1.1 §4.7.9.1"
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

// lintCore runs the EMVCo rules. It allocates only when it has something
// to report.
func lintCore(p *Payload) []Finding {
	var fs []Finding
	fs = lintNotes(p, fs)
	fs = lintPresence(p, fs)
	for o := range p.Objects() {
		fs = lintRoot(p, o, fs)
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

// mandatory are the root fields every payload needs besides 00 and 63.
var mandatory = [...]Tag{TagMerchantCategoryCode, TagTransactionCurrency, TagCountryCode, TagMerchantName, TagMerchantCity}

func lintPresence(p *Payload, fs []Finding) []Finding {
	for _, id := range mandatory {
		if _, ok := p.Object(id); !ok {
			fs = append(fs, Finding{Rule: "mpm-missing-field", Severity: SeverityError, Path: id.String(), Message: "mandatory field is absent", Ref: refName})
		}
	}
	for o := range p.Objects() {
		if o.ID().IsMerchantAccount() {
			return fs
		}
	}
	return append(fs, Finding{Rule: "mpm-merchant-account", Severity: SeverityError, Message: "no merchant account information (02-51)", Ref: refMAI})
}

// lintRoot applies the rules of one root object.
func lintRoot(p *Payload, o Object, fs []Finding) []Finding {
	id, v := o.ID(), o.Value()
	switch {
	case id == TagPayloadFormat && v != "01":
		fs = append(fs, finding("mpm-payload-format", SeverityError, o, "payload format indicator is not 01", refPFI))
	case id >= 2 && id <= 25:
		fs = lintANS(o, fs)
	case id >= 26 && id <= 51:
		fs = lintGUIDTemplate(o, fs, refMAITempl)
	case id == TagMerchantCategoryCode:
		fs = lintMCC(o, fs)
	case id == TagTransactionCurrency:
		fs = lintCurrency(o, fs)
	case id == TagTransactionAmount:
		fs = lintAmountDecimals(p, o, fs)
	case id == TagCountryCode:
		if !KnownCountry(v) {
			fs = append(fs, finding("mpm-country", SeverityError, o, "country code is not iso 3166-1 alpha-2", refCountry))
		}
	case id >= TagMerchantName && id <= TagPostalCode:
		fs = lintLimitedANS(o, fs, rootMaxLen(id))
	case id == TagAdditionalData:
		fs = lintAdditional(o, fs)
	case id == TagLanguageTemplate:
		fs = lintLanguage(o, fs)
	case id.IsRFU():
		fs = append(fs, finding("mpm-rfu", SeverityWarning, o, "object id is reserved for future use", refRFU))
	case id.IsUnreserved():
		fs = lintUnreserved(o, fs)
	}
	return fs
}

func lintANS(o Object, fs []Finding) []Finding {
	if !IsANS(o.Value()) {
		fs = append(fs, finding("mpm-format-ans", SeverityError, o, "value has characters outside the ans set", refFormat))
	}
	return fs
}

// lintLimitedANS checks an ans field with a maximum length (59, 60, 61).
func lintLimitedANS(o Object, fs []Finding, max int) []Finding {
	fs = lintANS(o, fs)
	if countRunes(o.Value()) > max {
		rule := "mpm-postal-length"
		switch o.ID() {
		case TagMerchantName:
			rule = "mpm-name-length"
		case TagMerchantCity:
			rule = "mpm-city-length"
		}
		fs = append(fs, finding(rule, SeverityError, o, "value is longer than the field allows", refName))
	}
	return fs
}

func lintMCC(o Object, fs []Finding) []Finding {
	switch v := o.Value(); {
	case v == "0000":
		return append(fs, finding("mpm-mcc-not-applicable", SeverityWarning, o, "mcc 0000 means not applicable; it is not an iso 18245 code", refMCC))
	case !KnownMCC(v):
		return append(fs, finding("mpm-mcc", SeverityError, o, "mcc is not in iso 18245", refMCC))
	}
	return fs
}

func lintCurrency(o Object, fs []Finding) []Finding {
	if _, err := fx.LookupNumeric(o.Value()); err != nil {
		fs = append(fs, finding("mpm-currency", SeverityError, o, "currency is not a current iso 4217 code", refCurrency))
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
	v := o.Value()
	decimals := 0
	if dot := strings.IndexByte(v, '.'); dot >= 0 {
		decimals = len(v) - dot - 1
	}
	if decimals > cur.MinorUnits() {
		fs = append(fs, finding("mpm-amount-decimals", SeverityWarning, o, "amount has more decimals than the currency's minor units", refAmount))
	}
	return fs
}

// lintFees checks the tip or convenience fee objects together.
func lintFees(p *Payload, fs []Finding) []Finding {
	tip, hasTip := p.Object(TagTipIndicator)
	fixed, hasFixed := p.Object(TagConvenienceFeeFixed)
	pct, hasPct := p.Object(TagConvenienceFeePercent)
	t := tip.Value()
	switch {
	case hasTip && t != "01" && t != "02" && t != "03":
		fs = append(fs, finding("mpm-tip-indicator", SeverityError, tip, "tip indicator is not 01, 02 or 03", refTip))
	case hasFixed != (t == "02"):
		fs = append(fs, Finding{Rule: "mpm-fee-fixed", Severity: SeverityError, Path: "56", Offset: fixed.Offset(), Message: "fixed fee must be present exactly when 55 is 02", Ref: refTip})
	case hasPct != (t == "03"):
		fs = append(fs, Finding{Rule: "mpm-fee-percentage", Severity: SeverityError, Path: "57", Offset: pct.Offset(), Message: "percentage fee must be present exactly when 55 is 03", Ref: refTip})
	}
	if hasFixed && !ValidAmount(fixed.Value()) {
		fs = append(fs, finding("mpm-fee-format", SeverityError, fixed, "fixed fee is not a non-zero amount", refTip))
	}
	if hasPct && !ValidPercentage(pct.Value()) {
		fs = append(fs, finding("mpm-fee-format", SeverityError, pct, "percentage fee is not 00.01 to 99.99", refTip))
	}
	return fs
}
