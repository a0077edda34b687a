package translate

import (
	"context"
	"strings"
)

// Route is one row of a terminal's routing table, given as data: the kind
// of consumer code and, for EMVCo CPM codes, an application AID prefix
// (hex, "" for any), and the acquirer that takes such payments.
type Route struct {
	Kind     Kind
	AID      string
	Acquirer string
}

// Routes is a terminal's routing table, tried in order: the first row
// that matches a scanned consumer code wins.
type Routes []Route

// Routed is where a consumer code goes: the row that matched, and the
// code read as an intent, its payment token masked.
type Routed struct {
	Route  Route
	Intent Intent
}

// Route reads a scanned consumer-presented code (WeChat, Alipay, UnionPay
// payment codes, Zero Pay codes and barcodes, EMVCo CPM) and picks its
// acquirer. A merchant code, or digits the numeric ranges cannot name
// (see [Detect]), fail with ErrUnknownCode on field "code"; a code no row
// takes, with ErrUnsupportedScheme on field "route".
func (rs Routes) Route(raw string) (Routed, error) {
	d := Detect(raw)
	if d.Err != nil {
		return Routed{}, d.Err
	}
	if !d.Kind.Consumer() {
		return Routed{}, fieldErr("code", ErrUnknownCode, nil)
	}
	var rep Report
	var t Translator
	in, err := t.intent(context.Background(), &d, raw, &rep) // consumer codes do no I/O
	if err != nil {
		return Routed{}, err
	}
	for _, r := range rs {
		if r.Kind != d.Kind {
			continue
		}
		if r.AID != "" && !cpmHasAID(in, r.AID) {
			continue
		}
		return Routed{Route: r, Intent: in}, nil
	}
	return Routed{}, fieldErr("route", ErrUnsupportedScheme, nil)
}

func cpmHasAID(in Intent, prefix string) bool {
	for _, a := range in.Merchant.Accounts {
		if strings.HasPrefix(a.GUID, strings.ToUpper(prefix)) {
			return true
		}
	}
	return false
}
