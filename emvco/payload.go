package emvco

import "iter"

// Payload is a decoded merchant-presented payload (EMV QRCPS MPM v1.1).
//
// A Payload is lossless: [Payload.String] returns the parsed text byte for
// byte, with every object in its original order, unknown and RFU objects
// included. Every value it hands out is a substring of that text, so reading
// a payload copies nothing; the substrings stay valid for as long as the
// caller keeps them, because Go strings are immutable.
//
// A Payload is immutable and safe for concurrent use. To change one, use
// [Payload.Edit]. The zero value is an empty payload with no objects; it is
// not a valid payment code.
type Payload struct {
	raw    string
	nodes  []node     // inline[:n] for most payloads, its own array otherwise
	root   [100]uint8 // node index + 1 of each root ID; 0 absent, rootFar beyond 254
	notes  Notes
	inline [inlineNodes]node
}

// inlineNodes is how many objects a Payload holds without a second
// allocation; the EMVCo specification example has 29, the longest corpus
// payload (a 513-byte Pix code) 43. It fills a Payload to 512 bytes, the
// largest size the runtime allocates without a per-object type header
// (TestObjectSizes holds it there).
const inlineNodes = 46

// Notes records the lenient readings a [Decoder] applied to accept a
// payload. The zero value means the payload was read strictly.
type Notes struct {
	// LowercaseCRC is set when the CRC used lowercase hex digits.
	LowercaseCRC bool
	// ByteLengths is set when lengths counted UTF-8 bytes instead of
	// characters (EMV MPM v1.1 §4.4.1.1 counts characters).
	ByteLengths bool
	// URLEscaped is set when the scanned text was percent-encoded and was
	// unescaped before parsing; [Payload.String] returns the unescaped text.
	URLEscaped bool
	// TrailingWhitespace is set when CR, LF or spaces followed the CRC;
	// they are not part of the payload, and every reader drops them.
	TrailingWhitespace bool
}

// node is one data object. Children of a template follow it directly, so a
// template and its sub-objects are a contiguous run of nodes.
type node struct {
	start, end uint16 // value bytes in Payload.raw (see maxPayload)
	parent     int16  // index of the parent node, -1 at the root
	kids       uint8  // direct sub-objects: at least one for a template, read as TLV; else 0
	id         Tag
}

// String returns the payload text, byte for byte as it was parsed (without
// any trailing CR, LF or space, which are not part of a payload).
func (p *Payload) String() string {
	if p == nil {
		return ""
	}
	return p.raw
}

// Notes reports which lenient readings, if any, were needed to accept the
// payload.
func (p *Payload) Notes() Notes { return p.notes }

// Len returns the payload's length in characters, the unit of EMV MPM's
// 512-character limit (§4.1).
func (p *Payload) Len() int { return countRunes(p.raw) }

// Objects returns an iterator over the root data objects in payload order,
// CRC included.
func (p *Payload) Objects() iter.Seq[Object] {
	return func(yield func(Object) bool) {
		for i := 0; i < len(p.nodes); i += 1 + int(p.nodes[i].kids) {
			if !yield(Object{p: p, i: int32(i)}) {
				return
			}
		}
	}
}

// rootFar marks, in Payload.root, a root object whose node index does not
// fit in a byte; Object then searches for it.
const rootFar = 255

// Object returns the root object with the given ID.
func (p *Payload) Object(id Tag) (Object, bool) {
	if p == nil || id > 99 || p.root[id] == 0 {
		return Object{}, false
	}
	if r := p.root[id]; r != rootFar {
		return Object{p: p, i: int32(r) - 1}, true
	}
	for o := range p.Objects() {
		if o.ID() == id {
			return o, true
		}
	}
	return Object{}, false
}

