package emvco

import (
	"encoding/json"
	"strings"
)

// PAN is a primary account number. It prints masked, keeping at most the
// first six and last four digits (only the last four for PANs shorter than
// 13 digits): "123456******3458". Digits returns the number itself. The
// zero PAN is empty.
type PAN struct{ digits string }

// Digits returns the unmasked PAN. It is sensitive card data.
func (p PAN) Digits() string { return p.digits }

// String returns the masked PAN.
func (p PAN) String() string { return maskPAN(p.digits) }

// GoString returns the masked PAN, so %#v does not reveal it.
func (p PAN) GoString() string { return "emvco.PAN(" + p.String() + ")" }

// MarshalJSON encodes the masked PAN.
func (p PAN) MarshalJSON() ([]byte, error) { return json.Marshal(p.String()) }

// Last4 returns the last four digits, the part receipts may show.
func (p PAN) Last4() string {
	if len(p.digits) < 4 {
		return ""
	}
	return p.digits[len(p.digits)-4:]
}

func maskPAN(d string) string {
	if d == "" {
		return ""
	}
	head := 6
	if len(d) < 13 {
		head = 0
	}
	tail := min(4, len(d))
	if head+tail > len(d) {
		head = 0
	}
	return d[:head] + strings.Repeat("*", len(d)-head-tail) + d[len(d)-tail:]
}

// Track2 is the Track 2 Equivalent Data of tag 57: PAN, separator "D",
// expiry YYMM, three-digit service code and discretionary data. It prints
// masked (the PAN as [PAN] does, the discretionary data hidden); use its
// fields and methods for the values. The zero Track2 is empty.
type Track2 struct {
	pan           PAN
	Expiry        string // YYMM
	ServiceCode   string
	discretionary string
}

// PAN returns the account number of the track.
func (t Track2) PAN() PAN { return t.pan }

// Discretionary returns the issuer's discretionary data, unmasked. It is
// sensitive card data.
func (t Track2) Discretionary() string { return t.discretionary }

// String returns "<masked PAN> D<expiry> <service code> ***".
func (t Track2) String() string {
	return t.pan.String() + " D" + t.Expiry + " " + t.ServiceCode + " ***"
}

// GoString returns the masked form, so %#v does not reveal the track.
func (t Track2) GoString() string { return "emvco.Track2(" + t.String() + ")" }

// MarshalJSON encodes the masked form.
func (t Track2) MarshalJSON() ([]byte, error) { return json.Marshal(t.String()) }

// parseTrack2 reads packed nibbles: PAN digits, D, YYMM, service code,
// discretionary digits, and at most one trailing F pad.
func parseTrack2(b []byte) (Track2, bool) {
	n := strings.TrimSuffix(nibbles(b), "F")
	panPart, rest, ok := strings.Cut(n, "D")
	if !ok || !validPANDigits(panPart) || len(rest) < 7 || !isDigits(rest) {
		return Track2{}, false
	}
	if m := rest[2:4]; m < "01" || m > "12" {
		return Track2{}, false
	}
	return Track2{pan: PAN{panPart}, Expiry: rest[:4], ServiceCode: rest[4:7], discretionary: rest[7:]}, true
}

// parsePAN reads tag 5A (format cn): digits, padded with trailing F.
func parsePAN(b []byte) (PAN, bool) {
	d := strings.TrimRight(nibbles(b), "F")
	if !validPANDigits(d) {
		return PAN{}, false
	}
	return PAN{d}, true
}

// validPANDigits reports an ISO/IEC 7812 PAN: 8 to 19 digits.
func validPANDigits(d string) bool { return len(d) >= 8 && len(d) <= 19 && isDigits(d) }

// nibbles returns the uppercase hex digits of b.
func nibbles(b []byte) string {
	const hex = "0123456789ABCDEF"
	out := make([]byte, 2*len(b))
	for i, x := range b {
		out[2*i], out[2*i+1] = hex[x>>4], hex[x&0xF]
	}
	return string(out)
}
