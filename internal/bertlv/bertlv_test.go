package bertlv

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRead(t *testing.T) {
	tests := []struct {
		name  string
		in    []byte
		tag   Tag
		value []byte
		end   int
	}{
		{"one-byte tag", []byte{0x4F, 0x02, 0xA0, 0x00}, 0x4F, []byte{0xA0, 0x00}, 4},
		{"two-byte tag", []byte{0x5F, 0x20, 0x01, 'A'}, 0x5F20, []byte{'A'}, 4},
		{"three-byte tag", []byte{0x9F, 0x81, 0x01, 0x00}, 0x9F8101, []byte{}, 4},
		{"0x81 length", append([]byte{0x50, 0x81, 0x80}, make([]byte, 0x80)...), 0x50, make([]byte, 0x80), 0x83},
		{"0x82 length", append([]byte{0x50, 0x82, 0x01, 0x00}, make([]byte, 0x100)...), 0x50, make([]byte, 0x100), 0x104},
	}
	for _, tt := range tests {
		o, err := Read(tt.in, 0)
		require.NoError(t, err, tt.name)
		assert.Equal(t, tt.tag, o.Tag, tt.name)
		assert.Equal(t, tt.value, o.Value, tt.name)
		assert.Equal(t, tt.end, o.End, tt.name)
		again := AppendLength(AppendTag(nil, o.Tag), len(o.Value))
		assert.Equal(t, tt.in[:len(tt.in)-len(tt.value)], again, "%s re-encodes", tt.name)
	}
}

func TestReadRefusals(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want error
	}{
		{"empty", nil, ErrTruncated},
		{"tag cut", []byte{0x5F}, ErrTruncated},
		{"four-byte tag", []byte{0x9F, 0x81, 0x81, 0x01, 0x00}, ErrTag},
		{"no length", []byte{0x4F}, ErrTruncated},
		{"value cut", []byte{0x4F, 0x03, 0x01}, ErrTruncated},
		{"indefinite", []byte{0x61, 0x80}, ErrLength},
		{"0x83", []byte{0x61, 0x83, 0, 0, 1}, ErrLength},
		{"non-minimal 0x81", []byte{0x4F, 0x81, 0x05, 1, 2, 3, 4, 5}, ErrLength},
		{"non-minimal 0x82", []byte{0x4F, 0x82, 0x00, 0x05, 1, 2, 3, 4, 5}, ErrLength},
		{"0x82 cut", []byte{0x4F, 0x82, 0x01}, ErrTruncated},
	}
	for _, tt := range tests {
		_, err := Read(tt.in, 0)
		assert.ErrorIs(t, err, tt.want, tt.name)
		var e *Error
		assert.ErrorAs(t, err, &e, tt.name)
	}
}

func TestConstructedAndValidTag(t *testing.T) {
	assert.True(t, Tag(0x61).Constructed())
	assert.True(t, Tag(0xBF0C).Constructed())
	assert.False(t, Tag(0x5F20).Constructed())
	assert.False(t, Tag(0x4F).Constructed())
	assert.True(t, ValidTag(0x9F08))
	assert.False(t, ValidTag(0x9F), "continuation announced but missing")
	assert.False(t, ValidTag(0x5F80), "continuation byte with its top bit set must be followed")
	assert.Equal(t, 3, LengthSize(0x100))
}

func FuzzRead(f *testing.F) {
	f.Add([]byte{0x85, 0x05, 'C', 'P', 'V', '0', '1'})
	f.Add([]byte{0x5F, 0x20, 0x81, 0x80})
	f.Fuzz(func(t *testing.T, data []byte) {
		o, err := Read(data, 0)
		if err != nil {
			return
		}
		enc := AppendLength(AppendTag(nil, o.Tag), len(o.Value))
		enc = append(enc, o.Value...)
		if !bytes.Equal(enc, data[:o.End]) {
			t.Fatalf("re-encode %x != %x", enc, data[:o.End])
		}
	})
}
