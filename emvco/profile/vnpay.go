package profile

import (
	"strings"
	"time"

	"github.com/qrbridge/qrbridge/emvco"
)

// refVNPayWallet cites the source of the VNPAY personal-wallet layout: no
// public VNPAY specification describes it; the layout is the one VNPAY's
// wallet issues, as the vietnam-qr-pay project reads it.
const refVNPayWallet = "VNPAY personal wallet QR (no public specification; layout as xuannghia/vietnam-qr-pay reads VNPAY's codes)"

// vnpayWalletMark is the value of the primitive that names the wallet.
const vnpayWalletMark = "VNPayWallet"

// detectVNPayWallet recognises a VNPAY personal-wallet code: 01 holds the
// value 10, which EMV MPM v1.1 reserves (§4.7.2.1), and a primitive of
// 02-25 holds "VNPayWallet". It returns that primitive.
func detectVNPayWallet(p *emvco.Payload) (emvco.Object, bool) {
	init, ok := p.Object(emvco.TagPointOfInitiation)
	if !ok || init.Value() != "10" {
		return emvco.Object{}, false
	}
	for o := range p.Objects() {
		if id := o.ID(); id >= 2 && id <= 25 && strings.EqualFold(o.Value(), vnpayWalletMark) {
			return o, true
		}
	}
	return emvco.Object{}, false
}

func vnpayWallet() Profile {
	return Profile{Name: "vnpay-wallet", Country: "VN", Detect: detectVNPayWallet, Lint: lintVNPayWallet}
}

// lintVNPayWallet relaxes what the wallet's layout leaves out or writes
// differently: the mandatory root fields 52, 53, 58, 59 and 60 of EMV MPM
// v1.1 Table 3.6, which it does not carry, and the ans format of 08, where
// it writes the holder's name in Vietnamese. Every other check stays, the
// reserved-01 warning included, and the code must name the wallet account
// (07) it pays.
func lintVNPayWallet(p *emvco.Payload, t emvco.Object, fs []emvco.Finding, _ time.Time) []emvco.Finding {
	fs = relax(fs, "mpm-missing-field", "52", "53", "58", "59", "60")
	fs = relax(fs, "mpm-format-ans", "08")
	if acct, ok := p.Object(7); !ok || acct.IsTemplate() || acct.Value() == "" {
		fs = add(fs, "vnpay-wallet-account", emvco.SeverityError, t, "07", "wallet code has no account (07)", refVNPayWallet)
	}
	return fs
}
