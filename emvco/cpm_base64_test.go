package emvco

import (
	"encoding/base64"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checkBase64AgainstStdlib holds decodeBase64 to encoding/base64's strict
// decoder, which differs only in skipping CR and LF.
func checkBase64AgainstStdlib(t *testing.T, s string) {
	t.Helper()
	var dst []byte
	if len(s)%8 == 0 {
		dst = make([]byte, 0, len(s)) // room: decode in place
	}
	got, bad := decodeBase64(dst, s)
	want, err := base64.StdEncoding.Strict().DecodeString(s)
	if strings.ContainsAny(s, "\r\n") {
		require.GreaterOrEqual(t, bad, 0, "%q: line breaks must be refused", s)
		return
	}
	if err != nil || s == "" {
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
		"QUJD=QUJ", "QR==", "QUJ=", "QUK=", "_-==", "QUJD\r\n", cpmB1, cpmB2,
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
		{"QUJDQR==", 5}, // padding bits not zero
		{"QUJDQUK=", 6},
		{"QUJDQUJ", 4}, // short last quantum
		{"QUJD\nQUJ", 4},
	} {
		_, bad := decodeBase64(nil, tt.in)
		assert.Equal(t, tt.bad, bad, tt.in)
	}
}

func FuzzDecodeBase64(f *testing.F) {
	for _, s := range []string{"", "QUJD", "QQ==", "QUI=", cpmB1, cpmB2, "QUJD\r\n"} {
		f.Add(s)
	}
	f.Fuzz(checkBase64AgainstStdlib)
}
