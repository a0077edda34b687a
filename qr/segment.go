package qr

import (
	"fmt"
	"strings"
	"unicode/utf8"

	goqr "github.com/piglig/go-qr"
)

// eciUTF8 is the ECI designator of UTF-8 (EMV MPM v1.1 §4.12).
const eciUTF8 = 26

// isEMVCo reports whether text looks like an EMVCo payload: MPM starts
// with the payload format indicator "0002", CPM with "hQVDUFY".
func isEMVCo(text string) bool {
	return strings.HasPrefix(text, "0002") || strings.HasPrefix(text, "hQVDUFY")
}

// needsECI reports a character outside the ans set (printable ASCII).
func needsECI(text string) bool {
	for i := 0; i < len(text); i++ {
		if text[i] < 0x20 || text[i] > 0x7E {
			return true
		}
	}
	return false
}

// segments builds the QR segments for text. eci reports whether an ECI
// segment was added.
func segments(text string, o *Options) (segs []*goqr.QrSegment, eci bool, err error) {
	if !utf8.ValidString(text) {
		return nil, false, fmt.Errorf("%w: text is not valid utf-8", ErrOptions)
	}
	if needsECI(text) && !o.NoECI {
		s, err := goqr.MakeEci(eciUTF8)
		if err != nil {
			return nil, false, err
		}
		segs, eci = append(segs, s), true
	}
	mode := o.Mode
	if mode == ModeAuto {
		mode = ModeCompact
		if isEMVCo(text) {
			mode = ModeEMVCo
		}
	}
	if mode == ModeEMVCo {
		s, err := goqr.MakeBytes([]byte(text))
		return append(segs, s), eci, err
	}
	more, err := compactSegments(text)
	return append(segs, more...), eci, err
}

// Character classes of the compact segmenter.
const (
	classNumeric = iota
	classAlnum
	classByte
)

func classOf(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return classNumeric
	case strings.IndexByte(alnumCharset, c) >= 0:
		return classAlnum
	}
	return classByte
}

const alnumCharset = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"

// compactSegments splits text into numeric, alphanumeric and byte runs. A
// short run of a denser class next to a wider one is not worth its own
// segment header, so it joins that neighbour: numeric runs under 7 digits
// and alphanumeric runs under 11 characters. Never Kanji.
func compactSegments(text string) ([]*goqr.QrSegment, error) {
	runs := splitRuns(text)
	runs = merge(runs, classNumeric, 7)
	runs = merge(runs, classAlnum, 11)
	segs := make([]*goqr.QrSegment, 0, len(runs))
	for _, r := range runs {
		var s *goqr.QrSegment
		var err error
		switch r.class {
		case classNumeric:
			s, err = goqr.MakeNumeric(r.text)
		case classAlnum:
			s, err = goqr.MakeAlphanumeric(r.text)
		default:
			s, err = goqr.MakeBytes([]byte(r.text))
		}
		if err != nil {
			return nil, err
		}
		segs = append(segs, s)
	}
	return segs, nil
}

type run struct {
	class int
	text  string
}

func splitRuns(text string) []run {
	var runs []run
	for i := 0; i < len(text); {
		c := classOf(text[i])
		j := i + 1
		for j < len(text) && classOf(text[j]) == c {
			j++
		}
		runs = append(runs, run{c, text[i:j]})
		i = j
	}
	return runs
}

// merge widens a short run of class c into the cheapest wider class of
// its neighbours (a short run between denser ones keeps its class), then
// joins neighbours of one class.
func merge(runs []run, c, min int) []run {
	for i := range runs {
		if runs[i].class != c || len(runs[i].text) >= min {
			continue
		}
		wider := classByte + 1
		for _, j := range []int{i - 1, i + 1} {
			if j >= 0 && j < len(runs) && runs[j].class > c && runs[j].class < wider {
				wider = runs[j].class
			}
		}
		if wider <= classByte {
			runs[i].class = wider
		}
	}
	out := runs[:0]
	for _, r := range runs {
		if n := len(out); n > 0 && out[n-1].class == r.class {
			out[n-1].text += r.text
			continue
		}
		out = append(out, r)
	}
	return out
}
