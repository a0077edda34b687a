// Package qr turns payment payloads into QR symbols that every wallet
// scans, and reads payloads back out of images, safely. Measurements and
// sources: research notes, qr-layer.md.
//
// # Encoding
//
// [Encode] drives github.com/piglig/go-qr (MIT, no dependencies, a port of
// nayuki's qrcodegen that evaluates all eight masks) through its segment
// API. We do not use skip2/go-qrcode: it cannot force byte mode or emit an
// ECI, it picks mask 0 for most EMV payloads (12 of 40 such symbols failed
// a standard decoder on clean images), it is 2.5x slower with 100x the
// allocations, and it has been unmaintained since 2020.
//
// EMVCo payloads are encoded in byte mode only, with an ECI 000026 (UTF-8)
// segment when the text holds a character outside the ans set (EMV MPM
// v1.1 §4.12; [Options.NoECI] turns it off for legacy readers). Other
// payloads use compact numeric, alphanumeric and byte segments. Kanji mode
// is never used: readers without it mangle the text. [Options] (zero value
// = defaults) sets the level (M), versions, quiet zone (4 modules), module
// size or target size, colours (with a contrast check) and a centre logo,
// which forces level H and may cover at most 15% of the symbol.
//
// A [Symbol] is our own matrix type and renders to a paletted image, PNG
// (pooled buffers), SVG (one path of runs) and terminal text (half
// blocks, plain or ANSI). No third-party type appears in this package's
// API.
//
// # Decoding
//
// [Decode] and the [Decoder] use github.com/makiuchi-d/gozxing, the only
// complete pure-Go decoder available, at its July 2025 master
// pseudo-version: about twice as fast as v0.1.1 on grey images, and its
// binarizer matrix is safe to share. Every image goes through a cascade
// that brought clean-image failures to 0 in 3,040 tests (PURE_BARCODE,
// hybrid binarizer, hybrid with TRY_HARDER, global histogram with
// TRY_HARDER, inverted), plus a quarter-turned retry of ours, always with
// CHARACTER_SET=UTF-8.
//
// Input is bounded: a byte cap, then the image header's dimensions checked
// against a pixel cap (16 Mpx by default) before any pixel is decoded — a
// 600-byte PNG that claims 65535×65535 pixels is refused in microseconds,
// where image/png alone would allocate gigabytes or kill the process —
// and photos over about 2 Mpx are downscaled before detection. Only PNG,
// JPEG and GIF are accepted. A [Result] carries the text, version, level,
// whether an ECI was present, the segment modes and where the code was.
// [Decoder.DecodeAll] reads every code in an image.
//
// Errors wrap [ErrNotFound], [ErrUnreadable], [ErrImageTooLarge],
// [ErrFormat], [ErrTooLong], [ErrOptions] or [ErrLogoTooLarge]; nothing
// panics.
package qr
