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
// reads EMVCo tag 54 (EMV QRCPS MPM v1.1 §4.7.6), [FromMinor] reads WeChat
// Pay's integer total_fee (1750 USD = $17.50; 1000 KRW = ₩1000; ISO 4217
// gives each currency's minor units), [Amount.Minor] writes it back with
// an explicit [Rounding]. Arithmetic on different currencies fails with a
// [*MismatchError].
//
// # Arithmetic for fees, tips and refunds
//
// [Amount.MulRound] and [Amount.MulBasisPoints] take a fee or tip (3% is
// 300 bp) with one explicit rounding of the exact product; [Amount.Split]
// and [Amount.Allocate] divide without losing a minor unit (the parts sum
// exactly to the original); [Amount.Neg], [Amount.Abs] and [Amount.Sign]
// handle refunds. [Rounding] has the seven modes of IEEE 754 and Java's
// RoundingMode less "unnecessary": half-even, half-up, half-down, down,
// up, ceiling and floor.
//
// # Text, JSON, SQL and display
//
// An Amount's text is "17.50 USD" ([Amount.MarshalText]), its JSON
// {"amount":"17.50","currency":"USD"}, its database/sql value the text
// ([Amount.Value], [Amount.Scan]). [Amount.Format] writes it for people
// with the CLDR symbols and separators of golang.org/x/text (₩12,000,
// ¥62.40, ฿1,250.00); its doc says what x/text does and does not do.
//
// # Rates
//
// A [Rate] says how much Quote one unit of Base buys; [ParseRate] reads one
// from a plain decimal. [Rate.Inverse], [Rate.Chain] and [Cross] derive
// rates, refusing values too large to divide in bounded time;
// [ParseWeChatRate] and [Rate.WeChatScaled] speak WeChat Pay's integer ×
// 10^8 form (WeChat Pay's cross-border exchange-rate query API).
// [Convert] applies a rate and rounds at the target currency's exponent;
// its doc says who gains the remainder.
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
// [Provider] is the pluggable rate source, with [ProviderFunc] as its func
// adapter: [Static] (in memory), [Cache] (TTL, lock-free hits, O(1) misses,
// concurrent misses collapsed with golang.org/x/sync/singleflight),
// [Fallback], [Margin], and [ECB] over the European Central Bank's daily
// euro foreign exchange reference rates ([ParseECB], which refuses
// anything but plain decimal rates) with an injected HTTP client. [ParseWeChatRateResponse] reads WeChat Pay's rate
// query answer. Nothing here touches the network unless an ECB provider
// with a client is asked for a rate.
package fx
