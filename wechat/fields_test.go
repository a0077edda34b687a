package wechat

import (
	"encoding/json"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// officialFields is one request's field list as its official page gives
// it: every field the page documents (dotted paths for nested JSON), and
// those it marks required in each mode.
type officialFields struct {
	page          string // where the list comes from
	fields        []string
	institutional []string // required in institutional mode
	common        []string // required in common mode
}

var v3OrderFields = []string{
	"mchid", "appid", "sp_mchid", "sp_appid", "sub_mchid", "sub_appid", "description", "attach", "out_trade_no",
	"goods_tag", "trade_type", "limit_pay", "merchant_category_code", "amount.total", "amount.currency",
	"scene_info.device_id", "scene_info.device_ip", "scene_info.payer_client_ip", "scene_info.operator_id",
	"scene_info.store_info.id", "scene_info.store_info.name", "scene_info.store_info.address",
	"detail.cost_price", "detail.receipt_id", "detail.goods_detail.goods_id", "detail.goods_detail.wxpay_goods_id",
	"detail.goods_detail.goods_name", "detail.goods_detail.quantity", "detail.goods_detail.price",
}

var v3OrderRequired = []string{"description", "out_trade_no", "trade_type", "merchant_category_code", "amount.total"}

var v2RefFields = []string{"appid", "mch_id", "sub_appid", "sub_mch_id", "transaction_id", "out_trade_no", "nonce_str", "sign", "sign_type"}

var officialLists = map[string]officialFields{
	"v3 quick pay": {
		page:          "https://pay.weixin.qq.com/wiki/doc/api_external/ch/apis/chapter3_1_1.shtml (POST /v3/global/micropay/transactions/pay)",
		fields:        append(slices.Clone(v3OrderFields), "payer.auth_code"),
		institutional: append([]string{"sp_mchid", "sp_appid", "sub_mchid", "payer.auth_code"}, v3OrderRequired...),
		common:        append([]string{"mchid", "appid", "payer.auth_code"}, v3OrderRequired...),
	},
	"v3 native": {
		page:          "https://pay.weixin.qq.com/wiki/doc/api_external/en/apis/chapter3_2_1.shtml (POST /v3/global/transactions/native)",
		fields:        append(slices.Clone(v3OrderFields), "notify_url", "time_start", "time_expire", "payer.openid", "payer.sp_openid", "payer.sub_openid"),
		institutional: append([]string{"sp_mchid", "sp_appid", "sub_mchid", "notify_url"}, v3OrderRequired...),
		common:        append([]string{"mchid", "appid", "notify_url"}, v3OrderRequired...),
	},
	"v3 refund": {
		page: "Apply for Refund, POST /v3/global/refunds (OpenAPI description TheNorthMemory/wechatpay-openapi docs/v3/global/refunds.yaml @770c3bb, citing the official cross-border refund page)",
		fields: []string{"mchid", "appid", "sp_mchid", "sub_mchid", "sp_appid", "sub_appid", "transaction_id", "out_trade_no",
			"out_refund_no", "reason", "amount.refund", "amount.total", "amount.currency", "notify_url"},
		institutional: []string{"sp_mchid", "sub_mchid", "sp_appid", "out_refund_no", "amount.refund", "amount.total", "amount.currency"},
		common:        []string{"mchid", "appid", "out_refund_no", "amount.refund", "amount.total", "amount.currency"},
	},
	"v3 close": {
		page:          "Close Order, POST /v3/global/transactions/out-trade-no/{out_trade_no}/close (docs/v3/global/transactions/out-trade-no/{out_trade_no}/close.yaml)",
		fields:        []string{"mchid", "sp_mchid", "sub_mchid"},
		institutional: []string{"sp_mchid", "sub_mchid"}, common: []string{"mchid"},
	},
	"v3 reverse": {
		page:          "https://pay.weixin.qq.com/wiki/doc/api_external/ch/apis/chapter3_1_7.shtml (POST /v3/global/micropay/transactions/out-trade-no/{out_trade_no}/reverse)",
		fields:        []string{"mchid", "sp_mchid", "sub_mchid"},
		institutional: []string{"sp_mchid", "sub_mchid"}, common: []string{"mchid"},
	},
	"v3 query": {
		page:          "https://pay.weixin.qq.com/wiki/doc/api_external/ch/apis/chapter3_1_2.shtml (GET /v3/global/transactions/out-trade-no/{out_trade_no}, query)",
		fields:        []string{"mchid", "sp_mchid", "sub_mchid"},
		institutional: []string{"sp_mchid", "sub_mchid"}, common: []string{"mchid"},
	},
	"v3 refund query": {
		page:          "Query Refund, GET /v3/global/refunds/out-refund-no/{out_refund_no} (docs/v3/global/refunds/out-refund-no/{out_refund_no}.yaml), query",
		fields:        []string{"mchid", "sp_mchid", "sub_mchid"},
		institutional: []string{"sp_mchid", "sub_mchid"}, common: []string{"mchid"},
	},
	"v2 quick pay": {
		page: "https://pay.weixin.qq.com/wiki/doc/api/wxpay/en/pay/QuickPay/chapter3_3.shtml with version and detail from https://pay.weixin.qq.com/doc/v2/partner/4011983208",
		fields: []string{"appid", "mch_id", "sub_appid", "sub_mch_id", "device_info", "nonce_str", "sign", "sign_type", "body", "detail",
			"attach", "out_trade_no", "total_fee", "fee_type", "spbill_create_ip", "goods_tag", "auth_code", "version", "limit_pay"},
		institutional: []string{"appid", "mch_id", "sub_mch_id", "nonce_str", "sign", "body", "out_trade_no", "total_fee", "fee_type", "spbill_create_ip", "auth_code", "version", "detail"},
		common:        []string{"appid", "mch_id", "nonce_str", "sign", "body", "out_trade_no", "total_fee", "fee_type", "spbill_create_ip", "auth_code", "version", "detail"},
	},
	"v2 native": {
		page: "https://pay.weixin.qq.com/wiki/doc/api/wxpay/en/pay/OfficialPayMent/chapter8_1.shtml (Unified Order, trade_type NATIVE)",
		fields: []string{"appid", "mch_id", "sub_appid", "sub_mch_id", "device_info", "nonce_str", "sign", "sign_type", "body", "detail",
			"attach", "out_trade_no", "fee_type", "total_fee", "spbill_create_ip", "time_start", "time_expire", "goods_tag", "notify_url",
			"trade_type", "product_id", "limit_pay", "openid", "sub_openid"},
		institutional: []string{"appid", "mch_id", "sub_mch_id", "nonce_str", "sign", "body", "out_trade_no", "total_fee", "spbill_create_ip", "notify_url", "trade_type", "product_id"},
		common:        []string{"appid", "mch_id", "nonce_str", "sign", "body", "out_trade_no", "total_fee", "spbill_create_ip", "notify_url", "trade_type", "product_id"},
	},
	"v2 order ref": {
		page:          "Query Order /pay/orderquery, Reverse /secapi/pay/reverse, Close Order /pay/closeorder (the pages beside chapter3_3)",
		fields:        v2RefFields,
		institutional: []string{"appid", "mch_id", "sub_mch_id", "nonce_str", "sign", "out_trade_no"},
		common:        []string{"appid", "mch_id", "nonce_str", "sign", "out_trade_no"},
	},
	"v2 refund": {
		page: "Apply for Refund /secapi/pay/refund (the page beside chapter3_3)",
		fields: []string{"appid", "mch_id", "sub_appid", "sub_mch_id", "nonce_str", "sign", "sign_type", "transaction_id", "out_trade_no",
			"out_refund_no", "total_fee", "refund_fee", "refund_fee_type", "refund_desc", "refund_account", "notify_url"},
		institutional: []string{"appid", "mch_id", "sub_mch_id", "nonce_str", "sign", "out_refund_no", "total_fee", "refund_fee"},
		common:        []string{"appid", "mch_id", "nonce_str", "sign", "out_refund_no", "total_fee", "refund_fee"},
	},
	"v2 refund query": {
		page: "Query Refund /pay/refundquery (the page beside chapter3_3)",
		fields: []string{"appid", "mch_id", "sub_appid", "sub_mch_id", "nonce_str", "sign", "sign_type", "transaction_id", "out_trade_no",
			"out_refund_no", "refund_id", "offset"},
		institutional: []string{"appid", "mch_id", "sub_mch_id", "nonce_str", "sign", "out_refund_no"},
		common:        []string{"appid", "mch_id", "nonce_str", "sign", "out_refund_no"},
	},
	"v2 rate": {
		page:          "https://pay.weixin.qq.com/wiki/doc/api/wxpay/ch/pay/In-AppPay/chapter8_10.shtml (/pay/queryexchagerate; OpenAPI docs/v2/pay/queryexchagerate.yaml)",
		fields:        []string{"appid", "mch_id", "sub_mch_id", "fee_type", "date", "sign"},
		institutional: []string{"appid", "mch_id", "sub_mch_id", "fee_type", "date", "sign"},
		common:        []string{"appid", "mch_id", "fee_type", "date", "sign"},
	},
}

// fullOrder sets every optional field, so that each reaches the wire.
func fullOrder() Order {
	o := testOrder()
	o.Attach, o.GoodsTag = "table 7", "WXG"
	o.SceneInfo = &SceneInfo{DeviceID: "POS-1", DeviceIP: "203.0.113.7", PayerClientIP: "198.51.100.1", OperatorID: "kim",
		StoreInfo: &StoreInfo{ID: "S1", Name: "명동점", Address: "서울 중구"}}
	o.Detail = &OrderDetail{CostPrice: 12000, ReceiptID: "R1", GoodsDetail: []Goods{{GoodsID: "G1", WxpayGoodsID: "1001", GoodsName: "칼국수", Quantity: 1, Price: 12000}}}
	return o
}

// jsonPaths lists the leaf paths of a JSON object (array items join
// their parent's path).
func jsonPaths(t *testing.T, b []byte) []string {
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	var out []string
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				walk(strings.TrimPrefix(prefix+"."+k, "."), e)
			}
		case []any:
			for _, e := range x {
				walk(prefix, e)
			}
		default:
			out = append(out, prefix)
		}
	}
	walk("", m)
	sort.Strings(out)
	return slices.Compact(out)
}

