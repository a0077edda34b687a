package qr

// SegmentMode is the mode of one segment of a decoded symbol (ISO/IEC
// 18004 §7.4).
type SegmentMode uint8

const (
	SegmentNumeric SegmentMode = iota + 1
	SegmentAlphanumeric
	SegmentByte
	SegmentKanji
	SegmentECI
	SegmentOther // structured append, FNC1 or an unknown indicator: parsing stops
)

// String names the mode.
func (m SegmentMode) String() string {
	return [...]string{"?", "numeric", "alphanumeric", "byte", "kanji", "eci", "other"}[min(int(m), 6)]
}

// bitReader reads big-endian bits from data codewords.
type bitReader struct {
	b   []byte
	pos int
}

func (r *bitReader) left() int { return 8*len(r.b) - r.pos }

func (r *bitReader) read(n int) int {
	v := 0
	for range n {
		v = v<<1 | int(r.b[r.pos/8]>>(7-r.pos%8)&1)
		r.pos++
	}
	return v
}

// segmentModes reads the mode indicators of a symbol's data codewords,
// skipping each segment's data, until the terminator or the end.
func segmentModes(raw []byte, version int) []SegmentMode {
	r := &bitReader{b: raw}
	var modes []SegmentMode
	for r.left() >= 4 {
		m := modeOf(r.read(4))
		if m == 0 { // terminator
			return modes
		}
		modes = append(modes, m)
		if m == SegmentOther || !skipSegment(r, m, version) {
			return modes
		}
	}
	return modes
}

func modeOf(indicator int) SegmentMode {
	switch indicator {
	case 0:
		return 0
	case 1:
		return SegmentNumeric
	case 2:
		return SegmentAlphanumeric
	case 4:
		return SegmentByte
	case 8:
		return SegmentKanji
	case 7:
		return SegmentECI
	}
	return SegmentOther
}

// skipSegment skips one segment's count and data; it reports false when
// the stream ends first.
func skipSegment(r *bitReader, m SegmentMode, version int) bool {
	if m == SegmentECI {
		return skipECI(r)
	}
	cb := countBits(m, version)
	if r.left() < cb {
		return false
	}
	n := r.read(cb)
	bits := 0
	switch m {
	case SegmentNumeric:
		bits = 10*(n/3) + [...]int{0, 4, 7}[n%3]
	case SegmentAlphanumeric:
		bits = 11*(n/2) + 6*(n%2)
	case SegmentByte:
		bits = 8 * n
	case SegmentKanji:
		bits = 13 * n
	}
	if r.left() < bits {
		return false
	}
	r.pos += bits
	return true
}

// skipECI skips an ECI designator of one, two or three bytes.
func skipECI(r *bitReader) bool {
	if r.left() < 8 {
		return false
	}
	first := r.read(8)
	extra := 0
	switch {
	case first&0x80 == 0:
	case first&0xC0 == 0x80:
		extra = 8
	default:
		extra = 16
	}
	if r.left() < extra {
		return false
	}
	r.pos += extra
	return true
}

// countBits is the length of the character count field (ISO/IEC 18004
// Table 3).
func countBits(m SegmentMode, version int) int {
	col := 0
	switch {
	case version >= 27:
		col = 2
	case version >= 10:
		col = 1
	}
	switch m {
	case SegmentNumeric:
		return [...]int{10, 12, 14}[col]
	case SegmentAlphanumeric:
		return [...]int{9, 11, 13}[col]
	case SegmentByte:
		return [...]int{8, 16, 16}[col]
	}
	return [...]int{8, 10, 12}[col] // kanji
}
