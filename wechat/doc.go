// Package wechat reads and writes WeChat Pay's QR and payment codes and
// signs and verifies WeChat Pay messages, for the cross-border side of
// qrbridge: Chinese tourists paying at Korean merchants, Korean wallets
// paying WeChat merchants. It does no network I/O: callers send the
// requests it builds and hand it the responses they receive. Facts and
// sources: research notes, wechat-zeropay.md §1 and §2.
//
// # Codes
//
// [Classify] and [Parse] tell and read every code a terminal or wallet
// meets: Native Pay code_url ([CodeURL], weixin://wxpay/bizpayurl?pr=…,
// valid two hours), Native Pay mode 1 links ([NativeURL], generated and
// verified with an API v2 signature; the 2014 variant is read as legacy),
// personal collection codes (wxp://…, kept opaque), and the 18-digit
// payment code a payer shows ([PaymentCode]; prefixes 10-14 pay
// cross-border, 15 is WeChat Pay HK).
//
// # Signing
//
// API v2: [SignV2] and [VerifyV2] (MD5 or HMAC-SHA256 over the sorted
// non-empty parameters and the API key, compared in constant time);
// [SignedXML] writes deterministic signed request bodies. API v3: a
// [Signer] builds the WECHATPAY2-SHA256-RSA2048 Authorization header with
// any [crypto.Signer] (an HSM or KMS can hold the key); a [Verifier]
// checks response and notification signatures, refusing timestamps more
// than five minutes off and replayed nonces ([ReplayStore],
// [MemoryReplay]); [Resource.Decrypt] opens notification resources
// (AEAD_AES_256_GCM).
//
// Keys are [Secret] values, which never print: not in errors, logs, %v
// dumps or JSON.
//
// # Cross-border messages
//
// [MicropayRequest] and [NativeOrderRequest] (v2 XML) and
// [V3GlobalNativeRequest] and [V3GlobalMicropayRequest] (v3 JSON) take
// amounts as fx amounts and write minor units and ISO 4217 alpha codes,
// refusing amounts that would need rounding. [V2Payment] and
// [V3Transaction.Payment] read responses back into fx amounts and rates
// (WeChat's rates are integers × 10^8).
package wechat
