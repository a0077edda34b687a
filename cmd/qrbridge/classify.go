package main

import (
	"errors"
	"strings"

	"github.com/qrbridge/qrbridge/emvco"
	"github.com/qrbridge/qrbridge/emvco/cpm"
	"github.com/qrbridge/qrbridge/emvco/profile"
	"github.com/qrbridge/qrbridge/wechat"
	"github.com/qrbridge/qrbridge/zeropay"
)

// errUnknownKind reports text that is none of the codes qrbridge reads.
var errUnknownKind = errors.New("not a payment code qrbridge knows")

// errEmpty reports an empty payload (an empty batch line).
var errEmpty = errors.New("empty payload")

// decoded is one payment code, read by decodeCode. kind is the code's
// stable identifier, as translate.Detect names it ("emvco-mpm",
// "zeropay-static"); exactly one of mpm, cpm and fields describes it.
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

// decodeCode recognises and decodes s with the library that owns its kind.
// The kind is set even when decoding fails, when it could be told.
func decodeCode(s string, reg *profile.Registry) (decoded, error) {
	switch {
	case s == "":
		return decoded{kind: "unknown"}, errEmpty
	case isCPM(s):
		return decodeCPM(s)
	case strings.HasPrefix(s, "00"):
		d := decoded{kind: "emvco-mpm"}
		p, err := emvco.Parse(s)
		if err != nil {
			return d, err
		}
		d.mpm, d.schemes = p, reg.Schemes(p)
		return d, nil
	case wechat.Classify(s) != wechat.KindUnknown:
		return decodeWeChat(s)
	case len(s) > 1 && s[1] == '-' && s[0] >= '1' && s[0] <= '4':
		return decodeZeroPay(s)
	case strings.HasPrefix(s, "800088"):
		return decodeZeroPayBarcode(s)
	}
	if d, ok := decodePaymentCode(s); ok {
		return d, nil
	}
	return decoded{kind: "unknown"}, errUnknownKind
}

func decodeWeChat(s string) (decoded, error) {
	c, err := wechat.Parse(s)
	var d decoded
	switch wechat.Classify(s) {
	case wechat.KindCodeURL:
		d = decoded{kind: "wechat-code-url", fields: []field{{"token", c.CodeURL.Token}}}
	case wechat.KindNativeURL:
		n := c.NativeURL
		d = decoded{kind: "wechat-native-link", fields: []field{
			{"appid", n.AppID}, {"mch_id", n.MchID}, {"product_id", n.ProductID}, {"nonce_str", n.NonceStr},
		}}
	case wechat.KindPersonal:
		d = decoded{kind: "wechat-personal", fields: []field{{"code", c.Personal}}}
	default:
		pc := c.PaymentCode
		d = decoded{kind: "wechat-payment-code", fields: []field{
			{"auth_code", pc.String()}, {"cross_border", yesNo(pc.CrossBorder())}, {"hong_kong", yesNo(pc.HongKong())},
		}}
	}
	if err != nil {
		d.fields = nil
	}
	return d, err
}

var zeroPayKinds = map[zeropay.Kind]string{
	zeropay.KindStatic: "zeropay-static", zeropay.KindDynamic: "zeropay-dynamic",
	zeropay.KindConsumer: "zeropay-consumer", zeropay.KindRefund: "zeropay-refund",
}

func decodeZeroPay(s string) (decoded, error) {
	d := decoded{kind: zeroPayKinds[zeropay.Kind(s[0]-'0')]}
	c, err := zeropay.Parse(s)
	if err != nil {
		return d, err
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

func decodeZeroPayBarcode(s string) (decoded, error) {
	b, err := zeropay.ParseBarcode(s)
	if err != nil {
		return decoded{kind: "unknown"}, err
	}
	if b.Kind == zeropay.BarcodeRefund {
		return decoded{kind: "zeropay-refund-barcode", fields: []field{
			{"system", systemID(b.System)}, {"original_date", b.OriginalDate}, {"original_txn", b.OriginalTxn},
		}}, nil
	}
	return decoded{kind: "zeropay-consumer-barcode", fields: []field{
		{"system", systemID(b.System)}, {"token", b.Token}, {"service_code", string(b.ServiceCode())},
	}}, nil
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
