// Package fx handles money across currencies for qrbridge: ISO 4217
// currencies, exact amounts, exchange rates, rounding, quotes and rate
// providers. No float is used anywhere; numbers are shopspring/decimal
// values or integer minor units.
//
// # Currencies
//
// [LookupCurrency] ("KRW") and [LookupNumeric] ("410", the form of EMVCo
// tag 53) return a [Currency] from the current ISO 4217 table A.1, which
// is generated from iso4217.csv (withdrawn currencies and funds left out).
// Minor units follow ISO: KRW, JPY and VND have none, CNY and USD two,
// BHD three.
//
// # Amounts and rates
//
// An [Amount] is an immutable decimal with its currency: [ParseAmount]
// reads EMVCo tag 54, [FromMinor] reads WeChat Pay's integer total_fee
// (1750 USD = $17.50; 1000 KRW = ₩1000), [Amount.Minor] writes it back with
// an explicit [Rounding]. Arithmetic on different currencies fails with a
// [*MismatchError].
//
// A [Rate] says how much Quote one unit of Base buys. [Rate.Inverse],
// [Rate.Chain] and [Cross] derive rates; [ParseWeChatRate] and
// [Rate.WeChatScaled] speak WeChat Pay's integer × 10^8 form (research
// notes, wechat-zeropay.md §2.5). [Convert] applies a rate and rounds at the
// target currency's exponent; its doc says who gains the remainder.
//
// # Quotes
//
// A [Quoter] turns a provider rate into a [Quote] through a cascade of
// margins, each step visible, with the payer fixing either the amount sent
// or the amount received (as in BIS Project Nexus). [Quote.Use] refuses a
// quote past its expiry.
//
// # Providers
//
// [Provider] is the pluggable rate source: [Static] (in memory), [Cache]
// (TTL, lock-free hits, collapsed concurrent misses), [Fallback], [Margin],
// and [ECB] over the ECB daily reference rates ([ParseECB]) with an
// injected HTTP client. [ParseWeChatRateResponse] reads WeChat Pay's rate
// query answer. Nothing here touches the network unless an ECB provider
// with a client is asked for a rate.
package fx
