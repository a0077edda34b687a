package translate

import (
	"time"

	"github.com/qrbridge/qrbridge/fx"
)

// Result is a translated payment: the code's intent, the corridor rules
// that applied, the quote the payer sees and the two legs, with the report
// of what was mapped. It is what an authorizer receives.
//
// Request is the request as given to [Translator.Translate]; the
// authorization layer reads its IdempotencyKey and Payer.
//
// A Result is a plain value. Its legs' Request values are pointers owned by
// the Result: treat them as read-only once the Result is handed on.
type Result struct {
	Intent      Intent
	Corridor    Corridor
	Quote       fx.Quote
	MerchantLeg Leg
	PayerLeg    Leg
	Report      Report
	Request     Request
}

// Leg is one side of a payment: what one scheme needs to move the money
// on its side, in its currency.
//
// Scheme names the leg builder that made it ("zeropay", "emvco", "wechat",
// "debit"). Amount is the leg's total in its currency: the merchant leg in
// the merchant's currency, the payer leg in the payer's. Request is the
// scheme's own request, whose concrete type the builder documents:
//
//	zeropay   *zeropay.Result      result registration, KRW, for the payer-side operator
//	emvco     *SwitchFields        the fields a switch-to-switch link forwards
//	wechat    *WeChatOrder         the WeChat Pay cross-border order
//	debit     *Debit               a wallet debit in the payer's currency
//
// The zero Leg has no scheme and no request.
type Leg struct {
	Scheme  string    `json:"scheme,omitempty"`
	Amount  fx.Amount `json:"amount,omitzero"`
	Request any       `json:"request,omitempty"`
}

// Request is what the payer's side adds to a scanned code.
//
// PayerScheme names the payer's wallet scheme ("wechat", "debit", …) and
// selects the payer leg builder; PayerCurrency is the currency the payer is
// debited in. Amount is required for a static code, which leaves the amount
// to the payer, and must equal the code's for a dynamic one; it is in the
// merchant's currency (the price the payer reads at the till), or in the
// payer's currency for a corridor that fixes the amount sent. Tip is in the
// merchant's currency, allowed only when the code prompts for one.
// IdempotencyKey and Payer (the payer's identifier at its scheme, such as a
// WeChat openid) are carried to the authorization layer untouched; the
// limits there count per Payer.
type Request struct {
	PayerScheme    string
	PayerCurrency  fx.Currency
	Amount         fx.Amount
	Tip            fx.Amount
	IdempotencyKey string
	Payer          string
}

// Corridor is one rule of the corridor table: a payer currency (and
// optionally country and scheme) paying a merchant currency (and country
// and scheme), with the limits and quoting rules of that link. Corridor
// values are data: see [DefaultCorridors] for the built-in rules and the
// public sources of their caps.
//
// An empty PayerScheme, MerchantScheme or MerchantCountry matches any;
// PayerCountry documents the rule (a request names no country). A zero cap means none. A cap may be in either currency:
// it is compared with the leg in that currency. DailyCap is enforced here
// only against the single payment (one payment above a day's cap can never
// pass); the running daily total is the limits middleware's job, counted
// in Location's days (nil means UTC).
//
// QuoteValidity overrides the quoter's validity when non-zero. Fixed is
// the side the payer fixes: merchant payments fix the amount received
// ([fx.FixedDestination]); person-to-person links such as PayNow–PromptPay
// fix the amount sent. Rounding is how converted amounts are rounded.
// Source cites the public source of the rule's facts.
type Corridor struct {
	ID                string
	PayerScheme       string
	PayerCountry      string
	PayerCurrency     fx.Currency
	MerchantScheme    string
	MerchantCountry   string
	MerchantCurrency  fx.Currency
	PerTransactionCap fx.Amount
	DailyCap          fx.Amount
	Location          *time.Location
	QuoteValidity     time.Duration
	Fixed             fx.Side
	Rounding          fx.Rounding
	Source            string
}
