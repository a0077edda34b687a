package wechat

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Tests that pin behaviour mutation testing found unpinned.

func TestParamErrorMessage(t *testing.T) {
	for _, tt := range []struct {
		err  *ParamError
		want string
	}{
		{&ParamError{"total_fee", ErrFormat}, "wechat: total_fee: invalid format"},
		{&ParamError{"rate", errors.New("fx: wechat rate is not an unsigned integer")}, "wechat: rate: fx: wechat rate is not an unsigned integer"},
		{&ParamError{"x", errors.New("wechat: ")}, "wechat: x: wechat: "},
		{&ParamError{"x", errors.New("wechat: a")}, "wechat: x: a"},
		{&ParamError{"x", errors.New("wechat:_a")}, "wechat: x: wechat:_a"},
		{&ParamError{"x", errors.New("short")}, "wechat: x: short"},
	} {
		assert.Equal(t, tt.want, tt.err.Error())
	}
	assert.Equal(t, strings.Repeat("n", 32), cutName(strings.Repeat("n", 32)))
	assert.Equal(t, strings.Repeat("n", 32), cutName(strings.Repeat("n", 33)))
	assert.Equal(t, "(unprintable name)", cutName("a\x01"))
	assert.Equal(t, "(unprintable name)", cutName("명"))
}

func TestTokenBounds(t *testing.T) {
	assert.True(t, isToken(strings.Repeat("a", 128)))
	assert.False(t, isToken(strings.Repeat("a", 129)))
	for _, c := range []string{"{", "~", "\x7f", "\xc3", "`", "@", "[", "/", ":", "=", "&", "?", " "} {
		assert.False(t, isToken("a"+c+"b"), "%q", c)
	}
	for _, c := range []string{"0", "9", "a", "z", "A", "Z", "-", "_"} {
		assert.True(t, isToken(c), "%q", c)
	}
	_, err := ParseCodeURL("weixin://wxpay/s/a{b")
	assertParam(t, err, "code_url", ErrFormat)
	_, err = ParseCodeURL("weixin://wxpay/s/" + strings.Repeat("a", 128))
	assert.NoError(t, err)
}

func TestNativeURLParameterEdges(t *testing.T) {
	base := "weixin://wxpay/bizpayurl?sign=C380BEC2BFD727A4B6845133519F3AD6&appid=wx2421b1c4370ec43b&mch_id=10000100&product_id=123456789&time_stamp=1415949957&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS"
	n, err := ParseNativeURL(base + "&productid=9")
	require.NoError(t, err, "product_id present: the current form, whatever else is there")
	assert.False(t, n.Legacy)
	_, err = ParseNativeURL(strings.Replace(base, "&product_id=123456789", "", 1))
	assertParam(t, err, "product_id", ErrMissing) // neither name: a current code lacking product_id
	_, err = ParseNativeURL(strings.Replace(base, "product_id=123456789", "product_id=", 1))
	assertParam(t, err, "product_id", ErrMissing)
	_, err = ParseNativeURL(strings.Replace(base, "sign=C380BEC2BFD727A4B6845133519F3AD6", "sign=", 1))
	assertParam(t, err, "sign", ErrMissing)
	_, err = ParseNativeURL(strings.Replace(base, "sign=C380BEC2BFD727A4B6845133519F3AD6", "sign=%zz", 1))
	assertParam(t, err, "sign", ErrSyntax)
	_, err = ParseNativeURL(base + "&sign=C380BEC2BFD727A4B6845133519F3AD6")
	assertParam(t, err, "sign", ErrFormat)
	legacy := "weixin://wxpay/bizpayurl?appid=wxb489e8caeabcdefg&noncestr=BBvdr5atZ9D7s08X&productid=1234567890&sign=e15d5b2ca2e0b7ef0c0f8bd1c4d6e1e3a1b2c3d4&timestamp=1408025996"
	_, err = ParseNativeURL(strings.Replace(legacy, "productid=1234567890", "productid="+strings.Repeat("p", 33), 1))
	assertParam(t, err, "product_id", ErrFormat) // a legacy code's fields after mch_id are checked too
	_, err = ParseNativeURL(strings.Replace(legacy, "noncestr=BBvdr5atZ9D7s08X", "noncestr="+strings.Repeat("n", 33), 1))
	assertParam(t, err, "nonce_str", ErrFormat)
}

