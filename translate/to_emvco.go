package translate

import (
	"context"

	"github.com/qrbridge/qrbridge/fx"
)

// SwitchFields are what a switch-to-switch national QR link forwards for
// an EMVCo merchant code: the payer's switch reads the foreign code, and
// the merchant's switch needs the routed merchant account, the merchant's
// identity and the amount in the merchant's currency (the ITMX model, in
// which the payer's bank sends the scanned QR string to ITMX, which asks
// the foreign acquirer through its country's switch:
// https://itmx.co.th/lang/en/product-and-service/MTY2NjU0Mjc2OA==).
//
// Account is the routed merchant account (its scheme, GUID and ID); the
// names are EMVCo 59/60 and, in the local script, 64. Currency is the ISO
// 4217 numeric code of 53. Payload is the scanned text, which such links
// forward whole. Purpose (62.08), customer label, loyalty and mobile
// numbers and customer data requests have no field: the report lists them
// as dropped.
type SwitchFields struct {
	Account       Account
	MerchantName  string
	MerchantCity  string
	LocalLanguage string
	LocalName     string
	LocalCity     string
	Country       string
	MCC           string
	PostalCode    string
	Amount        fx.Amount
	Currency      string
	Bill          string
	Reference     string
	Store         string
	Terminal      string
	Payload       string
}

// emvcoLeg builds the merchant leg of an EMVCo national code: the
// *SwitchFields a switch-to-switch link forwards, in the merchant's
// currency.
var emvcoLeg = LegBuilder{
	Build: func(_ context.Context, in *LegInput) (Leg, error) {
		m, r := &in.Intent.Merchant, &in.Intent.References
		f := &SwitchFields{
			Account: in.Account, MerchantName: m.Name, MerchantCity: m.City,
			LocalLanguage: m.LocalLanguage, LocalName: m.LocalName, LocalCity: m.LocalCity,
			Country: m.Country, MCC: m.MCC, PostalCode: m.PostalCode,
			Amount: in.MerchantTotal(), Currency: in.Intent.Currency.Numeric(),
			Bill: r.Bill, Reference: r.Reference, Store: m.Store, Terminal: m.Terminal,
			Payload: in.Intent.Source,
		}
		return Leg{Scheme: "emvco", Amount: f.Amount, Request: f}, nil
	},
	Claims: []FieldTarget{
		{FieldPresentment, "switch.payload"},
		{FieldAccount, "switch.account"},
		{FieldName, "switch.merchant_name"},
		{FieldCity, "switch.merchant_city"},
		{FieldLocalLanguage, "switch.local_language"},
		{FieldLocalName, "switch.local_name"},
		{FieldLocalCity, "switch.local_city"},
		{FieldCountry, "switch.country"},
		{FieldMCC, "switch.mcc"},
		{FieldPostalCode, "switch.postal_code"},
		{FieldAmount, "switch.amount"},
		{FieldCurrency, "switch.currency"},
		{FieldTip, "switch.amount"},
		{FieldBill, "switch.bill"},
		{FieldReference, "switch.reference"},
		{FieldStore, "switch.store"},
		{FieldTerminal, "switch.terminal"},
	},
}
