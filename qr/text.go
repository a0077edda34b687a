package qr

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// Character set names of [Result.Charset] (IANA names).
const (
	CharsetUTF8     = "UTF-8"
	CharsetLatin1   = "ISO-8859-1"
	CharsetShiftJIS = "Shift_JIS"
	CharsetASCII    = "US-ASCII"
	CharsetGB2312   = "GB2312"
)

// charset is a character set a byte segment may be in.
type charset struct {
	name string
	enc  encoding.Encoding // nil: UTF-8 or US-ASCII, checked without a decoder
}

// eciCharsets maps ECI assignment numbers to character sets, as the AIM
// ECI specification (ITS/04-001) assigns them and ISO/IEC 18004:2015
// §7.4.3 uses them: 000000 and 000002 are code page 437, 000001 and
// 000003 ISO-8859-1, 000026 UTF-8. An ECI outside the table is refused.
var eciCharsets = map[int]charset{
	0: {"IBM437", charmap.CodePage437}, 2: {"IBM437", charmap.CodePage437},
	1: {CharsetLatin1, charmap.ISO8859_1}, 3: {CharsetLatin1, charmap.ISO8859_1},
	4: {"ISO-8859-2", charmap.ISO8859_2}, 5: {"ISO-8859-3", charmap.ISO8859_3},
	6: {"ISO-8859-4", charmap.ISO8859_4}, 7: {"ISO-8859-5", charmap.ISO8859_5},
	8: {"ISO-8859-6", charmap.ISO8859_6}, 9: {"ISO-8859-7", charmap.ISO8859_7},
	10: {"ISO-8859-8", charmap.ISO8859_8}, 11: {"ISO-8859-9", charmap.ISO8859_9},
	12: {"ISO-8859-10", charmap.ISO8859_10}, 13: {"TIS-620", charmap.Windows874},
	15: {"ISO-8859-13", charmap.ISO8859_13}, 16: {"ISO-8859-14", charmap.ISO8859_14},
	17: {"ISO-8859-15", charmap.ISO8859_15}, 18: {"ISO-8859-16", charmap.ISO8859_16},
	20: {CharsetShiftJIS, japanese.ShiftJIS}, 21: {"windows-1250", charmap.Windows1250},
	22: {"windows-1251", charmap.Windows1251}, 23: {"windows-1252", charmap.Windows1252},
	24: {"windows-1256", charmap.Windows1256}, 25: {"UTF-16BE", unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)},
	26: {CharsetUTF8, nil}, 27: {CharsetASCII, nil}, 170: {CharsetASCII, nil},
	28: {"Big5", traditionalchinese.Big5}, 29: {"GB18030", simplifiedchinese.GB18030},
	30: {"EUC-KR", korean.EUCKR},
}

// gb2312 decodes the GB 2312 bytes of Hanzi segments; GBK is a superset.
var gb2312 = simplifiedchinese.GBK

var (
	utf8Charset     = charset{CharsetUTF8, nil}
	latin1Charset   = charset{CharsetLatin1, charmap.ISO8859_1}
	shiftJISCharset = charset{CharsetShiftJIS, japanese.ShiftJIS}
)

// decodeBytes converts b from cs to UTF-8; ok is false when b is not
// valid in cs, so that no byte is ever replaced by U+FFFD.
func decodeBytes(b []byte, cs charset) (string, bool) {
	switch {
	case cs.name == CharsetUTF8:
		return string(b), utf8.Valid(b)
	case cs.name == CharsetASCII:
		for _, c := range b {
			if c >= 0x80 {
				return "", false
			}
		}
		return string(b), true
	}
	out, err := cs.enc.NewDecoder().Bytes(b)
	if err != nil || !utf8.Valid(out) || strings.ContainsRune(string(out), utf8.RuneError) {
		return "", false
	}
	return string(out), true
}

