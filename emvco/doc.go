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
//   - non-conformant but payable codes are accepted: PFI 02, absent
//     52/59/60, over-long 59/60, non-ans text, sub-ID 00 in 62, templates
//     without a GUID. Conformance is a separate question.
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
// # Consumer-presented codes
//
// [ParseCPM] decodes the codes a payer's phone shows (EMV QRCPS
// Consumer-Presented Mode v1.0): base64 text that starts "hQVDUFY" and
// carries BER-TLV with the payload format indicator 85, one or two
// application templates 61 and an optional common data template 62. It
// enforces the specification's structure and the formats of Table 6.1,
// keeps transparent templates (63, 64) and unknown objects as they are,
// and re-encodes byte for byte. [CPM.Select] chooses the application for a
// terminal's supported AIDs (exact or prefix match, §5) and merges it with
// 62 into [POIData], whose typed views give the [Track2] data, the [PAN],
// cardholder name, languages, issuer URL, label and version.
// [CPMBuilder] writes CPM payloads, including the specification's Annex B
// examples byte for byte.
//
// Card data is sensitive: [PAN] and [Track2] print masked (first six and
// last four digits at most) through String, %v, %#v and JSON, a [CPM]
// prints as a masked summary, and no error contains card data. The
// unmasked digits come only from [PAN.Digits] and [Track2.Discretionary].
//
// # Errors
//
// Every error wraps one sentinel ([ErrSyntax], [ErrLength], [ErrCRC],
// [ErrDuplicate], [ErrFormat], [ErrTrailingData], [ErrMissing]) and is a
// [*ParseError] carrying the byte offset and tag path, or a [*BuildError]
// carrying the tag path. Messages never echo the payload or a value.
//
// # Performance
//
// Parsing takes one allocation for typical payloads and no maps, fmt or
// reflection; so does [ParseCPM]. Building from fields takes one, the
// Builder itself (a template callback makes it escape), which holds a
// typical payload and hands it to [Builder.String] without copying; a
// Builder reused with [Builder.Reset] and read with [Builder.Bytes] takes
// none. On amd64, two hot loops use the CPU's vector instructions when it
// has them: the CRC folds 64 bytes at a time by carry-less multiplication
// (PCLMULQDQ) instead of using its tables, and CPM base64 decodes 16
// characters a step (SSSE3). The build tag purego keeps to portable Go.
// See BENCHMARKS.md at the module root for figures.
package emvco
