package translate

import (
	"time"

	"github.com/qrbridge/qrbridge/fx"
)

// Intent is one scanned code read into a scheme-neutral payment intent:
// who is paid, how much (if the code says), on what terms and with which
// references. [Translator.Intent] builds it from every kind [Detect] knows.
//
// Kind and Schemes say where it came from; Presentment and Dynamic how it
// is used. Amount is zero for a static code (the payer enters it); Currency
// is the merchant's currency either way. Source is the scanned text, kept
// for audit; it is empty for consumer codes, whose payment token is in
// Token, masked. Expires is zero when the code does not expire.
//
// An Intent is a plain value; its strings may be substrings of the scanned
// text (Go strings are immutable, so sharing them is safe).
type Intent struct {
	Kind        Kind        `json:"kind"`
	Schemes     []string    `json:"schemes,omitempty"`
	Presentment Presentment `json:"presentment,omitzero"`
	Dynamic     bool        `json:"dynamic,omitempty"`
	Merchant    Merchant    `json:"merchant,omitzero"`
	Amount      fx.Amount   `json:"amount,omitzero"`
	Currency    fx.Currency `json:"currency,omitzero"`
	Tip         Tip         `json:"tip,omitzero"`
	References  References  `json:"references,omitzero"`
	Expires     time.Time   `json:"expires,omitzero"`
	Token       Token       `json:"token,omitzero"`
	Source      string      `json:"source,omitempty"`
}

// HasAmount reports whether the code carries its amount.
func (in Intent) HasAmount() bool { return !in.Amount.Currency().IsZero() }

// Merchant is who a code pays. Accounts lists the merchant's identifiers
// at each network the code carries, in code order. LocalName and LocalCity
// are the names in the local script (EMVCo 64), in the language
// LocalLanguage (ISO 639-1). Country is ISO 3166-1 alpha-2, MCC an ISO
// 18245 merchant category code. Store and Terminal identify the till.
type Merchant struct {
	Accounts      []Account `json:"accounts,omitempty"`
	Name          string    `json:"name,omitempty"`
	LocalName     string    `json:"local_name,omitempty"`
	LocalLanguage string    `json:"local_language,omitempty"`
	LocalCity     string    `json:"local_city,omitempty"`
	City          string    `json:"city,omitempty"`
	Country       string    `json:"country,omitempty"`
	MCC           string    `json:"mcc,omitempty"`
	PostalCode    string    `json:"postal_code,omitempty"`
	Store         string    `json:"store,omitempty"`
	Terminal      string    `json:"terminal,omitempty"`
}

// Account is a merchant's identifier at one network: the scheme's profile
// name ("promptpay", "zeropay", "visa"), where it sits in the code ("26",
// "29", or a Zero Pay field), the network's GUID or AID when the code names
// one, and the identifier itself (proxy, merchant ID, account).
type Account struct {
	Scheme string `json:"scheme,omitempty"`
	Path   string `json:"path,omitempty"`
	GUID   string `json:"guid,omitempty"`
	ID     string `json:"id,omitempty"`
}

// TipKind is how a code asks for a tip or convenience fee (EMV MPM v1.1
// ID 55). The zero value, TipNone, means no tip or fee.
type TipKind uint8

// The tip kinds.
const (
	TipNone       TipKind = iota
	TipPrompt             // the payer is asked for a tip
	TipFixed              // a fixed convenience fee, in Tip.Fixed
	TipPercentage         // a percentage fee, in Tip.Percent
)

// String returns "none", "prompt", "fixed" or "percentage".
func (k TipKind) String() string {
	switch k {
	case TipPrompt:
		return "prompt"
	case TipFixed:
		return "fixed"
	case TipPercentage:
		return "percentage"
	}
	return "none"
}

// Tip is a code's tip or convenience-fee policy. Percent is the decimal
// text of EMVCo 57 ("3.00" for 3%).
type Tip struct {
	Kind    TipKind   `json:"kind,omitempty"`
	Fixed   fx.Amount `json:"fixed,omitzero"`
	Percent string    `json:"percent,omitempty"`
}

// References are a code's transaction references (EMVCo 62 and their
// equivalents): bill number, reference label, store and terminal labels,
// purpose, customer label, loyalty and mobile numbers, and the customer
// data the merchant asks for (62.09: any of "A", "M", "E"). "***" asks the
// payer's app to prompt for the value.
type References struct {
	Bill          string `json:"bill,omitempty"`
	Reference     string `json:"reference,omitempty"`
	Store         string `json:"store,omitempty"`
	Terminal      string `json:"terminal,omitempty"`
	Purpose       string `json:"purpose,omitempty"`
	Customer      string `json:"customer,omitempty"`
	Loyalty       string `json:"loyalty,omitempty"`
	Mobile        string `json:"mobile,omitempty"`
	CustomerData  string `json:"customer_data,omitempty"`
	MerchantTaxID string `json:"merchant_tax_id,omitempty"`
}

// MarshalText encodes the tip kind as its String.
func (k TipKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }
