package emvco

import "unsafe"

// Folding by carry-less multiplication (Intel, "Fast CRC Computation for
// Generic Polynomials Using PCLMULQDQ Instruction", 2009) where the CPU has
// it: the text is read sixteen bytes at a time as a 128-bit polynomial X,
// and each step replaces X·x^128 + B by H·(x^192 mod P) + L·(x^128 mod P) + B,
// where H and L are X's high and low halves. That keeps X congruent, modulo
// the CRC polynomial P, to the text read so far. The assembly keeps four
// such accumulators, each folding the block 64 bytes on (by x^512 and
// x^576 mod P), so that four multiplications are in flight, and merges
// them at the end. The CRC of the text so far is then the table CRC, from
// zero, of X's sixteen bytes; the rest of the text continues from there.
// The initial value 0xFFFF enters as an XOR into the first two bytes,
// which is the same thing for a CRC without reflection.

// foldMin is the shortest input folded: four blocks, one for each of the
// assembly's accumulators.
const foldMin = 64

// foldConstants holds, in the order the assembly loads them, the pairs
// x^128, x^192 mod P (folding by one block) and x^512, x^576 mod P
// (folding by four).
var foldConstants = [4]uint64{xPowMod(128), xPowMod(192), xPowMod(512), xPowMod(576)}

// xPowMod returns x^n mod P, with P the CRC-16 polynomial x^16 + 0x1021.
func xPowMod(n int) uint64 {
	r := uint32(1)
	for range n {
		r <<= 1
		if r&0x10000 != 0 {
			r ^= 0x10000 | crcPoly
		}
	}
	return uint64(r)
}

// crcFoldString continues crc over the whole 16-byte blocks of s by
// folding, and returns the CRC and how many bytes it read. The caller
// checks hasFold and len(s) >= foldMin.
func crcFoldString(crc uint16, s string) (uint16, int) {
	var acc [16]byte
	copy(acc[:], s[:16])
	acc[0] ^= byte(crc >> 8)
	acc[1] ^= byte(crc)
	n := len(s) &^ 15
	// The assembly only reads the blocks; s is never written.
	crcFold(&acc, unsafe.StringData(s[16:]), n-16, &foldConstants)
	return crcTables(0, unsafe.String(&acc[0], len(acc))), n
}