func TestBoundaries(t *testing.T) {
	ctx := context.Background()
	now := time.Unix(1700000000, 0)
	v := testVerifier(now, nil)
	body := []byte(`{}`)
	h := signResponse(t, "1700000000", strings.Repeat("n", 64), body)
	require.NoError(t, v.Verify(ctx, h, body), "a 64-byte nonce")
	h = signResponse(t, "1700000000", strings.Repeat("n", 65), body)
	assertParam(t, v.Verify(ctx, h, body), "Wechatpay-Nonce", ErrFormat)
	h = signResponse(t, "1700000000", "s64", body)
	h.Serial = strings.Repeat("A", 64)
	assertParam(t, v.Verify(ctx, h, body), "Wechatpay-Serial", ErrUnknownKey)
	h.Serial = strings.Repeat("A", 65)
	assertParam(t, v.Verify(ctx, h, body), "Wechatpay-Serial", ErrFormat)
	h = signResponse(t, "170000000000", "ts12", body)
	assertParam(t, v.Verify(ctx, h, body), "Wechatpay-Timestamp", ErrTimestamp) // 12 digits: a time, far off
	h = signResponse(t, "1700000000000", "ts13", body)
	assertParam(t, v.Verify(ctx, h, body), "Wechatpay-Timestamp", ErrFormat) // 13 digits: milliseconds

	s := Signer{MchID: strings.Repeat("1", 32), SerialNo: strings.Repeat("A", 64), Key: testKey, Nonce: func() string { return strings.Repeat("n", 32) }}
	_, err := s.Authorization("GET", "/v3/x", nil)
	require.NoError(t, err, "32-byte mchid and nonce, 64-byte serial")
	s.MchID = strings.Repeat("1", 33)
	_, err = s.Authorization("GET", "/v3/x", nil)
	assertParam(t, err, "mchid", ErrFormat)
	s.MchID, s.Nonce = "1", func() string { return strings.Repeat("n", 33) }
	_, err = s.Authorization("GET", "/v3/x", nil)
	assertParam(t, err, "nonce_str", ErrFormat)

	for _, ok := range []string{"a b", "~", "\t", "가", "\U0010FFFF", "\uFFFD", "\uE000"} {
		assert.True(t, carriable(ok), "%q", ok)
	}
	for _, bad := range []string{"\x80", "\xc3", "\x1f", "\x00", "\uFFFE", "\uFFFF"} {
		assert.False(t, carriable(bad), "%q", bad)
	}
	require.NoError(t, checkOutNo("o", strings.Repeat("9", 32)))
	require.NoError(t, checkOutNo("o", "a_b-c|d*e"))
	for _, bad := range []string{"a.b", "a/b", "a:b", "a@b", "a[b", "a`b", "a{b", "a b"} {
		assertParam(t, checkOutNo("o", bad), "o", ErrFormat)
	}
	require.NoError(t, checkNotifyURL("https://"+strings.Repeat("a", 248)), "256 bytes")
	assertParam(t, checkNotifyURL("https://"+strings.Repeat("a", 249)), "notify_url", ErrFormat)
	assertParam(t, checkNotifyURL("https://a#b"), "notify_url", ErrFormat)
	assertParam(t, checkNotifyURL("https://a b"), "notify_url", ErrFormat)

	for _, ok := range []string{"a", "a0", "a9", "z_", strings.Repeat("a", 32)} {
		assert.True(t, isParamName(ok), ok)
	}
	for _, bad := range []string{"{a", "`a", "a/", "a:", "aA", "a{", strings.Repeat("a", 33)} {
		assert.False(t, isParamName(bad), bad)
	}
	assert.True(t, isPrintable("!~"))
	assert.False(t, isPrintable("a b"))
	assert.False(t, isPrintable("\x7f"))
	assert.True(t, isHex("09afAF"))
	for _, bad := range []string{"g", "G", "/", ":", "@", "`"} {
		assert.False(t, isHex(bad), bad)
	}
}

