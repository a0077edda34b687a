// Command pos runs scenario 4 of qrbridge: a terminal at a Seoul shop
// reads the codes its customers show (WeChat Pay, Alipay, UnionPay, Zero
// Pay and an EMVCo consumer-presented code) and routes each to the acquirer
// that takes it, from a routing table given as data. Payment tokens print
// masked.
//
//	go run ./examples/pos
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/qrbridge/qrbridge/translate"
)

// table is the terminal's routing table, tried in order.
var table = translate.Routes{
	{Kind: translate.KindWeChatPaymentCode, Acquirer: "WeChat Pay via KIS"},
	{Kind: translate.KindAlipayPaymentCode, Acquirer: "Alipay+ via ICB"},
	{Kind: translate.KindUnionPayPaymentCode, Acquirer: "UnionPay via KIS"},
	{Kind: translate.KindZeroPayConsumerBarcode, Acquirer: "Zero Pay relay"},
	{Kind: translate.KindZeroPayConsumer, Acquirer: "Zero Pay relay"},
	{Kind: translate.KindEMVCoCPM, AID: "a0000000555555", Acquirer: "EMV acquirer A"},
	{Kind: translate.KindEMVCoCPM, Acquirer: "EMV acquirer (default)"},
}

// scans are what the terminal's scanner read in one morning (sample
// codes, not real accounts).
var scans = []string{
	"134567890123456789",
	"281234567890123456",
	"6212345678901234567",
	"800088744930123456789017",
	"3-KW-30123456789007--0000",
	"hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8=",
	"hQVDUFYwMWFaTwfUEAAAAUAQVxNTUCBpAAAAZtIAdgEAAAAAAAmfXzQBAmM2nyYImERHcznr1n2fJwGAnxAUBQmgAAgAAAAAAAAAICAGERdRIQGfNgIAi4ICAACfNwRm4DtF",
	"204567890123456789", // digits that fit more than one scheme
}

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "pos:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	for i, raw := range scans {
		r, err := table.Route(raw)
		if err != nil {
			d := translate.Detect(raw)
			if _, werr := fmt.Fprintf(w, "%d. %-26s refused: %v\n", i+1, d.Kind, err); werr != nil {
				return werr
			}
			continue
		}
		if _, err := fmt.Fprintf(w, "%d. %-26s → %-24s token %s\n", i+1, r.Intent.Kind, r.Route.Acquirer, r.Intent.Token); err != nil {
			return err
		}
	}
	return nil
}
