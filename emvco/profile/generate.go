package profile

import (
	"strings"

	"github.com/qrbridge/qrbridge/emvco"
)

// Generation helpers for the common codes of each scheme. Each returns a
// payload parsed back by the strict reader; amounts use the EMVCo tag 54
// form ("" for none, so that the payer types it).

// PixOptions are the optional parts of a static Pix code.
type PixOptions struct {
	Amount string // 54
	Info   string // 26.02, shown to the payer
	TxID   string // 62.05; "***" when empty
}

// PixStatic builds a static Pix code for a key (phone, e-mail, CPF, CNPJ
// or random key), merchant name and city.
func PixStatic(key, name, city string, o PixOptions) (*emvco.Payload, error) {
	if !validPixKey(key) {
		return nil, &emvco.BuildError{Path: "26.01", Err: emvco.ErrFormat}
	}
	txid := o.TxID
	if txid == "" {
		txid = "***"
	}
	var b emvco.Builder
	b.Add(emvco.TagPayloadFormat, "01")
	b.Template(26, func(b *emvco.Builder) {
		b.Add(emvco.TagGUID, "br.gov.bcb.pix").Add(1, key)
		if o.Info != "" {
			b.Add(2, o.Info)
		}
	})
	b.Add(emvco.TagMerchantCategoryCode, "0000").Add(emvco.TagTransactionCurrency, "986")
	addAmount(&b, o.Amount)
	b.Add(emvco.TagCountryCode, "BR").Add(emvco.TagMerchantName, name).Add(emvco.TagMerchantCity, city)
	b.Template(emvco.TagAdditionalData, func(b *emvco.Builder) { b.Add(emvco.TagReferenceLabel, txid) })
	return finish(&b)
}

// PromptPayMobile builds a PromptPay credit transfer to a Thai mobile
// number ("0812345678" or "+66812345678"), static without an amount and
// dynamic with one, in the layout Thai banking apps read.
func PromptPayMobile(mobile, amount string) (*emvco.Payload, error) {
	d, international := strings.CutPrefix(mobile, "+66")
	if !international {
		d = strings.TrimPrefix(mobile, "0")
	}
	if len(d) != 9 || !isDigits(d) {
		return nil, &emvco.BuildError{Path: "29.01", Err: emvco.ErrFormat}
	}
	return promptPayTransfer(1, "0066"+d, amount)
}

// PromptPayNationalID builds a PromptPay credit transfer to a 13-digit
// national ID or tax ID.
func PromptPayNationalID(id, amount string) (*emvco.Payload, error) {
	if len(id) != 13 || !isDigits(id) {
		return nil, &emvco.BuildError{Path: "29.02", Err: emvco.ErrFormat}
	}
	return promptPayTransfer(2, id, amount)
}

func promptPayTransfer(proxy emvco.Tag, value, amount string) (*emvco.Payload, error) {
	var b emvco.Builder
	b.Add(emvco.TagPayloadFormat, "01").Add(emvco.TagPointOfInitiation, initiation(amount))
	b.Template(29, func(b *emvco.Builder) { b.Add(emvco.TagGUID, guidPromptPayTransfer).Add(proxy, value) })
	b.Add(emvco.TagCountryCode, "TH").Add(emvco.TagTransactionCurrency, "764")
	addAmount(&b, amount)
	return finish(&b)
}

// PayNowOptions are the optional parts of a PayNow code.
type PayNowOptions struct {
	Amount    string // 54; without it the payer enters the amount
	Editable  bool   // the payer may change a given amount
	Expiry    string // YYYYMMDD
	Name      string // 59; "NA" when empty
	City      string // 60; "Singapore" when empty
	Reference string // 62.01, the bill number that carries the reference
}

// PayNowMobile builds a PayNow code to a Singapore mobile number (+65…).
func PayNowMobile(mobile string, o PayNowOptions) (*emvco.Payload, error) {
	if !(strings.HasPrefix(mobile, "+65") && len(mobile) <= 16 && isDigits(mobile[3:])) {
		return nil, &emvco.BuildError{Path: "26.02", Err: emvco.ErrFormat}
	}
	return payNowCode("0", mobile, o)
}

