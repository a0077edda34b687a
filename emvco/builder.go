package emvco

// Builder generates a merchant-presented payload from fields, in the order
// the caller adds them, computing every length in characters and appending
// the CRC (EMV MPM v1.1 §4.4, §4.7.3).
//
// The zero value is ready to use. Errors are sticky: the first refusal is
// kept, later calls do nothing, and [Builder.Bytes], [Builder.Encode] and
// [Builder.Err] return it as a [*BuildError]. No method panics.
//
// The rules it applies are the tables of EMV MPM v1.1 that the parser and
// the [Linter] read as well (Table 3.6 for the root and for 64, §4.8 for
// 62, §4.7.11 for the GUID of 26-51 and 80-99).
//
// The Builder refuses what the specification forbids a generator to emit:
// IDs over 99, values or template contents of 0 or more than 99
// characters, duplicate IDs at one level, a first object other than 00, a
// caller-supplied 63, RFU IDs (65-79, 62.12-49, 64.03-99), non-ans
// characters in ans fields, over-long fields (59 over 25 characters, 60
// over 15, ...), malformed 00/01/52/53/54/55/56/57/58 (01 other than 11 or
// 12 included, though the parser reads it), 55/56/57 inconsistent, and a
// 64 without its 00 and 01. It does not require 52, 59 or 60: national
// schemes such as PromptPay omit them; whether a payload needs them is a
// conformance question, not a generation error.
//
// A Builder is not safe for concurrent use and must not be copied once
// used. [Builder.Bytes] returns the Builder's own buffer, which
// [Builder.Reset] reuses: copy the result first, or use [Builder.Encode],
// which returns a string of its own. A payload of up to 304 bytes is
// written into the Builder itself, so building one takes at most two
// allocations: the Builder, when a Template callback makes it escape to
// the heap, and the string Encode returns.
type Builder struct {
	builderState
	small [smallCap]byte // the buffer of a payload that fits
}

// builderState is everything Reset clears; small is not cleared, since
// Reset keeps using it.
type builderState struct {
	buf   []byte
	err   error
	cur   frame               // the open level: the root or the innermost template
	outer [maxDepth - 1]frame // the levels around cur, outer[0] the root
	rules *fieldRules         // ruleSets[cur.rules], kept at hand for Add
	depth int                 // templates open around cur; 0 at the root
	ready bool                // the payload has begun with 00, and no error or CRC ended it
	done  bool                // the CRC has been appended
	lax   bool                // copying objects of a parsed payload: skip content rules
	fees  bool                // 55, 56 or 57 was set under the rules: check them together
	tip   byte                // the last digit of a valid 55 ("02" gives '2'), else 0
}

// smallCap keeps a Builder within 512 bytes, the largest size the runtime
// allocates without a per-object type header; the EMVCo specification
// example (260 bytes) fits.
const smallCap = 304

const maxDepth = 3 // root, template, nested template (VietQR 38.01)

// frame tracks one level being built: the root or an open template.
type frame struct {
	id    Tag
	lenAt int     // offset of the template's two length digits
	chars int     // characters of content written so far
	rules ruleSet // fast rules of the level's objects
	seen  [2]uint64
}

func (f *frame) has(id Tag) bool { return f.seen[id/64]&(1<<(id%64)) != 0 }
func (f *frame) mark(id Tag)     { f.seen[id/64] |= 1 << (id % 64) }

// Reset empties the Builder for a new payload, keeping its buffer. A
// slice [Builder.Bytes] returned before is overwritten by the next
// payload; strings from [Builder.Encode] and [Builder.String] are not.
func (b *Builder) Reset() {
	b.builderState = builderState{buf: b.buf[:0]}
}

// Err returns the first error the Builder met, or nil.
func (b *Builder) Err() error { return b.err }