func TestSizeBounds(t *testing.T) {
	var exact strings.Builder
	exact.WriteString("<xml>")
	for i := range maxParams {
		fmt.Fprintf(&exact, "<p%d>1</p%d>", i, i)
	}
	exact.WriteString("</xml>")
	p, err := ParseV2XML([]byte(exact.String()))
	require.NoError(t, err, "256 parameters")
	assert.Len(t, p, maxParams)

	pad := maxBody - len("<xml><a></a></xml>")
	full := "<xml><a>" + strings.Repeat("x", pad) + "</a></xml>"
	require.Len(t, full, maxBody)
	_, err = ParseV2XML([]byte(full))
	require.NoError(t, err, "64 KiB exactly")

	_, err = minorAmount("123456789012345678", "KRW", "", "total_fee")
	require.NoError(t, err, "18 digits")
	_, err = minorAmount("1234567890123456789", "KRW", "", "total_fee")
	assertParam(t, err, "total_fee", ErrFormat)
	a, err := minorAmount("0", "", "CNY", "cash_fee")
	require.NoError(t, err)
	assert.Equal(t, "CNY", a.Currency().Code())

	_, err = v2Detail("5812", &OrderDetail{ReceiptID: strings.Repeat("r", 5940)})
	require.NoError(t, err)
	_, err = v2Detail("5812", &OrderDetail{ReceiptID: strings.Repeat("r", 6000)})
	assertParam(t, err, "detail", ErrFormat)

	long := Order{Description: strings.Repeat("a", 127)}
	assert.NoError(t, (textField{"description", long.Description, 127, true}).check())
	assert.Error(t, (textField{"description", strings.Repeat("a", 128), 127, true}).check())
	assert.NoError(t, (textField{"d", strings.Repeat("\U0001F600", 127), 127, true}).check(), "four-byte characters count once")
}

func TestSecretAndNotificationEdges(t *testing.T) {
	k := NewSecret("abc")
	assert.Equal(t, "[redacted]", k.GoString())
	r := Resource{Ciphertext: "FsdXzxryWfKwvLJKf8LG/ToRPTRh8RN9wROC", AssociatedData: "Dl56FrqWQJF1t9LtC3vEUsniZKvbqdR8", Nonce: "wCq51qZv4Yfg"}
	plain, err := r.Decrypt(NewSecret("testAPIv3Key0000"))
	require.NoError(t, err, "an absent algorithm is the only one there is")
	assert.Equal(t, "Hello World", string(plain))
	r.Nonce = ""
	_, err = r.Decrypt(NewSecret("testAPIv3Key0000"))
	assertParam(t, err, "nonce", ErrFormat)
	_, err = ParseNotification([]byte(`{"resource":{"ciphertext":"AAAA"}}`))
	assertParam(t, err, "notification", ErrMissing)
	_, err = ParseNotification([]byte(`{"id":"x","resource":{}}`))
	assertParam(t, err, "notification", ErrMissing)
	_, err = ParseNotification([]byte(`{`))
	assertParam(t, err, "notification", ErrSyntax)
}

func TestMemoryReplayPruneCadence(t *testing.T) {
	var m MemoryReplay
	t0 := time.Unix(1700000000, 0)
	_, _ = m.ClaimAt("a", t0.Add(30*time.Second), t0) // prunes (first claim), pruned = t0
	_, _ = m.ClaimAt("b", t0.Add(time.Hour), t0.Add(59*time.Second))
	assert.Equal(t, 2, m.Len(), "no prune within the minute")
	_, _ = m.ClaimAt("c", t0.Add(time.Hour), t0.Add(time.Minute))
	assert.Equal(t, 2, m.Len(), "a prune one minute after the last: a is gone")
	fresh, _ := m.ClaimAt("c", t0.Add(2*time.Hour), t0.Add(time.Hour-time.Nanosecond))
	assert.False(t, fresh, "just before its until a nonce is remembered")
	fresh, err := m.ClaimAt("b", t0.Add(2*time.Hour), t0.Add(time.Hour))
	require.NoError(t, err)
	assert.True(t, fresh, "at its until it is forgotten")
}

func TestNewNativeURLNonce(t *testing.T) {
	now := time.Unix(1415949957, 0)
	s, err := NewNativeURL("wx2421b1c4370ec43b", "10000100", "P1", testKeyV2, now, "CALLER")
	require.NoError(t, err)
	n, err := ParseNativeURL(s)
	require.NoError(t, err)
	assert.Equal(t, "CALLER", n.NonceStr, "the caller's nonce is kept")
	a, err := NewNativeURL("wx2421b1c4370ec43b", "10000100", "P1", testKeyV2, now, "")
	require.NoError(t, err)
	b, _ := NewNativeURL("wx2421b1c4370ec43b", "10000100", "P1", testKeyV2, now, "")
	na, _ := ParseNativeURL(a)
	nb, _ := ParseNativeURL(b)
	assert.Len(t, na.NonceStr, 26)
	assert.NotEqual(t, na.NonceStr, nb.NonceStr, "an empty nonce becomes a fresh one")
	require.NoError(t, na.Verify(testKeyV2))
	_, err = NewNativeURL("wx2421b1c4370ec43b", "10000100", "P1", testKeyV2, time.Unix(999999999, 0), "")
	assertParam(t, err, "time_stamp", ErrFormat)
}

