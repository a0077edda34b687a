package cpm

import (
	"strings"

	"github.com/qrbridge/qrbridge/emvco"
	"github.com/qrbridge/qrbridge/internal/bertlv"
)

// prefix is base64 of 85 05 "CPV": every EMV CPM payload starts with it
// (CPM v1.0 §3.2 and Table 3.1).
const prefix = "hQVDUFY"

// maxText bounds the text: the most a QR symbol carries in byte mode
// (version 40, level L; ISO/IEC 18004:2015 Table 7). It keeps offsets and
// counts in 16 bits and the work per payload small.
const maxText = 2953

// Parse decodes a consumer-presented payload: base64 (RFC 4648 §4,
// standard alphabet, padded) carrying BER-TLV (EMV QRCPS CPM v1.0). It
// checks:
//
//   - the text starts "hQVDUFY", decodes strictly (no line breaks, zero
//     padding bits), and is BER-TLV with definite, minimal lengths;
//   - tag 85 comes first and holds "CPV01" (§3.2);
//   - one or two application templates 61 follow, then at most one common
//     data template 62, then any other templates, kept but not parsed;
//   - each 61 has an ADF name (4F) of 5 to 16 bytes and, itself or with
//     62, a Track 2 (57) or PAN (5A); no primitive is in both a 61 and the
//     62 (§5.1.1.10: any application may be chosen, so every one must merge
//     cleanly);
//   - no tag repeats within a template, and the known objects are well
//     formed (Table 6.1): 57, 5A, 50, 5F20, 5F2D, 9F08, 9F19, 9F24, 9F25.
//
// Errors are [*emvco.ParseError] values whose Offset is a byte offset in
// the decoded binary (in the text, for text that is not base64) and whose
// Path is a tag path such as "61.57"; they never contain card data.
func Parse(s string) (CPM, error) {
	if !strings.HasPrefix(s, prefix) {
		return CPM{}, parseError(0, "", emvco.ErrSyntax, "not an emv consumer-presented payload (does not start with hQVDUFY)")
	}
	p := &payload{text: s}
	if err := p.decode(); err != nil {
		return CPM{}, err
	}
	p.objs = p.inline[:0]
	if err := p.readTop(); err != nil {
		return CPM{}, err
	}
	if err := p.checkApplications(); err != nil {
		return CPM{}, err
	}
	return CPM{p}, nil
}

func (p *payload) decode() error {
	if len(p.text) > maxText {
		return parseError(maxText, "", emvco.ErrLength, "payload is longer than a qr code can hold")
	}
	data, bad := decodeBase64(p.small[:0], p.text)
	if bad >= 0 {
		return parseError(bad, "", emvco.ErrSyntax, "text is not padded standard base64")
	}
	p.data = data
	return nil
}

// phase orders the top level: 85, then 61s, then 62, then others.
type phase uint8

const (
	phaseFormat phase = iota
	phaseApps
	phaseCommon
	phaseOther
)

func (p *payload) readTop() error {
	ph, apps := phaseFormat, 0
	for off := 0; off < len(p.data); {
		o, err := bertlv.Read(p.data, off)
		if err != nil {
			return berError(err, "")
		}
		if ph, err = nextPhase(ph, o, &apps); err != nil {
			return err
		}
		idx := p.push(o)
		if o.Tag == bertlv.Tag(TagApplication) || o.Tag == bertlv.Tag(TagCommon) {
			if err := p.readTemplate(idx, o); err != nil {
				return err
			}
		}
		off = o.End
	}
	if apps == 0 {
		return parseError(len(p.data), "61", emvco.ErrMissing, "no application template")
	}
	return nil
}

// nextPhase checks that object o may come at this point of the payload.
func nextPhase(ph phase, o bertlv.Object, apps *int) (phase, error) {
	switch tag := Tag(o.Tag); {
	case ph == phaseFormat && tag != TagFormat:
		return ph, parseError(o.Offset, "85", emvco.ErrSyntax, "first object is not the payload format indicator 85")
	case ph == phaseFormat:
		if string(o.Value) != "CPV01" {
			return ph, parseError(o.Offset, "85", emvco.ErrFormat, "payload format indicator is not CPV01")
		}
		return phaseApps, nil
	case tag == TagFormat:
		return ph, parseError(o.Offset, "85", emvco.ErrDuplicate, "payload format indicator repeated")
	case tag == TagApplication:
		*apps++
		if ph != phaseApps || *apps > 2 {
			return ph, parseError(o.Offset, "61", emvco.ErrFormat, "application templates must be one or two, right after 85")
		}
		return phaseApps, nil
	case tag == TagCommon:
		if ph != phaseApps || *apps == 0 {
			return ph, parseError(o.Offset, "62", emvco.ErrFormat, "common data template must follow the application templates, once")
		}
		return phaseCommon, nil
	}
	return phaseOther, nil
}