// Add appends a primitive data object, or the raw content of a template
// (which must then be well-formed TLV for IDs 26-51, 62 and 64).
func (b *Builder) Add(id Tag, value string) *Builder {
	if !b.writable(id) && !b.begin(id) {
		return b
	}
	v := scanValue(value)
	if !b.rule(id).fits(value, v) {
		if err := b.checkAdd(id, value, v); err != nil {
			return b.fail(id, err)
		}
	}
	n := v.chars
	h := header(id, n)
	b.buf = append(b.buf, byte(h), byte(h>>8), byte(h>>16), byte(h>>24))
	b.appendString(value)
	b.end(id, n, value)
	return b
}

// appendString appends s to the buffer. Unlike b.buf = append(b.buf,
// s...), it stores the buffer's pointer only when it grows: the Builder
// usually lives on the heap, where every pointer store pays for a write
// barrier while the collector runs.
func (b *Builder) appendString(s string) {
	at := len(b.buf)
	if len(s) > cap(b.buf)-at {
		b.buf = append(b.buf, s...)
		return
	}
	b.buf = b.buf[:at+len(s)]
	copy(b.buf[at:], s)
}

// header is an object's ID and length as four ASCII digits, from the
// lowest byte up; id and n are at most 99.
func header(id Tag, n int) uint32 {
	return uint32(digitPairs[id]) | uint32(digitPairs[uint8(n)])<<16
}

// digitPairs holds the two ASCII digits of 0-99 as little-endian pairs;
// indexing by a byte needs no bounds check.
var digitPairs = func() (p [256]uint16) {
	for i := range 100 {
		p[i] = uint16('0'+i/10) | uint16('0'+i%10)<<8
	}
	return p
}()

// rule returns the fast rule of id at the open level.
func (b *Builder) rule(id Tag) *fieldRule {
	return &b.rules[id]
}

// checkAdd applies the rules for a value of id at the open level.
func (b *Builder) checkAdd(id Tag, value string, v valueScan) error {
	switch {
	case !v.valid:
		return because(ErrSyntax, "value is not valid UTF-8")
	case v.chars == 0 || v.chars > 99:
		return because(ErrLength, "value must be 1 to 99 characters")
	case b.lax:
		return nil
	}
	return checkField(specs[b.cur.rules].field(id), value, v)
}

