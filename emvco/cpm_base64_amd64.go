//go:build amd64 && !purego

package emvco

import "unsafe"

// hasSSSE3 reports whether the CPU has SSSE3 (CPUID leaf 1, ECX bit 9),
// which decodeBase64Blocks uses.
var hasSSSE3 = cpuid1ECX()&(1<<9) != 0

// decodeBlocks decodes the leading 16-character blocks of s into dst, 12
// bytes each, with SSSE3 where the CPU has it, and returns how many
// characters it decoded: a multiple of 16, stopping before a block with a
// character outside the alphabet, which the caller then finds. dst must
// have room for len(s)/4*3 + 4 bytes: each block stores 16.
func decodeBlocks(dst []byte, s string) int {
	if !hasSSSE3 || len(s) < 16 || len(dst) < len(s)/4*3+4 {
		return 0
	}
	// The assembly only reads s.
	return decodeBase64Blocks(&dst[0], unsafe.StringData(s), len(s), &base64Tables)
}

// decodeBase64Blocks is decodeBlocks' loop, in assembly; see there.
//
//go:noescape
func decodeBase64Blocks(dst, src *byte, n int, t *[8][16]byte) int

// base64Tables holds the constants of decodeBase64Blocks, derived from the
// alphabet (the method of W. Muła and D. Lemire, "Faster Base64 Encoding
// and Decoding Using AVX2 Instructions", 2018, with SSE registers):
//
//	0  lo: by low nibble, the validity classes that nibble is not valid in
//	1  hi: by high nibble, its class (a class no low nibble is valid in for
//	   nibbles no character of the alphabet has)
//	2  roll: by high nibble, what to add to a character to get its value;
//	   '/' uses the index of high nibble 1, which no valid character has
//	3  0x0F in every byte
//	4  '/' in every byte
//	5  64, 1 in every pair of bytes: two values to twelve bits
//	6  4096, 1 in every pair of 16-bit words: two to twenty-four bits
//	7  the shuffle that writes each 24-bit value's bytes high to low
var base64Tables = makeBase64Tables()

func makeBase64Tables() (t [8][16]byte) {
	var valid [16]uint16 // by high nibble, the low nibbles that are valid
	for i := range len(base64Alphabet) {
		c := base64Alphabet[i]
		valid[c>>4] |= 1 << (c & 0xF)
	}
	var classes []uint16 // distinct sets of valid low nibbles; the empty set first
	classes = append(classes, 0)
	classOf := func(set uint16) byte {
		for k, s := range classes {
			if s == set {
				return byte(k)
			}
		}
		classes = append(classes, set)
		return byte(len(classes) - 1)
	}
	for hi := range 16 {
		t[1][hi] = 1 << classOf(valid[hi])
	}
	for lo := range 16 {
		for k, set := range classes {
			if set&(1<<lo) == 0 {
				t[0][lo] |= 1 << k
			}
		}
	}
	for i := range len(base64Alphabet) {
		c := base64Alphabet[i]
		hi := int(c >> 4)
		if c == '/' {
			hi = 1
		}
		t[2][hi] = byte(int(i) - int(c)) // the same for every character of a range
	}
	for i := range 16 {
		t[3][i], t[4][i] = 0x0F, '/'
		t[5][i] = [2]byte{64, 1}[i%2]
		t[6][i] = [4]byte{0x00, 0x10, 0x01, 0x00}[i%4]
		t[7][i] = 0x80 // zero
	}
	for k := range 4 {
		t[7][3*k], t[7][3*k+1], t[7][3*k+2] = byte(4*k+2), byte(4*k+1), byte(4*k)
	}
	return t
}
