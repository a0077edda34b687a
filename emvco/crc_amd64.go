//go:build amd64 && !purego

package emvco

// hasFold reports whether the CPU has PCLMULQDQ and SSSE3 (CPUID leaf 1,
// ECX bits 1 and 9), which crcFold uses.
var hasFold = cpuid1ECX()&(1<<1|1<<9) == 1<<1|1<<9

// crcFold folds acc, the first block, with the n bytes at p (a multiple
// of 16, at least 48), and leaves the folded block in acc.
//
//go:noescape
func crcFold(acc *[16]byte, p *byte, n int, k *[4]uint64)

// cpuid1ECX returns ECX of CPUID leaf 1.
func cpuid1ECX() uint32
