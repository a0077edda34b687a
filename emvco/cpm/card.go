package cpm

import "strings"

// PAN is a primary account number, read from tag 5A or from the Track 2
// data of tag 57. It prints masked, showing the last four digits only
// ("************3458"), through every fmt verb, JSON and slog; Digits
// returns the number itself. A PAN is a handle on the CPM it comes from.
// The zero PAN is empty.
type PAN struct {
	p *payload
	i int // the 5A or 57 object
}

// Digits returns the unmasked PAN. It is sensitive card data.
func (n PAN) Digits() string {
	if n.p == nil {
		return ""
	}
	v := n.p.value(n.i)
	return nibbles(v, 0, panDigits(v))
}

// Last4 returns the last four digits, the part receipts may show; "" for
// the zero PAN.
func (n PAN) Last4() string {
	d := n.Digits()
	if len(d) < 4 {
		return ""
	}
	return d[len(d)-4:]
}

// String returns the masked PAN: an asterisk for every digit but the last
// four.
func (n PAN) String() string { return maskPAN(n.Digits()) }

// maskPAN keeps the last four digits of d (ISO/IEC 7812 PANs have at
// least eight) and hides the others.
func maskPAN(d string) string {
	if len(d) <= 4 {
		return strings.Repeat("*", len(d))
	}
	return strings.Repeat("*", len(d)-4) + d[len(d)-4:]
}

// Track2 is the Track 2 Equivalent Data of tag 57 (ISO/IEC 7813 track 2
// layout, CPM v1.0 Table 6.1): PAN, separator D, expiry YYMM, three-digit
// service code and the issuer's discretionary data. It prints masked, the
// PAN as [PAN] does and everything after it hidden; its methods give the
// parts. A Track2 is a handle on the CPM it comes from. The zero Track2
// is empty.
type Track2 struct {
	p *payload
	i int // the 57 object
}

// PAN returns the account number of the track.
func (t Track2) PAN() PAN { return PAN(t) }

// field returns the nibbles from the separator D onwards: from+1 is the
// first after it.
func (t Track2) field(from, n int) string {
	if t.p == nil {
		return ""
	}
	v := t.p.value(t.i)
	start := panDigits(v) + 1 + from
	end := min(start+n, track2Nibbles(v))
	return nibbles(v, start, end)
}

// Expiry returns the expiry date, YYMM.
func (t Track2) Expiry() string { return t.field(0, 4) }

// ServiceCode returns the three-digit service code.
func (t Track2) ServiceCode() string { return t.field(4, 3) }

// Discretionary returns the issuer's discretionary data, unmasked. It is
// sensitive card data.
func (t Track2) Discretionary() string { return t.field(7, 2*maxTrack2) }

// maxTrack2 bounds tag 57: 19 bytes, 37 nibbles (CPM v1.0 Table 6.1).
const maxTrack2 = 19

// String returns the masked form: the masked PAN, then "D" and asterisks
// for the rest of the track.
func (t Track2) String() string {
	if t.p == nil {
		return ""
	}
	return t.PAN().String() + "D****"
}

// nibbles returns half-bytes from to end of b as uppercase hex digits.
func nibbles(b []byte, from, end int) string {
	const hex = "0123456789ABCDEF"
	if end <= from {
		return ""
	}
	out := make([]byte, end-from)
	for i := range out {
		out[i] = hex[nibbleAt(b, from+i)]
	}
	return string(out)
}
