// Package emvco parses, edits and generates EMVCo merchant-presented QR
// payloads (EMV QR Code Specification for Payment Systems, Merchant-Presented
// Mode, v1.1, November 2020), the format under PromptPay, DuitNow, QRIS,
// VietQR, SGQR/PayNow, QR Ph, KHQR, Pix, Bharat QR and Korea's card QR.
//
// # Reading
//
// [Parse] decodes a payload strictly; a [Decoder] admits, one knob at a
// time, the deviations real scanners meet (lowercase CRC, lengths counted in
// bytes, URL escaping) and records each in [Payload.Notes]. Reading follows
// the specification to the letter where a payment depends on it and no
// further:
//
//   - lengths count characters, not bytes (§4.4.1.1), and the CRC is
//     CRC-16/CCITT-FALSE over the UTF-8 bytes up to and including "6304"
//     (§4.7.3); see [CRC];
//   - IDs 26-51, 62 and 64 are templates whose content must be TLV; 80-99
//     are templates when their content is TLV and opaque values otherwise;
//     02-25 are primitives even when they look like TLV (§4.7.9);
//   - IDs are unique per level (§4.3.1.2), 00 comes first and 63 last
//     (§4.6.1); trailing CR, LF and space are dropped;
//   - 00, 01, 52, 53, 54 and 58 must be well formed;
//   - non-conformant but payable codes are accepted: PFI 02, a point of
//     initiation the specification reserves (01 = 10, which readers ignore,
//     §1.4.4), absent 52/59/60, over-long 59/60, non-ans text, sub-ID 00
//     in 62, templates without a GUID. Conformance is a separate question.
//
// A [Payload] is lossless: [Payload.String] returns the input byte for
// byte, unknown and RFU objects and their order included. Values are
// substrings of the input, so reading copies nothing. Access is by tag path
// with [Payload.Lookup] ("62.05"), by [Object], or through typed accessors
// such as [Payload.MerchantName], [Payload.AdditionalData] and
// [Payload.MerchantAccounts].
//
// # Writing
//
// A [Builder] writes objects in the caller's order, computes character
// lengths and the CRC, and refuses what the specification forbids a
// generator to emit. [Payload.Edit] re-encodes a parsed payload with
// changes, so that "set the amount and make it dynamic" is a structural
// operation rather than string surgery.
//
// # Rules
//
// The field rules of the specification (format, length, presence, value
// and section of every field of the root, of 62, of 64 and of the merchant
// account templates) are written once, as tables the parser, the Builder
// and the [Linter] all read: the parser refuses what a payment depends on,
// the Builder what a generator must not emit, and the Linter reports every
// departure as a [Finding] with a rule ID and the section it comes from.
// [Payload.Money] reads 54 and 53 as an [fx.Amount].
//
// # Consumer-presented codes
//
// The codes a payer's phone shows (EMV QRCPS Consumer-Presented Mode) are
// BER-TLV in base64, a different format: package emvco/cpm reads and
// writes them.
//
// # Errors
//
// Every error wraps one sentinel ([ErrSyntax], [ErrLength], [ErrCRC],
// [ErrDuplicate], [ErrFormat], [ErrTrailingData], [ErrMissing]) and is a
// [*ParseError] carrying the byte offset and tag path, or a [*BuildError]
// carrying the tag path. Messages never echo the payload or a value.
// Errors of [Payload.Money] also match the sentinel of package fx that
// caused them.
//
// # Performance
//
// [Parse] takes one allocation for nearly every payload (the Payload,
// which holds 46 objects inline) and at most two for any, with no maps,
// fmt or reflection. Building takes at most two: the Builder, which holds
// a payload of up to 304 bytes and escapes to the heap when a Template
// callback is used, and the string [Builder.Encode] returns; a Builder
// reused with [Builder.Reset] and read with [Builder.Bytes] takes none.
// The code is portable Go: no assembly and no package unsafe. See
// BENCHMARKS.md at the module root for figures.
package emvco
