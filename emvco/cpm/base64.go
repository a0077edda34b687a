package cpm

import (
	"encoding/base64"
	"strings"
)

// strictBase64 is the alphabet of CPM payloads, padded (RFC 4648 §4; CPM
// v1.0 §3.2), refusing non-zero padding bits (RFC 4648 §3.5).
var strictBase64 = base64.StdEncoding.Strict()

// decodeBase64 decodes s strictly into dst's array when it has room, and
// a new one otherwise. encoding/base64 skips CR and LF, which a CPM
// payload must not hold, so decodeBase64 refuses them. On failure it
// returns the offset of the first character at fault (for non-zero
// padding bits, of the padding), else -1.
func decodeBase64(dst []byte, s string) (data []byte, bad int) {
	n := strictBase64.DecodedLen(len(s))
	buf := dst[:0:cap(dst)]
	if cap(buf) < n {
		buf = make([]byte, n)
	}
	m, err := strictBase64.Decode(buf[:n], []byte(s))
	bad = lineBreak(s)
	if err != nil {
		off := 0
		if e, ok := err.(base64.CorruptInputError); ok {
			off = int(e)
		}
		if bad < 0 || off < bad {
			bad = off
		}
	}
	if bad >= 0 {
		return nil, bad
	}
	return buf[:m], -1
}

// lineBreak returns the offset of the first CR or LF in s, or -1.
func lineBreak(s string) int {
	cr, lf := strings.IndexByte(s, '\r'), strings.IndexByte(s, '\n')
	if cr < 0 || lf >= 0 && lf < cr {
		return lf
	}
	return cr
}
