package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/qrbridge/qrbridge/emvco"
)

var cmdEncode = &command{
	name:    "encode",
	summary: "build an EMVCo payload from the JSON that decode --json prints",
	usage:   "encode --json FILE | -",
	help: `
Encode reads the JSON object that "decode --json" prints for an EMVCo
merchant-presented payload and writes the payload it describes, through
the library's Builder: lengths are counted in characters and the CRC
computed afresh (any 63 in the input is ignored), and what the
specification forbids a generator to emit is refused with the object's tag
path. So decode, edit the JSON, encode gives a new valid payload, and
decode then encode gives back a conformant payload byte for byte. Only
"objects" is read (each a "tag" with a "value" or nested "objects");
names, lengths and offsets are ignored. Consumer-presented codes carry
masked card data and cannot be rebuilt; other kinds are not EMVCo.

examples:
  qrbridge decode --json PAYLOAD > code.json && qrbridge encode --json code.json
  qrbridge decode --json PAYLOAD | qrbridge encode --json -`,
	run: runEncode,
}

// errEncodeKind reports encode input that does not describe an EMVCo MPM
// payload.
var errEncodeKind = errors.New("only emvco-mpm payloads can be encoded")

// maxEncodeInput bounds encode's JSON input; a decode --json document of
// the largest payload is a few tens of kilobytes.
const maxEncodeInput = 1 << 20

func runEncode(e env, c *command, args []string) error {
	fs := e.newFlags(c)
	file := fs.String("json", "", "the JSON document to encode, - for standard input (required)")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if *file == "" || len(pos) != 0 {
		return fmt.Errorf("%w: encode takes --json FILE or --json -", errUsage)
	}
	in := e.stdin
	if *file != "-" {
		f, err := os.Open(*file)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	b, err := io.ReadAll(io.LimitReader(in, maxEncodeInput+1))
	if err != nil {
		return err
	}
	if len(b) > maxEncodeInput {
		return fmt.Errorf("encode input over %d bytes refused", maxEncodeInput)
	}
	s, err := encodeJSON(b)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(e.stdout, s)
	return err
}

// encodeJSON builds the payload a decode --json document describes.
func encodeJSON(b []byte) (string, error) {
	var doc struct {
		Kind    string `json:"kind"`
		Objects []node `json:"objects"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return "", fmt.Errorf("encode: not a decode --json document: %w", err)
	}
	if doc.Kind != "" && doc.Kind != "emvco-mpm" || len(doc.Objects) == 0 {
		return "", errEncodeKind
	}
	var bld emvco.Builder
	if err := build(&bld, doc.Objects, ""); err != nil {
		return "", err
	}
	return bld.Encode()
}

// build adds nodes to b; the root's CRC (63) is left to the Builder.
func build(b *emvco.Builder, nodes []node, path string) error {
	for _, n := range nodes {
		id, err := strconv.Atoi(n.Tag)
		if len(n.Tag) != 2 || err != nil || id < 0 {
			return fmt.Errorf("encode: %s%q is not a two-digit tag", path, n.Tag)
		}
		switch {
		case path == "" && id == 63:
		case n.Objects != nil:
			var inner error
			b.Template(emvco.Tag(id), func(t *emvco.Builder) { inner = build(t, n.Objects, path+n.Tag+".") })
			if inner != nil {
				return inner
			}
		default:
			b.Add(emvco.Tag(id), n.Value)
		}
	}
	return nil
}
