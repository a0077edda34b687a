package wechattest_test

import (
	"bytes"
	"context"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/wechat"
	"github.com/qrbridge/qrbridge/wechat/wechattest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Tests of the checks the fake makes of requests a wechat.Client would
// never send: hand-made calls, signed so that only the checked part is
// wrong, answered (and verified) as WeChat Pay answers them.

// v3 sends a hand-made v3 call through the client (signed; its answer
// verified) and returns the answer's JSON and, for an error answer, its
// code and message.
func v3(t *testing.T, c *wechat.Client, method, path string, body any) (answer map[string]any, code, msg string) {
	t.Helper()
	var b []byte
	switch body := body.(type) {
	case nil:
	case string:
		b = []byte(body)
	default:
		var err error
		b, err = json.Marshal(body)
		require.NoError(t, err)
	}
	out, err := c.Do(context.Background(), wechat.V3Call{Method: method, Path: path, Body: b})
	if err != nil {
		var re *wechat.ResultError
		require.ErrorAs(t, err, &re)
		assert.True(t, re.Verified, "the fake signs its error answers")
		return nil, re.Code, re.Message
	}
	if len(out) > 0 {
		require.NoError(t, json.Unmarshal(out, &answer))
	}
	return answer, "", ""
}

// institutional returns the merchant fields of an institutional body.
func institutional(m wechat.Merchant, withApp bool) map[string]any {
	b := map[string]any{"sp_mchid": m.MchID, "sub_mchid": m.SubMchID}
	if withApp {
		b["sp_appid"] = m.AppID
	}
	return b
}

// quickPayBody is a valid institutional v3 Quick Pay body.
func quickPayBody(m wechat.Merchant, no string) map[string]any {
	b := institutional(m, true)
	copyInto(b, map[string]any{
		"description": "x", "out_trade_no": no, "trade_type": "MICROPAY", "merchant_category_code": "5812",
		"amount": map[string]any{"total": 1000, "currency": "KRW"}, "payer": map[string]any{"auth_code": "134567890123456789"},
	})
	return b
}

// pathOrder is the v3 path of an order by out_trade_no.
const pathOrder = "/v3/global/transactions/out-trade-no/"

func krwMinor(n int64) fx.Amount { return fx.FromMinor(n, krw) }

// copyInto copies src's fields into dst and returns dst.
func copyInto(dst, src map[string]any) map[string]any {
	for k, v := range src {
		dst[k] = v
	}
	return dst
}

// set returns an edit of a JSON body that sets the field at path (a.b),
// or deletes it when v is nil.
func set(path string, v any) func(map[string]any) {
	return func(b map[string]any) {
		k, sub, nested := strings.Cut(path, ".")
		if nested {
			m := copyInto(map[string]any{}, b[k].(map[string]any))
			set(sub, v)(m)
			b[k] = m
			return
		}
		if v == nil {
			delete(b, k)
		} else {
			b[k] = v
		}
	}
}

func TestV3OrderChecks(t *testing.T) {
	for _, tt := range []struct {
		name     string
		native   bool
		edit     func(map[string]any)
		code     string
		inMsg    string
		wantTxID bool
	}{
		{name: "valid", edit: func(map[string]any) {}, wantTxID: true},
		{name: "total 1", edit: set("amount.total", 1), wantTxID: true},
		{name: "no sp_mchid", edit: set("sp_mchid", nil), code: "PARAM_ERROR", inMsg: "sp_mchid"},
		{name: "other sp_mchid", edit: set("sp_mchid", "1900000999"), code: "MCH_NOT_EXISTS", inMsg: "sp_mchid"},
		{name: "no sp_appid", edit: set("sp_appid", nil), code: "PARAM_ERROR", inMsg: "sp_appid"},
		{name: "other sp_appid", edit: set("sp_appid", "wx9"), code: "MCH_NOT_EXISTS", inMsg: "sp_appid"},
		{name: "no sub_mchid", edit: set("sub_mchid", nil), code: "PARAM_ERROR", inMsg: "sub_mchid"},
		{name: "other sub_mchid", edit: set("sub_mchid", "1"), code: "MCH_NOT_EXISTS", inMsg: "sub_mchid"},
		{name: "common mchid", edit: set("mchid", "1900000100"), code: "PARAM_ERROR", inMsg: "mchid"},
		{name: "common appid", edit: set("appid", "wx8888888888888888"), code: "PARAM_ERROR", inMsg: "appid"},
		{name: "no description", edit: set("description", nil), code: "PARAM_ERROR", inMsg: "description"},
		{name: "no out_trade_no", edit: set("out_trade_no", nil), code: "PARAM_ERROR", inMsg: "out_trade_no"},
		{name: "no trade_type", edit: set("trade_type", nil), code: "PARAM_ERROR", inMsg: "trade_type"},
		{name: "no mcc", edit: set("merchant_category_code", nil), code: "PARAM_ERROR", inMsg: "merchant_category_code"},
		{name: "no currency", edit: set("amount.currency", nil), code: "PARAM_ERROR", inMsg: "amount.currency"},
		{name: "no auth_code", edit: set("payer.auth_code", nil), code: "PARAM_ERROR", inMsg: "payer.auth_code"},
		{name: "amount not an object", edit: set("amount", "1000 KRW"), code: "PARAM_ERROR", inMsg: "amount.currency"},
		{name: "payer not an object", edit: set("payer", 1), code: "PARAM_ERROR", inMsg: "payer.auth_code"},
		{name: "auth_code a number", edit: set("payer.auth_code", 134567890123456789), code: "PARAM_ERROR", inMsg: "payer.auth_code"},
		{name: "native trade_type", edit: set("trade_type", "NATIVE"), code: "PARAM_ERROR", inMsg: "trade_type"},
		{name: "mcc of 3", edit: set("merchant_category_code", "581"), code: "PARAM_ERROR", inMsg: "merchant_category_code"},
		{name: "mcc of 5", edit: set("merchant_category_code", "58120"), code: "PARAM_ERROR", inMsg: "merchant_category_code"},
		{name: "bad auth_code", edit: set("payer.auth_code", "1345678901234567"), code: "AUTH_CODE_INVALID"},
		{name: "total 0", edit: set("amount.total", 0), code: "PARAM_ERROR", inMsg: "amount.total"},
		{name: "total -1", edit: set("amount.total", -1), code: "PARAM_ERROR", inMsg: "amount.total"},
		{name: "total 1.5", edit: set("amount.total", 1.5), code: "PARAM_ERROR", inMsg: "amount.total"},
		{name: "total a string", edit: set("amount.total", "1000"), code: "PARAM_ERROR", inMsg: "amount.total"},
		{name: "no total", edit: set("amount.total", nil), code: "PARAM_ERROR", inMsg: "amount.total"},
		{name: "total past int64", edit: set("amount.total", json.Number("9223372036854775808")), code: "PARAM_ERROR", inMsg: "amount.total"},
		{name: "no rate", edit: set("amount.currency", "EUR"), code: "PARAM_ERROR", inMsg: "amount.currency"},
		{name: "native", native: true, edit: func(map[string]any) {}},
		{name: "native without payer", native: true, edit: set("payer", nil)},
		{name: "native no notify_url", native: true, edit: set("notify_url", nil), code: "PARAM_ERROR", inMsg: "notify_url"},
		{name: "native http notify_url", native: true, edit: set("notify_url", "http://m.example/n"), code: "PARAM_ERROR", inMsg: "notify_url"},
		{name: "native micropay trade_type", native: true, edit: set("trade_type", "MICROPAY"), code: "PARAM_ERROR", inMsg: "trade_type"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := wechattest.NewServer(t, wechattest.Options{})
			b := quickPayBody(srv.Merchant, "T1")
			path := wechat.PathV3QuickPay
			if tt.native {
				path = wechat.PathV3Native
				b["trade_type"], b["notify_url"] = "NATIVE", "https://m.example/n"
			}
			tt.edit(b)
			a, code, msg := v3(t, srv.Client(), "POST", path, b)
			assert.Equal(t, tt.code, code, msg)
			assert.Contains(t, msg, tt.inMsg)
			if tt.code != "" {
				_, code, _ = v3(t, srv.Client(), "GET", pathOrder+"T1?sp_mchid=1900000100&sub_mchid=1900000109", nil)
				assert.Equal(t, "ORDER_NOT_EXIST", code, "a refused order is not recorded")
				return
			}
			if tt.native {
				assert.Regexp(t, `^weixin://wxpay/s/[0-9]{7}$`, a["code_url"])
				return
			}
			assert.Equal(t, "SUCCESS", a["trade_state"])
			assert.Len(t, a["id"], 28)
		})
	}
}

