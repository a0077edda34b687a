package emvco

// walk reads the root objects and their sub-objects into p.nodes. crcOK
// tells whether checkCRC found and verified the CRC at the end. bad is the
// node of the first root field that fails its fixed-format check, or -1;
// it is reported only once the structure is known to be sound.
func (p *Payload) walk(mode *lenMode, crcOK bool) (bad int, err error) {
	return p.scan(0, len(p.raw), -1, mode, crcOK, false)
}

// errNotTLV is what a quiet scan returns when content is not TLV: 80-99
// are then kept opaque, and no positional error is built for nothing.
var errNotTLV = because(ErrSyntax, "content is not tlv")

// scan reads the objects of p.raw[from:to] as the children of node parent,
// or as the root when parent is -1, recursing into templates. One loop
// serves both levels, and it decodes the common object itself: a
// four-digit header, a non-zero length, and a value that fits and needs no
// character counting. readTLV handles the rest and every fault. A quiet
// scan returns errNotTLV for any fault, without building an error.
func (p *Payload) scan(from, to int, parent int, mode *lenMode, crcOK, quiet bool) (bad int, err error) {
	s, bad := p.raw, -1
	var seen [2]uint64 // IDs met in a template; the root uses p.root
	kids := 0          // of a template, stored once at the end
	for pos := from; pos < to; {
		var id Tag
		var start, end int
		ok := false
		if to-pos >= 4 {
			w := load32(s[pos : pos+4])
			id = Tag((w&0xF)*10 + (w>>8)&0xF)
			start = pos + 4
			end = start + int((w>>16&0xF)*10+(w>>24)&0xF)
			ok = fourDigits(w) && end > start && end <= to && mode.plain(start, end)
		}
		if !ok {
			var f tlvFault
			if id, start, end, f = readTLV(s, pos, to, mode); f != faultNone {
				if quiet {
					return bad, errNotTLV
				}
				return bad, f.err(p.pathOf(parent), id, pos)
			}
		}
		if parent >= 0 {
			if seen[id/64]&(1<<(id%64)) != 0 {
				if quiet {
					return bad, errNotTLV
				}
				return bad, &ParseError{Offset: pos, Path: join(p.pathOf(parent), id), Err: because(ErrDuplicate, "id occurs twice in the template")}
			}
			seen[id/64] |= 1 << (id % 64)
			p.push(start, end, int16(parent), id)
			kids++
		} else if bad, err = p.rootObject(id, pos, start, end, bad, mode, crcOK); err != nil {
			return bad, err
		}
		pos = end
	}
	if parent >= 0 {
		p.nodes[parent].kids = uint8(kids) // at least one: content is never empty
	}
	return bad, nil
}

// load32 reads four bytes of s as a little-endian word; the compiler makes
// it a single load.
func load32(s string) uint32 {
	_ = s[3]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// plain reports whether the value at [start, end) is read byte for byte:
// lengths count characters and the range holds no non-ASCII byte.
func (m *lenMode) plain(start, end int) bool {
	return !m.bytes && (end <= m.high.lo || start >= m.high.hi)
}

// rootObject records a root object: it refuses a duplicate or a misplaced
// CRC, indexes the object, notes the first strict field that fails, and reads
// a template's sub-objects.
func (p *Payload) rootObject(id Tag, pos, start, end, bad int, mode *lenMode, crcOK bool) (int, error) {
	if p.root[id] != 0 {
		return bad, &ParseError{Offset: pos, Path: id.String(), Err: because(ErrDuplicate, "id occurs twice at the root")}
	}
	if id == TagCRC {
		if err := checkCRCObject(p.raw, pos, end, crcOK); err != nil {
			return bad, err
		}
	}
	idx := p.push(start, end, -1, id)
	p.root[id] = uint8(min(idx+1, rootFar))
	if f := strictRoot[id]; f != nil && bad < 0 && !f.readable(p.raw[start:end]) {
		bad = idx
	}
	switch rootKinds[id] {
	case kindTemplate:
		_, err := p.scan(start, end, idx, mode, crcOK, false)
		return bad, err
	case kindMaybe:
		if _, err := p.scan(start, end, idx, mode, crcOK, true); err != nil {
			p.nodes = p.nodes[:idx+1] // not TLV: keep the value opaque
			p.nodes[idx].kids = 0
		}
	}
	return bad, nil
}

// pathOf returns the tag path of node i, "" for the root (-1).
func (p *Payload) pathOf(i int) string {
	if i < 0 {
		return ""
	}
	return Object{p: p, i: int32(i)}.Path()
}
