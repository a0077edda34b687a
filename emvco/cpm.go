package emvco

import (
	"iter"

	"github.com/qrbridge/qrbridge/internal/bertlv"
)

// CPM tags (EMV QRCPS Consumer-Presented Mode v1.0, Table 3.1 and 6.1;
// research notes emvco-spec.md §2).
const (
	CPMTagFormat          = 0x85   // Payload Format Indicator, "CPV01"
	CPMTagApplication     = 0x61   // Application Template
	CPMTagCommon          = 0x62   // Common Data Template
	CPMTagAppTransparent  = 0x63   // Application Specific Transparent Template
	CPMTagCommTransparent = 0x64   // Common Data Transparent Template
	CPMTagADFName         = 0x4F   // ADF Name (AID), 5-16 bytes
	CPMTagLabel           = 0x50   // Application Label
	CPMTagTrack2          = 0x57   // Track 2 Equivalent Data
	CPMTagPAN             = 0x5A   // Application PAN
	CPMTagCardholderName  = 0x5F20 // Cardholder Name
	CPMTagLanguage        = 0x5F2D // Language Preference
	CPMTagIssuerURL       = 0x5F50 // Issuer URL
	CPMTagVersion         = 0x9F08 // Application Version Number
	CPMTagTokenRequestor  = 0x9F19 // Token Requestor ID
	CPMTagPAR             = 0x9F24 // Payment Account Reference
	CPMTagLast4           = 0x9F25 // Last 4 Digits of PAN
)

// CPM is a decoded consumer-presented payload: base64 text carrying
// BER-TLV data objects (EMV QRCPS CPM v1.0 §3). It holds the payload
// format indicator (85), one or two application templates (61), an
// optional common data template (62) and any further templates, all kept.
//
// Card data is sensitive. [PAN] and [Track2] values print masked (first
// six and last four digits at most) through String, %v, %#v and JSON; the
// unmasked digits come only from their Digits methods. Printing a CPM with
// fmt gives a masked summary, and its JSON form is masked too. Errors never
// contain card data. [CPM.String] returns the scanned text, as the codec's
// lossless form: that base64 text encodes the card data, so treat it with
// the same care as the card itself.
//
// A CPM is immutable and safe for concurrent use. Byte slices it returns
// alias its decoded data and must not be modified.
type CPM struct {
	text   string
	data   []byte // small[:n] for most payloads, its own array otherwise
	objs   []cpmObj
	inline [cpmInline]cpmObj
	small  [cpmSmall]byte
}

// cpmInline is how many objects a CPM holds without a further allocation;
// the specification's two-application example has 13.
const cpmInline = 16

// cpmSmall is how many decoded bytes a CPM holds without a further
// allocation (base64 text of up to 256 characters; the specification's
// examples have 168). With cpmInline it keeps a CPM within 512 bytes, the
// largest size the runtime allocates without a per-object type header.
const cpmSmall = 192

// cpmObj is one data object; children follow their template.
type cpmObj struct {
	tag        bertlv.Tag
	start, end uint16 // value bytes in data
	off        uint16 // tag offset in data
	parent     int16  // index of the parent template, -1 at the top level
	kids       uint16 // direct children (61 and 62 only)
}

// String returns the scanned text, byte for byte. It encodes card data;
// see [CPM].
func (c *CPM) String() string {
	if c == nil {
		return ""
	}
	return c.text
}

// Version returns the payload format indicator, "CPV01".
func (c *CPM) Version() string {
	return string(c.value(0))
}

func (c *CPM) value(i int) []byte {
	o := c.objs[i]
	return c.data[o.start:o.end:o.end]
}

// Applications returns an iterator over the application templates (61), in
// payload order.
func (c *CPM) Applications() iter.Seq[Template] {
	return c.templates(CPMTagApplication)
}

// Common returns the common data template (62); ok is false when absent.
func (c *CPM) Common() (t Template, ok bool) {
	for t := range c.templates(CPMTagCommon) {
		return t, true
	}
	return Template{}, false
}

func (c *CPM) templates(tag bertlv.Tag) iter.Seq[Template] {
	return func(yield func(Template) bool) {
		for i := 0; i < len(c.objs); i += 1 + int(c.objs[i].kids) {
			if c.objs[i].tag == tag && !yield(Template{c: c, i: i}) {
				return
			}
		}
	}
}

// DataObject is one BER-TLV data object of a CPM. Value aliases the CPM's
// decoded data and must not be modified. For the transparent templates 63
// and 64, and for unknown templates, Value is the raw content, not parsed.
type DataObject struct {
	Tag   uint32
	Value []byte
}

// Template is a view of an application template (61) or the common data
// template (62). The zero Template has no objects.
type Template struct {
	c *CPM
	i int
}

// Tag returns 0x61 or 0x62.
func (t Template) Tag() uint32 {
	if t.c == nil {
		return 0
	}
	return uint32(t.c.objs[t.i].tag)
}

// Objects returns an iterator over the template's data objects.
func (t Template) Objects() iter.Seq[DataObject] {
	return func(yield func(DataObject) bool) {
		if t.c == nil {
			return
		}
		for k := 1; k <= int(t.c.objs[t.i].kids); k++ {
			o := t.c.objs[t.i+k]
			if !yield(DataObject{Tag: uint32(o.tag), Value: t.c.value(t.i + k)}) {
				return
			}
		}
	}
}

// Lookup returns the value of the template's object with the given tag.
func (t Template) Lookup(tag uint32) ([]byte, bool) {
	if t.c == nil {
		return nil, false
	}
	if k := t.c.find(t.i, bertlv.Tag(tag)); k >= 0 {
		return t.c.value(k), true
	}
	return nil, false
}

// find returns the index of the child of template i with the given tag,
// or -1.
func (c *CPM) find(i int, tag bertlv.Tag) int {
	for k := i + 1; k <= i+int(c.objs[i].kids); k++ {
		if c.objs[k].tag == tag {
			return k
		}
	}
	return -1
}

// ADFName returns the application's AID (tag 4F).
func (t Template) ADFName() []byte {
	v, _ := t.Lookup(CPMTagADFName)
	return v
}

// Label returns the application label (tag 50), "" when absent.
func (t Template) Label() string {
	v, _ := t.Lookup(CPMTagLabel)
	return string(v)
}
