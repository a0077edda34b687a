package emvco

import (
	"strconv"
	"strings"

	"github.com/qrbridge/qrbridge/internal/bertlv"
)

// cpmPrefix is base64 of 85 05 "CPV": every EMV CPM payload starts with
// it (CPM v1.0 §3.2; research notes §2.1).
const cpmPrefix = "hQVDUFY"

// cpmMaxText bounds the text: the most a QR symbol carries in byte mode
// (version 40, level L). It keeps offsets and counts in 16 bits and the
// work per payload small.
const cpmMaxText = 2953

// ParseCPM decodes a consumer-presented payload: base64 (RFC 4648, standard
// alphabet, padded) carrying BER-TLV (EMV QRCPS CPM v1.0). It checks:
//
//   - the text starts "hQVDUFY", decodes strictly, and is BER-TLV with
//     definite, minimal lengths;
//   - tag 85 comes first and holds "CPV01";
//   - one or two application templates 61 follow, then at most one common
//     data template 62, then any other templates (kept, not parsed);
//   - each 61 has an ADF name (4F) of 5 to 16 bytes and, with 62, a Track 2
//     (57) or PAN (5A); no primitive is in both a 61 and the 62 (§5.1.1.10:
//     any application may be chosen, so every one must merge cleanly);
//   - no tag repeats within a template, and the known objects are well
//     formed (Table 6.1): 57, 5A, 50, 5F20, 5F2D, 9F08, 9F19, 9F24, 9F25.
//
// Transparent templates 63 and 64 and unknown objects are kept as they
// are. Errors are [*ParseError] values whose Offset is a byte offset in the
// decoded binary (in the text, for text that is not base64) and whose Path
// is a tag path such as "61.57"; they never contain card data.
func ParseCPM(s string) (*CPM, error) {
	if !strings.HasPrefix(s, cpmPrefix) {
		return nil, &ParseError{Err: because(ErrSyntax, "not an emv consumer-presented payload (does not start with hQVDUFY)")}
	}
	c := &CPM{text: s}
	if err := c.decode(); err != nil {
		return nil, err
	}
	c.objs = c.inline[:0]
	if err := c.readTop(); err != nil {
		return nil, err
	}
	if err := c.checkApplications(); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *CPM) decode() error {
	if len(c.text) > cpmMaxText {
		return &ParseError{Offset: cpmMaxText, Err: because(ErrLength, "payload is longer than a qr code can hold")}
	}
	data, bad := decodeBase64(c.small[:0], c.text)
	if bad >= 0 {
		return &ParseError{Offset: bad, Err: because(ErrSyntax, "text is not padded standard base64")}
	}
	c.data = data
	return nil
}

// cpmPhase orders the top level: 85, then 61s, then 62, then others.
type cpmPhase uint8

const (
	phaseFormat cpmPhase = iota
	phaseApps
	phaseCommon
	phaseOther
)

func (c *CPM) readTop() error {
	phase, apps := phaseFormat, 0
	for off := 0; off < len(c.data); {
		o, err := bertlv.Read(c.data, off)
		if err != nil {
			return berError(err, "")
		}
		if phase, err = c.nextPhase(phase, o, &apps); err != nil {
			return err
		}
		idx := c.push(o, -1)
		if o.Tag == CPMTagApplication || o.Tag == CPMTagCommon {
			if err := c.readTemplate(idx, o); err != nil {
				return err
			}
		}
		off = o.End
	}
	if apps == 0 {
		return &ParseError{Offset: len(c.data), Path: "61", Err: because(ErrMissing, "no application template")}
	}
	return nil
}

// nextPhase checks that object o may come at this point of the payload.
func (c *CPM) nextPhase(phase cpmPhase, o bertlv.Object, apps *int) (cpmPhase, error) {
	switch {
	case phase == phaseFormat && o.Tag != CPMTagFormat:
		return phase, &ParseError{Offset: o.Offset, Path: "85", Err: because(ErrSyntax, "first object is not the payload format indicator 85")}
	case phase == phaseFormat:
		if string(o.Value) != "CPV01" {
			return phase, &ParseError{Offset: o.Offset, Path: "85", Err: because(ErrFormat, "payload format indicator is not CPV01")}
		}
		return phaseApps, nil
	case o.Tag == CPMTagFormat:
		return phase, &ParseError{Offset: o.Offset, Path: "85", Err: because(ErrDuplicate, "payload format indicator repeated")}
	case o.Tag == CPMTagApplication:
		*apps++
		if phase != phaseApps || *apps > 2 {
			return phase, &ParseError{Offset: o.Offset, Path: "61", Err: because(ErrFormat, "application templates must be one or two, right after 85")}
		}
		return phaseApps, nil
	case o.Tag == CPMTagCommon:
		if phase != phaseApps || *apps == 0 {
			return phase, &ParseError{Offset: o.Offset, Path: "62", Err: because(ErrFormat, "common data template must follow the application templates, once")}
		}
		return phaseCommon, nil
	}
	return phaseOther, nil
}

