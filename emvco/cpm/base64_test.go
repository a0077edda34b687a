package cpm

import (
	"encoding/base64"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checkBase64AgainstStdlib holds decodeBase64 to encoding/base64's strict
// decoder, from which it differs only in refusing CR and LF, at their
// offset.
func checkBase64AgainstStdlib(t *testing.T, s string) {
	t.Helper()
	var dst []byte
	if len(s)%8 == 0 {
		dst = make([]byte, 0, len(s)) // room: decode in place
	}
	got, bad := decodeBase64(dst, s)
	want, err := base64.StdEncoding.Strict().DecodeString(s)
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		require.GreaterOrEqual(t, bad, 0, "%q: line breaks must be refused", s)
		require.LessOrEqual(t, bad, i, "%q: at the first line break or before", s)
		return
	}
	if err != nil {
		require.GreaterOrEqual(t, bad, 0, "%q: stdlib refuses it (%v)", s, err)
		require.LessOrEqual(t, bad, len(s))
		return
	}
	require.Equal(t, -1, bad, "%q: stdlib accepts it", s)
	require.Equal(t, want, got, "%q", s)
}

func TestDecodeBase64MatchesStdlib(t *testing.T) {
	for _, s := range []string{
		"", "A", "AA", "AAA", "AAAA", "AA==", "AAA=", "A===", "====", "AB==", "AAB=",
		"QQ==", "QUI=", "QUJD", "QUJDRA==", "QUJDRA=", "QUJD\nRA==", "QU=D", "QUJD====",
		"QUJD=QUJ", "QR==", "QUJ=", "QUK=", "_-==", "QUJD\r\n", annexB1, annexB2,
	} {
		checkBase64AgainstStdlib(t, s)
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		raw := make([]byte, r.IntN(240)) // up to 320 characters: many 16-character blocks
		for i := range raw {
			raw[i] = byte(r.Uint32())
		}
		s := []byte(base64.StdEncoding.EncodeToString(raw))
		if len(s) > 0 && r.IntN(2) == 0 { // corrupt one character
			s[r.IntN(len(s))] = "A=+/\n\r*Zz0"[r.IntN(10)]
		}
		checkBase64AgainstStdlib(t, string(s))
	}
}

func TestDecodeBase64Offsets(t *testing.T) {
	for _, tt := range []struct {
		in  string
		bad int
	}{
		{"QUJD*UJD", 4},
		{"QUJDQ*JD", 5},
		{"QUJDQU*=", 6},
		{"QUJDQR==", 6}, // padding bits not zero: the padding is at fault
		{"QUJDQUK=", 7},
		{"QUJDQUJ", 4}, // short last quantum
		{"QUJD\nQUJ", 4},
		{"QU\nJDQUJD", 2}, // a line break before a short quantum
		{"QUJDQ=JDQU", 5}, // padding before a short quantum
		{"QUJD\r\n", 4},
		{"QUJDQUJD\nQ*", 8},
		{"Q*JDQUJD\n", 1}, // a bad character before the line break
		{"\rQUJD", 0},
		{"\n\rQUJD", 0},
		{"\nQUJD", 0},
		{"QU\r\nJD", 2},
		{"QU\n\rJD", 2},
		{"QUJD\nQ\rJD", 4},
		{"QUJD\rQ\nJD", 4},
	} {
		_, bad := decodeBase64(nil, tt.in)
		assert.Equal(t, tt.bad, bad, tt.in)
	}
}

// TestDecodeBase64Room: decodeBase64 decodes into dst's array when its
// capacity holds the decoded length, exactly at that bound too, and into a
// new array when it is one byte short.
func TestDecodeBase64Room(t *testing.T) {
	const s = "QUJDRA==" // "ABCD": DecodedLen is 6
	n := base64.StdEncoding.DecodedLen(len(s))
	for _, tt := range []struct {
		cap     int
		inPlace bool
	}{
		{n + 1, true},
		{n, true},
		{n - 1, false},
	} {
		dst := make([]byte, 0, tt.cap)
		got, bad := decodeBase64(dst, s)
		require.Equal(t, -1, bad, "cap %d", tt.cap)
		require.Equal(t, []byte("ABCD"), got, "cap %d", tt.cap)
		assert.Equal(t, tt.inPlace, &got[0] == &dst[:1][0], "cap %d: decoded in dst's array", tt.cap)
	}
}

func FuzzDecodeBase64(f *testing.F) {
	for _, s := range []string{"", "QUJD", "QQ==", "QUI=", annexB1, annexB2, "QUJD\r\n"} {
		f.Add(s)
	}
	f.Fuzz(checkBase64AgainstStdlib)
}

// BenchmarkDecodeBase64 measures what the line-break check adds to
// encoding/base64's strict decoder, on the Annex B example.
func BenchmarkDecodeBase64(b *testing.B) {
	b.Run("decodeBase64", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(annexB2)))
		var dst [smallData]byte
		for b.Loop() {
			if _, bad := decodeBase64(dst[:0], annexB2); bad >= 0 {
				b.Fatal(bad)
			}
		}
	})
	b.Run("encoding/base64", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(annexB2)))
		strict := base64.StdEncoding.Strict()
		var dst [smallData]byte
		for b.Loop() {
			if _, err := strict.Decode(dst[:], []byte(annexB2)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
