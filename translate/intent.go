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
	Kind        Kind
	Schemes     []string
	Presentment Presentment
	Dynamic     bool
	Merchant    Merchant
	Amount      fx.Amount
	Currency    fx.Currency
	Tip         Tip
	References  References
	Expires     time.Time
	Token       Token
	Source      string
}

// HasAmount reports whether the code carries its amount.
func (in Intent) HasAmount() bool { return !in.Amount.Currency().IsZero() }

// Merchant is who a code pays. Accounts lists the merchant's identifiers
// at each network the code carries, in code order. LocalName and LocalCity
// are the names in the local script (EMVCo 64), in the language
// LocalLanguage (ISO 639-1). Country is ISO 3166-1 alpha-2, MCC an ISO
// 18245 merchant category code. Store and Terminal identify the till.
type Merchant struct {
	Accounts      []Account
	Name          string
	LocalName     string
	LocalLanguage string
	LocalCity     string
	City          string
	Country       string
	MCC           string
	PostalCode    string
	Store         string
	Terminal      string
}

// Account is a merchant's identifier at one network: the scheme's profile
// name ("promptpay", "zeropay", "visa"), where it sits in the code ("26",
// "29", or a Zero Pay field), the network's GUID or AID when the code names
// one, and the identifier itself (proxy, merchant ID, account).
type Account struct {
	Scheme string
	Path   string
	GUID   string
	ID     string
}

// TipKind is how a code asks for a tip or convenience fee (EMV MPM v1.1
// ID 55). The zero value, TipNone, means no tip or fee.
type TipKind uint8

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
	Kind    TipKind
	Fixed   fx.Amount
	Percent string
}

// References are a code's transaction references (EMVCo 62 and their
// equivalents): bill number, reference label, store and terminal labels,
// purpose, customer label, loyalty and mobile numbers, and the customer
// data the merchant asks for (62.09: any of "A", "M", "E"). "***" asks the
// payer's app to prompt for the value.
type References struct {
	Bill          string
	Reference     string
	Store         string
	Terminal      string
	Purpose       string
	Customer      string
	Loyalty       string
	Mobile        string
	CustomerData  string
	MerchantTaxID string
}
