package emvco

import "sort"

//go:generate go run ./internal/gentables

// KnownCountry reports whether code is an ISO 3166-1 alpha-2 code (in
// upper case, as EMVCo tag 58 carries it).
func KnownCountry(code string) bool { return inSorted(iso3166Alpha2[:], code) }

// KnownMCC reports whether code is an ISO 18245 merchant category code.
// "0000", which Pix, SGQR and FPS use as "not applicable", is not one.
func KnownMCC(code string) bool { return inSorted(iso18245[:], code) }

func inSorted(list []string, s string) bool {
	i := sort.SearchStrings(list, s)
	return i < len(list) && list[i] == s
}