// readTemplate reads the objects of a 61 or 62 as its children; nested
// templates (63, 64, others) stay opaque.
func (p *payload) readTemplate(idx int, t bertlv.Object) error {
	base := t.End - len(t.Value)
	var seen uint64 // a filter of the tags met: a clear bit means a new tag
	for off := base; off < t.End; {
		o, err := bertlv.Read(p.data[:t.End], off)
		if err != nil {
			return berError(err, Tag(t.Tag).String())
		}
		bit := uint64(1) << (uint32(o.Tag) * 0x9E3779B1 >> 26)
		if seen&bit != 0 && p.find(idx, o.Tag) >= 0 {
			return parseError(o.Offset, childPath(t.Tag, o.Tag), emvco.ErrDuplicate, "tag repeated in the template")
		}
		if err := checkValue(o, t.Tag); err != nil {
			return err
		}
		seen |= bit
		p.push(o)
		p.objs[idx].kids++
		off = o.End
	}
	return nil
}

// push appends an object and returns its index. objs only grows, so the
// new slot's kids is zero.
func (p *payload) push(o bertlv.Object) int {
	if len(p.objs) == cap(p.objs) {
		p.objs = append(p.objs, object{})
	} else {
		p.objs = p.objs[:len(p.objs)+1]
	}
	n := &p.objs[len(p.objs)-1]
	n.tag, n.start, n.end = o.Tag, uint16(o.End-len(o.Value)), uint16(o.End)
	n.off = uint16(o.Offset)
	return len(p.objs) - 1
}

// checkApplications applies the per-application rules: an ADF name of 5
// to 16 bytes, card data in the application or the common template, and
// no primitive shared with the common template. Each template is read
// once.
func (p *payload) checkApplications() error {
	common := p.next(0, bertlv.Tag(TagCommon))
	commonCard := common >= 0 && p.facts(common).card
	for i := p.next(0, bertlv.Tag(TagApplication)); i >= 0; i = p.next(i+1+int(p.objs[i].kids), bertlv.Tag(TagApplication)) {
		at, f := int(p.objs[i].off), p.facts(i)
		switch {
		case f.aidLen < 0:
			return parseError(at, "61.4F", emvco.ErrMissing, "application has no adf name")
		case f.aidLen < 5 || f.aidLen > 16:
			return parseError(at, "61.4F", emvco.ErrLength, "adf name is not 5 to 16 bytes")
		case !f.card && !commonCard:
			return parseError(at, "61", emvco.ErrMissing, "neither track 2 (57) nor pan (5A) for the application")
		}
		if err := p.checkMerge(i, common); err != nil {
			return err
		}
	}
	return nil
}

// templateFacts is what checkApplications needs of a template: the length
// of its ADF name (-1 if none) and whether it holds card data (57 or 5A).
type templateFacts struct {
	aidLen int
	card   bool
}

func (p *payload) facts(i int) templateFacts {
	f := templateFacts{aidLen: -1}
	for k := i + 1; k <= i+int(p.objs[i].kids); k++ {
		switch Tag(p.objs[k].tag) {
		case TagADFName:
			f.aidLen = len(p.value(k))
		case TagTrack2, TagPAN:
			f.card = true
		}
	}
	return f
}

// checkMerge refuses a primitive present in both the application template
// app and the common template common (-1 if none) (CPM v1.0 §5.1.1.10).
func (p *payload) checkMerge(app, common int) error {
	if common < 0 {
		return nil
	}
	for k := app + 1; k <= app+int(p.objs[app].kids); k++ {
		o := p.objs[k]
		if !o.tag.Constructed() && p.find(common, o.tag) >= 0 {
			return parseError(int(o.off), childPath(bertlv.Tag(TagApplication), o.tag), emvco.ErrDuplicate, "primitive in both the application and the common data template")
		}
	}
	return nil
}
