package translate

import (
	"github.com/qrbridge/qrbridge/emvco"
	"github.com/qrbridge/qrbridge/fx"
)

// Sticker describes one merchant's multi-network EMVCo merchant code: the
// one-code-many-schemes model of EMVCo MPM (merchant account information
// 02-51 may carry several networks, EMV QRCPS MPM v1.1 §4.7.9) and of
// SGQR, where each wallet picks the account of a network it serves. A
// Korean merchant can carry its domestic D410 account ([KoreanAccount])
// beside a foreign network's template, so that a visiting wallet that
// reads EMVCo codes pays it through its own network.
//
// Name (59, at most 25 characters), City (60) and Country (58) are
// required, MCC (52) defaults to "0000", Currency (53) is required; an
// Amount makes the code dynamic (01 = 12). LocalLanguage, LocalName and
// LocalCity fill template 64 (the name in Hangul, say); Store, Terminal and
// Reference fill 62.03, 62.07 and 62.05.
type Sticker struct {
	Name, City, Country, MCC, PostalCode string
	Currency                             fx.Currency
	Amount                               fx.Amount
	LocalLanguage, LocalName, LocalCity  string
	Store, Terminal, Reference           string
	Accounts                             []StickerAccount
}

// StickerAccount is one merchant account of a [Sticker]. For a card
// network's primitive (IDs 02-25, such as 15 for UnionPay) set ID and
// Value. For a template, GUID is sub-ID 00 and Fields the sub-objects that
// follow; ID 0 takes the next free template ID from 26, as SGQR assigns
// them in order.
type StickerAccount struct {
	ID     emvco.Tag
	GUID   string
	Value  string
	Fields []StickerField
}

// StickerField is one sub-object of a merchant account template.
type StickerField struct {
	ID    emvco.Tag
	Value string
}

// KoreanAccount returns the template of Korea's EMVCo card-network profile:
// the national RID D410 (ISO 7816-5 'D' plus ISO 3166 numeric 410), GUID
// D4100000014010, with the merchant number in sub-ID 05, as the BC Card
// merchant-presented codes carry it.
func KoreanAccount(merchantNumber string) StickerAccount {
	return StickerAccount{GUID: "D4100000014010", Fields: []StickerField{{ID: 5, Value: merchantNumber}}}
}

// Encode writes the sticker as an EMVCo payload, accounts in the order
// given. Errors are the emvco Builder's (a *emvco.BuildError naming the
// field), or an *Error for a sticker without accounts or currency.
func (s Sticker) Encode() (string, error) {
	if len(s.Accounts) == 0 {
		return "", fieldErr("accounts", ErrMerchantUnavailable, nil)
	}
	if s.Currency.IsZero() {
		return "", fieldErr("53", ErrUnsupportedCurrency, nil)
	}
	var b emvco.Builder
	b.Add(emvco.TagPayloadFormat, "01")
	dynamic := !s.Amount.Currency().IsZero()
	initiation := "11"
	if dynamic {
		initiation = "12"
	}
	b.Add(emvco.TagPointOfInitiation, initiation)
	next := emvco.Tag(26)
	for _, a := range s.Accounts {
		switch {
		case a.GUID == "":
			b.Add(a.ID, a.Value)
		default:
			id := a.ID
			if id == 0 {
				id, next = next, next+1
			}
			b.Template(id, func(b *emvco.Builder) {
				b.Add(emvco.TagGUID, a.GUID)
				for _, f := range a.Fields {
					b.Add(f.ID, f.Value)
				}
			})
		}
	}
	b.Add(emvco.TagMerchantCategoryCode, firstNonEmpty(s.MCC, "0000"))
	b.Add(emvco.TagTransactionCurrency, s.Currency.Numeric())
	if dynamic {
		if s.Amount.Currency() != s.Currency {
			return "", fieldErr("54", ErrUnsupportedCurrency, nil)
		}
		b.Add(emvco.TagTransactionAmount, s.Amount.Number())
	}
	b.Add(emvco.TagCountryCode, s.Country)
	b.Add(emvco.TagMerchantName, s.Name)
	b.Add(emvco.TagMerchantCity, s.City)
	if s.PostalCode != "" {
		b.Add(emvco.TagPostalCode, s.PostalCode)
	}
	if s.Store != "" || s.Reference != "" || s.Terminal != "" {
		b.Template(emvco.TagAdditionalData, func(b *emvco.Builder) {
			addIf(b, emvco.TagStoreLabel, s.Store)
			addIf(b, emvco.TagReferenceLabel, s.Reference)
			addIf(b, emvco.TagTerminalLabel, s.Terminal)
		})
	}
	if s.LocalName != "" {
		b.Template(emvco.TagLanguageTemplate, func(b *emvco.Builder) {
			b.Add(emvco.TagLanguagePreference, s.LocalLanguage)
			b.Add(emvco.TagAlternateName, s.LocalName)
			addIf(b, emvco.TagAlternateCity, s.LocalCity)
		})
	}
	return b.Encode()
}

func addIf(b *emvco.Builder, id emvco.Tag, v string) {
	if v != "" {
		b.Add(id, v)
	}
}
