package qr

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// content is what a symbol's data codewords hold, read by us rather than
// by gozxing so that the character set of each byte segment is decided
// as the standard says and no byte is replaced.
type content struct {
	text     []byte // UTF-8
	raw      []byte // the segments' bytes as stored
	charsets []string
	eci      bool
}

// errContent reports data codewords that do not parse as segments: an
// unknown mode indicator, an unknown ECI, or a segment cut short.
var errContent = errors.New("malformed segment data")

// parseContent reads the segments of a symbol's data codewords (ISO/IEC
// 18004:2015 §7.4): numeric, alphanumeric, byte, Kanji and Hanzi (GB/T
// 18284) segments, ECI designators, FNC1 and structured append headers.
func parseContent(data []byte, version int) (content, error) {
	p := contentParser{r: bitReader{b: data}, version: version}
	for p.r.left() >= 4 {
		ind := p.r.read(4)
		if ind == 0 { // terminator
			break
		}
		if err := p.segment(ind); err != nil {
			return p.c, err
		}
	}
	return p.c, nil
}

type contentParser struct {
	r       bitReader
	version int
	c       content
	cs      charset // the ECI's, once one was read
	fnc1    bool
}

func (p *contentParser) take(n int) (int, error) {
	if p.r.left() < n {
		return 0, fmt.Errorf("%w: %d bits left, %d needed", errContent, p.r.left(), n)
	}
	return p.r.read(n), nil
}

func (p *contentParser) segment(ind int) error {
	switch ind {
	case 7:
		return p.eciDesignator()
	case 5: // FNC1 in first position: GS1
		p.fnc1 = true
		return nil
	case 9: // FNC1 in second position, then an application indicator
		p.fnc1 = true
		_, err := p.take(8)
		return err
	case 3: // structured append: sequence and parity
		_, err := p.take(16)
		return err
	case 1, 2, 4, 8, 13:
		return p.counted(ind)
	}
	return fmt.Errorf("%w: mode indicator %04b", errContent, ind)
}

func (p *contentParser) eciDesignator() error {
	first, err := p.take(8)
	if err != nil {
		return err
	}
	v := first
	switch {
	case first&0x80 == 0:
	case first&0xC0 == 0x80:
		next, err := p.take(8)
		if err != nil {
			return err
		}
		v = (first&0x3F)<<8 | next
	case first&0xE0 == 0xC0:
		next, err := p.take(16)
		if err != nil {
			return err
		}
		v = (first&0x1F)<<16 | next
	default:
		return fmt.Errorf("%w: eci designator %#x", errContent, first)
	}
	cs, ok := eciCharsets[v]
	if !ok {
		return fmt.Errorf("%w: eci %06d is not a character set", errContent, v)
	}
	p.cs, p.c.eci = cs, true
	return nil
}

// counted reads a segment with a character count.
func (p *contentParser) counted(ind int) error {
	var m SegmentMode
	if ind == 13 { // Hanzi: a 4-bit subset, then a count as long as Kanji's
		subset, err := p.take(4)
		if err != nil {
			return err
		}
		if subset != 1 {
			return fmt.Errorf("%w: hanzi subset %d", errContent, subset)
		}
		m = SegmentKanji
	} else {
		m = modeOf(ind)
	}
	n, err := p.take(countBits(m, p.version))
	if err != nil {
		return err
	}
	switch ind {
	case 1:
		return p.numeric(n)
	case 2:
		return p.alphanumeric(n)
	case 4:
		return p.bytes(n)
	case 8:
		return p.double(n, 0xC0, 0x1F00, 0x8140, 0xC140, shiftJISCharset)
	}
	return p.double(n, 0x60, 0x0A00, 0xA1A1, 0xA6A1, charset{CharsetGB2312, gb2312})
}

func (p *contentParser) numeric(n int) error {
	for n > 0 {
		digits := min(n, 3)
		v, err := p.take([...]int{0, 4, 7, 10}[digits])
		if err != nil {
			return err
		}
		if v >= [...]int{0, 10, 100, 1000}[digits] {
			return fmt.Errorf("%w: numeric group %d", errContent, v)
		}
		var buf [3]byte
		for i := digits - 1; i >= 0; i-- {
			buf[i] = byte('0' + v%10)
			v /= 10
		}
		p.c.text = append(p.c.text, buf[:digits]...)
		p.c.raw = append(p.c.raw, buf[:digits]...)
		n -= digits
	}
	return nil
}

func (p *contentParser) alphanumeric(n int) error {
	start := len(p.c.text)
	for n > 0 {
		chars := min(n, 2)
		v, err := p.take([...]int{0, 6, 11}[chars])
		if err != nil {
			return err
		}
		if chars == 2 {
			if v >= 45*45 {
				return fmt.Errorf("%w: alphanumeric pair %d", errContent, v)
			}
			p.c.text = append(p.c.text, alnumCharset[v/45])
			v %= 45
		} else if v >= 45 {
			return fmt.Errorf("%w: alphanumeric character %d", errContent, v)
		}
		p.c.text = append(p.c.text, alnumCharset[v])
		n -= chars
	}
	if p.fnc1 { // "%" is GS, "%%" a percent sign (ISO/IEC 18004:2015 §7.4.8.2)
		seg := p.c.text[start:]
		out := seg[:0]
		for i := 0; i < len(seg); i++ {
			switch {
			case seg[i] != '%':
				out = append(out, seg[i])
			case i+1 < len(seg) && seg[i+1] == '%':
				out = append(out, '%')
				i++
			default:
				out = append(out, 0x1D)
			}
		}
		p.c.text = p.c.text[:start+len(out)]
	}
	p.c.raw = append(p.c.raw, p.c.text[start:]...)
	return nil
}

func (p *contentParser) bytes(n int) error {
	if p.r.left() < 8*n {
		return fmt.Errorf("%w: byte segment of %d bytes, %d bits left", errContent, n, p.r.left())
	}
	start := len(p.c.raw)
	for range n {
		p.c.raw = append(p.c.raw, byte(p.r.read(8)))
	}
	seg := p.c.raw[start:]
	cs, ok := p.cs, p.c.eci
	if !ok {
		if cs, ok = guessCharset(seg); !ok {
			return &CharsetError{Offset: start}
		}
	}
	return p.append(seg, cs, start)
}

// double reads Kanji (Shift_JIS) or Hanzi (GB2312) characters: 13 bits
// each, a quotient and remainder by div, offset by lowAdd below split and
// by highAdd above (ISO/IEC 18004:2015 §7.4.6).
func (p *contentParser) double(n, div, split, lowAdd, highAdd int, cs charset) error {
	if p.r.left() < 13*n {
		return fmt.Errorf("%w: %d double-byte characters, %d bits left", errContent, n, p.r.left())
	}
	start := len(p.c.raw)
	for range n {
		v := p.r.read(13)
		code := (v/div)<<8 | v%div
		if code < split {
			code += lowAdd
		} else {
			code += highAdd
		}
		p.c.raw = append(p.c.raw, byte(code>>8), byte(code))
	}
	return p.append(p.c.raw[start:], cs, start)
}

func (p *contentParser) append(seg []byte, cs charset, start int) error {
	s, ok := decodeBytes(seg, cs)
	if !ok {
		return &CharsetError{Offset: start, Charset: cs.name}
	}
	p.c.text = append(p.c.text, s...)
	if !slices.Contains(p.c.charsets, cs.name) {
		p.c.charsets = append(p.c.charsets, cs.name)
	}
	return nil
}

// charsetNames joins the distinct character set names, in order.
func (c content) charsetNames() string {
	return strings.Join(c.charsets, ",")
}