// templateAllowed reports whether Template may open id at the current level.
func (b *Builder) templateAllowed(id Tag) bool {
	return b.depth > 0 || rootKind(id) != kindPrimitive
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
	if !b.writable(id) && !b.begin(id) {
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
	d := digitPairs[id]
	b.buf = append(b.buf, byte(d), byte(d>>8), '0', '0') // the length is set on closing
	b.outer[b.depth] = b.cur
	b.depth++
	b.cur = frame{id: id, lenAt: len(b.buf) - 2, rules: subRules(b.depth, b.outer[b.depth-1].rules, id)}
	b.rules = &ruleSets[b.cur.rules]
	return true
}

func (b *Builder) closeTemplate() *Builder {
	fr := b.cur
	b.depth--
	b.cur = b.outer[b.depth]
	b.rules = &ruleSets[b.cur.rules]
	if fr.chars == 0 || fr.chars > 99 {
		return b.fail(fr.id, because(ErrLength, "template content must be 1 to 99 characters"))
	}
	if t := specs[fr.rules]; !b.lax && t.checkPresence {
		if _, ok := checkPresence(t, fr.has); !ok {
			return b.fail(fr.id, because(ErrMissing, t.missing.msg))
		}
	}
	d := digitPairs[uint8(fr.chars)]
	b.buf[fr.lenAt], b.buf[fr.lenAt+1] = byte(d), byte(d>>8)
	b.end(fr.id, fr.chars, "")
	return b
}

// writable reports, in one test that inlines, that an object id may be
// written now: the payload has begun, and id is a new ID that the open
// level accepts from the caller. When it is false, begin decides.
func (b *Builder) writable(id Tag) bool {
	return b.ready && id <= 99 && !b.cur.has(id) && !b.rules[id].reserved
}

// begin begins the payload with its first object, or records why id may
// not be written; it reports whether id may be written.
func (b *Builder) begin(id Tag) bool {
	switch {
	case b.err != nil:
	case b.done:
		b.fail(id, because(ErrTrailingData, "payload already finished with its crc"))
	case id > 99:
		b.fail(id, because(ErrSyntax, "id is not two digits"))
	case b.cur.has(id):
		b.fail(id, because(ErrDuplicate, "id added twice at one level"))
	case len(b.buf) == 0 && id != TagPayloadFormat:
		b.fail(TagPayloadFormat, because(ErrMissing, "payload must start with 00"))
	case id == TagCRC && b.depth == 0:
		b.fail(id, because(ErrFormat, "the builder appends the crc itself"))
	case b.ready && !b.lax: // the open level reserves id
		b.fail(id, because(ErrFormat, "rfu ids must not be generated"))
	case b.ready: // copying a reserved object of a parsed payload
		return true
	default:
		if b.buf == nil {
			b.buf = b.small[:0]
		}
		b.rules = &ruleSets[rootSet]
		b.ready = true
		return true
	}
	return false
}

// end records an object of n characters in the open frame.
func (b *Builder) end(id Tag, n int, value string) {
	fr := &b.cur
	fr.mark(id)
	fr.chars += 4 + n
	if b.depth == 0 && id >= TagTipIndicator && id <= TagConvenienceFeePercent {
		b.noteFee(id, value)
	}
}

// noteFee records what the 55/56/57 consistency check needs.
func (b *Builder) noteFee(id Tag, value string) {
	if id == TagTipIndicator && validTip(value) {
		b.tip = value[1]
	}
	b.fees = b.fees || !b.lax
}

func (b *Builder) fail(id Tag, err error) *Builder {
	return b.failAt(join(b.levelPath(), id), err)
}

// failAt records the first error, at a tag path.
func (b *Builder) failAt(path string, err error) *Builder {
	if b.err == nil {
		b.err = &BuildError{Path: path, Err: err}
		b.ready = false
	}
	return b
}

// levelPath is the tag path of the open template, "" at the root.
func (b *Builder) levelPath() string {
	p := ""
	for d := 1; d < b.depth; d++ {
		p = join(p, b.outer[d].id)
	}
	if b.depth > 0 {
		p = join(p, b.cur.id)
	}
	return p
}

// Bytes finishes the payload, appending "6304" and the CRC, and returns it.
// The slice is the Builder's own buffer: it stays valid until the next
// Reset. Calling Bytes or Encode again returns the same payload.
func (b *Builder) Bytes() ([]byte, error) {
	if err := b.finished(); err != nil {
		return nil, err
	}
	return b.buf, nil
}

// Encode finishes the payload like [Builder.Bytes] and returns it as a
// string of its own, which a later Reset does not touch.
func (b *Builder) Encode() (string, error) {
	if err := b.finished(); err != nil {
		return "", err
	}
	return string(b.buf), nil
}

// String returns the text written so far, without finishing the payload:
// the whole payload, CRC included, once [Builder.Encode] or
// [Builder.Bytes] has finished it, and "" once the Builder has met an
// error (which [Builder.Err] and Encode return). It makes a Builder a
// [fmt.Stringer] that printing never changes.
func (b *Builder) String() string {
	if b.err != nil {
		return ""
	}
	return string(b.buf)
}

// finished finishes the payload once and returns the Builder's error.
func (b *Builder) finished() error {
	if b.err == nil && !b.done {
		b.finish()
	}
	return b.err
}

func (b *Builder) finish() {
	switch {
	case b.depth != 0:
		b.failAt(b.levelPath(), because(ErrSyntax, "template still open"))
		return
	case len(b.buf) == 0:
		b.fail(TagPayloadFormat, because(ErrMissing, "payload must start with 00"))
		return
	}
	if b.fees {
		root := &b.cur
		if err := checkFees(b.tip, root.has(TagConvenienceFeeFixed), root.has(TagConvenienceFeePercent)); err != nil {
			b.err, b.ready = err, false
			return
		}
	}
	b.buf = append(b.buf, "6304"...)
	b.buf = appendCRCHex(b.buf, CRC(b.buf))
	b.done, b.ready = true, false
}
