package translate

import (
	"context"

	"github.com/qrbridge/qrbridge/zeropay"
)

// defaultOperator is KIS제로위챗, the operator through which WeChat Pay
// users pay at Zero Pay merchants (operator code PKW).
var defaultOperator = zeropay.SystemID{'K', 'W'}

// zeropayLeg builds the Zero Pay merchant leg: the result-registration
// record (거래구분 500000) that the payer-side operator registers with the
// relay once it has charged its customer. There is no online authorisation
// by the merchant side (KFTC Zero Pay platform design, static MPM flow).
// Request is a *zeropay.Result in KRW; Original carries the payer's amount
// when it is in another currency. ApprovalNumber and Time are the
// operator's, set when it approves.
var zeropayLeg = LegBuilder{
	Build: func(_ context.Context, in *LegInput) (Leg, error) {
		op := in.Translator.Operator
		if op == (zeropay.SystemID{}) {
			op = defaultOperator
		}
		r := &zeropay.Result{
			MerchantID: in.Account.ID,
			TerminalID: in.Intent.Merchant.Terminal,
			Amount:     in.MerchantTotal(),
			Operator:   op,
		}
		if in.PayerTotal().Currency() != krw {
			r.Original = in.PayerTotal()
		}
		return Leg{Scheme: "zeropay", Amount: r.Amount, Request: r}, nil
	},
	Claims: []FieldTarget{
		{FieldPresentment, "zeropay.Result"},
		{FieldAccount, "zeropay.Result.MerchantID"},
		{FieldTerminal, "zeropay.Result.TerminalID"},
		{FieldAmount, "zeropay.Result.Amount"},
		{FieldCurrency, "zeropay.Result.Amount"},
		{FieldTip, "zeropay.Result.Amount"},
	},
}
