package wechat

import (
	"strings"
	"testing"
	"time"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func quickPayV3(t *testing.T) V3QuickPayRequest {
	code, err := ParsePaymentCode("134567890123456789")
	require.NoError(t, err)
	return V3QuickPayRequest{Order: testOrder(), AuthCode: code}
}

func TestV3QuickPayBody(t *testing.T) {
	m := institution
	m.SubAppID = "wxd678efh567hg6999"
	r := quickPayV3(t)
	r.Attach = "table 7"
	r.SceneInfo = &SceneInfo{DeviceID: "POS-1", StoreInfo: &StoreInfo{ID: "S1", Name: "명동점", Address: "서울 중구"}}
	r.Detail = &OrderDetail{GoodsDetail: []Goods{{GoodsID: "G1", Quantity: 2, Price: 6000}}}
	call, err := r.Call(m)
	require.NoError(t, err)
	assert.Equal(t, "POST", call.Method)
	assert.Equal(t, "/v3/global/micropay/transactions/pay", call.Path)
	assert.Equal(t, `{"sp_appid":"wx2421b1c4370ec43b","sp_mchid":"1900000100","sub_mchid":"1900000109","sub_appid":"wxd678efh567hg6999",`+
		`"description":"명동 칼국수","attach":"table 7","out_trade_no":"ZP20261126000001","trade_type":"MICROPAY",`+
		`"merchant_category_code":"5812","payer":{"auth_code":"134567890123456789"},"amount":{"total":12000,"currency":"KRW"},`+
		`"scene_info":{"device_id":"POS-1","store_info":{"id":"S1","name":"명동점","address":"서울 중구"}},`+
		`"detail":{"goods_detail":[{"goods_id":"G1","quantity":2,"price":6000}]}}`, string(call.Body))

	call, err = quickPayV3(t).Call(direct)
	require.NoError(t, err)
	assert.Equal(t, `{"appid":"wx2421b1c4370ec43b","mchid":"10000100","description":"명동 칼국수","out_trade_no":"ZP20261126000001",`+
		`"trade_type":"MICROPAY","merchant_category_code":"5812","payer":{"auth_code":"134567890123456789"},"amount":{"total":12000,"currency":"KRW"}}`, string(call.Body))
}

func TestV3Refusals(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*V3QuickPayRequest, *Merchant)
		param string
		want  error
	}{
		{"institutional without sub_mchid", func(_ *V3QuickPayRequest, m *Merchant) { m.SubMchID = "" }, "sub_mchid", ErrMissing},
		{"institutional without sp_appid", func(_ *V3QuickPayRequest, m *Merchant) { m.AppID = "" }, "sp_appid", ErrMissing},
		{"institutional without sp_mchid", func(_ *V3QuickPayRequest, m *Merchant) { m.MchID = "" }, "sp_mchid", ErrMissing},
		{"common with sub_mchid", func(_ *V3QuickPayRequest, m *Merchant) { m.Mode = Common }, "sub_mchid", ErrMode},
		{"quote in sp_mchid", func(_ *V3QuickPayRequest, m *Merchant) { m.MchID = `1"x` }, "sp_mchid", ErrFormat},
		{"no auth code", func(r *V3QuickPayRequest, _ *Merchant) { r.AuthCode = PaymentCode{} }, "payer.auth_code", ErrMissing},
		{"no MCC", func(r *V3QuickPayRequest, _ *Merchant) { r.MerchantCategoryCode = "" }, "merchant_category_code", ErrMissing},
		{"store without a name", func(r *V3QuickPayRequest, _ *Merchant) {
			r.SceneInfo = &SceneInfo{StoreInfo: &StoreInfo{Address: "서울"}}
		}, "scene_info.store_info.name", ErrMissing},
		{"store without an address", func(r *V3QuickPayRequest, _ *Merchant) {
			r.SceneInfo = &SceneInfo{StoreInfo: &StoreInfo{Name: "명동점"}}
		}, "scene_info.store_info.address", ErrMissing},
		{"device id too long", func(r *V3QuickPayRequest, _ *Merchant) { r.SceneInfo = &SceneInfo{DeviceID: strings.Repeat("d", 33)} }, "scene_info.device_id", ErrFormat},
		{"goods without an id", func(r *V3QuickPayRequest, _ *Merchant) {
			r.Detail = &OrderDetail{GoodsDetail: []Goods{{Quantity: 1}}}
		}, "detail.goods_detail.goods_id", ErrMissing},
		{"goods of no quantity", func(r *V3QuickPayRequest, _ *Merchant) {
			r.Detail = &OrderDetail{GoodsDetail: []Goods{{GoodsID: "G", Quantity: 0}}}
		}, "detail.goods_detail.quantity", ErrFormat},
		{"negative price", func(r *V3QuickPayRequest, _ *Merchant) {
			r.Detail = &OrderDetail{GoodsDetail: []Goods{{GoodsID: "G", Quantity: 1, Price: -1}}}
		}, "detail.goods_detail.price", ErrFormat},
		{"negative cost price", func(r *V3QuickPayRequest, _ *Merchant) { r.Detail = &OrderDetail{CostPrice: -1} }, "detail.cost_price", ErrFormat},
		{"receipt id with NUL", func(r *V3QuickPayRequest, _ *Merchant) { r.Detail = &OrderDetail{ReceiptID: "a\x00"} }, "detail.receipt_id", ErrFormat},
		{"goods name with invalid UTF-8", func(r *V3QuickPayRequest, _ *Merchant) {
			r.Detail = &OrderDetail{GoodsDetail: []Goods{{GoodsID: "G", Quantity: 1, GoodsName: "\xff"}}}
		}, "detail.goods_detail.goods_name", ErrFormat},
		{"rounding", func(r *V3QuickPayRequest, _ *Merchant) {
			usd := fx.MustCurrency("USD")
			r.Total = fx.NewAmount(fx.FromMinor(1005, usd).Decimal().Shift(-1), usd) // 1.005
		}, "amount.total", ErrFormat},
		{"HK refused", func(r *V3QuickPayRequest, _ *Merchant) {
			r.AuthCode, _ = ParsePaymentCode("150000000000000000")
			r.Policy = CodePolicy{RefuseHongKong: true}
		}, "auth_code", ErrNotAccepted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, m := quickPayV3(t), institution
			tt.edit(&r, &m)
			_, err := r.Call(m)
			assertParam(t, err, tt.param, tt.want)
		})
	}
}

