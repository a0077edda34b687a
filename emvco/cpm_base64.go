package emvco

// A CPM payload is base64 in the standard alphabet, padded (RFC 4648 §4;
// CPM v1.0 §3.2). This decoder is strict in the way encoding/base64's
// Strict mode is, and stricter in two ways that CPM needs: it refuses CR
// and LF, which encoding/base64 skips silently, and it reports the offset
// of the first character at fault. It decodes into a buffer the caller
// provides (the CPM's own, for typical payloads). On amd64 CPUs with
// SSSE3, decodeBlocks takes 16 characters a step (cpm_base64_amd64.s), and
// the Annex B example decodes in about 50 ns against encoding/base64's
// 250–300 ns; elsewhere, and with -tags purego, the loop below does all,
// as fast as encoding/base64.

import "encoding/binary"

const base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

// base64Values maps a character to its six-bit value, or to 0xFF when it is
// not in the alphabet ('=' included).
var base64Values = func() (t [256]uint8) {
	for i := range t {
		t[i] = 0xFF
	}
	for i := range len(base64Alphabet) {
		t[base64Alphabet[i]] = uint8(i)
	}
	return t
}()

// decodeBase64 decodes s, which must be whole padded quanta with zero
// padding bits, into dst's array when it has room and a new one otherwise.
// On failure it returns the offset of the first character at fault
// (len(s) rounded down to a quantum when the last one is short).
func decodeBase64(dst []byte, s string) (data []byte, bad int) {
	if len(s)%4 != 0 || len(s) == 0 {
		return nil, len(s) &^ 3
	}
	last := len(s) - 4
	pad := padding(s[last:])
	// Each quantum is stored as a four-byte word whose last byte the next
	// quantum overwrites; the buffer has one spare byte for the last word.
	n := len(s)/4*3 + 1
	buf := dst[:0:cap(dst)]
	if cap(buf) < n {
		buf = make([]byte, n)
	}
	buf = buf[:n]
	i := decodeBlocks(buf, s[:last])
	for j := i / 4 * 3; i < last; i, j = i+4, j+3 {
		v, ok := quantum(s[i : i+4])
		if !ok {
			return nil, i + firstNonBase64(s[i:i+4])
		}
		binary.BigEndian.PutUint32(buf[j:], v<<8)
	}
	data = buf[:len(buf)-1-pad]
	if bad := decodeLast(data[last/4*3:], s[last:], pad); bad >= 0 {
		return nil, last + bad
	}
	return data, -1
}

// padding returns how many '=' end the last quantum q: 0, 1 or 2.
func padding(q string) int {
	switch {
	case q[2] == '=' && q[3] == '=':
		return 2
	case q[3] == '=':
		return 1
	}
	return 0
}

// quantum decodes four characters into 24 bits.
func quantum(q string) (uint32, bool) {
	t := &base64Values
	a, b, c, d := t[q[0]], t[q[1]], t[q[2]], t[q[3]]
	v := uint32(a)<<18 | uint32(b)<<12 | uint32(c)<<6 | uint32(d)
	return v, a|b|c|d < 64
}

// decodeLast decodes the last quantum q, which ends in pad '=', into dst.
// It returns the offset in q of the first character at fault, or -1.
func decodeLast(dst []byte, q string, pad int) int {
	var v uint32
	for i := range 4 - pad {
		c := base64Values[q[i]]
		if c == 0xFF {
			return i
		}
		v |= uint32(c) << (18 - 6*i)
	}
	if pad == 2 && v&0xFFFF != 0 || pad == 1 && v&0xFF != 0 {
		return 3 - pad // padding bits are not zero (RFC 4648 §3.5)
	}
	for i := range dst {
		dst[i] = byte(v >> (16 - 8*i))
	}
	return -1
}

// firstNonBase64 returns the offset of the first character of q outside
// the alphabet.
func firstNonBase64(q string) int {
	for i := range len(q) {
		if base64Values[q[i]] == 0xFF {
			return i
		}
	}
	return len(q)
}
