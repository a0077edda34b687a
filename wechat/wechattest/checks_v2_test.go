package wechattest_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/qrbridge/qrbridge/wechat"
	"github.com/qrbridge/qrbridge/wechat/wechattest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// v2 sends hand-made v2 parameters, signed (MD5) with the server's key,
// and returns the answer's err_code (or, for return_code FAIL, its
// return_msg), "" on success, with the answer's parameters.
func v2(t *testing.T, srv *wechattest.Server, path string, p map[string]string) (string, map[string]string) {
	t.Helper()
	c := srv.Client()
	got, err := c.DoV2(context.Background(), path, p)
	return errCode(t, got, err), got
}

func without(p wechat.V2Params, k string) wechat.V2Params {
	q := maps(p)
	delete(q, k)
	return q
}

func with(p wechat.V2Params, k, v string) wechat.V2Params {
	q := maps(p)
	q[k] = v
	return q
}

// TestV2RequiredParams: each API's required parameter, left out, is
// LACK_PARAMS, and the order is not made.
func TestV2RequiredParams(t *testing.T) {
	srv := wechattest.NewServer(t, wechattest.Options{})
	m := srv.Merchant
	code, _ := wechat.ParsePaymentCode("134567890123456789")
	qp, err := wechat.V2QuickPayRequest{Order: order(t).Order, SpbillCreateIP: "203.0.113.7", AuthCode: code}.Params(m)
	require.NoError(t, err)
	no := order(t).Order
	no.OutTradeNo = "N1"
	native, err := wechat.V2NativeRequest{Order: no, SpbillCreateIP: "203.0.113.7", ProductID: "P1", NotifyURL: "https://m.example/n"}.Params(m)
	require.NoError(t, err)
	ref, err := wechat.V2OrderRef{OutTradeNo: "T1"}.Params(m)
	require.NoError(t, err)
	refund, err := wechat.V2RefundRequest{OutTradeNo: "T1", OutRefundNo: "R1", Refund: krwMinor(100), Total: krwMinor(1000)}.Params(m)
	require.NoError(t, err)
	rq, err := wechat.V2RefundQuery{OutRefundNo: "R1"}.Params(m)
	require.NoError(t, err)
	rate := wechat.V2Params{"appid": m.AppID, "mch_id": m.MchID, "sub_mch_id": m.SubMchID, "fee_type": "USD", "date": "20261201"}
	for _, tt := range []struct {
		path string
		p    wechat.V2Params
		need []string
	}{
		{wechat.PathV2QuickPay, qp, []string{"appid", "mch_id", "sub_mch_id", "nonce_str", "body", "out_trade_no", "total_fee", "fee_type", "spbill_create_ip", "auth_code", "version", "detail"}},
		{wechat.PathV2UnifiedOrder, native, []string{"appid", "nonce_str", "body", "out_trade_no", "total_fee", "fee_type", "spbill_create_ip", "notify_url", "trade_type", "product_id"}},
		{wechat.PathV2OrderQuery, ref, []string{"nonce_str", "mch_id"}},
		{wechat.PathV2Reverse, ref, []string{"nonce_str", "sub_mch_id"}},
		{wechat.PathV2CloseOrder, ref, []string{"nonce_str", "out_trade_no"}},
		{wechat.PathV2Refund, refund, []string{"nonce_str", "out_refund_no", "total_fee", "refund_fee"}},
		{wechat.PathV2RefundQuery, rq, []string{"nonce_str", "out_refund_no"}},
		{wechat.PathV2ExchangeRate, rate, []string{"fee_type", "date"}},
	} {
		for _, k := range tt.need {
			got, _ := v2(t, srv, tt.path, without(tt.p, k))
			assert.Equal(t, "LACK_PARAMS", got, "%s without %s", tt.path, k)
		}
	}
	got, _ := v2(t, srv, wechat.PathV2OrderQuery, ref)
	assert.Equal(t, "ORDERNOTEXIST", got, "no order was made")
	got, _ = v2(t, srv, wechat.PathV2QuickPay, qp)
	assert.Empty(t, got)
}

