package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/qrbridge/qrbridge/translate"
)

var cmdDetect = &command{
	name:    "detect",
	summary: "name what a scanned string is: translate.Detect's kind, presentment and schemes",
	usage:   "detect [--json] PAYLOAD | - | --jsonl",
	help: `
Detect names a scanned string from its form, as translate.Detect does,
without decoding it further: the kind's stable identifier (emvco-mpm,
emvco-cpm, wechat-code-url, wechat-native-link, wechat-personal,
wechat-payment-code, alipay-payment-code, alipayplus-mpm,
unionpay-payment-code, zeropay-static, zeropay-dynamic, zeropay-consumer,
zeropay-refund, zeropay-consumer-barcode, zeropay-refund-barcode, url,
unknown), who presents such a code (merchant or consumer), the schemes an
EMVCo payload carries, the other kinds a numeric code could be when its
form cannot decide, and the error when the form is known but the content
does not read.

Exit status: 0 the kind is known and reads, 1 unknown or unreadable, 2
usage error. --jsonl works as for decode.

examples:
  qrbridge detect 134567890123456789
  qrbridge detect --json 00020101021129370016A000000677010111011300668012345675802TH530376463046197
  qrbridge detect --jsonl < scanned.txt`,
	run: runDetect,
}

// detectDoc is detect's JSON output for one string.
type detectDoc struct {
	OK           bool       `json:"ok"`
	Error        *errorInfo `json:"error,omitempty"`
	Kind         string     `json:"kind"`
	Presentment  string     `json:"presentment"`
	Schemes      []string   `json:"schemes"`
	Alternatives []string   `json:"alternatives,omitempty"`
}

func runDetect(e env, c *command, args []string) error {
	fs := e.newFlags(c)
	asJSON := fs.Bool("json", false, "print the detection as one JSON object")
	batch := fs.Bool("jsonl", false, "batch: one string per line on standard input, one JSON object per line out")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if *batch {
		if len(pos) != 0 {
			return fmt.Errorf("%w: --jsonl reads standard input and takes no argument", errUsage)
		}
		return e.batch(detectRecord)
	}
	s, err := e.payloadArg(c.name, pos)
	if err != nil {
		return err
	}
	doc, err := detect(s)
	if *asJSON {
		if jerr := writeJSON(e.stdout, doc); jerr != nil {
			return jerr
		}
	} else {
		printDetection(e.stdout, doc)
	}
	return err
}

// detect returns what translate.Detect says of s, and the error that
// makes it unusable: an unknown kind, or content that does not read.
func detect(s string) (detectDoc, error) {
	d := translate.Detect(s)
	doc := detectDoc{Kind: d.Kind.String(), Presentment: d.Presentment.String(), Schemes: d.Schemes}
	if doc.Schemes == nil {
		doc.Schemes = []string{}
	}
	for k := range d.Alternatives.All() {
		doc.Alternatives = append(doc.Alternatives, k.String())
	}
	err := d.Err
	switch {
	case s == "":
		err = errEmpty
	case err == nil && (d.Kind == translate.KindUnknown || d.Kind == translate.KindURL):
		err = errUnknownKind
	}
	if err != nil {
		doc.Error = info(err)
	}
	doc.OK = err == nil
	return doc, err
}

func detectRecord(s string, r *record) {
	doc, _ := detect(s)
	r.OK, r.Error, r.Kind = doc.OK, doc.Error, doc.Kind
	for _, name := range doc.Schemes {
		r.Schemes = append(r.Schemes, scheme{Scheme: name})
	}
}

func printDetection(w io.Writer, d detectDoc) {
	fmt.Fprintf(w, "kind          %s\npresentment   %s\n", d.Kind, d.Presentment)
	if len(d.Schemes) > 0 {
		fmt.Fprintf(w, "schemes       %s\n", strings.Join(d.Schemes, " "))
	}
	if len(d.Alternatives) > 0 {
		fmt.Fprintf(w, "alternatives  %s\n", strings.Join(d.Alternatives, " "))
	}
}
