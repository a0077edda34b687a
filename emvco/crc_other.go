//go:build !amd64 || purego

package emvco

// hasFold is false where there is no folding code: the tables do all.
const hasFold = false

// crcFold is never called here: hasFold is false.
func crcFold(acc *[16]byte, p *byte, n int, k *[4]uint64) {
	panic("emvco: crcFold without hardware support")
}
