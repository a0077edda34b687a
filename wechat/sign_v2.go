package wechat

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"hash"
	"slices"
	"strings"
)

// SignType is an API v2 signature algorithm (the sign_type parameter).
// The zero value means MD5, WeChat Pay's default.
type SignType string

const (
	SignMD5        SignType = "MD5"
	SignHMACSHA256 SignType = "HMAC-SHA256"
)

// SignV2 signs API v2 parameters as WeChat Pay's v2 security specification
// says (接口规则 → 安全规范, 签名算法; pay.weixin.qq.com/wiki/doc/api/jsapi.php?chapter=4_3):
// every parameter with a non-empty value except "sign", sorted by name in
// byte order, joined as k=v&..., followed by "&key=" and the API key, then
// MD5 or HMAC-SHA256 keyed with the API key, as uppercase hex.
func SignV2(params map[string]string, key Secret, t SignType) (string, error) {
	if key.IsZero() {
		return "", paramErr("key", ErrMissing)
	}
	h, err := v2Hash(t, key)
	if err != nil {
		return "", err
	}
	writeV2String(h, params, key)
	return strings.ToUpper(hex.EncodeToString(h.Sum(nil))), nil
}

func v2Hash(t SignType, key Secret) (hash.Hash, error) {
	switch t {
	case "", SignMD5:
		return md5.New(), nil
	case SignHMACSHA256:
		return hmac.New(sha256.New, []byte(key.Reveal())), nil
	}
	return nil, paramErr("sign_type", ErrFormat)
}

// writeV2String writes stringA + "&key=" + key into h.
func writeV2String(h hash.Hash, params map[string]string, key Secret) {
	names := make([]string, 0, len(params))
	for k, v := range params {
		if v != "" && k != "sign" {
			names = append(names, k)
		}
	}
	slices.Sort(names)
	for i, k := range names {
		if i > 0 {
			h.Write([]byte{'&'})
		}
		h.Write([]byte(k))
		h.Write([]byte{'='})
		h.Write([]byte(params[k]))
	}
	h.Write([]byte("&key="))
	h.Write([]byte(key.Reveal()))
}

// VerifyV2 checks the "sign" parameter of API v2 parameters (a response
// or a notification), with the algorithm their sign_type names (MD5 when
// absent). The comparison takes constant time. Unknown extra parameters
// are signed like any other, as WeChat Pay requires.
func VerifyV2(params map[string]string, key Secret) error {
	got := params["sign"]
	if got == "" {
		return paramErr("sign", ErrMissing)
	}
	want, err := SignV2(params, key, SignType(params["sign_type"]))
	if err != nil {
		return err
	}
	if subtle.ConstantTimeCompare([]byte(strings.ToUpper(got)), []byte(want)) != 1 {
		return paramErr("sign", ErrSignature)
	}
	return nil
}
