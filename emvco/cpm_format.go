package emvco

import (
	"encoding/json"
	"fmt"
)

// cpmSummary is the masked form of a CPM for fmt and JSON.
type cpmSummary struct {
	Version      string       `json:"version"`
	Applications []appSummary `json:"applications"`
	PAN          string       `json:"pan,omitempty"`
}

type appSummary struct {
	AID   string `json:"aid"`
	Label string `json:"label,omitempty"`
	PAN   string `json:"pan,omitempty"`
}

func (c *CPM) summary() cpmSummary {
	s := cpmSummary{Version: c.Version()}
	for app := range c.Applications() {
		d := c.merge(app)
		pan, _ := d.PAN()
		s.Applications = append(s.Applications, appSummary{
			AID: nibbles(app.ADFName()), Label: d.Label(), PAN: pan.String(),
		})
	}
	return s
}

// Format prints a masked summary for every verb, so that %v, %s and %+v
// of a CPM never show card data: "CPV01 [A0000000555555 Product1 123456******3458]".
func (c *CPM) Format(f fmt.State, verb rune) {
	if c == nil {
		fmt.Fprint(f, "<nil>")
		return
	}
	s := c.summary()
	fmt.Fprint(f, s.Version)
	for _, a := range s.Applications {
		fmt.Fprintf(f, " [%s %s %s]", a.AID, a.Label, a.PAN)
	}
}

// MarshalJSON encodes the masked summary: version, and each application's
// AID, label and masked PAN.
func (c *CPM) MarshalJSON() ([]byte, error) {
	return json.Marshal(c.summary())
}
