package emvco

// Builder generates a merchant-presented payload from fields, in the order
// the caller adds them, computing every length in characters and appending
// the CRC (EMV MPM v1.1 §4.4, §4.7.3).
//
// The zero value is ready to use. Errors are sticky: the first refusal is
// kept, later calls do nothing, and [Builder.Bytes] or [Builder.String]
// return it as a [*BuildError]. No method panics.
//
// The Builder refuses what the specification forbids a generator to emit:
// IDs over 99, values or template contents of 0 or more than 99
// characters, duplicate IDs at one level, a first object other than 00, a
// caller-supplied 63, RFU IDs 65-79, non-ans characters in ans fields,
// over-long fixed fields (59 over 25 characters, 60 over 15, ...),
// malformed 00/01/52/53/54/55/56/57/58, 55/56/57 inconsistent, and a 64
// without its 00 and 01. It does not require 52, 59 or 60: national
// schemes such as PromptPay omit them; whether a payload needs them is a
// conformance question, not a generation error.
//
// A Builder is not safe for concurrent use and must not be copied once
// used. Bytes returns the Builder's own buffer; [Builder.Reset] reuses it,
// so copy the result first or use String.
type Builder struct {
	buf    []byte
	err    error
	frames [maxDepth]frame
	depth  int       // index of the open frame; 0 is the root
	done   bool      // the CRC has been appended
	lax    bool      // copying objects of a parsed payload: skip content rules
	fees   bool      // 55, 56 or 57 was set under the rules: check them together
	fee    [3]string // values of 55, 56 and 57, for that check
	small  [512]byte // initial buffer: EMV MPM §4.1 caps a payload at 512 characters
}

const maxDepth = 3 // root, template, nested template (VietQR 38.01)

// frame tracks one level being built: the root or an open template.
type frame struct {
	id    Tag
	lenAt int // offset of the template's two length digits
	chars int // characters of content written so far
	seen  [2]uint64
}

func (f *frame) has(id Tag) bool { return f.seen[id/64]&(1<<(id%64)) != 0 }
func (f *frame) mark(id Tag)     { f.seen[id/64] |= 1 << (id % 64) }

// Reset empties the Builder for a new payload, keeping its buffer.
func (b *Builder) Reset() {
	buf := b.buf[:0]
	*b = Builder{}
	if cap(buf) > len(b.small) {
		b.buf = buf
	}
}

// Err returns the first error the Builder met, or nil.
func (b *Builder) Err() error { return b.err }

// Add appends a primitive data object, or the raw content of a template
// (which must then be well-formed TLV for IDs 26-51, 62 and 64).
func (b *Builder) Add(id Tag, value string) *Builder {
	if !b.begin(id) {
		return b
	}
	v := scanValue(value)
	if !v.valid {
		return b.fail(id, because(ErrSyntax, "value is not valid UTF-8"))
	}
	n := v.chars
	if n == 0 || n > 99 {
		return b.fail(id, because(ErrLength, "value must be 1 to 99 characters"))
	}
	if !b.lax {
		if err := b.checkValue(id, value, v); err != nil {
			return b.fail(id, err)
		}
	}
	b.buf = append(b.buf, twoDigits[2*id:2*id+2]...)
	b.buf = append(b.buf, twoDigits[2*n:2*n+2]...)
	b.buf = append(b.buf, value...)
	b.end(id, n, value)
	return b
}

// Template appends a template whose sub-objects f adds to the same
// Builder. Templates nest up to two levels below the root, enough for
// VietQR's 38.01.
func (b *Builder) Template(id Tag, f func(*Builder)) *Builder {
	if b.openTemplate(id) {
		f(b)
		if b.err == nil {
			b.closeTemplate()
		}
	}
	return b
}

// openTemplate writes a template's ID and a placeholder length, and pushes
// its frame; it reports false after an error.
func (b *Builder) openTemplate(id Tag) bool {
	if !b.begin(id) {
		return false
	}
	if !b.lax && !b.templateAllowed(id) {
		b.fail(id, because(ErrFormat, "id is not a template"))
		return false
	}
	if b.depth+1 >= maxDepth {
		b.fail(id, because(ErrFormat, "templates nest too deep"))
		return false
	}
	b.buf = append(b.buf, twoDigits[2*id:2*id+2]...)
	b.buf = append(b.buf, "00"...)
	b.depth++
	b.frames[b.depth] = frame{id: id, lenAt: len(b.buf) - 2}
	return true
}