// TestV3CommonMode: a common-mode merchant sends mchid and appid and no
// institutional field, and the answers carry mchid and appid.
func TestV3CommonMode(t *testing.T) {
	m := wechat.Merchant{Mode: wechat.Common, MchID: "10000100", AppID: "wx2421b1c4370ec43b"}
	body := func(edit func(map[string]any)) map[string]any {
		b := quickPayBody(m, "T1")
		delete(b, "sp_mchid")
		delete(b, "sp_appid")
		delete(b, "sub_mchid")
		b["mchid"], b["appid"] = m.MchID, m.AppID
		edit(b)
		return b
	}
	for _, tt := range []struct {
		name  string
		edit  func(map[string]any)
		code  string
		inMsg string
	}{
		{"valid", func(map[string]any) {}, "", ""},
		{"no mchid", set("mchid", nil), "PARAM_ERROR", "mchid"},
		{"other mchid", set("mchid", "1"), "MCH_NOT_EXISTS", "mchid"},
		{"no appid", set("appid", nil), "PARAM_ERROR", "appid"},
		{"other appid", set("appid", "wx1"), "MCH_NOT_EXISTS", "appid"},
		{"sp_mchid", set("sp_mchid", "10000100"), "PARAM_ERROR", "sp_mchid"},
		{"sp_appid", set("sp_appid", "wx2421b1c4370ec43b"), "PARAM_ERROR", "sp_appid"},
		{"sub_mchid", set("sub_mchid", "1"), "PARAM_ERROR", "sub_mchid"},
		{"sub_appid", set("sub_appid", "wx1"), "PARAM_ERROR", "sub_appid"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := wechattest.NewServer(t, wechattest.Options{Merchant: m})
			a, code, msg := v3(t, srv.Client(), "POST", wechat.PathV3QuickPay, body(tt.edit))
			assert.Equal(t, tt.code, code, msg)
			assert.Contains(t, msg, tt.inMsg)
			if code == "" {
				assert.Equal(t, m.MchID, a["mchid"])
				assert.Equal(t, m.AppID, a["appid"])
				assert.NotContains(t, a, "sp_mchid")
				a, code, _ = v3(t, srv.Client(), "GET", pathOrder+"T1?mchid=10000100", nil)
				assert.Empty(t, code, "a query needs no appid")
				assert.Equal(t, "SUCCESS", a["trade_state"])
			}
		})
	}
}