func TestV3Native(t *testing.T) {
	n := V3NativeRequest{Order: testOrder(), NotifyURL: "https://merchant.example/notify"}
	n.TimeExpire = time.Date(2026, 12, 1, 12, 0, 0, 0, time.FixedZone("KST", 9*3600))
	call, err := n.Call(institution)
	require.NoError(t, err)
	assert.Equal(t, "/v3/global/transactions/native", call.Path)
	assert.Contains(t, string(call.Body), `"notify_url":"https://merchant.example/notify"`)
	assert.Contains(t, string(call.Body), `"trade_type":"NATIVE"`)
	assert.Contains(t, string(call.Body), `"time_expire":"2026-12-01T12:00:00+09:00"`)
	assert.NotContains(t, string(call.Body), "payer")
	n.NotifyURL = ""
	_, err = n.Call(institution)
	assertParam(t, err, "notify_url", ErrMissing) // alone, it is refused
}

func TestV3Lifecycle(t *testing.T) {
	ref := V3OrderRef{OutTradeNo: "ZP1"}
	q, err := ref.QueryCall(institution)
	require.NoError(t, err)
	assert.Equal(t, V3Call{Method: "GET", Path: "/v3/global/transactions/out-trade-no/ZP1?sp_mchid=1900000100&sub_mchid=1900000109"}, q)
	q, err = ref.QueryCall(direct)
	require.NoError(t, err)
	assert.Equal(t, "/v3/global/transactions/out-trade-no/ZP1?mchid=10000100", q.Path)
	c, err := ref.CloseCall(institution)
	require.NoError(t, err)
	assert.Equal(t, V3Call{Method: "POST", Path: "/v3/global/transactions/out-trade-no/ZP1/close", Body: []byte(`{"sp_mchid":"1900000100","sub_mchid":"1900000109"}`)}, c)
	rv, err := ref.ReverseCall(direct)
	require.NoError(t, err)
	assert.Equal(t, V3Call{Method: "POST", Path: "/v3/global/micropay/transactions/out-trade-no/ZP1/reverse", Body: []byte(`{"mchid":"10000100"}`)}, rv)
	for _, f := range []func(Merchant) (V3Call, error){V3OrderRef{OutTradeNo: "a/b"}.QueryCall, V3OrderRef{OutTradeNo: "a/b"}.CloseCall, V3OrderRef{OutTradeNo: "../x"}.ReverseCall} {
		_, err := f(institution)
		assertParam(t, err, "out_trade_no", ErrFormat)
	}
	_, err = ref.QueryCall(Merchant{})
	assertParam(t, err, "sub_mchid", ErrMissing)

	r := V3RefundRequest{OutTradeNo: "ZP1", OutRefundNo: "RF1", Refund: fx.FromMinor(5000, krw), Total: fx.FromMinor(12000, krw)}
	rc, err := r.Call(institution)
	require.NoError(t, err)
	assert.Equal(t, "/v3/global/refunds", rc.Path)
	assert.Equal(t, `{"sp_appid":"wx2421b1c4370ec43b","sp_mchid":"1900000100","sub_mchid":"1900000109","out_trade_no":"ZP1","out_refund_no":"RF1","amount":{"refund":5000,"total":12000,"currency":"KRW"}}`, string(rc.Body))
	again, _ := r.Call(institution)
	assert.Equal(t, rc, again, "a retry sends the same out_refund_no")
	byID := V3RefundRequest{TransactionID: "4200000001", OutRefundNo: "RF1", Refund: fx.FromMinor(1, krw), Total: fx.FromMinor(1, krw)}
	rc, err = byID.Call(direct)
	require.NoError(t, err)
	assert.Contains(t, string(rc.Body), `"transaction_id":"4200000001"`)
	bad := r
	bad.NotifyURL = "ftp://x"
	_, err = bad.Call(institution)
	assertParam(t, err, "notify_url", ErrFormat)
	bad = r
	bad.Reason = strings.Repeat("이", 81)
	_, err = bad.Call(institution)
	assertParam(t, err, "reason", ErrFormat)
	_, err = V3RefundRequest{OutRefundNo: "RF1"}.Call(institution)
	assertParam(t, err, "out_trade_no", ErrMissing)
	bad = r
	bad.Total = fx.Amount{}
	_, err = bad.Call(institution)
	assertParam(t, err, "amount.total", ErrMissing)
	bad = r
	bad.Refund = fx.Zero(krw)
	_, err = bad.Call(institution)
	assertParam(t, err, "amount.refund", ErrFormat)
	_, err = r.Call(Merchant{Mode: Common})
	assertParam(t, err, "mchid", ErrMissing)

	rq, err := V3RefundRef{OutRefundNo: "RF1"}.QueryCall(institution)
	require.NoError(t, err)
	assert.Equal(t, "/v3/global/refunds/out-refund-no/RF1?sp_mchid=1900000100&sub_mchid=1900000109", rq.Path)
	_, err = V3RefundRef{}.QueryCall(institution)
	assertParam(t, err, "out_refund_no", ErrMissing)
	_, err = V3RefundRef{OutRefundNo: "x"}.QueryCall(Merchant{})
	assertParam(t, err, "sub_mchid", ErrMissing)
}

