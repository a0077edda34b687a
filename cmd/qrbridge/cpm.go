package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/qrbridge/qrbridge/emvco/cpm"
	"github.com/qrbridge/qrbridge/translate"
)

// This file holds everything the command knows of consumer-presented
// codes (package emvco/cpm).

// isCPM reports whether s looks like an EMVCo consumer-presented payload:
// base64 of the format indicator 85 05 "CPV01".
func isCPM(s string) bool { return strings.HasPrefix(s, "hQVDUFY") }

// decodeCPM parses a consumer-presented payload. Card data stays masked:
// the text and JSON forms come from the library's masked summary.
func decodeCPM(s string) (decoded, error) {
	c, err := cpm.Parse(s)
	if err != nil {
		return decoded{kind: "emvco-cpm"}, err
	}
	return decoded{kind: "emvco-cpm", cpm: &c}, nil
}

// cpmSummary is the masked one-line summary of a CPM.
func cpmSummary(d decoded) string { return fmt.Sprintf("%v", d.cpm) }

// cpmJSON is the masked JSON form of a CPM.
func cpmJSON(d decoded) json.RawMessage {
	b, err := json.Marshal(d.cpm)
	if err != nil {
		return nil
	}
	return b
}

// maskInput returns what a batch line may echo of its input, of the kind
// named kind: a CPM payload encodes the card, so only its prefix is shown;
// the other codes a consumer presents (payment codes, Zero Pay consumer
// codes and barcodes) are masked as translate.Token masks them.
func maskInput(s, kind string) string {
	if isCPM(s) {
		return "hQVDUFY…"
	}
	if k, ok := translate.ParseKind(kind); ok && k.Consumer() {
		return mask(k, s)
	}
	return s
}
