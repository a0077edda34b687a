// Package zeropay reads and writes the codes of Zero Pay (제로페이), Korea's
// QR payment scheme for small merchants, resolves scanned stickers against
// its merchant master data, and models the result records a payer-side
// operator registers.
//
// Zero Pay codes are not EMVCo: they are short hyphen-separated ASCII
// strings defined by the Korean QR code payment standard (FSC, 2018) and
// the KFTC Zero Pay platform design (제로페이 플랫폼 기본설계서 v2.6.3b,
// 2025). The facts come from that KFTC document, meant for participants;
// confirm them in onboarding.
//
// # Codes
//
// [Parse] reads the four QR kinds ([KindStatic] stickers, [KindDynamic]
// merchant codes, [KindConsumer] codes and [KindRefund] codes), splitting
// on the first hyphens only, since the check field may contain one, and
// validating every field. A static sticker carries only merchant and
// terminal IDs: the payer types the won amount, and the rest comes from the
// master data ([Directory], [Resolve]).
//
// [ParseBarcode] reads the 24-digit consumer barcode and the 34-digit
// refund barcode of scanner-only POS, decoding the payment-system ID from
// ASCII decimals ("7449" is "J1"); [SystemID.Operator] gives the operator
// code ("PKW" for the WeChat intermediary). The package keeps no list of
// operators: the list changes (in 2025 PGR, PHM and PBS left, and PKM,
// PNT and PSN joined), and any two digits or capitals other than "PP" are
// a well-formed ID.
//
// # Check characters
//
// The four check characters of merchant codes (kinds 1 and 2) are computed
// by Annex B of the Korean QR standard, which is not public; consumer and
// refund codes follow the policy of the operator that issued them (KFTC
// design, pp. 1-5 to 1-8). A [Checker] plugs an algorithm in, and a
// [CheckerSelector] such as [Checkers] picks one per kind and operator for
// a [Parser]. Without one, [Parse] reports [CheckNotVerified] (never
// valid) and [Code.Encode] refuses with [ErrNoChecker]. The package ships
// no algorithm; zeropaytest.FixtureChecker is a labelled stand-in for
// tests.
//
// # Validity
//
// Consumer codes and dynamic merchant codes are valid for three minutes
// ([CodeValidity], FSC 2018; the KFTC relay answers an expired one with
// response code 413). [Code.CheckFresh] and [Barcode.CheckFresh] refuse
// an expired one with an [*ExpiredError], given the issue and use times
// by the caller: the package reads no clock.
//
// # Tokens are card data
//
// A consumer token is a payment credential, and for the child-meal
// programme (service code 02) its ten middle digits are the parent's
// mobile number. [Code] and [Barcode] print it masked through String,
// every fmt verb, JSON and slog; the Token field holds it in clear.
//
// # Directory and results
//
// [Merchant] and [QRRecord] model the master files; [Memory] is an
// in-memory [Directory] loaded from JSON or CSV. [Resolve] refuses dormant
// or suspended merchants and QR records; [Parser.Resolve] also verifies
// the check characters. [IndustryMapper] maps Korean industry codes to
// ISO 18245 MCCs; [StarterIndustries] is a small, documented table.
// [Result] and [Refund] are the records the authorization layer produces,
// with amounts from package fx; their JSON names the operator by its code
// ("operator":"PKW"). Every enum has a String and a text form.
//
// Errors wrap the package's sentinels and are [*FieldError] values naming
// the field, its byte offset and the reason; no message contains a
// field's value.
package zeropay