func TestMemoryReplayExpiredBeforePrune(t *testing.T) {
	var m MemoryReplay
	t0 := time.Unix(1700000000, 0)
	fresh, _ := m.ClaimAt("x", t0.Add(10*time.Second), t0)
	require.True(t, fresh)
	fresh, _ = m.ClaimAt("x", t0.Add(time.Minute), t0.Add(5*time.Second))
	assert.False(t, fresh)
	fresh, _ = m.ClaimAt("x", t0.Add(time.Minute), t0.Add(20*time.Second))
	assert.True(t, fresh, "past its until, before any prune: fresh again")
}

func TestMemoryReplayPrunesWhenFull(t *testing.T) {
	m := MemoryReplay{MaxNonces: 2}
	t0 := time.Unix(1700000000, 0)
	_, _ = m.ClaimAt("a", t0.Add(10*time.Second), t0)
	_, _ = m.ClaimAt("b", t0.Add(time.Hour), t0.Add(time.Second))
	fresh, err := m.ClaimAt("c", t0.Add(time.Hour), t0.Add(20*time.Second))
	require.NoError(t, err, "full, but a has expired: a prune makes room within the minute")
	assert.True(t, fresh)
}

func TestSignedXMLWritesOnlyNonEmpty(t *testing.T) {
	body, err := SignedXML(map[string]string{"a": "1", "b": "", "sign": "OLD"}, testKeyV2, SignMD5)
	require.NoError(t, err)
	sign, _ := SignV2(map[string]string{"a": "1"}, testKeyV2, SignMD5)
	assert.Equal(t, "<xml><a>1</a><sign>"+sign+"</sign></xml>", string(body))
}

func TestV2RefundByTransactionID(t *testing.T) {
	p, err := V2RefundRequest{TransactionID: "4200000001", OutRefundNo: "RF1", Refund: fx.FromMinor(1, krw), Total: fx.FromMinor(1, krw), NonceStr: "N"}.Params(institution)
	require.NoError(t, err)
	assert.Equal(t, "4200000001", p["transaction_id"])
	assert.NotContains(t, p, "out_trade_no")
	p, err = V2RefundRequest{OutTradeNo: "ZP1", TransactionID: "4200000001", OutRefundNo: "RF1", Refund: fx.FromMinor(1, krw), Total: fx.FromMinor(1, krw), NonceStr: "N"}.Params(institution)
	require.NoError(t, err)
	assert.Equal(t, "ZP1", p["out_trade_no"])
	assert.NotContains(t, p, "transaction_id", "out_trade_no wins")
}

func TestV3SizeBoundsAndFreeGoods(t *testing.T) {
	tx := `{"id":"42","trade_state":"SUCCESS","amount":{"total":1,"currency":"KRW"}}`
	exact := tx + strings.Repeat(" ", maxBody-len(tx))
	_, err := ParseV3Transaction([]byte(exact))
	require.NoError(t, err, "64 KiB exactly")
	_, err = ParseV3Transaction([]byte(exact + " "))
	assertParam(t, err, "transaction", ErrSyntax)
	rf := `{"id":"50","out_refund_no":"R","amount":{"refund":1,"currency":"KRW"}}`
	exact = rf + strings.Repeat(" ", maxBody-len(rf))
	_, err = ParseV3Refund([]byte(exact))
	require.NoError(t, err)
	_, err = ParseV3Refund([]byte(exact + " "))
	assertParam(t, err, "refund", ErrSyntax)

	r := quickPayV3(t)
	r.Detail = &OrderDetail{CostPrice: 0, GoodsDetail: []Goods{{GoodsID: "GIFT", Quantity: 1, Price: 0}}}
	_, err = r.Call(institution)
	assert.NoError(t, err, "a free item is a line of the receipt")
}

func TestVerifyV2EmptySign(t *testing.T) {
	key := NewSecret("192006250b4c09247ec02edce69f6a2d")
	for _, p := range []map[string]string{{"a": "1"}, {"a": "1", "sign": ""}} {
		assertParam(t, VerifyV2(p, key), "sign", ErrMissing)
	}
}

