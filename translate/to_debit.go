package translate

import (
	"context"

	"github.com/qrbridge/qrbridge/fx"
)

// Debit is the payer leg of a wallet that debits its user in the payer's
// currency (a Korean wallet paying abroad debits won): the amount, the
// quote it was priced at, and what the user's statement shows.
type Debit struct {
	Amount      fx.Amount
	QuoteID     string
	Merchant    string
	Description string
}

// debitLeg builds the payer leg for wallets without a scheme of their own
// here: a *Debit of the quote's source amount. Payer schemes with no
// builder fall back to it.
var debitLeg = LegBuilder{
	Build: func(_ context.Context, in *LegInput) (Leg, error) {
		m := &in.Intent.Merchant
		d := &Debit{Amount: in.PayerTotal(), QuoteID: in.Quote.ID, Merchant: firstNonEmpty(m.Name, m.LocalName), Description: m.City}
		return Leg{Scheme: "debit", Amount: d.Amount, Request: d}, nil
	},
	Claims: []FieldTarget{
		{FieldName, "debit.merchant"},
		{FieldCity, "debit.description"},
		{FieldAmount, "debit.amount"},
		{FieldCurrency, "debit.amount"},
	},
}
