package cpm

import (
	"iter"

	"github.com/qrbridge/qrbridge/internal/bertlv"
)

// CPM is a decoded consumer-presented payload: the payload format
// indicator (85), one or two application templates (61), an optional
// common data template (62) and any further templates, all kept in order.
//
// A CPM is a handle on the parsed data: copies share it. It is immutable
// and safe for concurrent use. The zero CPM holds nothing: Version is ""
// and it has no applications. It prints as a masked summary through every
// fmt verb, JSON and slog (see the package documentation); [CPM.Text]
// returns the payload itself.
type CPM struct{ p *payload }

// payload is what Parse decodes. It keeps a typical payload's objects and
// bytes inline, so that parsing one takes a single allocation.
type payload struct {
	text   string
	data   []byte // small[:n] for most payloads, its own array otherwise
	objs   []object
	inline [inlineObjects]object
	small  [smallData]byte
}

// inlineObjects is how many objects a payload holds without a further
// allocation; the specification's two-application example has 13.
const inlineObjects = 16

// smallData is how many decoded bytes a payload holds without a further
// allocation (base64 text of up to 256 characters; the specification's
// examples have 168). With inlineObjects it keeps a payload within 512
// bytes, the largest size the runtime allocates without a per-object type
// header.
const smallData = 192

// object is one data object; children follow their template.
type object struct {
	tag        bertlv.Tag
	start, end uint16 // value bytes in data
	off        uint16 // tag offset in data
	kids       uint16 // direct children (61 and 62 only)
}

// Text returns the parsed text, byte for byte: the lossless form of the
// payload. It encodes the card data, so treat it as the card itself;
// String gives the masked summary.
func (c CPM) Text() string {
	if c.p == nil {
		return ""
	}
	return c.p.text
}

// Version returns the payload format indicator, "CPV01".
func (c CPM) Version() string {
	if c.p == nil {
		return ""
	}
	return string(c.p.value(0))
}

func (p *payload) value(i int) []byte {
	o := p.objs[i]
	return p.data[o.start:o.end:o.end]
}

// Applications returns an iterator over the application templates (61), in
// payload order.
func (c CPM) Applications() iter.Seq[Template] {
	return c.templates(bertlv.Tag(TagApplication))
}

// Common returns the common data template (62); ok is false when absent.
func (c CPM) Common() (t Template, ok bool) {
	for t := range c.templates(bertlv.Tag(TagCommon)) {
		return t, true
	}
	return Template{}, false
}

func (c CPM) templates(tag bertlv.Tag) iter.Seq[Template] {
	return func(yield func(Template) bool) {
		if c.p == nil {
			return
		}
		for i := c.p.next(0, tag); i >= 0; i = c.p.next(i+1+int(c.p.objs[i].kids), tag) {
			if !yield(Template{c.p, i}) {
				return
			}
		}
	}
}

// next returns the index of the first top-level object at or after index
// i with the tag, or -1.
func (p *payload) next(i int, tag bertlv.Tag) int {
	for ; i < len(p.objs); i += 1 + int(p.objs[i].kids) {
		if p.objs[i].tag == tag {
			return i
		}
	}
	return -1
}

// Template is a view of an application template (61) or the common data
// template (62) of a [CPM]. It prints masked, like the CPM. The zero
// Template has no objects.
type Template struct {
	p *payload
	i int
}

// Tag returns 0x61 or 0x62, or 0 for the zero Template.
func (t Template) Tag() Tag {
	if t.p == nil {
		return 0
	}
	return Tag(t.p.objs[t.i].tag)
}

// Objects returns an iterator over the template's data objects, in order.
func (t Template) Objects() iter.Seq[DataObject] {
	return func(yield func(DataObject) bool) {
		if t.p == nil {
			return
		}
		for k := 1; k <= int(t.p.objs[t.i].kids); k++ {
			if !yield(DataObject{t.p, t.i + k}) {
				return
			}
		}
	}
}

// Lookup returns the value of the template's object with the given tag.
// The value aliases the CPM's data and must not be modified; it may be
// card data.
func (t Template) Lookup(tag Tag) ([]byte, bool) {
	if t.p == nil {
		return nil, false
	}
	if k := t.p.find(t.i, bertlv.Tag(tag)); k >= 0 {
		return t.p.value(k), true
	}
	return nil, false
}

// find returns the index of the child of template i with the given tag,
// or -1.
func (p *payload) find(i int, tag bertlv.Tag) int {
	for k := i + 1; k <= i+int(p.objs[i].kids); k++ {
		if p.objs[k].tag == tag {
			return k
		}
	}
	return -1
}

// ADFName returns the application's AID (tag 4F), nil when absent.
func (t Template) ADFName() []byte {
	v, _ := t.Lookup(TagADFName)
	return v
}

// Label returns the application label (tag 50), "" when absent.
func (t Template) Label() string {
	v, _ := t.Lookup(TagLabel)
	return string(v)
}

// DataObject is one BER-TLV data object of a template of a [CPM]. It
// prints masked: the PAN and track 2 as [PAN] and [Track2] do, the AID,
// label, language and version as they are, and any other value as its
// length only. The zero DataObject has tag 0 and no value.
type DataObject struct {
	p *payload
	i int
}

// Tag returns the object's tag.
func (d DataObject) Tag() Tag {
	if d.p == nil {
		return 0
	}
	return Tag(d.p.objs[d.i].tag)
}

// Value returns the object's value, which may be card data. It aliases
// the CPM's decoded data and must not be modified. For the transparent
// templates 63 and 64, and for unknown templates, it is the raw content,
// not parsed.
func (d DataObject) Value() []byte {
	if d.p == nil {
		return nil
	}
	return d.p.value(d.i)
}
