package wechat

import (
	"crypto/rand"
	"strconv"
	"strings"
	"time"
)

// NativeURL is a Native Pay mode 1 code (WeChat Pay API v2, Native payment,
// mode 1 QR code rules: pay.weixin.qq.com/wiki/doc/api/native.php): a static
// link the merchant generates and signs with its API v2 key, whose scan
// makes WeChat call the merchant's payment callback with ProductID.
//
//	weixin://wxpay/bizpayurl?sign=…&appid=…&mch_id=…&product_id=…&time_stamp=…&nonce_str=…
//
// Legacy is set for the 2014 variant (productid, timestamp, noncestr and a
// 40-hex SHA1 sign, no mch_id), which is read but cannot be verified.
// Mode 1 is itself legacy: API v3 documents only code_url.
type NativeURL struct {
	AppID     string
	MchID     string
	ProductID string
	TimeStamp int64 // Unix seconds
	NonceStr  string
	Sign      string
	Legacy    bool
}

// native parameter names, current and 2014.
var (
	nativeNames = [5]string{"appid", "mch_id", "product_id", "time_stamp", "nonce_str"}
	legacyNames = [5]string{"appid", "", "productid", "timestamp", "noncestr"}
)

// ParseNativeURL reads a mode 1 code and validates each parameter: appid,
// mch_id, product_id and nonce_str at most 32 characters, time_stamp ten
// digits without a leading zero, sign 32 uppercase hex (40 hex for the legacy variant).
func ParseNativeURL(s string) (NativeURL, error) {
	if !strings.HasPrefix(s, bizPayPrefix) {
		return NativeURL{}, paramErr("url", ErrKind)
	}
	q := s[len(bizPayPrefix):]
	names := nativeNames
	n := NativeURL{Legacy: hasParam(q, "productid") && !hasParam(q, "product_id")}
	if n.Legacy {
		names = legacyNames
	}
	var vals [5]string
	for i, name := range names {
		if name == "" {
			continue
		}
		v, ok, err := queryValue(q, name)
		if err != nil {
			return NativeURL{}, err
		}
		if !ok || v == "" {
			return NativeURL{}, paramErr(name, ErrMissing)
		}
		vals[i] = v
	}
	n.AppID, n.MchID, n.ProductID, n.NonceStr = vals[0], vals[1], vals[2], vals[4]
	ts, err := strconv.ParseInt(vals[3], 10, 64)
	if err != nil || len(vals[3]) != 10 || vals[3][0] == '0' || !isDigits(vals[3]) {
		return NativeURL{}, paramErr(names[3], ErrFormat) // ten digits: Unix seconds since 2001
	}
	n.TimeStamp = ts
	sign, _, err := queryValue(q, "sign")
	switch {
	case err != nil:
		return NativeURL{}, err // given twice, or badly escaped
	case sign == "":
		return NativeURL{}, paramErr("sign", ErrMissing)
	}
	n.Sign = sign
	return n, n.validate()
}

func (n NativeURL) validate() error {
	for _, f := range []struct{ name, v string }{
		{"appid", n.AppID}, {"mch_id", n.MchID}, {"product_id", n.ProductID}, {"nonce_str", n.NonceStr},
	} {
		if f.name == "mch_id" && n.Legacy {
			continue
		}
		if f.v == "" || len(f.v) > 32 || !isPrintable(f.v) {
			return paramErr(f.name, ErrFormat)
		}
	}
	signLen := 32
	if n.Legacy {
		signLen = 40
	}
	if len(n.Sign) != signLen || !isHex(n.Sign) {
		return paramErr("sign", ErrFormat)
	}
	return nil
}

// params returns the signed parameters of a current mode 1 code.
func (n NativeURL) params() map[string]string {
	return map[string]string{
		"appid": n.AppID, "mch_id": n.MchID, "product_id": n.ProductID,
		"time_stamp": strconv.FormatInt(n.TimeStamp, 10), "nonce_str": n.NonceStr, "sign": n.Sign,
	}
}

// Verify checks the code's MD5 signature with the merchant's API v2 key.
// Legacy codes fail with [ErrFormat]: their SHA1 scheme is not supported.
func (n NativeURL) Verify(key Secret) error {
	if n.Legacy {
		return paramErr("sign", ErrFormat)
	}
	return VerifyV2(n.params(), key)
}

// Time returns the code's time stamp.
func (n NativeURL) Time() time.Time { return time.Unix(n.TimeStamp, 0) }

// NewNativeURL generates a signed mode 1 code for productID at now. An
// empty nonce is replaced by [NewNonce].
func NewNativeURL(appID, mchID, productID string, key Secret, now time.Time, nonce string) (string, error) {
	if nonce == "" {
		nonce = NewNonce()
	}
	n := NativeURL{AppID: appID, MchID: mchID, ProductID: productID, TimeStamp: now.Unix(), NonceStr: nonce, Sign: strings.Repeat("0", 32)}
	if err := n.validate(); err != nil {
		return "", err
	}
	if len(strconv.FormatInt(n.TimeStamp, 10)) != 10 {
		return "", paramErr("time_stamp", ErrFormat)
	}
	sign, err := SignV2(n.params(), key, SignMD5)
	if err != nil {
		return "", err
	}
	n.Sign = sign
	return n.URL(), nil
}

// URL writes the code's text, parameters in the documented order.
func (n NativeURL) URL() string {
	p := n.params()
	var b strings.Builder
	b.WriteString(bizPayPrefix)
	b.WriteString("sign=" + p["sign"])
	for _, k := range nativeNames {
		b.WriteString("&" + k + "=" + escape(p[k]))
	}
	return b.String()
}

func escape(v string) string {
	if isToken(v) {
		return v
	}
	return queryEscape(v)
}

// NewNonce returns a fresh random nonce_str: 26 characters of base32
// from crypto/rand, within the 32 that WeChat Pay allows.
func NewNonce() string { return rand.Text() }

func isPrintable(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] >= 0x7F {
			return false
		}
	}
	return true
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}