func TestV2OrderMerchantMode(t *testing.T) {
	assert.Equal(t, Merchant{Mode: Common, MchID: "10000100", AppID: "wx2421b1c4370ec43b"},
		V2Order{MchID: "10000100", AppID: "wx2421b1c4370ec43b"}.Merchant())
	assert.Equal(t, Merchant{Mode: Institutional, MchID: "1900000100", AppID: "wx8888888888888888", SubMchID: "1900000109"},
		V2Order{MchID: "1900000100", AppID: "wx8888888888888888", SubMchID: "1900000109"}.Merchant())
}

func TestVerifierWithoutKeys(t *testing.T) {
	now := time.Unix(1700000000, 0)
	body := []byte(`{}`)
	h := signResponse(t, "1700000000", "nonce-1", body)
	for name, v := range map[string]*Verifier{
		"nil":     nil,
		"zero":    {},
		"no keys": NewVerifier(nil, VerifierConfig{Now: func() time.Time { return now }}),
	} {
		t.Run(name, func(t *testing.T) {
			assertParam(t, v.Verify(context.Background(), h, body), "verifier", ErrMissing)
		})
	}
}

// TestClassifyAgreesWithParsePaymentCode: an 18-digit code is a payment
// code by its form exactly when ParsePaymentCode accepts it (second
// digit 0 to 5).
func TestClassifyAgreesWithParsePaymentCode(t *testing.T) {
	for _, s := range []string{"100000000000000000", "134567890123456789", "150000000000000000", "160000000000000000", "200000000000000000"} {
		_, err := ParsePaymentCode(s)
		assert.Equal(t, err == nil, Classify(s) == KindPaymentCode, s)
	}
	assert.Equal(t, KindPaymentCode, Classify("100000000000000000"))
}

// TestV2DetailLimit: the detail JSON may be 6000 bytes, not one more.
func TestV2DetailLimit(t *testing.T) {
	sized := func(n int) *OrderDetail {
		d := &OrderDetail{}
		for {
			b, err := v2Detail("5812", d)
			require.NoError(t, err)
			if len(b) >= n-300 {
				break
			}
			d.GoodsDetail = append(d.GoodsDetail, Goods{GoodsID: "g", GoodsName: strings.Repeat("a", 200), Quantity: 1})
		}
		d.GoodsDetail = append(d.GoodsDetail, Goods{GoodsID: "g", Quantity: 1})
		last := &d.GoodsDetail[len(d.GoodsDetail)-1]
		for k := range 257 {
			last.GoodsName = strings.Repeat("b", k)
			if b, _ := json.Marshal(struct {
				MCC string `json:"merchant_category_code"`
				*OrderDetail
			}{"5812", d}); len(b) == n {
				return d
			}
		}
		t.Fatalf("no detail of %d bytes", n)
		return nil
	}
	r := quickPayV2(t)
	r.Detail = sized(6000)
	p, err := r.Params(institution)
	require.NoError(t, err, "6000 bytes")
	assert.Len(t, p["detail"], 6000)
	r.Detail = sized(6001)
	_, err = r.Params(institution)
	assertParam(t, err, "detail", ErrFormat)
}

// TestSignedXMLOfNoParams: no parameters at all still sign (only sign
// and, for HMAC-SHA256, sign_type), and verify.
func TestSignedXMLOfNoParams(t *testing.T) {
	key := NewSecret("192006250b4c09247ec02edce69f6a2d")
	for _, st := range []SignType{"", SignMD5, SignHMACSHA256} {
		for _, p := range []map[string]string{nil, {}} {
			b, err := SignedXML(p, key, st)
			require.NoError(t, err, "%q", st)
			got, err := ParseV2XML(b)
			require.NoError(t, err)
			require.NoError(t, VerifyV2(got, key))
			if st == SignHMACSHA256 {
				assert.Equal(t, "HMAC-SHA256", got["sign_type"])
			} else {
				assert.NotContains(t, got, "sign_type", "MD5 may go unnamed")
			}
		}
	}
}

// TestParseV3ErrorLimit: an error answer of maxBody bytes is read, one
// byte more is not.
func TestParseV3ErrorLimit(t *testing.T) {
	body := func(n int) []byte {
		head := `{"code":"SYSTEM_ERROR","message":"`
		return []byte(head + strings.Repeat("m", n-len(head)-2) + `"}`)
	}
	var re *ResultError
	require.ErrorAs(t, ParseV3Error(500, body(maxBody)), &re)
	assert.Equal(t, "SYSTEM_ERROR", re.Code)
	require.ErrorAs(t, ParseV3Error(500, body(maxBody+1)), &re)
	assert.Empty(t, re.Code)
	assert.Equal(t, 500, re.HTTPStatus)
}