// TestV3RefAndRefundChecks: queries, close, reverse and refunds need the
// merchant fields without the app ID, and refunds check their amounts
// against the order.
func TestV3RefAndRefundChecks(t *testing.T) {
	const q = "?sp_mchid=1900000100&sub_mchid=1900000109"
	refund := func(edit func(map[string]any)) map[string]any {
		b := institutional(wechattest.DefaultMerchant, false)
		copyInto(b, map[string]any{"out_trade_no": "T1", "out_refund_no": "R1", "amount": map[string]any{"refund": 400, "total": 1000, "currency": "KRW"}})
		edit(b)
		return b
	}
	for _, tt := range []struct {
		name, method, path string
		body               any
		code, inMsg        string
	}{
		{"query", "GET", pathOrder + "T1" + q, nil, "", ""},
		{"query with sp_appid", "GET", pathOrder + "T1" + q + "&sp_appid=wx8888888888888888", nil, "", ""},
		{"query without sub_mchid", "GET", pathOrder + "T1?sp_mchid=1900000100", nil, "PARAM_ERROR", "sub_mchid"},
		{"query without sp_mchid", "GET", pathOrder + "T1?sub_mchid=1900000109", nil, "PARAM_ERROR", "sp_mchid"},
		{"query with mchid", "GET", pathOrder + "T1" + q + "&mchid=1900000100", nil, "PARAM_ERROR", "mchid"},
		{"query unknown", "GET", pathOrder + "T2" + q, nil, "ORDER_NOT_EXIST", ""},
		{"query with a body's method", "POST", pathOrder + "T1", institutional(wechattest.DefaultMerchant, false), "RESOURCE_NOT_EXISTS", ""},
		{"close without sub_mchid", "POST", pathOrder + "T1/close", map[string]any{"sp_mchid": "1900000100"}, "PARAM_ERROR", "sub_mchid"},
		{"close paid", "POST", pathOrder + "T1/close", institutional(wechattest.DefaultMerchant, false), "ORDERPAID", ""},
		{"close by GET", "GET", pathOrder + "T1/close" + q, nil, "ORDER_NOT_EXIST", ""},
		{"reverse without sub_mchid", "POST", "/v3/global/micropay/transactions/out-trade-no/T1/reverse", map[string]any{"sp_mchid": "1900000100"}, "PARAM_ERROR", "sub_mchid"},
		{"reverse", "POST", "/v3/global/micropay/transactions/out-trade-no/T1/reverse", institutional(wechattest.DefaultMerchant, false), "", ""},
		{"reverse unknown", "POST", "/v3/global/micropay/transactions/out-trade-no/T2/reverse", institutional(wechattest.DefaultMerchant, false), "ORDER_NOT_EXIST", ""},
		{"refund", "POST", wechat.PathV3Refunds, refund(func(map[string]any) {}), "", ""},
		{"refund all", "POST", wechat.PathV3Refunds, refund(set("amount.refund", 1000)), "", ""},
		{"refund too much", "POST", wechat.PathV3Refunds, refund(set("amount.refund", 1001)), "PARAM_ERROR", "exceeds"},
		{"refund 0", "POST", wechat.PathV3Refunds, refund(set("amount.refund", 0)), "PARAM_ERROR", "amount"},
		{"refund no out_refund_no", "POST", wechat.PathV3Refunds, refund(set("out_refund_no", nil)), "PARAM_ERROR", "out_refund_no"},
		{"refund no out_trade_no", "POST", wechat.PathV3Refunds, refund(set("out_trade_no", nil)), "PARAM_ERROR", "out_trade_no"},
		{"refund unknown order", "POST", wechat.PathV3Refunds, refund(set("out_trade_no", "T2")), "ORDER_NOT_EXIST", ""},
		{"refund amount not an object", "POST", wechat.PathV3Refunds, refund(set("amount", "400 KRW")), "PARAM_ERROR", "required"},
		{"refund no currency", "POST", wechat.PathV3Refunds, refund(set("amount.currency", nil)), "PARAM_ERROR", "currency"},
		{"refund other currency", "POST", wechat.PathV3Refunds, refund(set("amount.currency", "USD")), "PARAM_ERROR", "currency"},
		{"refund other total", "POST", wechat.PathV3Refunds, refund(set("amount.total", 1001)), "PARAM_ERROR", "total"},
		{"refund without sub_mchid", "POST", wechat.PathV3Refunds, refund(set("sub_mchid", nil)), "PARAM_ERROR", "sub_mchid"},
		{"refund query without sub_mchid", "GET", wechat.PathV3Refunds + "/out-refund-no/R0?sp_mchid=1900000100", nil, "PARAM_ERROR", "sub_mchid"},
		{"refund query unknown", "GET", wechat.PathV3Refunds + "/out-refund-no/R0" + q, nil, "RESOURCE_NOT_EXISTS", ""},
		{"no such api", "GET", "/v3/global/nothing" + q, nil, "RESOURCE_NOT_EXISTS", "no such api"},
		{"quick pay by GET", "GET", wechat.PathV3QuickPay + q, nil, "RESOURCE_NOT_EXISTS", "no such api"},
		{"refund query by POST", "POST", wechat.PathV3Refunds + "/out-refund-no/R0", institutional(wechattest.DefaultMerchant, false), "RESOURCE_NOT_EXISTS", "no such api"},
		{"reverse without /reverse", "POST", "/v3/global/micropay/transactions/out-trade-no/T1", institutional(wechattest.DefaultMerchant, false), "RESOURCE_NOT_EXISTS", "no such api"},
		{"reverse by GET", "GET", "/v3/global/micropay/transactions/out-trade-no/T1/reverse" + q, nil, "RESOURCE_NOT_EXISTS", "no such api"},
		{"close without /close", "POST", "/v3/global/transactions/out-trade-no/T1", institutional(wechattest.DefaultMerchant, false), "RESOURCE_NOT_EXISTS", "no such api"},
		{"body not json", "POST", wechat.PathV3Refunds, "{", "PARAM_ERROR", "json"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := wechattest.NewServer(t, wechattest.Options{})
			c := srv.Client()
			_, err := c.QuickPay(context.Background(), order(t))
			require.NoError(t, err)
			a, code, msg := v3(t, c, tt.method, tt.path, tt.body)
			assert.Equal(t, tt.code, code, msg)
			assert.Contains(t, msg, tt.inMsg)
			switch {
			case tt.name == "reverse":
				tx, _ := c.Query(context.Background(), "T1")
				assert.Equal(t, "REVOKED", tx.TradeState)
			case tt.path == wechat.PathV3Refunds && code == "":
				assert.Equal(t, "SUCCESS", a["status"])
				tx, _ := c.Query(context.Background(), "T1")
				assert.Equal(t, "REFUND", tx.TradeState)
			case tt.path == wechat.PathV3Refunds:
				tx, err := c.Query(context.Background(), "T1")
				require.NoError(t, err)
				assert.Equal(t, "SUCCESS", tx.TradeState, "a refused refund changes nothing")
			}
		})
	}
}

