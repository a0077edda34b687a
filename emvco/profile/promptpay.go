package profile

import (
	"strconv"
	"time"

	"github.com/qrbridge/qrbridge/emvco"
	"github.com/qrbridge/qrbridge/fx"
)

// refPromptPay cites the Bank of Thailand's QR standard, the EMV MPM profile
// of PromptPay credit transfers (29) and bill payments (30).
const refPromptPay = "BOT Thai QR Code Standard for Payment Transactions (2017), tags 29 and 30"

// PromptPay GUIDs: credit transfer (29) and bill payment (30).
const (
	guidPromptPayTransfer = "A000000677010111"
	guidPromptPayBill     = "A000000677010112"
)

// PromptPayKind tells credit transfers from bill payments. The zero
// PromptPayKind is no PromptPay code.
type PromptPayKind uint8

const (
	PromptPayTransfer    PromptPayKind = 1 // GUID A000000677010111
	PromptPayBillPayment PromptPayKind = 2 // GUID A000000677010112
)

// ProxyType is how a PromptPay credit transfer names the payee: its
// sub-ID in template 29. The zero ProxyType is none (bill payments).
type ProxyType uint8

const (
	ProxyMobile     ProxyType = 1 // 01: 0066 + 9 digits
	ProxyNationalID ProxyType = 2 // 02: 13-digit national or tax ID
	ProxyEWallet    ProxyType = 3 // 03: 15-digit e-wallet ID
	ProxyBank       ProxyType = 4 // 04: bank account (reserved)
)

// String returns "transfer" or "bill-payment", or the number for other
// values.
func (k PromptPayKind) String() string {
	switch k {
	case PromptPayTransfer:
		return "transfer"
	case PromptPayBillPayment:
		return "bill-payment"
	}
	return "PromptPayKind(" + strconv.Itoa(int(k)) + ")"
}

// String returns "mobile", "national-id", "e-wallet" or "bank-account",
// or the number for other values.
func (t ProxyType) String() string {
	switch t {
	case ProxyMobile:
		return "mobile"
	case ProxyNationalID:
		return "national-id"
	case ProxyEWallet:
		return "e-wallet"
	case ProxyBank:
		return "bank-account"
	}
	return "ProxyType(" + strconv.Itoa(int(t)) + ")"
}

// PromptPay is the typed view of a Thai PromptPay code.
type PromptPay struct {
	Kind      PromptPayKind
	ProxyType ProxyType // credit transfers
	Proxy     string
	BillerID  string // bill payments: 15 characters (tax ID + suffix)
	Ref1      string
	Ref2      string
	Amount    fx.Amount // 54 in baht; the zero Amount when the payer enters it
}

// PromptPayOf returns the PromptPay view of p.
func PromptPayOf(p *emvco.Payload) (PromptPay, bool) {
	for o := range p.Objects() {
		g, _ := sub(o, emvco.TagGUID)
		switch {
		case guidIs(guidPromptPayTransfer)(g):
			v := PromptPay{Kind: PromptPayTransfer}
			for id := emvco.Tag(1); id <= 4; id++ {
				if val, ok := sub(o, id); ok {
					v.ProxyType, v.Proxy = ProxyType(id), val
				}
			}
			v.Amount, _ = p.Money()
			return v, true
		case guidIs(guidPromptPayBill)(g):
			v := PromptPay{Kind: PromptPayBillPayment}
			v.BillerID, _ = sub(o, 1)
			v.Ref1, _ = sub(o, 2)
			v.Ref2, _ = sub(o, 3)
			v.Amount, _ = p.Money()
			return v, true
		}
	}
	return PromptPay{}, false
}

func promptPay() Profile {
	return Profile{Name: "promptpay", Country: "TH", Match: guidIs(guidPromptPayTransfer, guidPromptPayBill), Lint: lintPromptPay}
}

// proxyLen is the length of each credit-transfer proxy.
var proxyLen = map[emvco.Tag]int{1: 13, 2: 13, 3: 15}

func lintPromptPay(p *emvco.Payload, t emvco.Object, fs []emvco.Finding, _ time.Time) []emvco.Finding {
	fs = relax(fs, "mpm-missing-field", "52", "59", "60") // every Thai P2P code omits them
	fs = relax(fs, "mpm-mcc-not-applicable")
	fs = requireRoot(p, fs, emvco.TagTransactionCurrency, []string{"764"}, "promptpay-currency", refPromptPay)
	fs = requireRoot(p, fs, emvco.TagCountryCode, []string{"TH"}, "promptpay-country", refPromptPay)
	if g, _ := sub(t, emvco.TagGUID); guidIs(guidPromptPayBill)(g) {
		if b, _ := sub(t, 1); len(b) != 15 {
			fs = add(fs, "promptpay-biller", emvco.SeverityError, t, t.Path()+".01", "biller id is not 15 characters", refPromptPay)
		}
		if _, ok := sub(t, 2); !ok {
			fs = add(fs, "promptpay-reference", emvco.SeverityError, t, t.Path()+".02", "bill payment needs reference 1", refPromptPay)
		}
		return fs
	}
	found := 0
	for c := range t.Objects() {
		if n, ok := proxyLen[c.ID()]; ok {
			found++
			if len(c.Value()) != n || !isDigits(c.Value()) {
				fs = add(fs, "promptpay-proxy", emvco.SeverityError, c, "", "proxy value does not have its type's digits", refPromptPay)
			}
		}
	}
	if found != 1 {
		fs = add(fs, "promptpay-proxy", emvco.SeverityError, t, "", "credit transfer needs exactly one proxy (01-03)", refPromptPay)
	}
	return fs
}
