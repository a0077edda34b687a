package cpm

import (
	"strconv"
	"strings"
)

// Tag is a BER-TLV tag, its bytes read big-endian: 0x5A, 0x5F20, 0x9F08.
type Tag uint32

// The tags of CPM v1.0 Tables 3.1 and 6.1.
const (
	TagFormat                 Tag = 0x85   // Payload Format Indicator, "CPV01"
	TagApplication            Tag = 0x61   // Application Template
	TagCommon                 Tag = 0x62   // Common Data Template
	TagApplicationTransparent Tag = 0x63   // Application Specific Transparent Template
	TagCommonTransparent      Tag = 0x64   // Common Data Transparent Template
	TagADFName                Tag = 0x4F   // ADF Name (the AID), 5 to 16 bytes
	TagLabel                  Tag = 0x50   // Application Label
	TagTrack2                 Tag = 0x57   // Track 2 Equivalent Data
	TagPAN                    Tag = 0x5A   // Application PAN
	TagCardholderName         Tag = 0x5F20 // Cardholder Name
	TagLanguage               Tag = 0x5F2D // Language Preference
	TagIssuerURL              Tag = 0x5F50 // Issuer URL
	TagVersion                Tag = 0x9F08 // Application Version Number
	TagTokenRequestor         Tag = 0x9F19 // Token Requestor ID
	TagPAR                    Tag = 0x9F24 // Payment Account Reference
	TagLast4                  Tag = 0x9F25 // Last 4 Digits of PAN
)

// String returns the tag in uppercase hexadecimal, as tag paths write it:
// "5F20".
func (t Tag) String() string {
	return strings.ToUpper(strconv.FormatUint(uint64(t), 16))
}
