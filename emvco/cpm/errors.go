package cpm

import (
	"strings"

	"github.com/qrbridge/qrbridge/emvco"
	"github.com/qrbridge/qrbridge/internal/bertlv"
)

// reason wraps one of emvco's sentinels with a human explanation. It is
// built only on error paths and never holds card data.
type reason struct {
	sentinel error
	text     string
}

func (r *reason) Error() string { return r.sentinel.Error() + ": " + r.text }
func (r *reason) Unwrap() error { return r.sentinel }

func because(sentinel error, text string) error {
	return &reason{sentinel: sentinel, text: text}
}

func parseError(off int, path string, sentinel error, text string) error {
	return &emvco.ParseError{Offset: off, Path: path, Err: because(sentinel, text)}
}

// childPath is the tag path of child inside parent: "61.57".
func childPath(parent, child bertlv.Tag) string {
	return Tag(parent).String() + "." + Tag(child).String()
}

// berError turns a bertlv error into a ParseError at its offset: a length
// that is not allowed or runs past its container is ErrLength, anything
// else ErrSyntax.
func berError(err error, parent string) error {
	pe := &emvco.ParseError{Path: parent, Err: because(emvco.ErrSyntax, "not well-formed ber-tlv")}
	if be, ok := err.(*bertlv.Error); ok {
		pe.Offset = be.Offset
		if be.Err == bertlv.ErrLength || be.Err == bertlv.ErrTruncated {
			pe.Err = because(emvco.ErrLength, strings.TrimPrefix(be.Err.Error(), "bertlv: "))
		}
	}
	return pe
}
