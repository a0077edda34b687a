package profile

import (
	"strconv"
	"strings"
	"time"

	"github.com/qrbridge/qrbridge/emvco"
	"github.com/qrbridge/qrbridge/fx"
)

// refKHQR cites the KHQR specification, the EMV MPM profile that the
// Association of Banks in Cambodia endorsed for the National Bank of
// Cambodia's Bakong system, as NBC's own SDK (bakong-khqr) applies it.
const refKHQR = "NBC Bakong KHQR specification (EMV MPM profile endorsed by the ABC Payment Committee), as the NBC bakong-khqr SDK verifies it"

// KHQR is the typed view of a Cambodian KHQR (Bakong) code: an individual
// (29) or merchant (30) account and the 99 timestamps.
type KHQR struct {
	Merchant      bool      // template 30 rather than 29
	AccountID     string    // 00: Bakong account ID, name@bank
	Info          string    // 01: account information (29) or merchant ID (30)
	AcquiringBank string    // 02
	Amount        fx.Amount // 54 in 53's currency; the zero Amount when the payer enters it
	Created       time.Time // 99.00
	Expires       time.Time // 99.01; zero when absent
}

// khqrMaxField is the longest Bakong account ID, account information,
// merchant ID or acquiring bank the specification allows.
const khqrMaxField = 32

// isKHQR matches a Bakong account ID, name@bank, in sub-ID 00 of a
// template: one '@' inside, and no '.', which tells it from an e-mail
// address or a reverse domain.
func isKHQR(g string) bool {
	at := strings.IndexByte(g, '@')
	return at > 0 && at < len(g)-1 && strings.IndexByte(g[at+1:], '@') < 0 && !strings.Contains(g, ".")
}

// KHQROf returns the KHQR view of p.
func KHQROf(p *emvco.Payload) (KHQR, bool) {
	t, ok := findTemplate(p, isKHQR)
	if !ok {
		return KHQR{}, false
	}
	v := KHQR{Merchant: t.ID() == 30}
	v.AccountID, _ = sub(t, 0)
	v.Info, _ = sub(t, 1)
	v.AcquiringBank, _ = sub(t, 2)
	v.Amount, _ = p.Money()
	if ts, ok := p.Object(99); ok && ts.IsTemplate() {
		v.Created, _ = epochMillis(ts, 0)
		v.Expires, _ = epochMillis(ts, 1)
	}
	return v, true
}

// epochMillis reads a 13-digit Unix time in milliseconds; ok is false when
// the object is present but malformed.
func epochMillis(t emvco.Object, id emvco.Tag) (ts time.Time, ok bool) {
	s, has := sub(t, id)
	if !has {
		return time.Time{}, true
	}
	ms, err := strconv.ParseInt(s, 10, 64)
	if err != nil || len(s) != 13 || !isDigits(s) {
		return time.Time{}, false
	}
	return time.UnixMilli(ms), true
}

func khqr() Profile {
	return Profile{Name: "khqr", Country: "KH", Match: isKHQR, Lint: lintKHQR}
}

func lintKHQR(p *emvco.Payload, t emvco.Object, fs []emvco.Finding, now time.Time) []emvco.Finding {
	fs = relax(fs, "mpm-guid-form", t.Path()+".00", "99.00") // Bakong IDs and timestamps, not GUIDs
	fs = relax(fs, "mpm-guid-missing", "99")
	fs = requireRoot(p, fs, emvco.TagTransactionCurrency, []string{"116", "840"}, "khqr-currency", refKHQR)
	fs = requireRoot(p, fs, emvco.TagCountryCode, []string{"KH"}, "khqr-country", refKHQR)
	fs = lintKHQRAccount(p, t, fs)
	fs = lintKHQRDynamic(p, fs)
	return lintKHQRTimes(p, fs, now)
}