// Lookup returns the value at a tag path: "59" for a root object, "62.05"
// for a sub-object, "38.01.00" for an object nested inside a sub-object
// (as VietQR nests the beneficiary in 38.01). Each element is exactly two
// digits. The value of a template is its raw content. The result is a
// substring of the payload text.
func (p *Payload) Lookup(path string) (string, bool) {
	if len(path) < 2 {
		return "", false
	}
	id, ok := pathElem(path[:2])
	if !ok {
		return "", false
	}
	o, ok := p.Object(id)
	if !ok {
		return "", false
	}
	if len(path) == 2 {
		return o.Value(), true
	}
	if path[2] != '.' || len(path) < 5 {
		return "", false
	}
	if id, ok = pathElem(path[3:5]); !ok {
		return "", false
	}
	if o, ok = o.Lookup(id); !ok {
		return "", false
	}
	if len(path) == 5 {
		return o.Value(), true
	}
	if len(path) != 8 || path[5] != '.' {
		return "", false
	}
	if id, ok = pathElem(path[6:8]); !ok {
		return "", false
	}
	return Find(o.Value(), id)
}

func pathElem(s string) (Tag, bool) {
	if !isDigit(s[0]) || !isDigit(s[1]) {
		return 0, false
	}
	return Tag((s[0]-'0')*10 + s[1] - '0'), true
}

// Find returns the value of the object with the given ID in TLV content,
// such as the value of a sub-object that itself nests data objects
// (VietQR's 38.01). It reports false when id is absent or when content is
// not well-formed TLV with character-counted lengths.
func Find(content string, id Tag) (string, bool) {
	for pos := 0; pos < len(content); {
		got, start, end, f := readTLV(content, pos, len(content), &countChars)
		if f != faultNone {
			return "", false
		}
		if got == id {
			return content[start:end], true
		}
		pos = end
	}
	return "", false
}

// Object is a view of one data object of a [Payload]. It is a small value
// that refers to its payload; it stays valid as long as the payload does
// and is safe for concurrent use. The zero Object has no payload: its ID
// is 00, its value "" and it has no sub-objects.
type Object struct {
	p *Payload
	i int32
}

// noNode stands in for the node of the zero Object.
var noNode = node{parent: -1}

func (o Object) node() *node {
	if o.p == nil {
		return &noNode
	}
	return &o.p.nodes[o.i]
}

// ID returns the object's two-digit ID.
func (o Object) ID() Tag { return o.node().id }

// Value returns the object's value, a substring of the payload. For a
// template this is the raw nested TLV.
func (o Object) Value() string {
	n := o.node()
	if o.p == nil {
		return ""
	}
	return o.p.raw[n.start:n.end]
}

// Offset returns the byte offset of the object's ID in the payload text;
// 0 for the zero Object.
func (o Object) Offset() int {
	if o.p == nil {
		return 0
	}
	return int(o.node().start) - 4
}

// IsTemplate reports whether the object's value was read as nested data
// objects. Root IDs 26-51, 62 and 64 always are; 80-99 are when their
// content is well-formed TLV, and are kept opaque otherwise.
func (o Object) IsTemplate() bool { return o.node().kids > 0 }

// Path returns the object's tag path, such as "59" or "62.05".
func (o Object) Path() string {
	n := o.node()
	if n.parent < 0 {
		return n.id.String()
	}
	return o.p.nodes[n.parent].id.String() + "." + n.id.String()
}

// Lookup returns the sub-object of a template with the given ID.
func (o Object) Lookup(id Tag) (Object, bool) {
	for c := range o.Objects() {
		if c.ID() == id {
			return c, true
		}
	}
	return Object{}, false
}

// Objects returns an iterator over a template's sub-objects in payload
// order. It yields nothing for a primitive.
func (o Object) Objects() iter.Seq[Object] {
	return func(yield func(Object) bool) {
		n := o.node()
		for k := range int32(n.kids) {
			if !yield(Object{p: o.p, i: o.i + 1 + k}) {
				return
			}
		}
	}
}
