package zeropay

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
)

// Consumer tokens are payment credentials, and for the child-meal
// programme's service code 02 the token's ten middle digits are the
// parent's mobile number without its leading 0 (KFTC Zero Pay platform
// design v2.6.3b, barcode layout). So a [Code] or [Barcode] that carries a
// token prints masked through every path a value takes to a log: String,
// every fmt verb (Format, GoString), JSON and slog (LogValue), as
// emvco.PAN does for card numbers. The Token field itself holds the token
// in clear, for the call that sends it to the operator.

// maskToken keeps the first character and the last three (the service
// code and the check digit of a barcode token) of a token of eight or
// more characters, and hides the rest; shorter tokens are hidden whole.
func maskToken(t string) string {
	if len(t) < 8 {
		return strings.Repeat("*", len(t))
	}
	return t[:1] + strings.Repeat("*", len(t)-4) + t[len(t)-3:]
}

// formatMasked writes s, a masked text, for any verb and flags.
func formatMasked(f fmt.State, verb rune, s string) {
	fmt.Fprintf(f, fmt.FormatString(f, verb), s)
}

// String returns the code as QR text with a consumer code's token and
// check characters masked ("3-KW-3**********007--****"); merchant and
// refund codes, which carry no credential, print in full. Use
// [Code.Encode] for the text to put in a QR code.
func (c Code) String() string {
	check := c.Check
	if c.Kind == KindConsumer {
		check = strings.Repeat("*", len(check))
	}
	if c.Kind < KindStatic || c.Kind > KindRefund {
		return "zeropay.Code(invalid)"
	}
	m := c
	m.Token = maskToken(c.Token)
	return m.prefix() + check
}

// Format implements fmt.Formatter: every verb prints [Code.String], so
// %v, %+v, %#v, %s, %q and %x never reveal a token.
func (c Code) Format(f fmt.State, verb rune) { formatMasked(f, verb, c.String()) }

// GoString returns the masked code for %#v.
func (c Code) GoString() string { return "zeropay.Code(" + c.String() + ")" }

// LogValue implements slog.LogValuer with the masked code.
func (c Code) LogValue() slog.Value { return slog.StringValue(c.String()) }

// codeJSON is the JSON form of a Code: its fields by name, empty ones
// left out, the token masked.
type codeJSON struct {
	Kind         Kind        `json:"kind"`
	Registrar    string      `json:"registrar,omitempty"`
	MerchantID   string      `json:"merchant_id,omitempty"`
	TerminalID   string      `json:"terminal_id,omitempty"`
	Serial       string      `json:"serial,omitempty"`
	System       string      `json:"system,omitempty"`
	Token        string      `json:"token,omitempty"`
	OriginalDate string      `json:"original_date,omitempty"`
	OriginalTxn  string      `json:"original_txn,omitempty"`
	Check        string      `json:"check,omitempty"`
	Verified     CheckStatus `json:"verified"`
}

// MarshalJSON encodes the code's fields by name with the token masked, as
// [Code.String] does: {"kind":"consumer","system":"KW","token":
// "3**********007",...}. It is for logs and APIs; the form to parse back
// is the QR text of [Code.Encode].
func (c Code) MarshalJSON() ([]byte, error) {
	j := codeJSON{
		Kind: c.Kind, Registrar: c.Registrar, MerchantID: c.MerchantID, TerminalID: c.TerminalID,
		Serial: c.Serial, Token: maskToken(c.Token), OriginalDate: c.OriginalDate,
		OriginalTxn: c.OriginalTxn, Check: c.Check, Verified: c.Verified,
	}
	if c.System != (SystemID{}) {
		j.System = c.System.String()
	}
	if c.Kind == KindConsumer {
		j.Check = strings.Repeat("*", len(c.Check))
	}
	return json.Marshal(j)
}

// String returns the barcode digits with a consumer token masked
// ("8000887449" + "3**********017"); a refund barcode prints in full. Use
// [Barcode.Encode] for the digits to print as bars.
func (b Barcode) String() string {
	s, err := b.Encode()
	if err != nil {
		return "zeropay.Barcode(invalid)"
	}
	if b.Kind == BarcodeConsumer {
		return s[:10] + maskToken(s[10:])
	}
	return s
}

// Format implements fmt.Formatter: every verb prints [Barcode.String].
func (b Barcode) Format(f fmt.State, verb rune) { formatMasked(f, verb, b.String()) }

// GoString returns the masked barcode for %#v.
func (b Barcode) GoString() string { return "zeropay.Barcode(" + b.String() + ")" }

// LogValue implements slog.LogValuer with the masked barcode.
func (b Barcode) LogValue() slog.Value { return slog.StringValue(b.String()) }

// barcodeJSON is the JSON form of a Barcode.
type barcodeJSON struct {
	Kind         BarcodeKind `json:"kind"`
	System       string      `json:"system,omitempty"`
	Token        string      `json:"token,omitempty"`
	ServiceCode  ServiceCode `json:"service_code,omitempty"`
	OriginalDate string      `json:"original_date,omitempty"`
	OriginalTxn  string      `json:"original_txn,omitempty"`
}

// MarshalJSON encodes the barcode's fields by name with the token masked.
func (b Barcode) MarshalJSON() ([]byte, error) {
	j := barcodeJSON{Kind: b.Kind, Token: maskToken(b.Token), ServiceCode: b.ServiceCode(),
		OriginalDate: b.OriginalDate, OriginalTxn: b.OriginalTxn}
	if b.System != (SystemID{}) {
		j.System = b.System.String()
	}
	return json.Marshal(j)
}
