package cpm

import (
	"bytes"
	"encoding/hex"
	"iter"

	"github.com/qrbridge/qrbridge/emvco"
	"github.com/qrbridge/qrbridge/internal/bertlv"
)

// POIData is what the point of interaction uses for a payment: the chosen
// application template merged with the common data template (CPM v1.0
// §5.1). Values it returns alias the CPM's data and must not be modified.
// It is a handle on its CPM and prints masked, like it.
//
// The zero POIData has no objects.
type POIData struct {
	p   *payload
	app int // the chosen 61
}

// Select chooses the application for a terminal that supports the given
// AIDs, in the terminal's order of preference, and returns its POI data.
// An application matches an AID exactly, or when its ADF name is longer
// and begins with the AID (CPM v1.0 §5.1, partial selection). It fails
// with [emvco.ErrMissing] when no application matches.
func (c CPM) Select(supported ...[]byte) (POIData, error) {
	for _, aid := range supported {
		for app := range c.Applications() {
			if len(aid) > 0 && bytes.HasPrefix(app.ADFName(), aid) {
				return POIData{app.p, app.i}, nil
			}
		}
	}
	return POIData{}, parseError(0, "61.4F", emvco.ErrMissing, "no application matches a supported aid")
}

// AID returns the chosen application's ADF name.
func (d POIData) AID() []byte {
	return Template{d.p, d.app}.ADFName()
}

// Objects returns an iterator over the application's objects, then the
// common data template's. Parse has refused any primitive present in both.
func (d POIData) Objects() iter.Seq[DataObject] {
	return func(yield func(DataObject) bool) {
		if d.p == nil {
			return
		}
		for o := range (Template{d.p, d.app}).Objects() {
			if !yield(o) {
				return
			}
		}
		if common := d.p.next(0, bertlv.Tag(TagCommon)); common >= 0 {
			for o := range (Template{d.p, common}).Objects() {
				if !yield(o) {
					return
				}
			}
		}
	}
}

// object returns the index of the object with the tag, or -1.
func (d POIData) object(tag Tag) int {
	if d.p == nil {
		return -1
	}
	if k := d.p.find(d.app, bertlv.Tag(tag)); k >= 0 {
		return k
	}
	if common := d.p.next(0, bertlv.Tag(TagCommon)); common >= 0 {
		return d.p.find(common, bertlv.Tag(tag))
	}
	return -1
}

// Lookup returns the value of the object with the given tag, from the
// application template or the common data template. It may be card data.
func (d POIData) Lookup(tag Tag) ([]byte, bool) {
	if k := d.object(tag); k >= 0 {
		return d.p.value(k), true
	}
	return nil, false
}

func (d POIData) text(tag Tag) string {
	v, _ := d.Lookup(tag)
	return string(v)
}

// Track2 returns the Track 2 Equivalent Data (57).
func (d POIData) Track2() (Track2, bool) {
	if k := d.object(TagTrack2); k >= 0 {
		return Track2{d.p, k}, true
	}
	return Track2{}, false
}

// PAN returns the Application PAN (5A), or failing that the PAN of the
// Track 2 data. Parse guarantees one of them.
func (d POIData) PAN() (PAN, bool) {
	if k := d.object(TagPAN); k >= 0 {
		return PAN{d.p, k}, true
	}
	t, ok := d.Track2()
	return t.PAN(), ok
}

// Label returns the application label (50).
func (d POIData) Label() string { return d.text(TagLabel) }

// CardholderName returns 5F20. It is personal data.
func (d POIData) CardholderName() string { return d.text(TagCardholderName) }

// IssuerURL returns 5F50, a tel: or mailto: URI for e-receipts.
func (d POIData) IssuerURL() string { return d.text(TagIssuerURL) }

// PaymentAccountReference returns 9F24.
func (d POIData) PaymentAccountReference() string { return d.text(TagPAR) }

// Languages returns the language preferences (5F2D) in order: "ruesdeen"
// gives ru, es, de, en.
func (d POIData) Languages() []string {
	v, _ := d.Lookup(TagLanguage)
	var out []string
	for i := 0; i+1 < len(v); i += 2 {
		out = append(out, string(v[i:i+2]))
	}
	return out
}

// Version returns the application version number (9F08), 0x0010 when
// absent, the default CPM v1.0 Table 6.1 gives.
func (d POIData) Version() uint16 {
	v, ok := d.Lookup(TagVersion)
	if !ok || len(v) != 2 {
		return 0x0010
	}
	return uint16(v[0])<<8 | uint16(v[1])
}

// TokenRequestorID returns the six digits of 9F19.
func (d POIData) TokenRequestorID() string {
	v, _ := d.Lookup(TagTokenRequestor)
	return hex.EncodeToString(v)
}

// Last4 returns the last four PAN digits of 9F25, for receipts.
func (d POIData) Last4() string {
	v, _ := d.Lookup(TagLast4)
	return hex.EncodeToString(v)
}
