package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/qrbridge/qrbridge/emvco/profile"
)

var cmdDecode = &command{
	name:    "decode",
	summary: "decode any payment code: EMVCo MPM tree, CPM (masked), WeChat, Alipay, UnionPay, Zero Pay",
	usage:   "decode [--json] PAYLOAD | - | --jsonl",
	help: `
Decode detects the kind of a payment code and decodes it with the library
that owns it. An EMVCo merchant-presented payload prints as a tree of its
objects (tag, name, length in characters, value), with the fields of each
national scheme named; a consumer-presented payload prints as a masked
summary (card data never appears); other codes print their named fields,
with the token of a code a payer presents masked.

Exit status: 0 decoded, 1 refused (the error names its code, tag path and
byte offset), 2 usage error. --jsonl reads one payload per line from
standard input and writes one JSON object per line, in order, every line
answered; it exits 0 once every line is answered, 1 when the input is over
its limit of 1000000 lines. A payload or line over 4096 bytes is refused.

examples:
  qrbridge decode '00020101021129370016A000000677010111011300668012345675802TH530376463046197'
  qrbridge decode --json 1-ZP-202401000001-0000000000000001--AB12
  echo 134567890123456789 | qrbridge decode -
  qrbridge decode --jsonl < payloads.txt`,
	run: runDecode,
}

func runDecode(e env, c *command, args []string) error {
	fs := e.newFlags(c)
	asJSON := fs.Bool("json", false, "print the decoded code as one JSON object")
	batch := fs.Bool("jsonl", false, "batch: one payload per line on standard input, one JSON object per line out")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	reg := profile.Default()
	if *batch {
		if len(pos) != 0 {
			return fmt.Errorf("%w: --jsonl reads standard input and takes no argument", errUsage)
		}
		return e.batch(func(s string, r *record) { decodeRecord(s, reg, r) })
	}
	s, err := e.payloadArg(c.name, pos)
	if err != nil {
		return err
	}
	d, err := decodeCode(s, reg)
	if *asJSON {
		if jerr := writeJSON(e.stdout, decodeDoc(d, err)); jerr != nil {
			return jerr
		}
	} else if err == nil {
		printDecoded(e.stdout, d)
	}
	return err
}

// decodedDoc is the JSON form of a decoded code, which encode reads back.
type decodedDoc struct {
	OK      bool            `json:"ok"`
	Error   *errorInfo      `json:"error,omitempty"`
	Kind    string          `json:"kind"`
	Schemes []scheme        `json:"schemes,omitempty"`
	Objects []node          `json:"objects,omitempty"`
	CPM     json.RawMessage `json:"cpm,omitempty"`
	Fields  []field         `json:"fields,omitempty"`
}

// scheme is a national scheme found in a payload: its profile name and the
// tag path of the template that carries it.
type scheme struct {
	Scheme string `json:"scheme"`
	Path   string `json:"path,omitempty"`
}

func schemesOf(ms []profile.Match) []scheme {
	out := make([]scheme, len(ms))
	for i, m := range ms {
		out[i] = scheme{m.Scheme, m.Path}
	}
	return out
}

func decodeDoc(d decoded, err error) decodedDoc {
	doc := decodedDoc{OK: err == nil, Kind: d.kind}
	if err != nil {
		doc.Error = info(err)
		return doc
	}
	doc.Schemes, doc.Fields = schemesOf(d.schemes), d.fields
	switch {
	case d.mpm != nil:
		doc.Objects = tree(d.mpm, d.schemes)
	case d.cpm != nil:
		doc.CPM = cpmJSON(d)
	}
	return doc
}

func printDecoded(w io.Writer, d decoded) {
	fmt.Fprintf(w, "kind     %s\n", d.kind)
	for _, m := range d.schemes {
		fmt.Fprintf(w, "scheme   %s (%s)\n", m.Scheme, m.Path)
	}
	switch {
	case d.mpm != nil:
		printTree(w, tree(d.mpm, d.schemes), 0)
	case d.cpm != nil:
		fmt.Fprintf(w, "cpm      %s\n", cpmSummary(d))
	}
	for _, f := range d.fields {
		fmt.Fprintf(w, "%-16s %s\n", f.Name, f.Value)
	}
}

// decodeRecord fills r, a batch line's answer, with the decoding of s.
func decodeRecord(s string, reg *profile.Registry, r *record) {
	d, err := decodeCode(s, reg)
	r.Kind = d.kind
	if err != nil {
		r.Error = info(err)
		return
	}
	r.OK = true
	r.Schemes = schemesOf(d.schemes)
	if d.mpm != nil {
		r.Encoded = d.mpm.String()
	}
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
