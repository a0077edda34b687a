package zeropay

import "strings"

// Barcode layouts for scanner-only POS (KFTC Zero Pay platform design
// v2.6.3b, barcode section). Both are digits only.
const (
	barcodePrefix = "800088" // BIN 800 + institution 088
	refundMarker  = "8080"   // "PP" as ASCII decimals: a refund barcode
	consumerLen   = 24       // prefix 6 + system ID 4 + token 14
	refundLen     = 34       // prefix 6 + marker 4 + date 8 + transaction 16
)

// BarcodeKind tells consumer payment barcodes from refund barcodes. The
// zero value is not a kind.
type BarcodeKind uint8

const (
	BarcodeConsumer BarcodeKind = 1 // 24 digits: pays with a token
	BarcodeRefund   BarcodeKind = 2 // 34 digits: refunds a transaction
)

// ServiceCode is digits 12-13 of a consumer token: "00" normal payment,
// "01" and "02" the child-meal programme (아동급식). Other values are kept
// as read.
type ServiceCode string

// IsChildMeal reports whether the code is one of the child-meal programme.
func (s ServiceCode) IsChildMeal() bool { return s == "01" || s == "02" }

// Barcode is a parsed Zero Pay barcode. A consumer barcode carries the
// payment-system ID and a 14-digit token ("3" + 10 digits + service code +
// a check digit whose algorithm is not public, so it is not verified); a
// refund barcode carries the original transaction's date and number.
// Token and OriginalDate are substrings of the input; OriginalTxn is
// decoded from ASCII decimals and so allocates.
type Barcode struct {
	Kind         BarcodeKind
	System       SystemID
	Token        string
	OriginalDate string
	OriginalTxn  string
}

// ParseBarcode reads a consumer (24-digit) or refund (34-digit) barcode.
// A consumer barcode is valid for [CodeValidity] after it is shown; see
// [Barcode.CheckFresh].
// The input is the digits alone, as a scanner delivers them; the printed
// grouping with spaces is not accepted.
func ParseBarcode(s string) (Barcode, error) {
	if !isDigits(s) {
		return Barcode{}, fieldErr("barcode", 0, ErrFormat)
	}
	if !strings.HasPrefix(s, barcodePrefix) {
		return Barcode{}, fieldErr("barcode", 0, ErrKind)
	}
	switch {
	case len(s) == refundLen && s[6:10] == refundMarker:
		return parseRefundBarcode(s)
	case len(s) == consumerLen:
		return parseConsumerBarcode(s)
	}
	return Barcode{}, fieldErr("barcode", 0, ErrLength)
}

func parseConsumerBarcode(s string) (Barcode, error) {
	b := Barcode{Kind: BarcodeConsumer, Token: s[10:]}
	sys, ok := decodeASCII(s[6:10])
	b.System = SystemID{sys[0], sys[1]}
	if !ok || !b.System.valid() {
		return Barcode{}, fieldErr("payment-system ID", 6, ErrFormat)
	}
	if b.Token[0] != '3' {
		return Barcode{}, fieldErr("token", 10, ErrFormat)
	}
	return b, nil
}

func parseRefundBarcode(s string) (Barcode, error) {
	b := Barcode{Kind: BarcodeRefund, OriginalDate: s[10:18]}
	if !validDate(b.OriginalDate) {
		return Barcode{}, fieldErr("original date", 10, ErrFormat)
	}
	head, ok := decodeASCII(s[18:24])
	if !ok {
		return Barcode{}, fieldErr("original transaction", 18, ErrFormat)
	}
	b.OriginalTxn = string(head[:3]) + s[24:]
	return b, nil
}

// decodeASCII turns pairs of decimal digits into the digits and uppercase
// letters they encode ("7449" → "J1"), at most three characters.
func decodeASCII(s string) ([3]byte, bool) {
	var out [3]byte
	for i := 0; i+1 < len(s); i += 2 {
		c := (s[i]-'0')*10 + s[i+1] - '0'
		if !isUpperAlnum(c) {
			return out, false
		}
		out[i/2] = c
	}
	return out, true
}

// ServiceCode returns the service code of a consumer barcode's token.
func (b Barcode) ServiceCode() ServiceCode {
	if len(b.Token) != 14 {
		return ""
	}
	return ServiceCode(b.Token[11:13])
}

// Encode returns the barcode digits, validating every field; see
// [Barcode.Display] for the printed form. The digits carry the token in
// clear; [Barcode.String] masks it.
func (b Barcode) Encode() (string, error) {
	var sb strings.Builder
	sb.Grow(refundLen)
	sb.WriteString(barcodePrefix)
	switch b.Kind {
	case BarcodeConsumer:
		if !b.System.valid() {
			return "", fieldErr("payment-system ID", -1, ErrFormat)
		}
		if len(b.Token) != 14 || !isDigits(b.Token) || b.Token[0] != '3' {
			return "", fieldErr("token", -1, ErrFormat)
		}
		writeASCII(&sb, b.System.String())
		sb.WriteString(b.Token)
	case BarcodeRefund:
		if !validDate(b.OriginalDate) {
			return "", fieldErr("original date", -1, ErrFormat)
		}
		if len(b.OriginalTxn) != 13 || !all(b.OriginalTxn[:3], isUpperAlnum) || !isDigits(b.OriginalTxn[3:]) {
			return "", fieldErr("original transaction", -1, ErrFormat)
		}
		sb.WriteString(refundMarker)
		sb.WriteString(b.OriginalDate)
		writeASCII(&sb, b.OriginalTxn[:3])
		sb.WriteString(b.OriginalTxn[3:])
	default:
		return "", fieldErr("kind", -1, ErrKind)
	}
	return sb.String(), nil
}

func writeASCII(sb *strings.Builder, s string) {
	for i := 0; i < len(s); i++ {
		sb.WriteByte('0' + s[i]/10)
		sb.WriteByte('0' + s[i]%10)
	}
}

// Display returns the digits grouped by four with spaces, as printed under
// the bars.
func (b Barcode) Display() (string, error) {
	s, err := b.Encode()
	if err != nil {
		return "", err
	}
	var sb strings.Builder
	for i := 0; i < len(s); i += 4 {
		if i > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(s[i:min(i+4, len(s))])
	}
	return sb.String(), nil
}
