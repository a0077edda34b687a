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

// TestLengthBoundaries holds each length form to its minimal range, both
// ways: Read refuses the non-minimal form and AppendLength writes the
// minimal one.
func TestLengthBoundaries(t *testing.T) {
	for _, tt := range []struct {
		n    int
		enc  []byte
		size int
	}{
		{0, []byte{0x00}, 1},
		{0x7F, []byte{0x7F}, 1},
		{0x80, []byte{0x81, 0x80}, 2},
		{0xFF, []byte{0x81, 0xFF}, 2},
		{0x100, []byte{0x82, 0x01, 0x00}, 3},
		{0xFFFF, []byte{0x82, 0xFF, 0xFF}, 3},
	} {
		assert.Equal(t, tt.enc, AppendLength(nil, tt.n), "%#x", tt.n)
		assert.Equal(t, tt.size, LengthSize(tt.n), "%#x", tt.n)
		in := append(append([]byte{0x50}, tt.enc...), make([]byte, tt.n)...)
		o, err := Read(in, 0)
		require.NoError(t, err, "%#x", tt.n)
		assert.Len(t, o.Value, tt.n)
		assert.Equal(t, len(in), o.End)
	}
	for _, enc := range [][]byte{{0x81, 0x7F}, {0x81, 0x00}, {0x82, 0x00, 0xFF}, {0x82, 0x00, 0x00}, {0x84, 0, 0, 0, 1}, {0xFF}} {
		_, err := Read(append([]byte{0x50}, append(enc, make([]byte, 0x100)...)...), 0)
		assert.ErrorIs(t, err, ErrLength, "% X", enc)
	}
}

// TestOffsets: errors and objects carry the offset of the object's tag in
// the whole input, not in the slice read.
func TestOffsets(t *testing.T) {
	data := []byte{0x4F, 0x01, 0xA0, 0x5F, 0x20, 0x02, 'A', 'B', 0x9F, 0x81, 0x01, 0x00, 0x57, 0x05, 0x01}
	o, err := Read(data, 3)
	require.NoError(t, err)
	assert.Equal(t, Object{Tag: 0x5F20, Value: []byte("AB"), Offset: 3, End: 8}, o)
	o, err = Read(data, 8)
	require.NoError(t, err)
	assert.Equal(t, Tag(0x9F8101), o.Tag)
	assert.Equal(t, 12, o.End)
	for _, tt := range []struct {
		data []byte
		off  int
		want error
	}{
		{data, 12, ErrTruncated},                    // the 57 value is cut
		{data, len(data), ErrTruncated},             // nothing left
		{[]byte{0x4F, 0x00, 0x9F}, 2, ErrTruncated}, // a tag cut after its first byte
		{[]byte{0x4F, 0x00, 0x9F, 0x81}, 2, ErrTruncated},
		{[]byte{0x4F, 0x00, 0x9F, 0x81, 0x81, 0x01}, 2, ErrTag},
		{[]byte{0x4F, 0x00, 0x50, 0x81}, 2, ErrTruncated},
		{[]byte{0x4F, 0x00, 0x50, 0x82, 0x01}, 2, ErrTruncated},
	} {
		_, err := Read(tt.data, tt.off)
		require.ErrorIs(t, err, tt.want, "% X at %d", tt.data, tt.off)
		var e *Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, tt.off, e.Offset, "% X", tt.data)
		assert.Equal(t, tt.want.Error(), e.Error())
		assert.Equal(t, tt.want, e.Unwrap())
	}
}

func TestTags(t *testing.T) {
	for _, tt := range []struct {
		tag         Tag
		enc         []byte
		valid       bool
		constructed bool
	}{
		{0x4F, []byte{0x4F}, true, false},
		{0x61, []byte{0x61}, true, true},
		{0x5F20, []byte{0x5F, 0x20}, true, false},
		{0xBF0C, []byte{0xBF, 0x0C}, true, true},
		{0x9F8101, []byte{0x9F, 0x81, 0x01}, true, false},
		{0xFF8101, []byte{0xFF, 0x81, 0x01}, true, true},
		{0x7F8101, []byte{0x7F, 0x81, 0x01}, true, true},
		{0x9F, []byte{0x9F}, false, false},         // continuation announced, missing
		{0x9F81, []byte{0x9F, 0x81}, false, false}, // second byte announces a third
		{0x5F80, []byte{0x5F, 0x80}, false, false},
		{0x4F20, []byte{0x4F, 0x20}, false, false}, // a one-byte tag has no second byte
		{0x9F8181, []byte{0x9F, 0x81, 0x81}, false, false},
		{0x5F8101, []byte{0x5F, 0x81, 0x01}, true, false},
	} {
		assert.Equal(t, tt.enc, AppendTag(nil, tt.tag), "%X", uint32(tt.tag))
		assert.Equal(t, tt.valid, ValidTag(tt.tag), "%X", uint32(tt.tag))
		assert.Equal(t, tt.constructed, tt.tag.Constructed(), "%X", uint32(tt.tag))
	}
	assert.Equal(t, MaxLength, 0xFFFF)
	// AppendTag writes as many bytes as the value needs, at the bounds too
	// (these tags are not valid, so only AppendTag sees them).
	assert.Equal(t, []byte{0xFF}, AppendTag(nil, 0xFF))
	assert.Equal(t, []byte{0xFF, 0xFF}, AppendTag(nil, 0xFFFF))
	assert.Equal(t, []byte{0x01, 0x00}, AppendTag(nil, 0x100))
	assert.Equal(t, []byte{0x01, 0x00, 0x00}, AppendTag(nil, 0x10000))
}