// guessCharset decides the character set of a byte segment without ECI.
// ISO/IEC 18004:2015 §7.4.5 makes ISO-8859-1 the default; the 2000
// edition made it JIS8, and symbols of both kinds exist, as do UTF-8
// symbols without ECI. The rules are those of zxing's
// StringUtils.guessCharset: a UTF-8 byte order mark or any valid
// multi-byte UTF-8 sequence means UTF-8; a run of 3 double-byte or
// half-width katakana Shift_JIS characters means Shift_JIS; when both
// ISO-8859-1 and Shift_JIS fit, exactly two katakana in a row or 10% of
// bytes in ISO-8859-1's symbols range mean Shift_JIS; otherwise the first
// that fits of ISO-8859-1, Shift_JIS and UTF-8. ok is false when none
// fits.
func guessCharset(b []byte) (charset, bool) {
	u := scanUTF8(b)
	if u.valid && u.multi > 0 { // a byte order mark is itself a multi-byte sequence
		return utf8Charset, true
	}
	s := scanShiftJIS(b)
	if s.valid && (s.maxKatakanaRun >= 3 || s.maxDoubleRun >= 3) {
		return shiftJISCharset, true
	}
	latin1, high := scanLatin1(b)
	switch {
	case latin1 && s.valid:
		if (s.maxKatakanaRun == 2 && s.katakana == 2) || high*10 >= len(b) {
			return shiftJISCharset, true
		}
		return latin1Charset, true
	case latin1:
		return latin1Charset, true
	case s.valid:
		return shiftJISCharset, true
	case u.valid:
		return utf8Charset, true
	}
	return charset{}, false
}

type utf8Scan struct {
	valid bool
	multi int // multi-byte sequences
}

// scanUTF8 checks the UTF-8 structure the way zxing does (lead and
// continuation bytes only, no check of overlong forms, which
// utf8.Valid does later).
func scanUTF8(b []byte) utf8Scan {
	s := utf8Scan{valid: true}
	left := 0
	for _, c := range b {
		switch {
		case left > 0:
			if c&0xC0 != 0x80 {
				return utf8Scan{}
			}
			left--
		case c < 0x80:
		case c&0xE0 == 0xC0:
			left, s.multi = 1, s.multi+1
		case c&0xF0 == 0xE0:
			left, s.multi = 2, s.multi+1
		case c&0xF8 == 0xF0:
			left, s.multi = 3, s.multi+1
		default:
			return utf8Scan{}
		}
	}
	if left > 0 {
		return utf8Scan{}
	}
	return s
}

type sjisScan struct {
	valid                        bool
	katakana                     int
	maxKatakanaRun, maxDoubleRun int
}

// scanShiftJIS checks the Shift_JIS structure: single bytes, half-width
// katakana A1–DF, and double-byte characters with a lead byte 81–9F or
// E0–EF and a trail byte 40–FC other than 7F.
func scanShiftJIS(b []byte) sjisScan {
	s := sjisScan{valid: true}
	trail := false
	kRun, dRun := 0, 0
	for _, c := range b {
		switch {
		case trail:
			if c < 0x40 || c == 0x7F || c > 0xFC {
				return sjisScan{}
			}
			trail = false
		case c == 0x80 || c == 0xA0 || c > 0xEF:
			return sjisScan{}
		case c > 0xA0 && c < 0xE0:
			s.katakana++
			kRun, dRun = kRun+1, 0
			s.maxKatakanaRun = max(s.maxKatakanaRun, kRun)
		case c > 0x7F:
			trail = true
			kRun, dRun = 0, dRun+1
			s.maxDoubleRun = max(s.maxDoubleRun, dRun)
		default:
			kRun, dRun = 0, 0
		}
	}
	if trail {
		return sjisScan{}
	}
	return s
}

// scanLatin1 reports whether b can be ISO-8859-1 text (no C1 controls)
// and counts its bytes in the symbols range A0–BF, × and ÷.
func scanLatin1(b []byte) (ok bool, high int) {
	for _, c := range b {
		switch {
		case c >= 0x80 && c < 0xA0:
			return false, 0
		case c >= 0xA0 && (c < 0xC0 || c == 0xD7 || c == 0xF7):
			high++
		}
	}
	return true, high
}
