package emvco

// Tag is the two-digit ID of a merchant-presented data object, 0 to 99
// (EMV MPM v1.1 §4.4). The same number means different things at different
// levels: 01 at the root is the point of initiation, inside 62 it is the
// bill number. The zero value is [TagPayloadFormat].
type Tag uint8

// Root data objects (EMV MPM v1.1 Table 3.6 and §4.7).
const (
	TagPayloadFormat         Tag = 0  // Payload Format Indicator, N 02, "01".
	TagPointOfInitiation     Tag = 1  // Point of Initiation Method, N 02, 11 or 12.
	TagMerchantCategoryCode  Tag = 52 // ISO 18245 MCC, N 04.
	TagTransactionCurrency   Tag = 53 // ISO 4217 numeric code, N 03.
	TagTransactionAmount     Tag = 54 // Amount, ans ..13.
	TagTipIndicator          Tag = 55 // Tip or Convenience Indicator, N 02.
	TagConvenienceFeeFixed   Tag = 56 // Fixed convenience fee, ans ..13.
	TagConvenienceFeePercent Tag = 57 // Percentage convenience fee, ans ..05.
	TagCountryCode           Tag = 58 // ISO 3166-1 alpha-2, ans 02.
	TagMerchantName          Tag = 59 // Merchant Name, ans ..25.
	TagMerchantCity          Tag = 60 // Merchant City, ans ..15.
	TagPostalCode            Tag = 61 // Postal Code, ans ..10.
	TagAdditionalData        Tag = 62 // Additional Data Field Template.
	TagCRC                   Tag = 63 // CRC, ans 04, always last.
	TagLanguageTemplate      Tag = 64 // Merchant Information - Language Template.
	TagGUID                  Tag = 0  // Globally Unique Identifier, sub-ID 00 of 26-51, 62.50-99 and 80-99.
)

// Sub-objects of the Additional Data Field Template, ID 62 (EMV MPM v1.1
// §4.8). 10 and 11 are new in v1.1.
const (
	TagBillNumber          Tag = 1
	TagMobileNumber        Tag = 2
	TagStoreLabel          Tag = 3
	TagLoyaltyNumber       Tag = 4
	TagReferenceLabel      Tag = 5
	TagCustomerLabel       Tag = 6
	TagTerminalLabel       Tag = 7
	TagPurpose             Tag = 8
	TagConsumerDataRequest Tag = 9
	TagMerchantTaxID       Tag = 10
	TagMerchantChannel     Tag = 11
)

// Sub-objects of the Merchant Information - Language Template, ID 64
// (EMV MPM v1.1 Table 3.6, ID 64).
const (
	TagLanguagePreference Tag = 0
	TagAlternateName      Tag = 1
	TagAlternateCity      Tag = 2
)

// String returns the tag as the two digits that encode it, such as "05".
// Tags above 99 do not exist; they print as "??".
func (t Tag) String() string {
	if t > 99 {
		return "??"
	}
	return twoDigits[2*int(t) : 2*int(t)+2]
}

// twoDigits holds "00" to "99" back to back, so that tag strings and lengths
// never allocate.
const twoDigits = "00010203040506070809101112131415161718192021222324252627282930313233343536373839" +
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879" +
	"8081828384858687888990919293949596979899"

// IsMerchantAccount reports whether t, at the root, is a merchant account
// information object (02-51, EMV MPM v1.1 §4.7.9).
func (t Tag) IsMerchantAccount() bool {
	return t >= 2 && t <= 51
}

// IsRFU reports whether t, at the root, is reserved for future use by EMVCo
// (65-79). Readers keep such objects; generators must not emit them
// (EMV MPM v1.1 §4.5.4).
func (t Tag) IsRFU() bool { return t >= 65 && t <= 79 }

// IsUnreserved reports whether t, at the root, is an unreserved template
// (80-99), free for any provider under its own GUID.
func (t Tag) IsUnreserved() bool { return t >= 80 && t <= 99 }

// rootKind is how the parser treats the content of a root object.
type kind uint8

const (
	kindPrimitive kind = iota // value is opaque text
	kindTemplate              // value must be nested TLV
	kindMaybe                 // nested TLV when it parses, else opaque (80-99)
)

// rootKinds is rootKind for every ID, for the parser's hot loop.
var rootKinds = func() (t [100]kind) {
	for id := range t {
		t[id] = rootKind(Tag(id))
	}
	return t
}()

// rootKind tells how a root ID's value is read, from the format of its
// rule (spec.go). 02-25 are primitives even when their value happens to
// look like TLV, as in Laos's LAPNet codes (EMV MPM v1.1 §4.7.9).
func rootKind(t Tag) kind {
	switch rootRules.field(t).format {
	case formatTemplate:
		return kindTemplate
	case formatOpenTemplate:
		return kindMaybe
	}
	return kindPrimitive
}
