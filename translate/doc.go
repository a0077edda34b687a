// Package translate turns whatever a wallet or a terminal scanned into the
// payment that the other scheme can authorize: it names the code
// ([Detect]), reads it into one scheme-neutral [Intent], and builds the two
// legs of a cross-border payment with the quote between them
// ([Translator.Translate]), reporting every source field it mapped,
// defaulted or dropped. It works offline: the only lookups are the ones the
// caller plugs in (a Zero Pay directory, a [CodeResolver] for opaque codes,
// an fx rate provider).
//
// # Two legs
//
// Every cross-border payment has a merchant leg in the merchant's currency,
// in the scanned code's scheme, and a payer leg in the payer's currency, in
// the wallet's scheme, with a quote between them:
//
//	scanned text ──Detect──▶ Detection{Kind, Schemes, Presentment, Alternatives}
//	     │
//	     ▼ Translator.Intent: emvco.Parse + profiles │ zeropay.Directory │ CodeResolver
//	  Intent (merchant, amount or none, tip policy, references, expiry)
//	     │
//	     ▼ Translator.Translate(ctx, raw, Request{PayerScheme, PayerCurrency, Amount, Tip})
//	┌───────────────────────┬──────────────────────────┬───────────────────────┐
//	│ merchant leg          │ quote (fx.Quote)         │ payer leg             │
//	│ merchant's currency   │ fixed side, rate, steps, │ payer's currency      │
//	│ zeropay.Result (KRW)  │ ID, expiry               │ WeChatOrder: fee_type │
//	│ SwitchFields (EMVCo)  │                          │ KRW, total_fee in won │
//	│                       │                          │ Debit (KRW wallet)    │
//	└───────────────────────┴──────────────────────────┴───────────────────────┘
//	     + Report: every source object mapped │ defaulted │ dropped, with a reason
//
// This is how deployed links work. A WeChat Pay user in Seoul scans a Zero
// Pay sticker and types the price in won; the intermediary that is
// registered in Zero Pay as a payment operator (KIS, operator code PKW)
// registers the result in KRW, and WeChat Pay debits the user in CNY
// (launch reports: http://news.kmib.co.kr/article/view.asp?arcid=0015255551,
// https://m.etnews.com/20201125000063). In switch-to-switch national QR
// links the payer's switch reads the foreign EMVCo code and forwards the
// merchant's fields to the merchant's switch (ITMX:
// https://itmx.co.th/lang/en/product-and-service/MTY2NjU0Mjc2OA==). A
// domestic payment is the case where both legs share a currency.
//
// # Quotes and the fixed side
//
// A merchant payment fixes what the merchant receives: the quote converts
// the merchant's amount into the payer's (BIS Project Nexus lets the sender
// fix either the amount debited or the amount credited,
// https://docs.bis.org/nexus/payment-setup/steps-3-6-exchange-rates;
// Mojaloop's merchant payments quote with amountType RECEIVE). A static
// code's amount, which the payer types in the merchant's currency, is the
// same case. Person-to-person links fix the amount sent. Each quote has an
// ID, a fixed side, the margin steps from the provider's rate and an
// expiry; the authorization layer refuses it once expired or used.
//
// # Corridors
//
// Corridor rules are data ([Corridor], [DefaultCorridors]): payer currency
// and scheme to merchant currency, country and scheme, with caps, the day's
// time zone, quote validity, fixed side and rounding, each citing its
// source. The published caps are built in: HK FPS to PromptPay HK$10,000 a
// day (https://www.nationthailand.com/pr-news/thailand/economy/40033399);
// PayNow to PromptPay S$1,000 and PromptPay to PayNow ฿25,000 a day
// (https://pymnts.com/?p=1065641). A single payment over a cap is refused
// with [ErrOverCap]; the running daily total is counted by the limits
// middleware.
//
// # Codes
//
// [Detect] knows 17 kinds ([Kind]; their identifiers are stable). EMVCo
// merchant codes are read under every national profile of package
// emvco/profile; a Zero Pay sticker carries only merchant and terminal IDs,
// so its merchant comes from the [zeropay.Directory] and its Korean
// industry code is mapped to an MCC; WeChat Pay and Alipay+ merchant codes
// are opaque and go to the [CodeResolver]; consumer codes become a masked
// [Token] and are routed by a [Routes] table. [Sticker] writes the reverse:
// one EMVCo code carrying several networks' accounts, such as a Korean D410
// account beside a foreign network's.
//
// # Legs by scheme
//
// Leg builders are registered by scheme name ([LegBuilder]): zeropay and
// emvco for merchant legs, wechat and debit for payer legs. Each declares
// the intent fields it carries ([FieldTarget]), which is how the [Report]
// knows that 64.01 reached the switch's local-language name, that a tip
// prompt became the request's fixed tip, and that 62.08 was dropped
// because no target has a field for it.
//
// # Errors
//
// Every failure is an [*Error] naming the field ("amount", "code",
// "corridor", "54") and wrapping one sentinel ([ErrAmountMismatch],
// [ErrExpiredCode], [ErrOverCap], …) and, when there is one, the error of
// the package below. No message contains a token, a key or the payload.
package translate