// lintKHQRAccount checks the account template: 29 or 30, its fields' lengths,
// a merchant's ID and bank, and no UnionPay account (15) beside USD.
func lintKHQRAccount(p *emvco.Payload, t emvco.Object, fs []emvco.Finding) []emvco.Finding {
	if t.ID() != 29 && t.ID() != 30 {
		fs = add(fs, "khqr-template", emvco.SeverityError, t, "", "bakong account is not in template 29 (individual) or 30 (merchant)", refKHQR)
	}
	for id, what := range [...]string{"bakong account id", "account information or merchant id", "acquiring bank"} {
		if v, ok := sub(t, emvco.Tag(id)); ok && len(v) > khqrMaxField {
			fs = add(fs, "khqr-field-length", emvco.SeverityError, t, t.Path()+"."+twoDigits(id), what+" is longer than 32 characters", refKHQR)
		}
	}
	if t.ID() == 30 {
		if v, _ := sub(t, 1); v == "" {
			fs = add(fs, "khqr-merchant", emvco.SeverityError, t, t.Path()+".01", "merchant account has no merchant id (01)", refKHQR)
		}
		if v, _ := sub(t, 2); v == "" {
			fs = add(fs, "khqr-merchant", emvco.SeverityError, t, t.Path()+".02", "merchant account has no acquiring bank (02)", refKHQR)
		}
	}
	if upi, ok := p.Object(15); ok && p.Currency() == "840" {
		fs = add(fs, "khqr-upi-currency", emvco.SeverityError, upi, "", "a unionpay account (15) is not allowed with usd", refKHQR)
	}
	return fs
}

// lintKHQRDynamic: 01 is 11 or 12, and a dynamic code has an amount and an
// expiration time.
func lintKHQRDynamic(p *emvco.Payload, fs []emvco.Finding) []emvco.Finding {
	init, ok := p.Object(emvco.TagPointOfInitiation)
	if !ok {
		return fs
	}
	switch init.Value() {
	case "11":
	case "12":
		if _, has := p.Amount(); !has {
			fs = add(fs, "khqr-dynamic-amount", emvco.SeverityError, init, "54", "dynamic khqr has no amount", refKHQR)
		}
		if ts, _ := p.Lookup("99.01"); ts == "" {
			fs = add(fs, "khqr-expiry", emvco.SeverityError, init, "99.01", "dynamic khqr needs an expiration timestamp", refKHQR)
		}
	default:
		fs = relax(fs, "mpm-initiation-reserved", "01")
		fs = add(fs, "khqr-initiation", emvco.SeverityError, init, "", "point of initiation is not 11 (static) or 12 (dynamic)", refKHQR)
	}
	return fs
}

// lintKHQRTimes checks the 99 timestamps: an expiration of 13-digit
// milliseconds after the creation and, when the registry has a clock, not
// past. A creation time in another form only draws a warning: real ABA
// Bank codes carry 13 hexadecimal digits there, and nothing reads it.
func lintKHQRTimes(p *emvco.Payload, fs []emvco.Finding, now time.Time) []emvco.Finding {
	ts, ok := p.Object(99)
	if !ok || !ts.IsTemplate() {
		return fs
	}
	created, okC := epochMillis(ts, 0)
	expires, okE := epochMillis(ts, 1)
	if !okC {
		fs = add(fs, "khqr-timestamp", emvco.SeverityWarning, ts, "99.00", "creation time is not 13-digit unix milliseconds", refKHQR)
	}
	switch {
	case !okE:
		fs = add(fs, "khqr-timestamp", emvco.SeverityError, ts, "99.01", "expiration time is not 13-digit unix milliseconds", refKHQR)
	case expires.IsZero():
	case !created.IsZero() && !expires.After(created):
		fs = add(fs, "khqr-timestamp", emvco.SeverityError, ts, "99.01", "expiration is not after creation", refKHQR)
	case !now.IsZero() && now.After(expires):
		fs = add(fs, "khqr-expired", emvco.SeverityError, ts, "99.01", "the code has expired", refKHQR)
	}
	return fs
}

// twoDigits writes a sub-ID as a tag path writes it: "01".
func twoDigits(id int) string { return string([]byte{byte('0' + id/10), byte('0' + id%10)}) }