func (b *Builder) closeTemplate() *Builder {
	fr := b.frames[b.depth]
	b.depth--
	if fr.chars == 0 || fr.chars > 99 {
		return b.fail(fr.id, because(ErrLength, "template content must be 1 to 99 characters"))
	}
	if !b.lax && b.depth == 0 && fr.id == TagLanguageTemplate && !(fr.has(TagLanguagePreference) && fr.has(TagAlternateName)) {
		return b.fail(fr.id, because(ErrMissing, "language template needs 00 and 01"))
	}
	copy(b.buf[fr.lenAt:], twoDigits[2*fr.chars:2*fr.chars+2])
	b.end(fr.id, fr.chars, "")
	return b
}

// begin checks what every object shares before it is written.
func (b *Builder) begin(id Tag) bool {
	if b.err != nil {
		return false
	}
	if b.done {
		b.fail(id, because(ErrTrailingData, "payload already finished with its crc"))
		return false
	}
	if id > 99 {
		b.fail(id, because(ErrSyntax, "id is not two digits"))
		return false
	}
	fr := &b.frames[b.depth]
	if fr.has(id) {
		b.fail(id, because(ErrDuplicate, "id added twice at one level"))
		return false
	}
	if b.depth == 0 {
		return b.beginRoot(id)
	}
	return true
}

func (b *Builder) beginRoot(id Tag) bool {
	switch {
	case len(b.buf) == 0 && id != TagPayloadFormat:
		b.fail(TagPayloadFormat, because(ErrMissing, "payload must start with 00"))
	case id == TagCRC:
		b.fail(id, because(ErrFormat, "the builder appends the crc itself"))
	case id.IsRFU() && !b.lax:
		b.fail(id, because(ErrFormat, "rfu ids must not be generated"))
	default:
		if b.buf == nil {
			b.buf = b.small[:0]
		}
		return true
	}
	return false
}

// end records an object of n characters in the open frame.
func (b *Builder) end(id Tag, n int, value string) {
	fr := &b.frames[b.depth]
	fr.mark(id)
	fr.chars += 4 + n
	if b.depth == 0 && id >= TagTipIndicator && id <= TagConvenienceFeePercent {
		b.fee[id-TagTipIndicator] = value
		b.fees = b.fees || !b.lax
	}
}

func (b *Builder) fail(id Tag, err error) *Builder {
	if b.err == nil {
		b.err = &BuildError{Path: b.path(id), Err: err}
	}
	return b
}

// path is the tag path of id in the open frame.
func (b *Builder) path(id Tag) string {
	p := ""
	for d := 1; d <= b.depth; d++ {
		p = join(p, b.frames[d].id)
	}
	return join(p, id)
}

// Bytes finishes the payload, appending "6304" and the CRC, and returns it.
// The slice is the Builder's own buffer: it stays valid until the next
// Reset. Calling Bytes again returns the same result.
func (b *Builder) Bytes() ([]byte, error) {
	if b.err == nil && !b.done {
		b.finish()
	}
	if b.err != nil {
		return nil, b.err
	}
	return b.buf, nil
}

// String finishes the payload like [Builder.Bytes] and returns a copy of it
// as a string.
func (b *Builder) String() (string, error) {
	out, err := b.Bytes()
	return string(out), err
}

func (b *Builder) finish() {
	switch {
	case b.depth != 0:
		b.fail(b.frames[b.depth].id, because(ErrSyntax, "template still open"))
		return
	case len(b.buf) == 0:
		b.fail(TagPayloadFormat, because(ErrMissing, "payload must start with 00"))
		return
	}
	if b.fees {
		if err := checkFees(b.fee); err != nil {
			b.err = err
			return
		}
	}
	b.buf = append(b.buf, "6304"...)
	b.buf = appendCRCHex(b.buf, CRC(b.buf))
	b.done = true
}
