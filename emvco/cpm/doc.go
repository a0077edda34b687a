// Package cpm parses and generates EMV consumer-presented QR codes (EMV
// QRCPS Consumer-Presented Mode, EMV QR Code Specification for Payment
// Systems: Consumer-Presented Mode, v1.0, 2017): the codes a payer's phone
// shows and a merchant's terminal scans. A payload is base64 text (RFC 4648
// §4, standard alphabet, padded) that starts "hQVDUFY" and carries BER-TLV
// data objects (EMV Book 3 Annex B): the payload format indicator 85
// "CPV01", one or two application templates 61 and an optional common data
// template 62 (CPM v1.0 §3 and Table 3.1).
//
// # Parsing and selection
//
// [Parse] enforces the structure of CPM v1.0 §3 and the formats of its
// Table 6.1, keeps transparent templates (63, 64) and unknown objects as
// they are, and keeps the text, so that [CPM.Text] returns it byte for
// byte. [CPM.Select] chooses the application for a terminal's supported
// AIDs (exact or prefix match, CPM v1.0 §5.1) and merges it with the common
// data template into a [POIData], whose views give the [Track2] data, the
// [PAN], the cardholder name, languages, issuer URL, label and version.
// [Builder] writes payloads, the specification's Annex B examples byte for
// byte included.
//
// # Card data
//
// A payload carries the payer's card number. Every type of this package
// that holds card data ([CPM], [Template], [DataObject], [POIData], [PAN],
// [Track2], [Builder]) prints masked through every fmt verb, through
// encoding/json and through log/slog: a PAN shows its last four digits
// only ("************3458"), track 2 and the cardholder name never show,
// and the types are opaque handles, so that even a reflective dump shows
// no card data. Errors never contain card data. The card data itself comes
// only from the methods that say so: [PAN.Digits], [Track2.Discretionary],
// [DataObject.Value], [POIData.Lookup] and [CPM.Text].
//
// # Errors
//
// Errors are the ones of package emvco: a [*emvco.ParseError] whose Offset
// is a byte offset in the decoded binary (in the text, for text that is not
// base64) and whose Path is a tag path such as "61.57", or a
// [*emvco.BuildError]; each wraps one of emvco's sentinels ([emvco.ErrSyntax],
// [emvco.ErrLength], [emvco.ErrFormat], [emvco.ErrDuplicate],
// [emvco.ErrMissing]), for [errors.Is].
//
// # Performance
//
// Parsing the Annex B examples takes one allocation and well under a
// microsecond; base64 is decoded by a portable strict decoder that reports
// the offset of the first character at fault. See BENCHMARKS.md at the
// module root.
package cpm