func TestV2Checks(t *testing.T) {
	common := wechat.Merchant{Mode: wechat.Common, MchID: "10000100", AppID: "wx2421b1c4370ec43b"}
	code, _ := wechat.ParsePaymentCode("134567890123456789")
	quickPay := func(m wechat.Merchant) wechat.V2Params {
		p, err := wechat.V2QuickPayRequest{Order: order(t).Order, SpbillCreateIP: "203.0.113.7", AuthCode: code}.Params(m)
		require.NoError(t, err)
		return p
	}
	inst := quickPay(wechattest.DefaultMerchant)
	no := order(t).Order
	no.OutTradeNo = "N1"
	native, err := wechat.V2NativeRequest{Order: no, SpbillCreateIP: "203.0.113.7", ProductID: "P1", NotifyURL: "https://m.example/n"}.Params(wechattest.DefaultMerchant)
	require.NoError(t, err)
	for _, tt := range []struct {
		name   string
		common bool
		path   string
		p      wechat.V2Params
		want   string
	}{
		{"valid", false, wechat.PathV2QuickPay, inst, ""},
		{"other mch_id", false, wechat.PathV2QuickPay, with(inst, "mch_id", "1900000101"), "MCHID_NOT_EXIST"},
		{"other appid", false, wechat.PathV2QuickPay, with(inst, "appid", "wx1"), "APPID_MCHID_NOT_MATCH"},
		{"other sub_mch_id", false, wechat.PathV2QuickPay, with(inst, "sub_mch_id", "1"), "NOAUTH"},
		{"version 2.0", false, wechat.PathV2QuickPay, with(inst, "version", "2.0"), "PARAM_ERROR"},
		{"bad auth_code", false, wechat.PathV2QuickPay, with(inst, "auth_code", "1345678901234567"), "AUTH_CODE_INVALID"},
		{"total_fee not a number", false, wechat.PathV2QuickPay, with(inst, "total_fee", "1e3"), "PARAM_ERROR"},
		{"total_fee 0", false, wechat.PathV2QuickPay, with(inst, "total_fee", "0"), "PARAM_ERROR"},
		{"native", false, wechat.PathV2UnifiedOrder, native, ""},
		{"native JSAPI", false, wechat.PathV2UnifiedOrder, with(native, "trade_type", "JSAPI"), "PARAM_ERROR"},
		{"common valid", true, wechat.PathV2QuickPay, quickPay(common), ""},
		{"common sub_mch_id", true, wechat.PathV2QuickPay, with(quickPay(common), "sub_mch_id", "1"), "PARAM_ERROR"},
		{"common sub_appid", true, wechat.PathV2QuickPay, with(quickPay(common), "sub_appid", "wx1"), "PARAM_ERROR"},
		{"common no appid", true, wechat.PathV2QuickPay, without(quickPay(common), "appid"), "LACK_PARAMS"},
		{"common no mch_id", true, wechat.PathV2QuickPay, without(quickPay(common), "mch_id"), "LACK_PARAMS"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			opts := wechattest.Options{}
			if tt.common {
				opts.Merchant = common
			}
			srv := wechattest.NewServer(t, opts)
			got, p := v2(t, srv, tt.path, tt.p)
			assert.Equal(t, tt.want, got)
			if got != "" {
				return
			}
			// A SUCCESS answer names the merchant (and, institutional, the
			// sub-merchant) and is signed: DoV2 verified it.
			assert.Equal(t, srv.Merchant.AppID, p["appid"])
			assert.Equal(t, srv.Merchant.MchID, p["mch_id"])
			assert.Equal(t, srv.Merchant.SubMchID, p["sub_mch_id"])
			assert.NotEmpty(t, p["nonce_str"])
			assert.Equal(t, "SUCCESS", p["result_code"])
			if tt.path == wechat.PathV2UnifiedOrder {
				assert.Regexp(t, `^weixin://wxpay/bizpayurl\?pr=[0-9]{7}$`, p["code_url"])
				assert.Equal(t, "NATIVE", p["trade_type"])
			}
		})
	}
}

