package main

import (
	"errors"
	"strings"

	"github.com/qrbridge/qrbridge/emvco"
	"github.com/qrbridge/qrbridge/emvco/cpm"
	"github.com/qrbridge/qrbridge/emvco/profile"
	"github.com/qrbridge/qrbridge/translate"
	"github.com/qrbridge/qrbridge/wechat"
	"github.com/qrbridge/qrbridge/zeropay"
)

// errUnknownKind reports text that is none of the codes qrbridge reads.
var errUnknownKind = errors.New("not a payment code qrbridge knows")

// errEmpty reports an empty payload (an empty batch line).
var errEmpty = errors.New("empty payload")

// decoded is one payment code, read by decodeCode. kind is the code's
// stable identifier, as translate.Detect names it ("emvco-mpm",
// "zeropay-static"); mpm, cpm or fields describes it.
type decoded struct {
	kind    string
	mpm     *emvco.Payload
	schemes []profile.Match
	cpm     *cpm.CPM
	fields  []field
}

// field is one named value of a code that is not an EMVCo MPM payload.
type field struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// decodeCode names s with translate.Detect and decodes it with the
// library that owns its kind. The kind is set even when decoding fails.
func decodeCode(s string, reg *profile.Registry) (decoded, error) {
	if s == "" {
		return decoded{kind: "unknown"}, errEmpty
	}
	// Detect parses an EMVCo payload to name its schemes; its first rule
	// ("00" and two digits) is applied here so that decode parses once.
	k := translate.KindEMVCoMPM
	if len(s) < 4 || s[:2] != "00" || !allDigits(s[2:4]) {
		k = translate.Detect(s).Kind
	}
	switch k {
	case translate.KindEMVCoMPM:
		d := decoded{kind: k.String()}
		p, err := emvco.Parse(s)
		if err != nil {
			return d, err
		}
		d.mpm, d.schemes = p, reg.Schemes(p)
		return d, nil
	case translate.KindEMVCoCPM:
		return decodeCPM(s)
	case translate.KindWeChatCodeURL, translate.KindWeChatNativeLink, translate.KindWeChatPersonal, translate.KindWeChatPaymentCode:
		return decodeWeChat(s, k)
	case translate.KindZeroPayStatic, translate.KindZeroPayDynamic, translate.KindZeroPayConsumer, translate.KindZeroPayRefund:
		return decodeZeroPay(s, k)
	case translate.KindZeroPayConsumerBarcode, translate.KindZeroPayRefundBarcode:
		return decodeZeroPayBarcode(s, k)
	case translate.KindAlipayPaymentCode, translate.KindUnionPayPaymentCode:
		// An opaque token: its form is all there is to decode.
		return decoded{kind: k.String(), fields: []field{{"auth_code", mask(k, s)}}}, nil
	case translate.KindAlipayPlusMPM:
		// Only Alipay+ can identify it (its identifyCode API).
		return decoded{kind: k.String(), fields: []field{{"url", s}}}, nil
	}
	return decoded{kind: k.String()}, errUnknownKind
}

func decodeWeChat(s string, k translate.Kind) (decoded, error) {
	c, err := wechat.Parse(s)
	d := decoded{kind: k.String()}
	switch c.Kind {
	case wechat.KindCodeURL:
		d.fields = []field{{"token", c.CodeURL.Token}}
	case wechat.KindNativeURL:
		n := c.NativeURL
		d.fields = []field{
			{"appid", n.AppID}, {"mch_id", n.MchID}, {"product_id", n.ProductID}, {"nonce_str", n.NonceStr},
		}
	case wechat.KindPersonal:
		d.fields = []field{{"code", c.Personal}}
	case wechat.KindPaymentCode:
		pc := c.PaymentCode
		d.fields = []field{
			{"auth_code", mask(k, pc.String())}, {"cross_border", yesNo(pc.CrossBorder())}, {"hong_kong", yesNo(pc.HongKong())},
		}
	}
	if err != nil {
		d.fields = nil
	}
	return d, err
}

func decodeZeroPay(s string, k translate.Kind) (decoded, error) {
	d := decoded{kind: k.String()}
	c, err := zeropay.Parse(s)
	if err != nil {
		return d, err
	}
	if c.Kind == zeropay.KindConsumer {
		c.Token, c.Check = mask(k, c.Token), strings.Repeat("*", len(c.Check))
	}
	for _, f := range []field{
		{"registrar", c.Registrar}, {"merchant_id", c.MerchantID}, {"terminal_id", c.TerminalID},
		{"serial", c.Serial}, {"system", systemID(c.System)}, {"token", c.Token},
		{"original_date", c.OriginalDate}, {"original_txn", c.OriginalTxn}, {"check_characters", c.Check},
	} {
		if f.Value != "" {
			d.fields = append(d.fields, f)
		}
	}
	d.fields = append(d.fields, field{"check", checkStatus(c.Verified)})
	return d, nil
}

func decodeZeroPayBarcode(s string, k translate.Kind) (decoded, error) {
	b, err := zeropay.ParseBarcode(s)
	if err != nil {
		return decoded{kind: k.String()}, err
	}
	if b.Kind == zeropay.BarcodeRefund {
		return decoded{kind: k.String(), fields: []field{
			{"system", systemID(b.System)}, {"original_date", b.OriginalDate}, {"original_txn", b.OriginalTxn},
		}}, nil
	}
	return decoded{kind: k.String(), fields: []field{
		{"system", systemID(b.System)}, {"token", mask(k, b.Token)}, {"service_code", string(b.ServiceCode())},
	}}, nil
}

// mask returns a consumer's payment token as translate.Token prints it:
// at most the first two and last four characters. A payment code, a Zero
// Pay token or a card number pays for whoever holds it, so the command
// never prints one whole.
func mask(k translate.Kind, token string) string {
	return translate.NewToken(k.String(), token).String()
}

func systemID(id zeropay.SystemID) string {
	if id == (zeropay.SystemID{}) {
		return ""
	}
	return string(id[:])
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// checkStatus says what is known of a Zero Pay code's check characters:
// their algorithm (Annex B of the Korean standard) is not public, so the
// command has no Checker and never reports them valid.
func checkStatus(s zeropay.CheckStatus) string {
	if s == zeropay.CheckValid {
		return "valid"
	}
	return "not verified"
}
