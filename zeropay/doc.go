// Package zeropay reads and writes the codes of Zero Pay (제로페이), Korea's
// QR payment scheme for small merchants, resolves scanned stickers against
// its merchant master data, and models the result records a payer-side
// operator registers.
//
// Zero Pay codes are not EMVCo: they are short hyphen-separated ASCII
// strings defined by the Korean QR code payment standard (FSC, 2018) and
// the KFTC platform design (research notes, wechat-zeropay.md §3). The
// facts come from a KFTC design document meant for participants; confirm
// them in onboarding.
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
// code ("PKW" for the WeChat intermediary).
//
// # Check characters
//
// The four check characters are computed by Annex B of the Korean QR
// standard, which is not public. A [Checker] plugs the algorithm in; without
// one, [Parse] reports [CheckNotVerified] (never valid) and [Code.Encode]
// refuses with [ErrNoChecker]. The package ships no algorithm;
// zeropaytest.FixtureChecker is a labelled stand-in for tests.
//
// # Directory and results
//
// [Merchant] and [QRRecord] model the master files; [Memory] is an
// in-memory [Directory] loaded from JSON or CSV. [Resolve] refuses dormant
// or suspended merchants and QR records. [IndustryMapper] maps Korean
// industry codes to ISO 18245 MCCs; [StarterIndustries] is a small,
// documented table. [Result] and [Refund] are the records the
// authorization layer produces, with amounts from package fx.
//
// Errors wrap the package's sentinels and are [*FieldError] values naming
// the field and byte offset; no message contains a field's value.
package zeropay
