// Package qr turns payment payloads into QR symbols that every wallet
// scans, and reads payloads back out of images, safely.
//
// # Encoding
//
// [Encode] drives github.com/piglig/go-qr (MIT, no dependencies, a port of
// nayuki's qrcodegen that evaluates all eight masks) through its segment
// API. We do not use skip2/go-qrcode: it cannot force byte mode or emit an
// ECI, it picks mask 0 for most EMV payloads, and it has been unmaintained
// since 2020.
//
// EMVCo payloads are encoded in byte mode only, with an ECI 000026 (UTF-8)
// segment when the text holds a character outside the ans set (EMV MPM
// v1.1 §4.12; [Options.NoECI] turns it off for legacy readers). Other
// payloads use compact numeric, alphanumeric and byte segments. Kanji mode
// is never used: readers without it mangle the text.
//
// [Options] (zero value = defaults) sets the level (M), versions, quiet
// zone (4 modules), module size or target size, colours (with a contrast
// check) and a centre logo, which forces level H. Encode checks every
// option before it does any work — an image is at most [MaxImageSide]
// pixels wide, a quiet zone at most [MaxQuietZone] modules — and refuses
// a bad one with an [*OptionError], so a [Symbol] always renders.
//
// Nothing unreadable leaves Encode. A logo destroys the codewords under
// it, and Reed–Solomon corrects errors per block (ISO/IEC 18004:2015
// §7.5.2): a block of ec error-correction codewords corrects ec/2. Encode
// maps the logo's modules to codewords and blocks (§7.6, §7.7.3) and
// refuses, with a [*LogoError], a logo that would take more than 40% of
// any block's correction; [Options.LogoShrink] shrinks it instead, and
// the default logo size is the largest up to 10% of the area that fits.
//
// A [Symbol] is our own matrix type and renders to a paletted image, PNG
// (pooled buffers), SVG (one path of runs) and terminal text (half
// blocks, plain or ANSI). No third-party type appears in this package's
// API.
//
// # Decoding
//
// [Decode] and the [Decoder] use github.com/makiuchi-d/gozxing v0.1.1, the
// only complete pure-Go decoder available, through a cascade of passes
// ordered by what they read on zxing's and zxing-cpp's blackbox image
// sets: PURE_BARCODE, the hybrid binarizer with TRY_HARDER, the image
// turned a quarter, the global-histogram binarizer, and the image
// inverted (light on dark). The hybrid matrix is made once and shared;
// the quarter-turn and global passes run only when the hybrid pass
// confirmed a finder pattern, so a frame with no code stays cheap; the
// first pass that reads wins.
//
// The text is ours, not gozxing's: the data codewords are parsed again
// (§7.4) and each byte segment is decoded from the character set its ECI
// names or, without an ECI, the one §7.4.5 and zxing's
// StringUtils.guessCharset choose — ISO-8859-1 by default, Shift_JIS or
// UTF-8 when the bytes say so. No byte is ever replaced by U+FFFD: bytes
// that are not valid text fail with [ErrCharset], and [Result.Raw] and
// [Result.Charset] hold what was read, so a caller can decide.
//
// # Bounds
//
// Input is bounded before any pixel is decoded: a byte cap, then the
// header's dimensions against a pixel cap ([DefaultMaxPixels], 4 Mpx),
// then the memory the decoded image would take, estimated from its
// header (10 bytes per pixel of the cap), and for a progressive JPEG the
// number of scans (at most 32). A 600-byte PNG that claims 65535×65535
// pixels is refused in microseconds. Images over about 2 Mpx are
// downscaled by whole factors, row by row, without an allocation per
// pixel. A pass stops at 48 finder-pattern candidates, which gozxing would
// otherwise compare triple by triple (an image covered in finder patterns
// took 82 s), and counts as "no code". [Decoder.DecodeContext] checks a
// context between passes. With the default caps every input is decoded
// or refused within 250 ms of CPU and 64 MB on a 2-core development
// machine; the hostile-input test checks it.
//
// The formats are PNG, JPEG, GIF and WebP (golang.org/x/image/webp),
// chosen by their magic bytes: the package never dispatches through
// image.Decode, so a format another part of the program registers is not
// reached with untrusted bytes.
//
// A [Result] carries the text, raw bytes, character set, version, level,
// whether an ECI was present, the segment modes and where the code was.
// [Decoder.DecodeAll] reads every code in an image.
//
// Errors wrap [ErrNotFound], [ErrUnreadable], [ErrCharset],
// [ErrImageTooLarge], [ErrFormat], [ErrTooLong], [ErrOptions] or
// [ErrLogoTooLarge]; nothing panics.
package qr