// wireFields returns what a request puts on the wire in mode m: JSON
// body paths and query names for v3, parameter names (sign included) for
// v2.
func wireFields(t *testing.T, name string, m Merchant) []string {
	code, _ := ParsePaymentCode("134567890123456789")
	o := fullOrder()
	v3 := func(c V3Call, err error) []string {
		require.NoError(t, err)
		var out []string
		if c.Body != nil {
			out = jsonPaths(t, c.Body)
		}
		if _, q, ok := strings.Cut(c.Path, "?"); ok {
			vals, err := url.ParseQuery(q)
			require.NoError(t, err)
			for k := range vals {
				out = append(out, k)
			}
		}
		return out
	}
	v2 := func(p V2Params, err error) []string {
		require.NoError(t, err)
		st := SignHMACSHA256 // sign_type is sent: it must be documented
		if name == "v2 rate" {
			st = SignMD5 // the rate query takes no sign_type
		}
		body, err := p.SignedXML(testKeyV2, st)
		require.NoError(t, err)
		back, err := ParseV2XML(body)
		require.NoError(t, err)
		var out []string
		for k := range back {
			out = append(out, k)
		}
		return out
	}
	usd := fx.MustCurrency("USD")
	switch name {
	case "v3 quick pay":
		return v3(V3QuickPayRequest{Order: o, AuthCode: code}.Call(m))
	case "v3 native":
		o.TimeExpire = time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
		return v3(V3NativeRequest{Order: o, NotifyURL: "https://m.example/n"}.Call(m))
	case "v3 refund":
		return v3(V3RefundRequest{OutTradeNo: "T1", OutRefundNo: "R1", Reason: "x", Refund: fx.FromMinor(1, usd), Total: fx.FromMinor(2, usd), NotifyURL: "https://m.example/r"}.Call(m))
	case "v3 close":
		return v3(V3OrderRef{OutTradeNo: "T1"}.CloseCall(m))
	case "v3 reverse":
		return v3(V3OrderRef{OutTradeNo: "T1"}.ReverseCall(m))
	case "v3 query":
		return v3(V3OrderRef{OutTradeNo: "T1"}.QueryCall(m))
	case "v3 refund query":
		return v3(V3RefundRef{OutRefundNo: "R1"}.QueryCall(m))
	case "v2 quick pay":
		return v2(V2QuickPayRequest{Order: o, SpbillCreateIP: "203.0.113.7", AuthCode: code}.Params(m))
	case "v2 native":
		o.TimeExpire = time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
		return v2(V2NativeRequest{Order: o, SpbillCreateIP: "203.0.113.7", ProductID: "P1", NotifyURL: "https://m.example/n"}.Params(m))
	case "v2 order ref":
		return v2(V2OrderRef{OutTradeNo: "T1"}.Params(m))
	case "v2 refund":
		return v2(V2RefundRequest{OutTradeNo: "T1", OutRefundNo: "R1", Reason: "x", Refund: fx.FromMinor(1, usd), Total: fx.FromMinor(2, usd), NotifyURL: "https://m.example/r"}.Params(m))
	case "v2 refund query":
		return v2(V2RefundQuery{OutRefundNo: "R1"}.Params(m))
	case "v2 rate":
		return v2(V2RateQuery{Currency: "KRW", Date: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}.Params(m))
	}
	t.Fatalf("no request %s", name)
	return nil
}

// TestRequestFieldsMatchOfficialLists checks every request model field
// by field against its official page, in both modes: each field sent is
// documented, and each field the page requires in the mode is sent.
func TestRequestFieldsMatchOfficialLists(t *testing.T) {
	inst := institution
	inst.SubAppID = "wxd678efh567hg6999"
	for name, list := range officialLists {
		for _, mode := range []struct {
			m        Merchant
			required []string
		}{{inst, list.institutional}, {direct, list.common}} {
			t.Run(name+"/"+mode.m.Mode.String(), func(t *testing.T) {
				got := wireFields(t, name, mode.m)
				for _, f := range got {
					assert.Contains(t, list.fields, f, "%s sends %s, which %s does not document", name, f, list.page)
				}
				for _, f := range mode.required {
					assert.Contains(t, got, f, "%s lacks %s, which %s requires", name, f, list.page)
				}
			})
		}
	}
}
