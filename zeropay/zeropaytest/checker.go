// Package zeropaytest provides test doubles for package zeropay.
//
// FixtureChecker is NOT the check-character algorithm of the Korean QR
// code payment standard (Annex B), which is not public. It exists so that
// tests and examples can generate and verify codes end to end; codes it
// checks are not valid Zero Pay codes.
package zeropaytest

import "hash/crc32"

// FixtureChecker derives four check characters from a CRC-32 of the code
// prefix, for fixtures only. Its zero value is ready to use and it is safe
// for concurrent use.
type FixtureChecker struct{}

// CheckCharacters implements zeropay.Checker with a fixture algorithm.
func (FixtureChecker) CheckCharacters(prefix string) (string, error) {
	const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	sum := crc32.ChecksumIEEE([]byte(prefix))
	var out [4]byte
	for i := range out {
		out[i] = alphabet[sum%uint32(len(alphabet))]
		sum /= uint32(len(alphabet))
	}
	return string(out[:]), nil
}
