package emvco

// checkRoot applies the checks that follow a successful walk: a CRC is
// present (the walk already placed it last; checkStart made 00 first), and
// no strict field a payment depends on is malformed (bad, the node the
// walk found first in payload order, or -1).
func (p *Payload) checkRoot(bad int) error {
	if p.root[TagCRC] == 0 {
		return &ParseError{Offset: len(p.raw), Path: "63", Err: because(ErrMissing, "payload has no crc")}
	}
	if bad >= 0 {
		o := Object{p: p, i: int32(bad)}
		f := rootRules.field(o.ID())
		return &ParseError{Offset: o.Offset(), Path: o.ID().String(), Err: because(ErrFormat, f.name+" is not "+f.want())}
	}
	return nil
}

// strictRoot holds, for each root ID, its rule when the parser checks it
// (a strict field), for the parser's hot loop.
var strictRoot = func() (s [100]*fieldSpec) {
	for id := range Tag(100) {
		if f := rootRules.field(id); f != nil && f.strict {
			s[id] = f
		}
	}
	return s
}()
