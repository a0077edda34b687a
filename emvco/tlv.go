package emvco

import (
	"math/bits"
	"unicode/utf8"
)

// tlvFault is why readTLV stopped; the zero value means it did not.
type tlvFault uint8

const (
	faultNone      tlvFault = iota
	faultTruncated          // fewer than four bytes left for ID and length
	faultID                 // ID not two digits
	faultLen                // length not two digits
	faultZeroLen            // length 00 (EMV MPM v1.1 §4.4.1.2)
	faultOverrun            // value runs past the end of its container
	faultUTF8               // value is not valid UTF-8
)

// lenMode says how readTLV turns a length into a byte count. Its zero
// value counts characters everywhere, the EMV coding (§4.4.1.1).
type lenMode struct {
	high  span // only values overlapping it may hold non-ASCII characters
	bytes bool // lengths count UTF-8 bytes ([Decoder.AllowByteLengths])
	valid bool // the text within high is known to be valid UTF-8
}

// countChars counts characters wherever the text may hold non-ASCII.
var countChars = lenMode{high: span{lo: 0, hi: maxPayload}}

// span is a byte range [lo, hi); its zero value is empty.
type span struct{ lo, hi int }

func (h span) empty() bool              { return h.hi <= h.lo }
func (h span) overlaps(lo, hi int) bool { return lo < h.hi && h.lo < hi }

// add widens h to cover [lo, hi).
func (h *span) add(lo, hi int) {
	if h.empty() {
		h.lo = lo
	}
	h.hi = hi
}

// readTLV reads the data object starting at s[pos], within s[:limit], with
// lengths read as mode says. On success it returns the ID and the value's
// byte range. The parser's walk has its own fast path for the common
// object and comes here for everything else.
func readTLV(s string, pos, limit int, mode *lenMode) (id Tag, start, end int, f tlvFault) {
	if limit-pos < 4 {
		return 0, pos, pos, faultTruncated
	}
	h := s[pos : pos+4]
	w := uint32(h[0]) | uint32(h[1])<<8 | uint32(h[2])<<16 | uint32(h[3])<<24
	if !fourDigits(w) {
		return headerFault(h), pos, pos, headerFaultKind(h)
	}
	id = Tag((w&0xF)*10 + (w>>8)&0xF)
	n := int((w>>16&0xF)*10 + (w>>24)&0xF)
	if n == 0 {
		return id, pos, pos, faultZeroLen
	}
	start = pos + 4
	end = start + n
	if !mode.bytes && mode.high.overlaps(start, min(end, limit)) {
		if mode.valid {
			end, f = skipValidChars(s, start, limit, n)
		} else {
			end, f = skipChars(s, start, limit, n)
		}
		return id, start, end, f
	}
	if end > limit {
		return id, start, start, faultOverrun
	}
	if mode.bytes && !utf8.ValidString(s[start:end]) {
		return id, start, start, faultUTF8
	}
	return id, start, end, faultNone
}

// fourDigits reports whether the four bytes of w are ASCII digits: every
// high nibble is 3, and adding 6 to every low nibble carries out of none
// (so each is at most 9).
func fourDigits(w uint32) bool {
	return w&0xF0F0F0F0 == 0x30303030 && (w&0x0F0F0F0F+0x06060606)&0xF0F0F0F0 == 0
}

// headerFaultKind says which half of a header that is not four digits is
// at fault; headerFault returns the ID when that half is sound.
func headerFaultKind(h string) tlvFault {
	if !isDigit(h[0]) || !isDigit(h[1]) {
		return faultID
	}
	return faultLen
}

func headerFault(h string) Tag {
	if headerFaultKind(h) == faultID {
		return 0
	}
	return Tag((h[0]-'0')*10 + h[1] - '0')
}

// skipChars returns the byte offset n characters after pos, without
// passing limit.
func skipChars(s string, pos, limit, n int) (int, tlvFault) {
	if end := pos + n; end <= limit && isASCII(s[pos:end]) {
		return end, faultNone
	}
	i := pos
	for ; n > 0; n-- {
		if i >= limit {
			return pos, faultOverrun
		}
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:limit])
		if r == utf8.RuneError && size <= 1 {
			return i, faultUTF8
		}
		i += size
	}
	return i, faultNone
}

// skipValidChars is skipChars for text known to be valid UTF-8: a
// character starts at every byte that is not a continuation byte
// (10xxxxxx), so counting needs no decoding.
func skipValidChars(s string, pos, limit, n int) (int, tlvFault) {
	i := pos
	// Whole words first, while they hold fewer character starts than are
	// left: a continuation byte has its top bit set and the next bit
	// (shifted up into the top bit's place) clear.
	for limit-i >= 8 {
		x := load64(s[i : i+8])
		starts := 8 - bits.OnesCount64(x&^(x<<1)&highBits)
		if starts >= n {
			break
		}
		n -= starts
		i += 8
	}
	for i > pos && i < limit && s[i]&0xC0 == 0x80 {
		i++ // the rest of a character a word boundary split
	}
	for ; n > 0; n-- {
		if i >= limit {
			return pos, faultOverrun
		}
		i++
		for i < limit && s[i]&0xC0 == 0x80 {
			i++
		}
	}
	if i < len(s) && s[i]&0xC0 == 0x80 {
		return pos, faultOverrun // the last character runs past limit
	}
	return i, faultNone
}

// isASCII reports whether s has no byte at or above 0x80, eight bytes at a
// time.
func isASCII(s string) bool {
	var high byte
	for len(s) >= 8 {
		high |= s[0] | s[1] | s[2] | s[3] | s[4] | s[5] | s[6] | s[7]
		s = s[8:]
	}
	for i := 0; i < len(s); i++ {
		high |= s[i]
	}
	return high < utf8.RuneSelf
}

// err turns a fault into a positional error. parent is the tag path of the
// container ("" at the root); id is the ID that was read, if any.
func (f tlvFault) err(parent string, id Tag, off int) error {
	path := join(parent, id)
	switch f {
	case faultTruncated:
		return &ParseError{Offset: off, Path: parent, Err: because(ErrSyntax, "truncated data object header")}
	case faultID:
		return &ParseError{Offset: off, Path: parent, Err: because(ErrSyntax, "id is not two digits")}
	case faultLen:
		return &ParseError{Offset: off, Path: path, Err: because(ErrSyntax, "length is not two digits")}
	case faultZeroLen:
		return &ParseError{Offset: off, Path: path, Err: because(ErrLength, "length 00 is not allowed")}
	case faultOverrun:
		return &ParseError{Offset: off, Path: path, Err: because(ErrLength, "value runs past the end of its container")}
	default:
		return &ParseError{Offset: off, Path: path, Err: because(ErrSyntax, "value is not valid UTF-8")}
	}
}

// join returns the tag path of id inside parent.
func join(parent string, id Tag) string {
	if parent == "" {
		return id.String()
	}
	return parent + "." + id.String()
}
