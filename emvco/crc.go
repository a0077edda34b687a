package emvco

// CRC-16/CCITT-FALSE (also catalogued as CRC-16/IBM-3740): polynomial 0x1021,
// initial value 0xFFFF, no reflection, no final XOR. EMV MPM v1.1 §4.7.3 names
// ISO/IEC 13239, but only this non-reflected form reproduces the
// specification's own example payloads (EMV MPM v1.1 Annex).
const (
	crcPoly = 0x1021
	crcInit = 0xFFFF
)

// crcTable[k][b] is the CRC contribution of byte b followed by k zero bytes,
// starting from a zero register. Sixteen tables (8 KiB, L1-resident) let
// [CRC] consume sixteen bytes per step ("slicing-by-16"), which halves the
// loop-carried dependency chain of slicing-by-8.
var crcTable = makeCRCTable()

func makeCRCTable() *[16][256]uint16 {
	t := new([16][256]uint16)
	for b := range 256 {
		c := uint16(b) << 8
		for range 8 {
			if c&0x8000 != 0 {
				c = c<<1 ^ crcPoly
			} else {
				c <<= 1
			}
		}
		t[0][b] = c
	}
	for k := 1; k < 16; k++ {
		for b := range 256 {
			prev := t[k-1][b]
			t[k][b] = prev<<8 ^ t[0][prev>>8]
		}
	}
	return t
}

// CRC returns the CRC-16/CCITT-FALSE of data, the checksum carried in
// ID 63 of a merchant-presented payload (EMV MPM v1.1 §4.7.3). The input of
// a payload's checksum is every byte from ID 00 up to and including the
// "6304" that introduces the CRC value.
//
// CRC is safe for concurrent use and does not retain data.
func CRC(data []byte) uint16 { return crcTables(crcInit, data) }

// crcString is [CRC] over a string.
func crcString(s string) uint16 { return crcTables(crcInit, s) }

// crcTables continues crc over s with the tables, sixteen bytes a step.
func crcTables[T string | []byte](crc uint16, s T) uint16 {
	t := crcTable
	for ; len(s) >= 16; s = s[16:] {
		d := s[:16]
		crc = t[15][byte(crc>>8)^d[0]] ^ t[14][byte(crc)^d[1]] ^
			t[13][d[2]] ^ t[12][d[3]] ^ t[11][d[4]] ^ t[10][d[5]] ^
			t[9][d[6]] ^ t[8][d[7]] ^ t[7][d[8]] ^ t[6][d[9]] ^
			t[5][d[10]] ^ t[4][d[11]] ^ t[3][d[12]] ^ t[2][d[13]] ^
			t[1][d[14]] ^ t[0][d[15]]
	}
	for i := range len(s) {
		crc = crc<<8 ^ t[0][byte(crc>>8)^s[i]]
	}
	return crc
}

// highBlocks returns the span of the 16-byte blocks of s, the last one
// possibly shorter, that hold a non-ASCII byte: outside it, characters and
// bytes coincide and the parser need not count runes.
func highBlocks(s string) (hs span) {
	i := 0
	for ; len(s)-i >= 16; i += 16 {
		d := s[i : i+16]
		if (load64(d)|load64(d[8:]))&highBits != 0 {
			hs.add(i, i+16)
		}
	}
	if !isASCII(s[i:]) {
		hs.add(i, len(s))
	}
	return hs
}

// highBits has the top bit of every byte of a word set: a word of text
// ANDed with it is zero exactly when its eight bytes are ASCII.
const highBits = 0x8080808080808080

// load64 reads eight bytes of s as a little-endian word; the compiler makes
// it a single load.
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// appendCRCHex appends crc as four uppercase, zero-padded hexadecimal digits
// (EMV MPM v1.1 §4.7.3.2 requires uppercase A-F).
func appendCRCHex(dst []byte, crc uint16) []byte {
	const hex = "0123456789ABCDEF"
	return append(dst, hex[crc>>12], hex[crc>>8&0xF], hex[crc>>4&0xF], hex[crc&0xF])
}

// parseCRCHex reads four hexadecimal digits. ok is false when any is not a
// hex digit; lower reports whether any digit was a lowercase a-f.
func parseCRCHex(s string) (v uint16, lower, ok bool) {
	if len(s) != 4 {
		return 0, false, false
	}
	for i := range 4 {
		c := s[i]
		var d byte
		switch {
		case '0' <= c && c <= '9':
			d = c - '0'
		case 'A' <= c && c <= 'F':
			d = c - 'A' + 10
		case 'a' <= c && c <= 'f':
			d = c - 'a' + 10
			lower = true
		default:
			return 0, false, false
		}
		v = v<<4 | uint16(d)
	}
	return v, lower, true
}
