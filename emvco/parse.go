package emvco

import (
	"net/url"
	"strings"
	"unicode/utf8"
)

// Parse decodes a merchant-presented payload with the strict defaults of the
// zero [Decoder]. It is the call to use unless a scanner is known to meet
// the deviations the Decoder's knobs admit.
//
// Parse checks the structure (EMV MPM v1.1 §4.4-4.6), the CRC (§4.7.3) and
// the fixed formats a payment depends on (00, 01, 52, 53, 54, 58), and
// refuses anything else with a [*ParseError]. It accepts, as real payers'
// apps must, codes that are structurally sound but not conformant: PFI 02,
// absent 52/59/60, over-long 59/60, non-ans text in ans fields, sub-ID 00 in
// 62 and templates without a GUID. Whether a payload is conformant is a
// separate question from whether it can be paid.
//
// Trailing CR, LF and space after the CRC are tolerated and dropped.
func Parse(s string) (*Payload, error) {
	var d Decoder
	return d.Parse(s)
}

// maxPayload bounds the input. IDs are unique per level, so a payload holds
// at most 100 root objects of at most 99 characters of at most 4 bytes:
// about 40 KB. Anything longer cannot be valid, and the bound lets node
// offsets fit in 16 bits.
const maxPayload = 1<<16 - 1

// Decoder reads merchant-presented payloads. Its zero value is the strict
// reader behind [Parse]; each field admits one deviation that scanners
// and generators in the field are known to produce. No setting ever accepts a CRC whose
// value is wrong, and every leniency applied is recorded in
// [Payload.Notes].
//
// A Decoder holds no state; it is safe for concurrent use.
type Decoder struct {
	// AllowLowercaseCRC accepts a CRC written with lowercase hex digits
	// which EMV MPM v1.1 §4.7.3.2 forbids.
	AllowLowercaseCRC bool
	// AllowByteLengths accepts a payload whose lengths count UTF-8 bytes
	// instead of characters (§4.4.1.1 counts characters), only when the character reading
	// fails, the byte reading succeeds and the CRC verifies.
	AllowByteLengths bool
	// AllowURLEscaped accepts a payload that was percent-encoded on its way
	// to us, only when the strict reading fails, the text
	// contains an escape, and the unescaped text passes every check.
	AllowURLEscaped bool
}

// Parse decodes s as configured; see [Parse] for what is checked.
func (d *Decoder) Parse(s string) (*Payload, error) {
	p, err := d.parse(s, Notes{})
	if err == nil || !d.AllowURLEscaped || !strings.ContainsAny(s, "%+") {
		return p, err
	}
	u, uerr := url.QueryUnescape(s)
	if uerr != nil || u == s {
		return nil, err
	}
	if p, uerr := d.parse(u, Notes{URLEscaped: true}); uerr == nil {
		return p, nil
	}
	return nil, err
}

func (d *Decoder) parse(s string, notes Notes) (*Payload, error) {
	trimmed := trimTrailing(s)
	notes.TrailingWhitespace = len(trimmed) != len(s)
	s = trimmed
	if s == "" {
		return nil, &ParseError{Err: because(ErrSyntax, "empty payload")}
	}
	if len(s) > maxPayload {
		return nil, &ParseError{Offset: maxPayload, Err: because(ErrLength, "payload is longer than any valid payload can be")}
	}
	crcOK, err := d.checkCRC(s, &notes)
	if err == nil {
		err = checkStart(s)
	}
	if err != nil {
		return nil, err
	}
	p := &Payload{raw: s, notes: notes}
	p.nodes = p.inline[:0]
	hs := highBlocks(s)
	mode := lenMode{high: hs, valid: !hs.empty() && utf8.ValidString(s[hs.lo:hs.hi])}
	bad, err := p.walk(&mode, crcOK)
	if err != nil && d.AllowByteLengths && crcOK && !hs.empty() {
		p.reset()
		if bad, err = p.walk(&lenMode{bytes: true}, crcOK); err == nil {
			p.notes.ByteLengths = true
		}
	}
	if err == nil {
		err = p.checkRoot(bad)
	}
	if err != nil {
		return nil, err
	}
	return p, nil
}

