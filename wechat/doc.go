// Package wechat reads and writes WeChat Pay's QR and payment codes,
// builds and checks the requests and answers of WeChat Pay's cross-border
// API (v2 XML and v3 JSON), and signs and verifies them, for the
// acquiring side of qrbridge: Chinese tourists paying at Korean merchants.
// The request and answer types do no I/O; [Client] sends them over the
// caller's *http.Client. Package wechattest beside it is a fake WeChat Pay
// server to test against.
//
// # Modes
//
// A [Merchant] is onboarded in one of two modes
// (https://pay.weixin.qq.com/wiki/doc/api/wxpay/ch/pages/ico-guide/chapter1_4.shtml):
// [Institutional], the zero value and the only mode outside Hong Kong and
// Britain (Korea included), sends sp_mchid + sp_appid + sub_mchid
// (+ sub_appid) in API v3 and mch_id + appid + sub_mch_id (required)
// (+ sub_appid) in API v2; [Common] sends mchid + appid. Every request
// refuses a merchant that lacks what its mode requires, or carries what it
// forbids, with a [*ParamError] naming the field.
//
// # Requests
//
// API v3 global, on apihk.mch.weixin.qq.com: Quick Pay
// ([V3QuickPayRequest], POST /v3/global/micropay/transactions/pay,
// https://pay.weixin.qq.com/wiki/doc/api_external/ch/apis/chapter3_1_1.shtml),
// Native ([V3NativeRequest], POST /v3/global/transactions/native),
// Query Order, Close and Reverse ([V3OrderRef]), Refund
// ([V3RefundRequest], POST /v3/global/refunds) and Query Refund
// ([V3RefundRef]). Each has a Call method giving the [V3Call] to sign. The
// shared [Order] carries the description, out_trade_no, the amount (an fx
// amount, written in minor units and refused if it would need rounding),
// the merchant_category_code, attach, goods_tag, scene_info and goods
// detail.
//
// API v2: Quick Pay ([V2QuickPayRequest], version 1.0 with detail), Native
// ([V2NativeRequest]), Query Order, Reverse and Close ([V2OrderRef]),
// Refund ([V2RefundRequest]), Query Refund ([V2RefundQuery]) and Query
// Exchange Rate ([V2RateQuery]); each gives [V2Params], which
// [V2Params.SignedXML] signs and writes. The sign type is stated there
// only, so a request marked HMAC-SHA256 is always signed with it.
//
// A refund retry must reuse its out_refund_no (WeChat Pay then refunds
// once); [ErrNotEnough] means the day's funds are short: retry later, the
// same refund.
//
// # Answers
//
// [VerifyV2Response] and [ParseV3Transaction], [ParseV3Refund] and
// [ParseV3Error] read answers. A failure is a [*ResultError] that matches
// [ErrResult] and the sentinel of its documented code ([ErrUserPaying],
// [ErrSystemError], [ErrNotEnough], [ErrOrderPaid] …), with the v2
// parameters kept. [IsUncertain] tells the answers that leave a Quick Pay
// unsettled; WeChat Pay's rule for them is [QuickPayRule]: query until
// settled, up to 30 s, then reverse. [V2Payment], [V3Transaction.Payment]
// and [V3Refund.Amounts] give fx amounts and check that the payer amount
// is the amount × the payer rate within one minor unit ([*AmountError]).
// v3 global answers name the WeChat order number id and put exchange_rate
// inside amount (one source puts it at the top level: both are read); its
// type, USERPAYMENT_RATE or SETTLEMENT_RATE, is checked before the rate
// is used ([V3Transaction.Rate]).
//
// # Codes
//
// [Classify] and [Parse] tell and read every code a terminal or wallet
// meets: the Native code_url ([CodeURL]: weixin://wxpay/bizpayurl?pr=…,
// weixin://wxpay/bizpayurl/up?pr=… and the short weixin://wxpay/s/… of
// the v3 global Native order; valid two hours), Native Pay mode 1 links
// ([NativeURL], signed with API v2; the 2014 variant is read as legacy),
// personal collection codes (wxp://…, kept opaque), and the 18-digit
// payment code a payer shows ([PaymentCode], prefixes 10 to 15). Whether a
// WeChat Pay HK code (prefix 15) may pay is the caller's [CodePolicy].
//
// # Signing and verification
//
// API v2: [SignV2] and [VerifyV2] (MD5 or HMAC-SHA256 over the sorted
// non-empty parameters and the API key, compared in constant time). API
// v3: a [Signer] builds the WECHATPAY2-SHA256-RSA2048 Authorization header
// with any [crypto.Signer] (an HSM or KMS can hold the key); a [Verifier]
// ([NewVerifier]) checks answer and notification signatures with the
// platform key its [KeySource] gives for Wechatpay-Serial (keys rotate),
// accepts only the RSA2048 signature type, refuses timestamps five
// minutes or more off, and refuses replayed nonces: replay protection is
// always on ([MemoryReplay] by default, or any [ReplayStore]).
// [Resource.Decrypt] opens notification resources (AEAD_AES_256_GCM).
//
// Keys are [Secret] values, which never print: not in errors, logs, %v
// dumps, JSON, nor from an unexported struct field. Values that XML or
// JSON would alter (NUL, control characters, invalid UTF-8, U+FFFE) are
// refused before anything is signed, as are parameter names that are not
// v2 names and merchant numbers or serials that could break out of a
// header.
package wechat