func TestV2RefundChecks(t *testing.T) {
	for _, tt := range []struct {
		name string
		edit func(wechat.V2Params) wechat.V2Params
		want string
	}{
		{"valid", func(p wechat.V2Params) wechat.V2Params { return p }, ""},
		{"no refund_fee_type: the order's", func(p wechat.V2Params) wechat.V2Params { return without(p, "refund_fee_type") }, ""},
		{"other refund_fee_type", func(p wechat.V2Params) wechat.V2Params { return with(p, "refund_fee_type", "USD") }, "PARAM_ERROR"},
		{"refund_fee not a number", func(p wechat.V2Params) wechat.V2Params { return with(p, "refund_fee", "x") }, "PARAM_ERROR"},
		{"total_fee not a number", func(p wechat.V2Params) wechat.V2Params { return with(p, "total_fee", "x") }, "PARAM_ERROR"},
		{"unknown order", func(p wechat.V2Params) wechat.V2Params {
			return without(with(p, "out_trade_no", "T9"), "refund_fee_type")
		}, "ORDERNOTEXIST"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := wechattest.NewServer(t, wechattest.Options{})
			c := srv.Client()
			code, _ := wechat.ParsePaymentCode("134567890123456789")
			_, err := c.QuickPayV2(context.Background(), wechat.V2QuickPayRequest{Order: order(t).Order, SpbillCreateIP: "203.0.113.7", AuthCode: code})
			require.NoError(t, err)
			p, err := wechat.V2RefundRequest{OutTradeNo: "T1", OutRefundNo: "R1", Refund: krwMinor(100), Total: krwMinor(1000)}.Params(srv.Merchant)
			require.NoError(t, err)
			got, a := v2(t, srv, wechat.PathV2Refund, tt.edit(p))
			assert.Equal(t, tt.want, got)
			if got == "" {
				assert.Equal(t, "KRW", a["refund_fee_type"])
				assert.Equal(t, "52", a["cash_refund_fee"])
			}
		})
	}
}

// TestV2Transport: a v2 call must be a POST of XML; a system error is
// SYSTEMERROR and does nothing.
func TestV2Transport(t *testing.T) {
	srv := wechattest.NewServer(t, wechattest.Options{})
	for _, tt := range []struct{ method, body, want string }{
		{"GET", "", "REQUIRE_POST_METHOD"},
		{"POST", "not xml", "XML_FORMAT_ERROR"},
	} {
		req, err := http.NewRequest(tt.method, srv.URL+wechat.PathV2QuickPay, strings.NewReader(tt.body))
		require.NoError(t, err)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		p, err := wechat.VerifyV2Response(b, srv.KeyV2)
		assert.Equal(t, tt.want, errCode(t, p, err), tt.method)
	}
	code, _ := wechat.ParsePaymentCode("134567890123456789")
	qp := wechat.V2QuickPayRequest{Order: order(t).Order, SpbillCreateIP: "203.0.113.7", AuthCode: code}
	srv.Script(wechattest.SystemError)
	_, err := srv.Client().QuickPayV2(context.Background(), qp)
	assert.ErrorIs(t, err, wechat.ErrSystemError)
	ref, err := wechat.V2OrderRef{OutTradeNo: "T1"}.Params(srv.Merchant)
	require.NoError(t, err)
	got, _ := v2(t, srv, wechat.PathV2OrderQuery, ref)
	assert.Equal(t, "ORDERNOTEXIST", got, "SYSTEMERROR made no order")
}

// TestV2QuickPayStates: a USERPAYING order settles at the first query
// not scripted UserPaying; the USERPAYING answer names the order.
func TestV2QuickPayStates(t *testing.T) {
	srv := wechattest.NewServer(t, wechattest.Options{})
	c := srv.Client()
	code, _ := wechat.ParsePaymentCode("134567890123456789")
	srv.Script(wechattest.UserPaying, wechattest.UserPaying)
	p, err := c.QuickPayV2(context.Background(), wechat.V2QuickPayRequest{Order: order(t).Order, SpbillCreateIP: "203.0.113.7", AuthCode: code})
	require.ErrorIs(t, err, wechat.ErrUserPaying)
	assert.Equal(t, "T1", p["out_trade_no"])
	ref, err := wechat.V2OrderRef{OutTradeNo: "T1"}.Params(srv.Merchant)
	require.NoError(t, err)
	_, p = v2(t, srv, wechat.PathV2OrderQuery, ref)
	assert.Equal(t, "USERPAYING", p["trade_state"])
	_, p = v2(t, srv, wechat.PathV2OrderQuery, ref)
	assert.Equal(t, "SUCCESS", p["trade_state"])
	assert.Equal(t, "MICROPAY", p["trade_type"])
}
