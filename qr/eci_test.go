package qr

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestECIDesignatorValues reads ECI designators of one, two and three
// bytes (ISO/IEC 18004 §7.4.2.2, Table 4): the value is the bits after the
// prefix, high bits included, as the error for a value that is not a
// character set shows; a three-byte designator of 26 selects UTF-8.
func TestECIDesignatorValues(t *testing.T) {
	for _, tt := range []struct {
		name string
		data []byte
		err  string
	}{
		{"one byte, 99", bits(7, 4, 99, 8), "eci 000099 "},
		{"two bytes, 899", bits(7, 4, 0x80|899>>8, 8, 899&0xFF, 8), "eci 000899 "},
		{"two bytes, 16383", bits(7, 4, 0xBF, 8, 0xFF, 8), "eci 016383 "},
		{"three bytes, 100000", bits(7, 4, 0xC0|100000>>16, 8, 100000&0xFFFF, 16), "eci 100000 "},
		{"three bytes, 999999", bits(7, 4, 0xC0|999999>>16, 8, 999999&0xFFFF, 16), "eci 999999 "},
	} {
		_, err := parseContent(tt.data, 1)
		assert.ErrorIs(t, err, errContent, tt.name)
		assert.ErrorContains(t, err, tt.err, tt.name)
	}
	c, err := parseContent(bits(7, 4, 0xC0, 8, 26, 16, 4, 4, 2, 8, 0xC3, 8, 0xA9, 8), 1)
	assert.NoError(t, err)
	assert.Equal(t, "é", string(c.text), "three-byte designator of ECI 26 (UTF-8)")
}