// TestV3RefundRetry: an out_refund_no sent again with the same order and
// amount answers the first refund and refunds nothing more; with
// another order or amount it is refused; NOT_ENOUGH refunds nothing.
func TestV3RefundRetry(t *testing.T) {
	srv := wechattest.NewServer(t, wechattest.Options{})
	c := srv.Client()
	ctx := context.Background()
	_, err := c.QuickPay(ctx, order(t))
	require.NoError(t, err)
	r2 := order(t)
	r2.OutTradeNo = "T2"
	_, err = c.QuickPay(ctx, r2)
	require.NoError(t, err)
	req := wechat.V3RefundRequest{OutTradeNo: "T1", OutRefundNo: "R1", Refund: krwMinor(600), Total: krwMinor(1000)}

	srv.Script(wechattest.NotEnough)
	_, err = c.Refund(ctx, req)
	require.ErrorIs(t, err, wechat.ErrNotEnough)
	var re *wechat.ResultError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, http.StatusForbidden, re.HTTPStatus)
	_, err = c.QueryRefund(ctx, "R1")
	assert.ErrorIs(t, err, wechat.ErrOrderNotExist, "NOT_ENOUGH refunds nothing")

	first, err := c.Refund(ctx, req)
	require.NoError(t, err)
	again, err := c.Refund(ctx, req)
	require.NoError(t, err, "a retry with the same number and amount")
	assert.Equal(t, first.RefundID, again.RefundID)
	other := req
	other.OutTradeNo = "T2"
	_, err = c.Refund(ctx, other)
	assert.ErrorIs(t, err, wechat.ErrInvalidRequest, "one out_refund_no for another order")
	rest := req
	rest.OutRefundNo, rest.Refund = "R2", krwMinor(400)
	_, err = c.Refund(ctx, rest)
	require.NoError(t, err, "the retry did not refund twice: 400 are left")
}

