package qr

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestFrameSampling reads the sampling factors of a JPEG frame header's
// body (ITU-T T.81 §B.2.2: P, Y, X, Nf, then Nf × (C, H<<4|V, Tq)),
// clamped to 1–4, for at most four components, and stops at a body cut
// short.
func TestFrameSampling(t *testing.T) {
	head := []byte{8, 0, 16, 0, 16}
	tests := []struct {
		name string
		body []byte
		want [][2]int
	}{
		{"empty", nil, nil},
		{"no component count", head, nil},
		{"no components", append(head, 0), nil},
		{"count without components", append(head, 3), nil},
		{"first component cut before its factors", append(head, 3, 1), nil},
		{"one component", append(head, 1, 1, 0x22, 0), [][2]int{{2, 2}}},
		{"three components", append(head, 3, 1, 0x21, 0, 2, 0x11, 1, 3, 0x11, 1), [][2]int{{2, 1}, {1, 1}, {1, 1}}},
		{"second cut before its factors", append(head, 3, 1, 0x21, 0, 2), [][2]int{{2, 1}}},
		{"factors clamped", append(head, 2, 1, 0x00, 0, 2, 0xF5, 0), [][2]int{{1, 1}, {4, 4}}},
		{"at most four", append(head, 5, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0, 4, 0x12, 0, 5, 0x44, 0), [][2]int{{1, 1}, {1, 1}, {1, 1}, {1, 2}}},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, frameSampling(tt.body), tt.name)
	}
}

// TestSkipEntropyData skips stuffed bytes (FF 00) and restart markers
// (FF D0 to FF D7) in entropy-coded data and stops at any other marker,
// or at the end, also when the data ends in a lone FF (T.81 §B.1.1.5).
func TestSkipEntropyData(t *testing.T) {
	tests := []struct {
		name string
		b    []byte
		from int
		want int
	}{
		{"no marker", []byte{1, 2, 3}, 0, 3},
		{"lone FF at the end", []byte{0, 0xFF}, 0, 2},
		{"stuffed and restarts, then DHT", []byte{0xFF, 0x00, 0xFF, 0xD0, 7, 0xFF, 0xD7, 0xFF, 0xC4}, 0, 7},
		{"CF is a marker", []byte{5, 0xFF, 0xCF}, 0, 1},
		{"D8 is a marker", []byte{5, 0xFF, 0xD8}, 0, 1},
		{"from an offset", []byte{0xFF, 0xD9, 1, 0xFF, 0xD9}, 2, 3},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, skipEntropyData(tt.b, tt.from), tt.name)
	}
}
