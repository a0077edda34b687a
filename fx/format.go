package fx

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/currency"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Format returns the amount for people in the locale named by the BCP 47
// tag locale ("ko", "zh-CN", "th", "de-DE", "en-IN"): the currency's
// narrow symbol and the locale's digits, grouping and decimal separator,
// all from the CLDR data of golang.org/x/text. ₩12,000 in "ko", ¥62.40 in
// "zh", ฿1,250.00 in "th", €1.234,50 in "de", ₹12,34,567.50 in "en-IN".
// The number has the currency's minor units, or more decimals when the
// amount has them, as [Amount.Number]; a negative amount starts with "-".
// An ill-formed or unknown locale formats as the root locale (ASCII
// digits, "," and "."). The locale is a string so that callers need not
// import x/text.
//
// What x/text does and does not do (v0.44, checked by the tests): it
// knows the symbols and separators, but not CLDR's currency patterns: it
// always writes the symbol first and a space after it ("₩ 12,000", also
// "€ 1.234,50" where German writes "1.234,50 €"). Format keeps the symbol
// first and drops that space unless the symbol ends in a letter, where it
// would run into the digits ("BHD 1.234": x/text has no narrow symbol for
// the dinar and falls back to the code). Narrow symbols are ambiguous
// across currencies ("$" for USD, AUD and CAD alike; "¥" for CNY and JPY):
// show [Amount.String] where the currency matters. x/text formats numbers
// through float64 for any fractional value, so only the integer part
// goes through it, as an int64; the fraction's digits are written here,
// and no float ever holds money. An integer part of more than 18 digits
// is written without grouping.
//
// The zero Amount formats as its number alone. Format allocates and is
// meant for display, not for hot paths.
func (a Amount) Format(locale string) string {
	tag := language.Make(locale)
	p := message.NewPrinter(tag)
	num := a.Abs().Number()
	intPart, frac, _ := strings.Cut(num, ".")
	zero, sep := localeDigits(p)
	var b strings.Builder
	if a.Sign() < 0 {
		b.WriteByte('-')
	}
	if sym := a.symbol(p); sym != "" {
		b.WriteString(sym)
		if r, _ := utf8.DecodeLastRuneInString(sym); unicode.IsLetter(r) {
			b.WriteByte(' ')
		}
	}
	if len(intPart) <= 18 {
		b.WriteString(p.Sprint(number.Decimal(atoi64(intPart))))
	} else {
		writeDigits(&b, intPart, zero)
	}
	if frac != "" {
		b.WriteString(sep)
		writeDigits(&b, frac, zero)
	}
	return b.String()
}

// symbol returns the currency's narrow symbol in p's locale, or its code
// when x/text does not know the currency; "" for the zero Amount.
func (a Amount) symbol(p *message.Printer) string {
	if a.cur.IsZero() {
		return ""
	}
	u, err := currency.ParseISO(a.cur.code)
	if err != nil {
		return a.cur.code
	}
	return p.Sprint(currency.NarrowSymbol(u))
}

// localeDigits returns the locale's zero digit and decimal separator,
// read from how x/text formats the integer 10 with one decimal ("10.0",
// "١٠٫٠"): integers are formatted exactly, with no float.
func localeDigits(p *message.Printer) (zero rune, sep string) {
	probe := []rune(p.Sprint(number.Decimal(10, number.Scale(1))))
	if len(probe) < 4 { // never with CLDR data; no slicing out of range
		return '0', "."
	}
	return probe[1], string(probe[2 : len(probe)-1])
}

// writeDigits writes the ASCII digits s in the digits that start at zero.
func writeDigits(b *strings.Builder, s string, zero rune) {
	for i := 0; i < len(s); i++ {
		b.WriteRune(zero + rune(s[i]-'0'))
	}
}

// atoi64 converts at most 18 ASCII digits.
func atoi64(s string) int64 {
	var n int64
	for i := 0; i < len(s); i++ {
		n = n*10 + int64(s[i]-'0')
	}
	return n
}
