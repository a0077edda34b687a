package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/qrbridge/qrbridge/emvco"
	"github.com/qrbridge/qrbridge/emvco/profile"
)

// node is one data object of an MPM payload as decode prints it and encode
// reads it back: a primitive has Value, a template has Objects. Length
// counts characters (EMV MPM v1.1 §4.4); Offset is the byte offset of the
// object's ID in the payload. Name and Scheme are informative: encode
// ignores them.
type node struct {
	Tag     string `json:"tag"`
	Name    string `json:"name,omitempty"`
	Scheme  string `json:"scheme,omitempty"`
	Length  int    `json:"length"`
	Offset  int    `json:"offset"`
	Value   string `json:"value,omitempty"`
	Objects []node `json:"objects,omitempty"`
}

// tree returns the objects of p, named, with the schemes' fields named
// after the template that carries them.
func tree(p *emvco.Payload, schemes []profile.Match) []node {
	var out []node
	for o := range p.Objects() {
		id := int(o.ID())
		n := leaf(o.ID().String(), rootName(id), o.Offset(), o.Value())
		if o.IsTemplate() {
			n.Value = ""
			n.Scheme = schemeAt(schemes, o.Path())
			if n.Scheme != "" {
				n.Name += " (" + n.Scheme + ")"
			}
			for c := range o.Objects() {
				n.Objects = append(n.Objects, child(c, id, n.Scheme))
			}
		}
		out = append(out, n)
	}
	return out
}

// child returns sub-object c of root object parent, splitting it further
// when its scheme defines it as a template.
func child(c emvco.Object, parent int, scheme string) node {
	sub := int(c.ID())
	n := leaf(c.ID().String(), subName(parent, scheme, sub), c.Offset(), c.Value())
	if _, nested := nestedName(scheme, sub, 0); !nested {
		return n
	}
	kids, ok := splitTLV(c.Value(), c.Offset()+4)
	if !ok {
		return n
	}
	for i := range kids {
		id, _ := strconv.Atoi(kids[i].Tag)
		kids[i].Name, _ = nestedName(scheme, sub, id)
	}
	n.Value, n.Objects = "", kids
	return n
}

func leaf(tag, name string, offset int, value string) node {
	return node{Tag: tag, Name: name, Length: utf8.RuneCountInString(value), Offset: offset, Value: value}
}

func schemeAt(schemes []profile.Match, path string) string {
	for _, m := range schemes {
		if m.Path == path {
			return m.Scheme
		}
	}
	return ""
}

// splitTLV splits s, the content of a template, into its objects: a
// two-digit ID, a two-digit length in characters, the value. base is the
// byte offset of s in the payload. ok is false when s is not such a list.
func splitTLV(s string, base int) (out []node, ok bool) {
	for i := 0; i < len(s); {
		if len(s)-i < 4 || !allDigits(s[i:i+4]) {
			return nil, false
		}
		n, _ := strconv.Atoi(s[i+2 : i+4])
		end := i + 4
		for k := 0; k < n; k++ {
			if end >= len(s) {
				return nil, false
			}
			_, w := utf8.DecodeRuneInString(s[end:])
			end += w
		}
		if n == 0 {
			return nil, false
		}
		out = append(out, leaf(s[i:i+2], "", base+i, s[i+4:end]))
		i = end
	}
	return out, len(out) > 0
}

// printTree writes nodes as an indented table: tag, name, length, value.
func printTree(w io.Writer, nodes []node, depth int) {
	for _, n := range nodes {
		indent := strings.Repeat("    ", depth)
		name := n.Name
		if pad := 46 - 4*depth - utf8.RuneCountInString(name); pad > 0 {
			name += strings.Repeat(" ", pad)
		}
		if n.Objects != nil {
			fmt.Fprintf(w, "%s%s  %s %3d\n", indent, n.Tag, name, n.Length)
			printTree(w, n.Objects, depth+1)
			continue
		}
		fmt.Fprintf(w, "%s%s  %s %3d  %s\n", indent, n.Tag, name, n.Length, n.Value)
	}
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