// authHeader builds a WECHATPAY2-SHA256-RSA2048 header from its fields,
// in order, each "k=v" as given (quotes included).
func authHeader(fields ...string) string {
	return wechat.AuthScheme + " " + strings.Join(fields, ",")
}

func signV3(t *testing.T, key *rsa.PrivateKey, method, uri, ts, nonce string, body []byte) string {
	digest := sha256.Sum256([]byte(method + "\n" + uri + "\n" + ts + "\n" + nonce + "\n" + string(body) + "\n"))
	sig, err := rsa.SignPKCS1v15(nil, key, crypto.SHA256, digest[:])
	require.NoError(t, err)
	return base64.StdEncoding.EncodeToString(sig)
}

func TestV3AuthorizationChecks(t *testing.T) {
	now := time.Unix(1764590400, 0) // 2025-12-01T12:00:00Z
	m := wechattest.DefaultMerchant
	call, err := order(t).Call(m)
	require.NoError(t, err)
	mk := wechattest.NewServer(t, wechattest.Options{}).MerchantKey
	ts := func(d time.Duration) string { return strconv.FormatInt(now.Add(d).Unix(), 10) }
	sig := func(ts, nonce string) string {
		return signV3(t, mk, "POST", call.Path, ts, nonce, call.Body)
	}
	good := func(ts, nonce string) []string {
		return []string{`mchid="` + m.MchID + `"`, `nonce_str="` + nonce + `"`, `signature="` + sig(ts, nonce) + `"`,
			`timestamp="` + ts + `"`, `serial_no="` + wechattest.MerchantSerial + `"`}
	}
	with := func(i int, f string) string {
		fs := good(ts(0), "n1")
		fs[i] = f
		return authHeader(fs...)
	}
	for _, tt := range []struct {
		name, auth, accept, contentType string
		status                          int
	}{
		{name: "valid", auth: authHeader(good(ts(0), "n1")...), status: 200},
		{name: "4:59 old", auth: authHeader(good(ts(-wechat.MaxSkew+time.Second), "n1")...), status: 200},
		{name: "4:59 ahead", auth: authHeader(good(ts(wechat.MaxSkew-time.Second), "n1")...), status: 200},
		{name: "5:00 old", auth: authHeader(good(ts(-wechat.MaxSkew), "n1")...), status: 401},
		{name: "5:00 ahead", auth: authHeader(good(ts(wechat.MaxSkew), "n1")...), status: 401},
		{name: "6:00 ahead", auth: authHeader(good(ts(6*time.Minute), "n1")...), status: 401},
		{name: "unknown empty field", auth: authHeader(append(good(ts(0), "n1"), `extra=""`)...), status: 200},
		{name: "other scheme", auth: "WECHATPAY2-SHA256-RSA " + strings.Join(good(ts(0), "n1"), ","), status: 401},
		{name: "no scheme", auth: strings.Join(good(ts(0), "n1"), ","), status: 401},
		{name: "field without =", auth: with(0, `mchid`), status: 401},
		{name: "value unquoted", auth: with(0, `mchid=`+m.MchID), status: 401},
		{name: "value one quote", auth: with(0, `mchid="`), status: 401},
		{name: "value without closing quote", auth: with(0, `mchid="`+m.MchID), status: 401},
		{name: "value without opening quote", auth: with(0, `mchid=`+m.MchID+`"`), status: 401},
		{name: "empty quoted mchid", auth: with(0, `mchid=""`), status: 401},
		{name: "other mchid", auth: with(0, `mchid="1900000101"`), status: 401},
		{name: "other serial", auth: with(4, `serial_no="5157F09EFDC096DE15EBE81A47057A7232F1B8E2"`), status: 401},
		{name: "timestamp not a number", auth: with(3, `timestamp="now"`), status: 401},
		{name: "no nonce", auth: authHeader(good(ts(0), "")...), status: 401},
		{name: "signature not base64", auth: with(2, `signature="!!"`), status: 401},
		{name: "signature of another nonce", auth: with(2, `signature="`+sig(ts(0), "n2")+`"`), status: 401},
		{name: "no Accept", auth: authHeader(good(ts(0), "n1")...), accept: "-", status: 400},
		{name: "Accept xml", auth: authHeader(good(ts(0), "n1")...), accept: "text/xml", status: 400},
		{name: "Content-Type xml", auth: authHeader(good(ts(0), "n1")...), contentType: "text/xml", status: 400},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := wechattest.NewServer(t, wechattest.Options{Now: func() time.Time { return now }})
			req, err := http.NewRequest("POST", srv.URL+call.Path, bytes.NewReader(call.Body))
			require.NoError(t, err)
			req.Header.Set("Authorization", tt.auth)
			req.Header.Set("Accept", "application/json")
			req.Header.Set("Content-Type", "application/json")
			if tt.accept == "-" {
				req.Header.Del("Accept")
			} else if tt.accept != "" {
				req.Header.Set("Accept", tt.accept)
			}
			if tt.contentType != "" {
				req.Header.Set("Content-Type", tt.contentType)
			}
			resp, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			assert.Equal(t, tt.status, resp.StatusCode, "%s", body)
			want := map[int]string{200: `"trade_state":"SUCCESS"`, 400: `"code":"PARAM_ERROR"`, 401: `"code":"SIGN_ERROR"`}[tt.status]
			assert.Contains(t, string(body), want)
			// Every answer is signed with the platform key.
			v := wechat.NewVerifier(srv.Keys(), wechat.VerifierConfig{Now: func() time.Time { return now }})
			assert.NoError(t, v.Verify(context.Background(), wechat.HeadersFrom(resp.Header), body))
		})
	}
}

