package emvco

import "iter"

// Typed accessors for the common fields (EMV MPM v1.1 Table 3.6). Each
// returns a substring of the payload, or "" when the object is absent.

// PayloadFormat returns the Payload Format Indicator, ID 00 ("01" in
// conformant payloads; DuitNow uses "02").
func (p *Payload) PayloadFormat() string { return p.value(TagPayloadFormat) }

// MerchantName returns ID 59, the "doing business as" name.
func (p *Payload) MerchantName() string { return p.value(TagMerchantName) }

// MerchantCity returns ID 60.
func (p *Payload) MerchantCity() string { return p.value(TagMerchantCity) }

// PostalCode returns ID 61.
func (p *Payload) PostalCode() string { return p.value(TagPostalCode) }

// CountryCode returns ID 58, the ISO 3166-1 alpha-2 code of the merchant.
func (p *Payload) CountryCode() string { return p.value(TagCountryCode) }

// MerchantCategoryCode returns ID 52, the ISO 18245 MCC.
func (p *Payload) MerchantCategoryCode() string { return p.value(TagMerchantCategoryCode) }

// Currency returns ID 53, the ISO 4217 numeric code of the transaction
// currency, such as "410" for KRW.
func (p *Payload) Currency() string { return p.value(TagTransactionCurrency) }

// Amount returns ID 54, the transaction amount as written ("23.72"). ok is
// false when the code leaves the amount to the payer. The amount excludes
// tips and convenience fees (v1.1, SB-244).
func (p *Payload) Amount() (amount string, ok bool) { return p.Lookup("54") }

func (p *Payload) value(id Tag) string {
	o, _ := p.Object(id)
	return o.Value()
}

// Initiation is the Point of Initiation Method, ID 01 (EMV MPM v1.1
// Table 3.6). The zero value, [InitiationUnspecified], means 01 is absent.
type Initiation uint8

const (
	InitiationUnspecified Initiation = iota // 01 absent
	InitiationStatic                        // "11": the same code serves many transactions
	InitiationDynamic                       // "12": a new code for each transaction
	// InitiationReserved is any other two digits, such as the "10" of
	// VNPay wallet codes: values the specification reserves, which readers
	// ignore (EMV MPM v1.1 §4.7.2.1, §1.4.4). The Linter warns of them.
	InitiationReserved
)

// String returns "static", "dynamic", "reserved" or "unspecified".
func (i Initiation) String() string {
	switch i {
	case InitiationStatic:
		return "static"
	case InitiationDynamic:
		return "dynamic"
	case InitiationReserved:
		return "reserved"
	}
	return "unspecified"
}

// Initiation returns the point of initiation method. The parser admits any
// two digits; see [InitiationReserved].
func (p *Payload) Initiation() Initiation {
	switch v := p.value(TagPointOfInitiation); v {
	case "":
		return InitiationUnspecified
	case "11":
		return InitiationStatic
	case "12":
		return InitiationDynamic
	}
	return InitiationReserved
}

// FeeKind is the Tip or Convenience Indicator, ID 55 (EMV MPM v1.1 Table 3.6).
// The zero value, [FeeNone], means 55 is absent.
type FeeKind uint8

const (
	FeeNone       FeeKind = iota // no tip or fee
	FeePrompt                    // "01": the app prompts the payer for a tip
	FeeFixed                     // "02": a fixed fee, in 56
	FeePercentage                // "03": a percentage fee, in 57
	FeeUnknown                   // any other value of 55 (RFU)
)

// String returns "none", "prompt", "fixed", "percentage" or "unknown".
func (k FeeKind) String() string {
	switch k {
	case FeeNone:
		return "none"
	case FeePrompt:
		return "prompt"
	case FeeFixed:
		return "fixed"
	case FeePercentage:
		return "percentage"
	}
	return "unknown"
}

// Fee is the tip or convenience fee of a payload: the kind from ID 55 and,
// for fixed and percentage fees, the value from 56 or 57.
type Fee struct {
	Kind  FeeKind
	Value string
}

// Fee returns the tip or convenience fee. The zero Fee means none.
func (p *Payload) Fee() Fee {
	switch p.value(TagTipIndicator) {
	case "":
		return Fee{}
	case "01":
		return Fee{Kind: FeePrompt}
	case "02":
		return Fee{Kind: FeeFixed, Value: p.value(TagConvenienceFeeFixed)}
	case "03":
		return Fee{Kind: FeePercentage, Value: p.value(TagConvenienceFeePercent)}
	}
	return Fee{Kind: FeeUnknown}
}