// PayNowUEN builds a PayNow code to a company's UEN (9 to 13 characters).
func PayNowUEN(uen string, o PayNowOptions) (*emvco.Payload, error) {
	if len(uen) < 9 || len(uen) > 13 || !isAlnum(uen) {
		return nil, &emvco.BuildError{Path: "26.02", Err: emvco.ErrFormat}
	}
	return payNowCode("2", uen, o)
}

func payNowCode(typ, proxy string, o PayNowOptions) (*emvco.Payload, error) {
	editable := "0"
	if o.Editable || o.Amount == "" {
		editable = "1"
	}
	var b emvco.Builder
	b.Add(emvco.TagPayloadFormat, "01").Add(emvco.TagPointOfInitiation, initiation(o.Amount))
	b.Template(26, func(b *emvco.Builder) {
		b.Add(emvco.TagGUID, "SG.PAYNOW").Add(1, typ).Add(2, proxy).Add(3, editable)
		if o.Expiry != "" {
			b.Add(4, o.Expiry)
		}
	})
	b.Add(emvco.TagMerchantCategoryCode, "0000").Add(emvco.TagTransactionCurrency, "702")
	addAmount(&b, o.Amount)
	b.Add(emvco.TagCountryCode, "SG").Add(emvco.TagMerchantName, or(o.Name, "NA")).Add(emvco.TagMerchantCity, or(o.City, "Singapore"))
	if o.Reference != "" {
		b.Template(emvco.TagAdditionalData, func(b *emvco.Builder) { b.Add(emvco.TagBillNumber, o.Reference) })
	}
	return finish(&b)
}

// VietQROptions are the optional parts of a VietQR code.
type VietQROptions struct {
	Amount     string // 54
	Card       bool   // pay to a card number (QRIBFTTC) rather than an account
	BillNumber string // 62.01
	Purpose    string // 62.08
}

// VietQRAccount builds a VietQR (NAPAS 247) code to an account or card at
// the bank with the given 6-digit BIN.
func VietQRAccount(bin, account string, o VietQROptions) (*emvco.Payload, error) {
	if len(bin) != 6 || !isDigits(bin) || !isAlnum(account) {
		return nil, &emvco.BuildError{Path: "38.01", Err: emvco.ErrFormat}
	}
	service := "QRIBFTTA"
	if o.Card {
		service = "QRIBFTTC"
	}
	var b emvco.Builder
	b.Add(emvco.TagPayloadFormat, "01").Add(emvco.TagPointOfInitiation, initiation(o.Amount))
	b.Template(38, func(b *emvco.Builder) {
		b.Add(emvco.TagGUID, "A000000727")
		b.Template(1, func(b *emvco.Builder) { b.Add(0, bin).Add(1, account) })
		b.Add(2, service)
	})
	b.Add(emvco.TagTransactionCurrency, "704")
	addAmount(&b, o.Amount)
	b.Add(emvco.TagCountryCode, "VN")
	if o.BillNumber != "" || o.Purpose != "" {
		b.Template(emvco.TagAdditionalData, func(b *emvco.Builder) {
			if o.BillNumber != "" {
				b.Add(emvco.TagBillNumber, o.BillNumber)
			}
			if o.Purpose != "" {
				b.Add(emvco.TagPurpose, o.Purpose)
			}
		})
	}
	return finish(&b)
}

func initiation(amount string) string {
	if amount != "" {
		return "12"
	}
	return "11"
}

func addAmount(b *emvco.Builder, amount string) {
	if amount != "" {
		b.Add(emvco.TagTransactionAmount, amount)
	}
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func finish(b *emvco.Builder) (*emvco.Payload, error) {
	s, err := b.Encode()
	if err != nil {
		return nil, err
	}
	return emvco.Parse(s)
}