func TestBadSignatureOutcome(t *testing.T) {
	srv := wechattest.NewServer(t, wechattest.Options{})
	c := srv.Client()
	srv.Script(wechattest.BadSignature)
	_, err := c.QuickPay(context.Background(), order(t))
	assert.ErrorIs(t, err, wechat.ErrSignature, "v3")
	code, _ := wechat.ParsePaymentCode("134567890123456789")
	qp := wechat.V2QuickPayRequest{Order: order(t).Order, SpbillCreateIP: "203.0.113.7", AuthCode: code}
	qp.OutTradeNo = "T2"
	srv.Script(wechattest.BadSignature)
	_, err = c.QuickPayV2(context.Background(), qp)
	assert.ErrorIs(t, err, wechat.ErrSignature, "v2")
}

// TestLateOutcome: a Late answer comes after Options.LateBy (2 s when
// zero), or not at all when the client gives up first.
func TestLateOutcome(t *testing.T) {
	srv := wechattest.NewServer(t, wechattest.Options{LateBy: 50 * time.Millisecond})
	srv.Script(wechattest.Late)
	start := time.Now()
	_, err := srv.Client().QuickPay(context.Background(), order(t))
	require.NoError(t, err)
	took := time.Since(start)
	assert.GreaterOrEqual(t, took, 50*time.Millisecond)
	assert.Less(t, took, 1900*time.Millisecond, "LateBy, not the 2 s default")

	def := wechattest.NewServer(t, wechattest.Options{})
	def.Script(wechattest.Late)
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	start = time.Now()
	_, err = def.Client().QuickPay(ctx, order(t))
	assert.ErrorIs(t, err, wechat.ErrTransport, "zero LateBy is 2 s, past the 500 ms deadline")
	assert.Less(t, time.Since(start), 1500*time.Millisecond, "the server does not hold the answer past the client's deadline")
	// The order was processed: a query finds it.
	tx, err := def.Client().Query(context.Background(), "T1")
	require.NoError(t, err)
	assert.Equal(t, "SUCCESS", tx.TradeState)
}