// MerchantAccount is one merchant account information object, ID 02-51
// (EMV MPM v1.1 §4.7.9). For the primitives 02-25 the network is implied
// by the ID and GUID is "". For templates 26-51 GUID is sub-ID 00 ("" for
// the GUID-less templates some schemes use) and Object gives the rest.
type MerchantAccount struct {
	ID     Tag
	GUID   string
	Object Object
}

// MerchantAccounts returns an iterator over the merchant accounts, in
// payload order.
func (p *Payload) MerchantAccounts() iter.Seq[MerchantAccount] {
	return func(yield func(MerchantAccount) bool) {
		for o := range p.Objects() {
			if !o.ID().IsMerchantAccount() {
				continue
			}
			ma := MerchantAccount{ID: o.ID(), Object: o}
			if g, ok := o.Lookup(TagGUID); ok { // a primitive has no sub-objects
				ma.GUID = g.Value()
			}
			if !yield(ma) {
				return
			}
		}
	}
}

// Language is the Merchant Information - Language Template, ID 64 (EMV MPM
// v1.1 Table 3.6): the merchant's name and city in a local script.
type Language struct {
	Preference string // ISO 639-1 code, sub-ID 00 (case varies in the field)
	Name       string // sub-ID 01, counted in characters
	City       string // sub-ID 02
}

// Language returns the language template; ok is false when 64 is absent.
func (p *Payload) Language() (l Language, ok bool) {
	t, ok := p.Object(TagLanguageTemplate)
	if !ok {
		return Language{}, false
	}
	l.Preference, _ = t.lookupValue(TagLanguagePreference)
	l.Name, _ = t.lookupValue(TagAlternateName)
	l.City, _ = t.lookupValue(TagAlternateCity)
	return l, true
}

func (o Object) lookupValue(id Tag) (string, bool) {
	c, ok := o.Lookup(id)
	return c.Value(), ok
}

// AdditionalData is a view of the Additional Data Field Template, ID 62
// (EMV MPM v1.1 §4.8). Its zero value is an absent template: every field
// is "".
type AdditionalData struct{ Object }

// AdditionalData returns the additional data template; ok is false when 62
// is absent.
func (p *Payload) AdditionalData() (AdditionalData, bool) {
	o, ok := p.Object(TagAdditionalData)
	return AdditionalData{o}, ok
}

func (a AdditionalData) get(id Tag) string {
	v, _ := a.lookupValue(id)
	return v
}

// BillNumber returns 62.01; "***" asks the app to prompt for it.
func (a AdditionalData) BillNumber() string { return a.get(TagBillNumber) }

// MobileNumber returns 62.02.
func (a AdditionalData) MobileNumber() string { return a.get(TagMobileNumber) }

// StoreLabel returns 62.03.
func (a AdditionalData) StoreLabel() string { return a.get(TagStoreLabel) }

// LoyaltyNumber returns 62.04.
func (a AdditionalData) LoyaltyNumber() string { return a.get(TagLoyaltyNumber) }

// ReferenceLabel returns 62.05 (the Pix txid, for example).
func (a AdditionalData) ReferenceLabel() string { return a.get(TagReferenceLabel) }

// CustomerLabel returns 62.06.
func (a AdditionalData) CustomerLabel() string { return a.get(TagCustomerLabel) }

// TerminalLabel returns 62.07.
func (a AdditionalData) TerminalLabel() string { return a.get(TagTerminalLabel) }

// Purpose returns 62.08, the purpose of the transaction.
func (a AdditionalData) Purpose() string { return a.get(TagPurpose) }

// ConsumerDataRequest returns 62.09: any of "A" (address), "M" (mobile)
// and "E" (e-mail).
func (a AdditionalData) ConsumerDataRequest() string { return a.get(TagConsumerDataRequest) }

// MerchantTaxID returns 62.10 (v1.1).
func (a AdditionalData) MerchantTaxID() string { return a.get(TagMerchantTaxID) }

// MerchantChannel returns 62.11 (v1.1): three digits for media, location
// and presence, such as "400" for a retail POS screen.
func (a AdditionalData) MerchantChannel() string { return a.get(TagMerchantChannel) }
