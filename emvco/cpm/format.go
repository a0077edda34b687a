package cpm

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
)

// Every type that holds card data prints its masked form, whatever the
// verb: %x of a PAN would otherwise print its digits, and %d of a byte
// slice its bytes. The methods are on values, so that fmt.Print(*p) of a
// pointer's target is masked as well; the types are handles, so that a
// reflective dump of a value nested in an unexported field shows pointers
// only.

// writeMasked writes s, a masked form, for any verb; %q quotes it.
func writeMasked(f fmt.State, verb rune, s string) {
	if verb == 'q' {
		s = strconv.Quote(s)
	}
	_, _ = io.WriteString(f, s)
}

// maskedJSON encodes a masked form as a JSON string.
func maskedJSON(s string) ([]byte, error) { return json.Marshal(s) }

// Format writes the masked PAN for every verb.
func (n PAN) Format(f fmt.State, verb rune) { writeMasked(f, verb, n.String()) }

// MarshalJSON encodes the masked PAN as a JSON string.
func (n PAN) MarshalJSON() ([]byte, error) { return maskedJSON(n.String()) }

// LogValue logs the masked PAN.
func (n PAN) LogValue() slog.Value { return slog.StringValue(n.String()) }

// Format writes the masked track for every verb.
func (t Track2) Format(f fmt.State, verb rune) { writeMasked(f, verb, t.String()) }

// MarshalJSON encodes the masked track as a JSON string.
func (t Track2) MarshalJSON() ([]byte, error) { return maskedJSON(t.String()) }

// LogValue logs the masked track.
func (t Track2) LogValue() slog.Value { return slog.StringValue(t.String()) }

// String returns the object masked: "5A=************3458". The AID (4F),
// label (50), language preference (5F2D) and format indicator (85) show
// as they are, the PAN and track 2 masked, any other value as its length:
// "5F20=(14 bytes)".
func (d DataObject) String() string {
	if d.p == nil {
		return ""
	}
	tag, v := d.Tag(), d.Value()
	var s string
	switch tag {
	case TagADFName:
		s = strings.ToUpper(hex.EncodeToString(v))
	case TagLabel, TagLanguage, TagFormat:
		s = string(v)
	case TagPAN:
		s = PAN(d).String()
	case TagTrack2:
		s = Track2(d).String()
	default:
		s = "(" + strconv.Itoa(len(v)) + " bytes)"
	}
	return tag.String() + "=" + s
}

// Format writes the masked object for every verb.
func (d DataObject) Format(f fmt.State, verb rune) { writeMasked(f, verb, d.String()) }

// MarshalJSON encodes the masked object as a JSON string.
func (d DataObject) MarshalJSON() ([]byte, error) { return maskedJSON(d.String()) }

// LogValue logs the masked object.
func (d DataObject) LogValue() slog.Value { return slog.StringValue(d.String()) }

// String returns the template's tag and its objects, masked as
// [DataObject] masks them: "61[4F=A0000000555555 50=Product1]".
func (t Template) String() string {
	if t.p == nil {
		return ""
	}
	return t.Tag().String() + objectList(t.Objects())
}

func objectList(objs func(func(DataObject) bool)) string {
	var b strings.Builder
	b.WriteByte('[')
	for o := range objs {
		if b.Len() > 1 {
			b.WriteByte(' ')
		}
		b.WriteString(o.String())
	}
	b.WriteByte(']')
	return b.String()
}

// Format writes the masked template for every verb.
func (t Template) Format(f fmt.State, verb rune) { writeMasked(f, verb, t.String()) }

// MarshalJSON encodes the masked template as a JSON string.
func (t Template) MarshalJSON() ([]byte, error) { return maskedJSON(t.String()) }

// LogValue logs the masked template.
func (t Template) LogValue() slog.Value { return slog.StringValue(t.String()) }

// String returns the chosen AID, then the merged objects masked as
// [DataObject] masks them.
func (d POIData) String() string {
	if d.p == nil {
		return ""
	}
	return strings.ToUpper(hex.EncodeToString(d.AID())) + " " + objectList(d.Objects())
}

// Format writes the masked POI data for every verb.
func (d POIData) Format(f fmt.State, verb rune) { writeMasked(f, verb, d.String()) }

// MarshalJSON encodes the masked POI data as a JSON string.
func (d POIData) MarshalJSON() ([]byte, error) { return maskedJSON(d.String()) }

// LogValue logs the masked POI data.
func (d POIData) LogValue() slog.Value { return slog.StringValue(d.String()) }

// summary is the masked form of a CPM for JSON.
type summary struct {
	Version      string       `json:"version"`
	Applications []appSummary `json:"applications"`
}

type appSummary struct {
	AID   string `json:"aid"`
	Label string `json:"label,omitempty"`
	PAN   string `json:"pan,omitempty"`
}

func (c CPM) summary() summary {
	s := summary{Version: c.Version(), Applications: []appSummary{}}
	for app := range c.Applications() {
		d := POIData{app.p, app.i}
		pan, _ := d.PAN()
		s.Applications = append(s.Applications, appSummary{
			AID: strings.ToUpper(hex.EncodeToString(app.ADFName())), Label: d.Label(), PAN: pan.String(),
		})
	}
	return s
}

// String returns a masked summary, the version then each application's
// AID, label and masked PAN:
// "CPV01 [A0000000555555 Product1 ************3458]". The zero CPM gives
// "". [CPM.Text] returns the payload itself.
func (c CPM) String() string {
	if c.p == nil {
		return ""
	}
	s := c.summary()
	var b strings.Builder
	b.WriteString(s.Version)
	for _, a := range s.Applications {
		b.WriteString(" [" + a.AID + " " + a.Label + " " + a.PAN + "]")
	}
	return b.String()
}

// Format writes the masked summary for every verb, so that no verb shows
// card data.
func (c CPM) Format(f fmt.State, verb rune) { writeMasked(f, verb, c.String()) }

// MarshalJSON encodes the masked summary: the version, and each
// application's AID, label and masked PAN.
func (c CPM) MarshalJSON() ([]byte, error) { return json.Marshal(c.summary()) }

// LogValue logs the masked summary.
func (c CPM) LogValue() slog.Value { return slog.StringValue(c.String()) }
