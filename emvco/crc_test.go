package emvco

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// crcBitwise is the specification's pseudo-code (EMV MPM v1.1 §4.7.3), one
// bit at a time, as an independent reference for the table-driven CRC.
func crcBitwise(data []byte) uint16 {
	crc := uint16(0xFFFF)
	for _, b := range data {
		crc ^= uint16(b) << 8
		for range 8 {
			if crc&0x8000 != 0 {
				crc = crc<<1 ^ 0x1021
			} else {
				crc <<= 1
			}
		}
	}
	return crc
}

// crcOneTable is the CRC with one table, a byte a step: the simpler
// alternative to slicing-by-16, measured beside it in BenchmarkCRC.
func crcOneTable(data []byte) uint16 {
	crc := uint16(crcInit)
	for _, c := range data {
		crc = crc<<8 ^ crcTable[0][byte(crc>>8)^c]
	}
	return crc
}

func TestCRC(t *testing.T) {
	assert.Equal(t, uint16(0x29B1), CRC([]byte("123456789")), "catalogue check value of CRC-16/CCITT-FALSE")
	assert.Equal(t, uint16(0xFFFF), CRC(nil))
	spec := emvSpecExample[:len(emvSpecExample)-4]
	assert.Equal(t, uint16(0xA13A), CRC([]byte(spec)), "EMV MPM Annex B.7, over UTF-8 bytes")
	assert.Equal(t, uint16(0x1D3D), crcString(pixExample[:len(pixExample)-4]))
	for n := range 40 {
		data := []byte(strings.Repeat("0002010102", 4)[:n])
		assert.Equal(t, crcBitwise(data), CRC(data), "length %d", n)
		assert.Equal(t, crcBitwise(data), crcOneTable(data), "one table, length %d", n)
	}
}

func TestCRCHex(t *testing.T) {
	assert.Equal(t, "007B", string(appendCRCHex(nil, 0x7B)), "zero-padded")
	assert.Equal(t, "A13A", string(appendCRCHex(nil, 0xA13A)))
	v, lower, ok := parseCRCHex("a13A")
	assert.Equal(t, uint16(0xA13A), v)
	assert.True(t, lower)
	assert.True(t, ok)
	for _, bad := range []string{"A13", "A13G", "A13A0", "+13A"} {
		_, _, ok := parseCRCHex(bad)
		assert.False(t, ok, bad)
	}
	// Every byte in every position: the hex digits, both cases, and
	// nothing else, 0-9 a-f A-F at their bounds included.
	for c := range 256 {
		for pos := range 4 {
			in := []byte("0000")
			in[pos] = byte(c)
			want, err := strconv.ParseUint(string(in), 16, 16)
			v, lower, ok := parseCRCHex(string(in))
			require.Equal(t, err == nil, ok, "%q", in)
			if ok {
				assert.Equal(t, uint16(want), v, "%q", in)
				assert.Equal(t, 'a' <= c && c <= 'f', lower, "%q", in)
			}
		}
	}
}

func FuzzCRC(f *testing.F) {
	f.Add([]byte("123456789"))
	f.Add([]byte(emvSpecExample))
	f.Fuzz(func(t *testing.T, data []byte) {
		if got, want := CRC(data), crcBitwise(data); got != want {
			t.Fatalf("CRC = %04X, bitwise reference = %04X", got, want)
		}
	})
}

// spanReference is the span highBlocks promises: the 16-byte blocks, the
// last one possibly shorter, that hold a non-ASCII byte.
func spanReference(s string) (hs span) {
	for i := 0; i < len(s); i += 16 {
		end := min(i+16, len(s))
		for j := i; j < end; j++ {
			if s[j] >= 0x80 {
				hs.add(i, end)
				break
			}
		}
	}
	return hs
}

// TestCRCEveryLength holds the table CRC to the bitwise one at every
// length up to 600 bytes, so that each tail length after the 16-byte
// steps is met.
func TestCRCEveryLength(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	buf := make([]byte, 600)
	for n := range len(buf) {
		for i := range buf[:n] {
			buf[i] = byte(r.Uint32())
			if r.IntN(4) > 0 {
				buf[i] &= 0x7F // mostly ASCII, so that spans vary
			}
		}
		data := buf[:n]
		want := crcBitwise(data)
		require.Equal(t, want, CRC(data), "CRC, length %d", n)
		require.Equal(t, want, crcString(string(data)), "crcString, length %d", n)
		require.Equal(t, spanReference(string(data)), highBlocks(string(data)), "span, length %d", n)
	}
}

// TestHighBlocksLoneByte puts one byte of every high value, 0x80 (a lone
// continuation byte) included, at every position of texts up to 40 bytes,
// whole blocks and the tail after them alike.
func TestHighBlocksLoneByte(t *testing.T) {
	for n := 1; n <= 40; n++ {
		for pos := range n {
			for _, c := range []byte{0x7F, 0x80, 0xBF, 0xC3, 0xFF} {
				b := []byte(strings.Repeat("a", n))
				b[pos] = c
				require.Equal(t, spanReference(string(b)), highBlocks(string(b)), "byte %#x at %d of %d", c, pos, n)
			}
		}
	}
}

// TestParseLoneContinuationByte: invalid UTF-8 is refused wherever it
// falls relative to the 16-byte blocks the parser scans.
func TestParseLoneContinuationByte(t *testing.T) {
	for k := range 20 {
		value := strings.Repeat("A", k) + "\x80"
		in := withCRC(minimal + "59" + fmt.Sprintf("%02d", len(value)) + value)
		_, err := Parse(in)
		requireParseError(t, err, ErrSyntax, "59", len(minimal))
	}
}
