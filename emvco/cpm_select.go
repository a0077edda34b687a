package emvco

import (
	"bytes"
	"encoding/hex"
)

// POIData is what the point of interaction uses for a payment: the chosen
// application template merged with the common data template (CPM v1.0
// §5.1; research notes §2.4). Values alias the CPM's data and must not be
// modified. Card data in it prints masked; see [CPM].
//
// The zero POIData has no objects.
type POIData struct {
	AID     []byte       // the chosen application's ADF name
	Objects []DataObject // the application's objects, then the common template's
}

// Select chooses the application for a terminal that supports the given
// AIDs, in the terminal's order of preference, and returns its POI data.
// An application matches an AID exactly, or when its ADF name is longer
// and begins with the AID. It fails with [ErrMissing] when no application
// matches.
func (c *CPM) Select(supported ...[]byte) (POIData, error) {
	for _, aid := range supported {
		for app := range c.Applications() {
			if len(aid) > 0 && bytes.HasPrefix(app.ADFName(), aid) {
				return c.merge(app), nil
			}
		}
	}
	return POIData{}, &ParseError{Path: "61.4F", Err: because(ErrMissing, "no application matches a supported aid")}
}

// merge joins app with the common template; ParseCPM has already refused
// any primitive present in both.
func (c *CPM) merge(app Template) POIData {
	d := POIData{AID: app.ADFName()}
	for o := range app.Objects() {
		d.Objects = append(d.Objects, o)
	}
	if common, ok := c.Common(); ok {
		for o := range common.Objects() {
			d.Objects = append(d.Objects, o)
		}
	}
	return d
}

// Lookup returns the value of the object with the given tag.
func (d POIData) Lookup(tag uint32) ([]byte, bool) {
	for _, o := range d.Objects {
		if o.Tag == tag {
			return o.Value, true
		}
	}
	return nil, false
}

func (d POIData) text(tag uint32) string {
	v, _ := d.Lookup(tag)
	return string(v)
}

// Track2 returns the Track 2 Equivalent Data (57).
func (d POIData) Track2() (Track2, bool) {
	v, ok := d.Lookup(CPMTagTrack2)
	if !ok {
		return Track2{}, false
	}
	return parseTrack2(v)
}

// PAN returns the Application PAN (5A), or failing that the PAN of the
// Track 2 data.
func (d POIData) PAN() (PAN, bool) {
	if v, ok := d.Lookup(CPMTagPAN); ok {
		return parsePAN(v)
	}
	t, ok := d.Track2()
	return t.PAN(), ok
}

// Label returns the application label (50).
func (d POIData) Label() string { return d.text(CPMTagLabel) }

// CardholderName returns 5F20.
func (d POIData) CardholderName() string { return d.text(CPMTagCardholderName) }

// IssuerURL returns 5F50, a tel: or mailto: URI for e-receipts.
func (d POIData) IssuerURL() string { return d.text(CPMTagIssuerURL) }

// PaymentAccountReference returns 9F24.
func (d POIData) PaymentAccountReference() string { return d.text(CPMTagPAR) }

// Languages returns the language preferences (5F2D) in order: "ruesdeen"
// gives ru, es, de, en.
func (d POIData) Languages() []string {
	v, _ := d.Lookup(CPMTagLanguage)
	var out []string
	for i := 0; i+1 < len(v); i += 2 {
		out = append(out, string(v[i:i+2]))
	}
	return out
}

// Version returns the application version number (9F08), 0x0010 when
// absent as the specification defaults it.
func (d POIData) Version() uint16 {
	v, ok := d.Lookup(CPMTagVersion)
	if !ok || len(v) != 2 {
		return 0x0010
	}
	return uint16(v[0])<<8 | uint16(v[1])
}

// TokenRequestorID returns the six digits of 9F19.
func (d POIData) TokenRequestorID() string {
	v, _ := d.Lookup(CPMTagTokenRequestor)
	return hex.EncodeToString(v)
}

// Last4 returns the last four PAN digits of 9F25, for receipts.
func (d POIData) Last4() string {
	v, _ := d.Lookup(CPMTagLast4)
	return hex.EncodeToString(v)
}
