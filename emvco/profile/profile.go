package profile

import (
	"strings"
	"time"

	"github.com/qrbridge/qrbridge/emvco"
)

// Profile is one national scheme built on EMV MPM: how to recognise it in
// a payload and what its rules add to, or relax in, the EMVCo ones.
type Profile struct {
	// Name is the scheme's stable name: "pix", "promptpay", "sgqr".
	Name string
	// Country is the ISO 3166-1 alpha-2 code the scheme serves.
	Country string
	// Match reports whether a template's sub-ID 00 (its GUID, or for KHQR
	// its account ID) belongs to the scheme. Matching is by content, never
	// by tag number, since IDs float (SGQR assigns 26, 27, ... in order).
	// Nil matches nothing.
	Match func(guid string) bool
	// Domestic, when not nil, also matches a template whose sub-ID 00 it
	// accepts, but only in a payload whose country code (58) is Country:
	// the forms a scheme's domestic participants use that are not unique
	// to it worldwide (QRIS acquirers' reverse domains ending ".WWW", which
	// Vietnamese and Singaporean codes use too; Argentina's CUIT in 50.00).
	Domestic func(guid string) bool
	// Detect, when not nil, recognises the scheme in a payload that
	// carries no template of it, as a wallet's personal codes do: it
	// returns the root object that marks the payload as the scheme's, which
	// Lint then receives as its template. A payload Detect claims follows
	// the scheme's own layout, so [Registry.Schemes] does not read its
	// primitives 02-25 as card networks.
	Detect func(p *emvco.Payload) (emvco.Object, bool)
	// Lint adjusts the findings for a payload that carries the scheme in
	// template t: it may drop or downgrade core findings the scheme
	// relaxes, and adds its own. now is the registry's clock, or the zero
	// Time when it has none: rules that compare a date with the present
	// then do not run.
	Lint func(p *emvco.Payload, t emvco.Object, fs []emvco.Finding, now time.Time) []emvco.Finding
}

// guidIs returns a matcher for GUIDs equal to any of ids, ignoring case.
func guidIs(ids ...string) func(string) bool {
	return func(g string) bool {
		for _, id := range ids {
			if strings.EqualFold(g, id) {
				return true
			}
		}
		return false
	}
}

// Match is one scheme found in a payload: the profile's name and the tag
// path of the template that carries it ("26", "51"), or of the primitive
// for card networks ("15").
type Match struct {
	Scheme string
	Path   string
}

// Registry holds the profiles a [emvco.Linter] consults. It implements
// [emvco.Rule]. The zero Registry holds no profile and has no clock; a
// Registry is safe for concurrent use once built.
type Registry struct {
	profiles []Profile
	// Now is the clock of the expiry rules (PayNow 26.04, KHQR 99.01). Nil
	// means no clock: those rules do not run, so that linting the same
	// payload always gives the same findings. Set it to time.Now to check
	// against the wall clock, or to a fixed time to lint as of that time.
	Now func() time.Time
}

// New returns a registry of the given profiles.
func New(ps ...Profile) *Registry { return &Registry{profiles: ps} }

// Default returns a fresh registry of every built-in profile.
func Default() *Registry { return New(Builtin()...) }

// Builtin returns the built-in profiles, freshly allocated so callers may
// change their copy.
func Builtin() []Profile {
	return []Profile{
		pix(), promptPay(), payNow(), sgqr(), duitNow(), qris(), vietQR(), fps(),
		khqr(), qrPh(), bharat(), korea(), jpqr(), argentina(), vnpayWallet(),
	}
}

// Linter returns an [emvco.Linter] that runs the core rules and then the
// registry's profiles.
func (r *Registry) Linter() *emvco.Linter { return &emvco.Linter{Rules: []emvco.Rule{r}} }

// Schemes names every scheme p belongs to, with the tag each lives in, in
// payload order: the national profiles by GUID, and the card networks of
// the primitive merchant account IDs 02-25. A payload may carry several
// (SGQR, Bharat QR, multi-network stickers).
func (r *Registry) Schemes(p *emvco.Payload) []Match {
	var out []Match
	claimed := r.detected(p) >= 0
	for o := range p.Objects() {
		if i := r.indexOf(p, o); i >= 0 {
			out = append(out, Match{Scheme: r.profiles[i].Name, Path: o.Path()})
		} else if name := cardNetwork(o.ID()); name != "" && !claimed {
			out = append(out, Match{Scheme: name, Path: o.Path()})
		}
	}
	return out
}

// detected returns the index of the first profile whose Detect claims p,
// or -1.
func (r *Registry) detected(p *emvco.Payload) int {
	for i := range r.profiles {
		if d := r.profiles[i].Detect; d != nil {
			if _, ok := d(p); ok {
				return i
			}
		}
	}
	return -1
}

// indexOf returns the index of the profile object o of p belongs to, or
// -1: the first whose Detect returns o; for a template, the first whose
// Match accepts its sub-ID 00, or failing that the first whose Domestic
// does in a payload of the profile's country.
func (r *Registry) indexOf(p *emvco.Payload, o emvco.Object) int {
	for i := range r.profiles {
		if d := r.profiles[i].Detect; d != nil {
			if t, ok := d(p); ok && t.ID() == o.ID() {
				return i
			}
		}
	}
	if !o.IsTemplate() {
		return -1
	}
	g, ok := o.Lookup(emvco.TagGUID)
	if !ok {
		return -1
	}
	for i := range r.profiles {
		if m := r.profiles[i].Match; m != nil && m(g.Value()) {
			return i
		}
	}
	country := p.CountryCode()
	for i := range r.profiles {
		pr := &r.profiles[i]
		if pr.Domestic != nil && country == pr.Country && pr.Domestic(g.Value()) {
			return i
		}
	}
	return -1
}

// Lint implements [emvco.Rule]: each profile found in p adjusts the
// findings once, given the first template that carries it. It allocates
// nothing for a payload that carries no profile.
func (r *Registry) Lint(p *emvco.Payload, fs []emvco.Finding) []emvco.Finding {
	var small [2]uint64 // profiles already run, by index: 128 without allocating
	done := small[:]
	if n := (len(r.profiles) + 63) / 64; n > len(small) {
		done = make([]uint64, n)
	}
	now := time.Time{}
	for o := range p.Objects() {
		i := r.indexOf(p, o)
		if i < 0 || done[i/64]&(1<<(i%64)) != 0 || r.profiles[i].Lint == nil {
			continue
		}
		done[i/64] |= 1 << (i % 64)
		if now.IsZero() {
			now = r.now()
		}
		fs = r.profiles[i].Lint(p, o, fs, now)
	}
	return fs
}

// now reads the clock, or returns the zero Time when there is none.
func (r *Registry) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Time{}
}

// cardNetwork names the network of a primitive merchant account ID
// (EMV MPM v1.1 Table 3.6).
func cardNetwork(id emvco.Tag) string {
	switch {
	case id == 2 || id == 3:
		return "visa"
	case id == 4 || id == 5:
		return "mastercard"
	case id >= 6 && id <= 8, id >= 17 && id <= 25:
		return "emvco-reserved"
	case id == 9 || id == 10:
		return "discover"
	case id == 11 || id == 12:
		return "amex"
	case id == 13 || id == 14:
		return "jcb"
	case id == 15 || id == 16:
		return "unionpay"
	}
	return ""
}