// readTemplate reads the objects of a 61 or 62 as its children; nested
// templates (63, 64, others) stay opaque.
func (c *CPM) readTemplate(idx int, t bertlv.Object) error {
	base := t.End - len(t.Value)
	var seen uint64 // a filter of the tags met: a clear bit means a new tag
	for off := base; off < t.End; {
		o, err := bertlv.Read(c.data[:t.End], off)
		if err != nil {
			return berError(err, tagPath(t.Tag))
		}
		bit := uint64(1) << (uint32(o.Tag) * 0x9E3779B1 >> 26)
		if seen&bit != 0 && c.find(idx, o.Tag) >= 0 {
			return &ParseError{Offset: o.Offset, Path: childPath(t.Tag, o.Tag), Err: because(ErrDuplicate, "tag repeated in the template")}
		}
		if err := checkCPMValue(o, t.Tag); err != nil {
			return err
		}
		seen |= bit
		c.push(o, idx)
		c.objs[idx].kids++
		off = o.End
	}
	return nil
}

// push appends an object and returns its index. Like Payload.push, it
// sets each field in place: building the object in a temporary and
// copying it costs a store-forwarding stall. objs only grows, so the new
// slot is zero: kids starts at 0.
func (c *CPM) push(o bertlv.Object, parent int) int {
	n := grow(&c.objs)
	n.tag, n.start, n.end = o.Tag, uint16(o.End-len(o.Value)), uint16(o.End)
	n.off, n.parent = uint16(o.Offset), int16(parent)
	return len(c.objs) - 1
}

// checkApplications applies the per-application rules: an ADF name of 5
// to 16 bytes, card data in the application or the common template, and
// no primitive shared with the common template. Each template is read
// once.
func (c *CPM) checkApplications() error {
	common := c.first(CPMTagCommon)
	commonCard := common >= 0 && c.facts(common).card
	for i := 0; i < len(c.objs); i += 1 + int(c.objs[i].kids) {
		if c.objs[i].tag != CPMTagApplication {
			continue
		}
		at, f := int(c.objs[i].off), c.facts(i)
		switch {
		case f.aidLen < 0:
			return &ParseError{Offset: at, Path: "61.4F", Err: because(ErrMissing, "application has no adf name")}
		case f.aidLen < 5 || f.aidLen > 16:
			return &ParseError{Offset: at, Path: "61.4F", Err: because(ErrLength, "adf name is not 5 to 16 bytes")}
		case !f.card && !commonCard:
			return &ParseError{Offset: at, Path: "61", Err: because(ErrMissing, "neither track 2 (57) nor pan (5A) for the application")}
		}
		if err := c.checkMerge(i, common); err != nil {
			return err
		}
	}
	return nil
}

// first returns the index of the first top-level object with the tag, or
// -1.
func (c *CPM) first(tag bertlv.Tag) int {
	for i := 0; i < len(c.objs); i += 1 + int(c.objs[i].kids) {
		if c.objs[i].tag == tag {
			return i
		}
	}
	return -1
}

// templateFacts is what checkApplications needs of a template: the length
// of its ADF name (-1 if none) and whether it holds card data (57 or 5A).
type templateFacts struct {
	aidLen int
	card   bool
}

func (c *CPM) facts(i int) templateFacts {
	f := templateFacts{aidLen: -1}
	for k := i + 1; k <= i+int(c.objs[i].kids); k++ {
		switch c.objs[k].tag {
		case CPMTagADFName:
			f.aidLen = len(c.value(k))
		case CPMTagTrack2, CPMTagPAN:
			f.card = true
		}
	}
	return f
}

// checkMerge refuses a primitive present in both the application template
// app and the common template common (-1 if none) (CPM v1.0 §5.1.1.10).
func (c *CPM) checkMerge(app, common int) error {
	if common < 0 {
		return nil
	}
	for k := app + 1; k <= app+int(c.objs[app].kids); k++ {
		o := c.objs[k]
		if !o.tag.Constructed() && c.find(common, o.tag) >= 0 {
			return &ParseError{Offset: int(o.off), Path: "61." + tagPath(o.tag), Err: because(ErrDuplicate, "primitive in both the application and the common data template")}
		}
	}
	return nil
}

// childPath is the tag path of child inside parent: "61.57".
func childPath(parent, child bertlv.Tag) string {
	return tagPath(parent) + "." + tagPath(child)
}

// tagPath writes a tag as uppercase hex: "5F20".
func tagPath(t bertlv.Tag) string {
	return strings.ToUpper(strconv.FormatUint(uint64(t), 16))
}

func berError(err error, parent string) error {
	be, _ := err.(*bertlv.Error)
	pe := &ParseError{Path: parent, Err: because(ErrSyntax, "not well-formed ber-tlv")}
	if be != nil {
		pe.Offset = be.Offset
		if be.Err == bertlv.ErrLength || be.Err == bertlv.ErrTruncated {
			pe.Err = because(ErrLength, strings.TrimPrefix(be.Err.Error(), "bertlv: "))
		}
	}
	return pe
}
