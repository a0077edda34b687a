package emvco

// Editor produces a changed copy of a parsed [Payload] by re-encoding it
// structurally: objects keep their order and bytes, changed values get new
// lengths, and the CRC is recomputed. Turning a static code into a dynamic
// one is Set("54", "12.50").Set("01", "12"), not string surgery.
//
// Values that are set are checked by the [Builder]'s rules; objects copied
// unchanged from the payload are not, so a payload the lenient reader
// accepted (a Hangul 59, say) can still be edited. A new root object goes
// before the first existing object with a larger ID, and a new sub-object
// likewise inside its template, so canonical payloads stay canonical.
//
// Create an Editor with [Payload.Edit]; the zero value has nothing to edit
// and fails. An Editor is not safe for concurrent use; the Payload it
// edits is never modified.
type Editor struct {
	root []entry
	err  error
}

// entry is one object of the payload being edited.
type entry struct {
	id    Tag
	value string  // primitive value, or raw content of an opaque template
	kids  []entry // sub-objects of a template read as TLV; nil otherwise
	set   bool    // set by the caller: the Builder's rules apply
}

// Edit returns an Editor that starts from p.
func (p *Payload) Edit() *Editor {
	e := &Editor{}
	for o := range p.Objects() {
		if o.ID() == TagCRC {
			continue
		}
		en := entry{id: o.ID(), value: o.Value()}
		if o.IsTemplate() {
			en.kids = make([]entry, 0, o.node().kids)
			for c := range o.Objects() {
				en.kids = append(en.kids, entry{id: c.ID(), value: c.Value()})
			}
		}
		e.root = append(e.root, en)
	}
	return e
}

// Set sets the value at path ("54" or "62.05"), replacing an existing
// object in place or adding a new one. Setting a template's own path
// replaces its whole content, which must then be well-formed TLV.
func (e *Editor) Set(path, value string) *Editor {
	root, sub, nested, ok := e.path(path)
	if !ok {
		return e
	}
	if !nested {
		*upsert(&e.root, root) = entry{id: root, value: value, set: true}
		return e
	}
	t := upsert(&e.root, root)
	if t.kids == nil {
		if t.value != "" {
			return e.fail(path, because(ErrFormat, "parent is not a template"))
		}
		*t = entry{id: root, set: true, kids: []entry{}}
	}
	*upsert(&t.kids, sub) = entry{id: sub, value: value, set: true}
	return e
}

// Delete removes the object at path, if present. Removing the last
// sub-object of a template removes the template.
func (e *Editor) Delete(path string) *Editor {
	root, sub, nested, ok := e.path(path)
	if !ok {
		return e
	}
	if !nested {
		remove(&e.root, root)
		return e
	}
	if i := find(e.root, root); i >= 0 && e.root[i].kids != nil {
		remove(&e.root[i].kids, sub)
		if len(e.root[i].kids) == 0 {
			remove(&e.root, root)
		}
	}
	return e
}

// path parses an edit path, refusing the objects nobody may set: 63 is
// computed and 00 must stay first.
func (e *Editor) path(path string) (root, sub Tag, nested, ok bool) {
	if e.err != nil {
		return 0, 0, false, false
	}
	switch {
	case len(path) == 2:
		root, ok = pathElem(path)
	case len(path) == 5 && path[2] == '.':
		var ok2 bool
		root, ok = pathElem(path[:2])
		sub, ok2 = pathElem(path[3:])
		ok, nested = ok && ok2, true
	}
	switch {
	case !ok:
		e.fail(path, because(ErrSyntax, "path is not NN or NN.NN"))
	case root == TagCRC || root == TagPayloadFormat:
		e.fail(path, because(ErrFormat, "00 and 63 cannot be edited"))
		ok = false
	}
	return root, sub, nested, ok
}

func (e *Editor) fail(path string, err error) *Editor {
	if e.err == nil {
		e.err = &BuildError{Path: path, Err: err}
	}
	return e
}

// find returns the index of id in list, or -1.
func find(list []entry, id Tag) int {
	for i := range list {
		if list[i].id == id {
			return i
		}
	}
	return -1
}

// upsert returns the entry for id, inserting an empty one before the first
// entry with a larger ID when there is none. Index 0 is never displaced at
// the root, because 00 is the smallest ID and always present.
func upsert(list *[]entry, id Tag) *entry {
	if i := find(*list, id); i >= 0 {
		return &(*list)[i]
	}
	at := len(*list)
	for i, en := range *list {
		if en.id > id {
			at = i
			break
		}
	}
	*list = append(*list, entry{})
	copy((*list)[at+1:], (*list)[at:])
	(*list)[at] = entry{id: id}
	return &(*list)[at]
}

func remove(list *[]entry, id Tag) {
	if i := find(*list, id); i >= 0 {
		*list = append((*list)[:i], (*list)[i+1:]...)
	}
}

// Encode returns the edited payload text, or the first error met while
// editing or encoding it as a [*BuildError].
func (e *Editor) Encode() (string, error) {
	if e.err != nil {
		return "", e.err
	}
	var b Builder
	for _, en := range e.root {
		emit(&b, en)
	}
	return b.Encode()
}

// String returns the edited payload text like [Editor.Encode], or "" when
// Encode fails. It makes an Editor a [fmt.Stringer]; use Encode to learn
// the error.
func (e *Editor) String() string {
	s, _ := e.Encode()
	return s
}

// emit writes one entry, applying the Builder's rules only to what the
// caller set.
func emit(b *Builder, en entry) {
	b.lax = !en.set
	if en.kids == nil {
		b.Add(en.id, en.value)
		return
	}
	b.Template(en.id, func(b *Builder) {
		for _, k := range en.kids {
			emit(b, k)
		}
		b.lax = !en.set
	})
	b.lax = false
}

// Payload returns the edited payload, parsed back with the strict reader.
func (e *Editor) Payload() (*Payload, error) {
	s, err := e.Encode()
	if err != nil {
		return nil, err
	}
	return Parse(s)
}