func TestSignerRefusesInjection(t *testing.T) {
	ok := Signer{MchID: "1900000109", SerialNo: "5157F09EFDC096DE15EBE81A47057A72", Key: testKey, Nonce: func() string { return "N1" }}
	_, err := ok.Authorization("GET", "/v3/x", nil)
	require.NoError(t, err)
	h, err := ok.Sign(V3Call{Method: "GET", Path: "/v3/x"})
	require.NoError(t, err)
	assert.Contains(t, h, `nonce_str="N1"`)
	tests := []struct {
		name   string
		edit   func(*Signer)
		method string
		url    string
		param  string
		want   error
	}{
		{"quote in mchid", func(s *Signer) { s.MchID = `1",signature="x` }, "GET", "/v3/x", "mchid", ErrFormat},
		{"quote in serial", func(s *Signer) { s.SerialNo = `A"` }, "GET", "/v3/x", "serial_no", ErrFormat},
		{"long serial", func(s *Signer) { s.SerialNo = strings.Repeat("A", 65) }, "GET", "/v3/x", "serial_no", ErrFormat},
		{"no mchid", func(s *Signer) { s.MchID = "" }, "GET", "/v3/x", "mchid", ErrMissing},
		{"no serial", func(s *Signer) { s.SerialNo = "" }, "GET", "/v3/x", "serial_no", ErrMissing},
		{"no key", func(s *Signer) { s.Key = nil }, "GET", "/v3/x", "signer key", ErrMissing},
		{"weak key", func(s *Signer) { s.Key = weakKey }, "GET", "/v3/x", "signer key", ErrSignatureType},
		{"nonce with a quote", func(s *Signer) { s.Nonce = func() string { return `a"` } }, "GET", "/v3/x", "nonce_str", ErrFormat},
		{"lower-case method", func(*Signer) {}, "get", "/v3/x", "method", ErrFormat},
		{"newline in method", func(*Signer) {}, "GET\n", "/v3/x", "method", ErrFormat},
		{"url without a slash", func(*Signer) {}, "GET", "v3/x", "url", ErrFormat},
		{"newline in url", func(*Signer) {}, "GET", "/v3/x\nPOST", "url", ErrFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := ok
			tt.edit(&s)
			_, err := s.Authorization(tt.method, tt.url, nil)
			assertParam(t, err, tt.param, tt.want)
		})
	}
	var nilSigner *Signer
	_, err = nilSigner.Authorization("GET", "/", nil)
	assertParam(t, err, "signer key", ErrMissing)
}