// checkCRC verifies the CRC when the text ends in "6304" and four hex
// digits, before any TLV walk, so that a corrupted payload is reported as a
// CRC failure rather than as whatever structural fault the corruption
// causes. ok reports that the CRC was found and
// verified; when it was not found, the walk reports why.
func (d *Decoder) checkCRC(s string, notes *Notes) (ok bool, err error) {
	n := len(s)
	if n < 8 || s[n-8:n-4] != "6304" {
		return false, nil
	}
	carried, lower, isHex := parseCRCHex(s[n-4:])
	if !isHex {
		return false, nil
	}
	if carried != crcString(s[:n-4]) {
		return false, &ParseError{Offset: n - 4, Path: "63", Err: because(ErrCRC, "crc does not match the payload")}
	}
	if lower && !d.AllowLowercaseCRC {
		return false, &ParseError{Offset: n - 4, Path: "63", Err: because(ErrCRC, "crc uses lowercase hex digits")}
	}
	notes.LowercaseCRC = lower
	return true, nil
}

// trimTrailing drops the CR, LF and space that scanners append after the
// CRC; they are not part of the payload.
func trimTrailing(s string) string {
	for len(s) > 0 {
		switch s[len(s)-1] {
		case '\r', '\n', ' ':
			s = s[:len(s)-1]
		default:
			return s
		}
	}
	return s
}

// checkStart refuses text that does not open with the payload format
// indicator "0002", before any TLV walk: such text is not a
// merchant-presented payload at all (a truncated code, a Thai slip-verify
// code whose 00 is a template, a URL).
func checkStart(s string) error {
	if len(s) < 2 || s[:2] != "00" {
		return &ParseError{Path: "00", Err: because(ErrMissing, "payload does not start with 00 (payload format indicator)")}
	}
	if len(s) < 4 || s[2:4] != "02" {
		return &ParseError{Path: "00", Err: because(ErrLength, "payload format indicator length is not 02")}
	}
	return nil
}

func (p *Payload) reset() {
	p.nodes = p.nodes[:0]
	p.root = [100]uint8{}
}

// push appends a node and returns its index. It is kept small enough for
// the compiler to inline into the walk (a call costs the EMVCo example
// about 900 instructions), so the rare growth is in spill. It sets each
// field in place: building the 8-byte node in a temporary and copying it
// costs a store-forwarding stall per object.
func (p *Payload) push(start, end int, parent int16, id Tag) int {
	i := len(p.nodes)
	if i == cap(p.nodes) {
		p.spill()
	}
	p.nodes = p.nodes[:i+1]
	n := &p.nodes[i]
	n.start, n.end, n.parent = uint16(start), uint16(end), parent
	n.kids, n.id = 0, id
	return i
}

// spill moves the nodes out of p.inline once it is full, into an array
// large enough for any payload of this length: every object has a header
// of its own of four bytes, so there are at most len(p.raw)/4 of them. A
// payload thus takes two allocations at most, whatever its length.
func (p *Payload) spill() {
	p.nodes = append(make([]node, 0, len(p.raw)/4+1), p.nodes...)
}

// checkCRCObject checks that the CRC object found by the walk at s[pos:end]
// is four characters long, last, and the one checkCRC verified.
func checkCRCObject(s string, pos, end int, crcOK bool) error {
	if s[pos+2:pos+4] != "04" {
		return &ParseError{Offset: pos, Path: "63", Err: because(ErrLength, "crc length is not 04")}
	}
	if end != len(s) {
		return &ParseError{Offset: end, Path: "63", Err: because(ErrTrailingData, "objects follow the crc")}
	}
	if crcOK {
		return nil
	}
	// A last 63 of length 04 that checkCRC did not verify holds something
	// other than four hex digits.
	return &ParseError{Offset: end - 4, Path: "63", Err: because(ErrCRC, "crc is not four hex digits")}
}