// TestIDsAndTimesInChinaTime: order and refund numbers carry the date in
// China time (GMT+8), as do v2 times.
func TestIDsAndTimesInChinaTime(t *testing.T) {
	now := time.Date(2026, 12, 1, 20, 30, 0, 0, time.UTC) // 2 December, 04:30 in Beijing
	srv := wechattest.NewServer(t, wechattest.Options{Now: func() time.Time { return now }})
	c := srv.Client()
	c.Signer.Now = func() time.Time { return now }
	tx, err := c.QuickPay(context.Background(), order(t))
	require.NoError(t, err)
	assert.Equal(t, "4220261202000000000000000001", tx.TransactionID)
	ref, err := c.Refund(context.Background(), wechat.V3RefundRequest{OutTradeNo: "T1", OutRefundNo: "R1", Refund: krwMinor(1), Total: krwMinor(1000)})
	require.NoError(t, err)
	assert.Equal(t, "5020261202000000000000000002", ref.RefundID)
	code, _ := wechat.ParsePaymentCode("134567890123456789")
	qp := wechat.V2QuickPayRequest{Order: order(t).Order, SpbillCreateIP: "203.0.113.7", AuthCode: code}
	qp.OutTradeNo = "T2"
	p, err := c.QuickPayV2(context.Background(), qp)
	require.NoError(t, err)
	assert.Equal(t, "20261202043000", p["time_end"])
	assert.Equal(t, "4220261202000000000000000003", p["transaction_id"])
}

// TestServeRouting: /v3/ paths speak v3 (JSON), the rest v2 (XML).
func TestServeRouting(t *testing.T) {
	srv := wechattest.NewServer(t, wechattest.Options{})
	for _, tt := range []struct{ path, want string }{
		{"/v3/", `"code":"PARAM_ERROR"`},
		{"/v3", "<return_code>FAIL</return_code>"},
		{"/pay/micropay", "<return_code>FAIL</return_code>"},
	} {
		resp, err := http.Post(srv.URL+tt.path, "application/json", strings.NewReader("{}"))
		require.NoError(t, err)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		assert.Contains(t, string(b), tt.want, tt.path)
	}
}

// errCode returns a v2 answer's err_code, or its return_msg when
// return_code is FAIL, or "" on success.
func errCode(t *testing.T, p map[string]string, err error) string {
	t.Helper()
	var re *wechat.ResultError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &re) && re.Code != "":
		return re.Code
	case errors.As(err, &re):
		return re.Message
	}
	t.Fatalf("%v (%v)", err, p)
	return ""
}
