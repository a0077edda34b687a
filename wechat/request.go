package wechat

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"slices"

	"github.com/qrbridge/qrbridge/fx"
)

// V2Order is the common part of an API v2 cross-border order (Micropay
// and Unified Order with trade_type NATIVE; research notes §1.4, §2.5).
// Total becomes total_fee in minor units and fee_type as its ISO 4217
// alpha code. SubMchID is set in institutional mode. SignType empty means
// MD5; NonceStr empty means a fresh [NewNonce].
type V2Order struct {
	AppID          string
	MchID          string
	SubMchID       string
	NonceStr       string
	SignType       SignType
	Body           string
	OutTradeNo     string
	Total          fx.Amount
	SpbillCreateIP string
	Attach         string
}

// MicropayRequest is a Quick Pay request: the merchant scanned the
// payer's [PaymentCode].
type MicropayRequest struct {
	V2Order
	AuthCode PaymentCode
}

// NativeOrderRequest is a Unified Order for a Native code_url.
type NativeOrderRequest struct {
	V2Order
	ProductID string
	NotifyURL string
}

// Params returns the request's parameters, unsigned.
func (r MicropayRequest) Params() (map[string]string, error) {
	p, err := r.V2Order.params()
	if err != nil {
		return nil, err
	}
	if r.AuthCode.digits == "" {
		return nil, paramErr("auth_code", ErrMissing)
	}
	p["auth_code"] = r.AuthCode.String()
	return p, nil
}

// Params returns the request's parameters, unsigned.
func (r NativeOrderRequest) Params() (map[string]string, error) {
	p, err := r.V2Order.params()
	if err != nil {
		return nil, err
	}
	if r.ProductID == "" || r.NotifyURL == "" {
		return nil, paramErr("product_id/notify_url", ErrMissing)
	}
	p["trade_type"], p["product_id"], p["notify_url"] = "NATIVE", r.ProductID, r.NotifyURL
	return p, nil
}

func (o V2Order) params() (map[string]string, error) {
	for _, f := range []struct{ name, v string }{
		{"appid", o.AppID}, {"mch_id", o.MchID}, {"body", o.Body}, {"out_trade_no", o.OutTradeNo}, {"spbill_create_ip", o.SpbillCreateIP},
	} {
		if f.v == "" {
			return nil, paramErr(f.name, ErrMissing)
		}
	}
	fee, err := minorUnits(o.Total)
	if err != nil {
		return nil, paramErr("total_fee", err)
	}
	nonce := o.NonceStr
	if nonce == "" {
		nonce = NewNonce()
	}
	p := map[string]string{
		"appid": o.AppID, "mch_id": o.MchID, "sub_mch_id": o.SubMchID, "nonce_str": nonce,
		"body": o.Body, "out_trade_no": o.OutTradeNo, "total_fee": fee,
		"fee_type": o.Total.Currency().Code(), "spbill_create_ip": o.SpbillCreateIP, "attach": o.Attach,
	}
	if o.SignType != "" {
		p["sign_type"] = string(o.SignType)
	}
	return p, nil
}

// minorUnits writes a positive amount in minor units, refusing one with
// more decimals than its currency has rather than rounding it.
func minorUnits(a fx.Amount) (string, error) {
	m, err := a.Minor(fx.Down)
	if err != nil {
		return "", err
	}
	if m <= 0 || !fx.FromMinor(m, a.Currency()).Decimal().Equal(a.Decimal()) {
		return "", ErrFormat
	}
	return itoa(m), nil
}

// SignedXML signs params with key and writes the v2 XML body: <xml> with
// one element per non-empty parameter, in name order, so that the same
// request always encodes to the same bytes.
func SignedXML(params map[string]string, key Secret, t SignType) ([]byte, error) {
	sign, err := SignV2(params, key, t)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(params)+1)
	for k, v := range params {
		if v != "" && k != "sign" {
			names = append(names, k)
		}
	}
	slices.Sort(names)
	var b bytes.Buffer
	b.WriteString("<xml>")
	for _, k := range append(names, "sign") {
		v := params[k]
		if k == "sign" {
			v = sign
		}
		b.WriteString("<" + k + ">")
		if err := xml.EscapeText(&b, []byte(v)); err != nil {
			return nil, paramErr(k, ErrFormat)
		}
		b.WriteString("</" + k + ">")
	}
	b.WriteString("</xml>")
	return b.Bytes(), nil
}

// V3Amount is API v3's amount object: total in minor units and the ISO
// 4217 alpha currency.
type V3Amount struct {
	Total    int64  `json:"total"`
	Currency string `json:"currency"`
}

// NewV3Amount converts an fx amount, refusing one that is not a whole
// positive number of minor units.
func NewV3Amount(a fx.Amount) (V3Amount, error) {
	s, err := minorUnits(a)
	if err != nil {
		return V3Amount{}, paramErr("amount.total", err)
	}
	var n int64
	for i := 0; i < len(s); i++ {
		n = n*10 + int64(s[i]-'0')
	}
	return V3Amount{Total: n, Currency: a.Currency().Code()}, nil
}

// V3GlobalNativeRequest is an API v3 global Native order body
// (POST /v3/global/transactions/native, common mode). Body encodes it
// deterministically: fields in declaration order.
type V3GlobalNativeRequest struct {
	AppID       string   `json:"appid"`
	MchID       string   `json:"mchid"`
	Description string   `json:"description"`
	OutTradeNo  string   `json:"out_trade_no"`
	NotifyURL   string   `json:"notify_url"`
	Amount      V3Amount `json:"amount"`
}

// V3GlobalMicropayRequest is an API v3 global Quick Pay body: the payer's
// auth_code under payer. The exact global path is not confirmed in our
// research notes; the body follows the mainland codepay shape.
type V3GlobalMicropayRequest struct {
	AppID       string   `json:"appid"`
	MchID       string   `json:"mchid"`
	Description string   `json:"description"`
	OutTradeNo  string   `json:"out_trade_no"`
	Amount      V3Amount `json:"amount"`
	Payer       struct {
		AuthCode string `json:"auth_code"`
	} `json:"payer"`
}

// Body returns the JSON body to sign and send.
func (r V3GlobalNativeRequest) Body() ([]byte, error) { return json.Marshal(r) }

// Body returns the JSON body to sign and send.
func (r V3GlobalMicropayRequest) Body() ([]byte, error) { return json.Marshal(r) }

func itoa(n int64) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for ; n > 0; n /= 10 {
		i--
		b[i] = byte('0' + n%10)
	}
	return string(b[i:])
}
