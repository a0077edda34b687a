package wechat

import (
	"encoding/json"
	"net/url"
	"time"

	"github.com/qrbridge/qrbridge/fx"
)

// HostGlobal is WeChat Pay's cross-border API host, for API v2 (/pay/…,
// /secapi/pay/…) and API v3 (/v3/global/…).
const HostGlobal = "https://apihk.mch.weixin.qq.com"

// API v3 global paths, each from its official page
// (https://pay.weixin.qq.com/wiki/doc/api_external/en/apis/chapter3_1_1.shtml
// and the pages beside it).
const (
	// PathV3QuickPay is Submit Quick Pay: POST /v3/global/micropay/transactions/pay
	// on apihk.mch.weixin.qq.com (official page chapter3_1_1, updated 2025).
	PathV3QuickPay = "/v3/global/micropay/transactions/pay"
	// PathV3Native is Native order placement (chapter3_2_1).
	PathV3Native = "/v3/global/transactions/native"
	// PathV3Refunds is Apply for Refund (POST) and the refund list.
	PathV3Refunds = "/v3/global/refunds"
)

// V3Call is one API v3 request, ready to sign with [Signer.Authorization]
// and send to [HostGlobal]: Path includes the query; Body is nil for GET
// and for calls without a body.
type V3Call struct {
	Method string
	Path   string
	Body   []byte
}

// SceneInfo is the scene_info object of a v3 order: the terminal and the
// store. Every field is optional; StoreInfo, when set, needs Name and
// Address.
type SceneInfo struct {
	DeviceID      string     `json:"device_id,omitempty"`
	DeviceIP      string     `json:"device_ip,omitempty"`
	PayerClientIP string     `json:"payer_client_ip,omitempty"`
	OperatorID    string     `json:"operator_id,omitempty"`
	StoreInfo     *StoreInfo `json:"store_info,omitempty"`
}

// StoreInfo is scene_info.store_info.
type StoreInfo struct {
	ID      string `json:"id,omitempty"`
	Name    string `json:"name"`
	Address string `json:"address"`
}

// OrderDetail is an order's goods detail (detail in v3, and the JSON of
// the v2 detail parameter): the receipt's original price in minor units,
// its ID and the goods.
type OrderDetail struct {
	CostPrice   int64   `json:"cost_price,omitempty"`
	ReceiptID   string  `json:"receipt_id,omitempty"`
	GoodsDetail []Goods `json:"goods_detail,omitempty"`
}

// Goods is one line of goods_detail; Price is the unit price in minor units.
type Goods struct {
	GoodsID      string `json:"goods_id"`
	WxpayGoodsID string `json:"wxpay_goods_id,omitempty"`
	GoodsName    string `json:"goods_name,omitempty"`
	Quantity     int64  `json:"quantity"`
	Price        int64  `json:"price"`
}

// Order is the common part of a v3 global Native or Quick Pay order, and
// of a v2 one. Total is written in minor units with its ISO 4217 code and
// refused if it would need rounding. MerchantCategoryCode is the
// four-digit MCC WeChat Pay requires. TimeExpire is optional (Native).
type Order struct {
	Description          string
	OutTradeNo           string
	Total                fx.Amount
	MerchantCategoryCode string
	Attach               string
	GoodsTag             string
	TimeExpire           time.Time
	SceneInfo            *SceneInfo
	Detail               *OrderDetail
}

// V3NativeRequest is a v3 global Native order
// (https://pay.weixin.qq.com/wiki/doc/api_external/en/apis/chapter3_2_1.shtml):
// WeChat Pay answers with a code_url (weixin://wxpay/s/… or
// weixin://wxpay/bizpayurl?pr=…) to show as a QR code. NotifyURL is
// required (https, no query).
type V3NativeRequest struct {
	Order
	NotifyURL string
}

// V3QuickPayRequest is a v3 global Quick Pay order
// (https://pay.weixin.qq.com/wiki/doc/api_external/ch/apis/chapter3_1_1.shtml,
// POST /v3/global/micropay/transactions/pay on apihk.mch.weixin.qq.com):
// the merchant scanned the payer's [PaymentCode]. See [QuickPayRule] for
// an answer that is not final.
type V3QuickPayRequest struct {
	Order
	AuthCode PaymentCode
	Policy   CodePolicy // which codes to accept; the zero value follows WeChat's current guide
}

// v3Order is the wire form of both orders, fields in the documented order.
type v3Order struct {
	v3Merchant
	Description          string       `json:"description"`
	Attach               string       `json:"attach,omitempty"`
	NotifyURL            string       `json:"notify_url,omitempty"`
	OutTradeNo           string       `json:"out_trade_no"`
	GoodsTag             string       `json:"goods_tag,omitempty"`
	TradeType            string       `json:"trade_type"`
	TimeExpire           string       `json:"time_expire,omitempty"`
	MerchantCategoryCode string       `json:"merchant_category_code"`
	Payer                *v3Payer     `json:"payer,omitempty"`
	Amount               V3Amount     `json:"amount"`
	SceneInfo            *SceneInfo   `json:"scene_info,omitempty"`
	Detail               *OrderDetail `json:"detail,omitempty"`
}

type v3Payer struct {
	AuthCode string `json:"auth_code"`
}

// v3Merchant is the merchant part of a v3 body.
type v3Merchant struct {
	SpAppID  string `json:"sp_appid,omitempty"`
	SpMchID  string `json:"sp_mchid,omitempty"`
	SubMchID string `json:"sub_mchid,omitempty"`
	SubAppID string `json:"sub_appid,omitempty"`
	AppID    string `json:"appid,omitempty"`
	MchID    string `json:"mchid,omitempty"`
}

func newV3Merchant(m Merchant) (v3Merchant, error) {
	if err := m.check(false); err != nil {
		return v3Merchant{}, err
	}
	if m.Mode == Common {
		return v3Merchant{AppID: m.AppID, MchID: m.MchID}, nil
	}
	return v3Merchant{SpAppID: m.AppID, SpMchID: m.MchID, SubMchID: m.SubMchID, SubAppID: m.SubAppID}, nil
}

// mchOnly keeps the merchant numbers (close, reverse, queries).
func (v v3Merchant) mchOnly() v3Merchant {
	return v3Merchant{SpMchID: v.SpMchID, SubMchID: v.SubMchID, MchID: v.MchID}
}

// query writes the merchant numbers as a query string.
func (v v3Merchant) query() string {
	q := url.Values{}
	for _, f := range [3][2]string{{"mchid", v.MchID}, {"sp_mchid", v.SpMchID}, {"sub_mchid", v.SubMchID}} {
		if f[1] != "" {
			q.Set(f[0], f[1])
		}
	}
	return q.Encode()
}

// wire checks the order and writes its wire form.
func (o Order) wire(m Merchant, tradeType string) (v3Order, error) {
	vm, err := newV3Merchant(m)
	if err != nil {
		return v3Order{}, err
	}
	if err := o.check(); err != nil {
		return v3Order{}, err
	}
	amt, err := NewV3Amount(o.Total)
	if err != nil {
		return v3Order{}, err
	}
	w := v3Order{v3Merchant: vm, Description: o.Description, Attach: o.Attach, OutTradeNo: o.OutTradeNo,
		GoodsTag: o.GoodsTag, TradeType: tradeType, MerchantCategoryCode: o.MerchantCategoryCode,
		Amount: amt, SceneInfo: o.SceneInfo, Detail: o.Detail}
	if !o.TimeExpire.IsZero() {
		w.TimeExpire = o.TimeExpire.Format(time.RFC3339)
	}
	return w, nil
}

// check validates the fields shared by v2 and v3 orders.
func (o Order) check() error {
	for _, f := range []textField{
		{"description", o.Description, 127, true}, {"attach", o.Attach, 127, false},
		{"goods_tag", o.GoodsTag, 32, false},
	} {
		if err := f.check(); err != nil {
			return err
		}
	}
	if err := checkOutNo("out_trade_no", o.OutTradeNo); err != nil {
		return err
	}
	if o.MerchantCategoryCode == "" {
		return paramErr("merchant_category_code", ErrMissing)
	}
	if len(o.MerchantCategoryCode) != 4 || !isDigits(o.MerchantCategoryCode) {
		return paramErr("merchant_category_code", ErrFormat)
	}
	if err := o.SceneInfo.check(); err != nil {
		return err
	}
	return o.Detail.check()
}

func (s *SceneInfo) check() error {
	if s == nil {
		return nil
	}
	fields := []textField{
		{"scene_info.device_id", s.DeviceID, 32, false}, {"scene_info.device_ip", s.DeviceIP, 64, false},
		{"scene_info.payer_client_ip", s.PayerClientIP, 64, false}, {"scene_info.operator_id", s.OperatorID, 32, false},
	}
	if st := s.StoreInfo; st != nil {
		fields = append(fields, textField{"scene_info.store_info.id", st.ID, 32, false},
			textField{"scene_info.store_info.name", st.Name, 256, true},
			textField{"scene_info.store_info.address", st.Address, 512, true})
	}
	for _, f := range fields {
		if err := f.check(); err != nil {
			return err
		}
	}
	return nil
}

func (d *OrderDetail) check() error {
	if d == nil {
		return nil
	}
	if d.CostPrice < 0 {
		return paramErr("detail.cost_price", ErrFormat)
	}
	if err := (textField{"detail.receipt_id", d.ReceiptID, 32, false}).check(); err != nil {
		return err
	}
	for _, g := range d.GoodsDetail {
		for _, f := range []textField{
			{"detail.goods_detail.goods_id", g.GoodsID, 32, true},
			{"detail.goods_detail.wxpay_goods_id", g.WxpayGoodsID, 32, false},
			{"detail.goods_detail.goods_name", g.GoodsName, 256, false},
		} {
			if err := f.check(); err != nil {
				return err
			}
		}
		if g.Quantity <= 0 {
			return paramErr("detail.goods_detail.quantity", ErrFormat)
		}
		if g.Price < 0 {
			return paramErr("detail.goods_detail.price", ErrFormat)
		}
	}
	return nil
}

// Call checks the request in m's mode and returns the POST to send.
func (r V3NativeRequest) Call(m Merchant) (V3Call, error) {
	w, err := r.wire(m, "NATIVE")
	if err != nil {
		return V3Call{}, err
	}
	if err := checkNotifyURL(r.NotifyURL); err != nil {
		return V3Call{}, err
	}
	w.NotifyURL = r.NotifyURL
	return postJSON(PathV3Native, w)
}

// Call checks the request in m's mode and returns the POST to send.
func (r V3QuickPayRequest) Call(m Merchant) (V3Call, error) {
	w, err := r.wire(m, "MICROPAY")
	if err != nil {
		return V3Call{}, err
	}
	if r.AuthCode.digits == "" {
		return V3Call{}, paramErr("payer.auth_code", ErrMissing)
	}
	if err := r.Policy.Check(r.AuthCode); err != nil {
		return V3Call{}, err
	}
	w.Payer = &v3Payer{AuthCode: r.AuthCode.digits}
	return postJSON(PathV3QuickPay, w)
}

func postJSON(path string, v any) (V3Call, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return V3Call{}, paramErr("body", ErrFormat)
	}
	return V3Call{Method: "POST", Path: path, Body: b}, nil
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
	n, err := minorUnits(a)
	if err != nil {
		return V3Amount{}, paramErr("amount.total", err)
	}
	return V3Amount{Total: n, Currency: a.Currency().Code()}, nil
}

// V3OrderRef names an existing v3 order by its out_trade_no, for query,
// close and reverse.
type V3OrderRef struct {
	OutTradeNo string
}

// QueryCall returns the GET of Query Order by out_trade_no
// (chapter3_1_2: /v3/global/transactions/out-trade-no/{out_trade_no}).
func (r V3OrderRef) QueryCall(m Merchant) (V3Call, error) {
	vm, err := r.check(m)
	if err != nil {
		return V3Call{}, err
	}
	return V3Call{Method: "GET", Path: "/v3/global/transactions/out-trade-no/" + r.OutTradeNo + "?" + vm.query()}, nil
}

// CloseCall returns the POST of Close Order (a Native order not paid).
func (r V3OrderRef) CloseCall(m Merchant) (V3Call, error) {
	vm, err := r.check(m)
	if err != nil {
		return V3Call{}, err
	}
	return postJSON("/v3/global/transactions/out-trade-no/"+r.OutTradeNo+"/close", vm.mchOnly())
}

// ReverseCall returns the POST of Revoke (reverse) a Quick Pay order
// (chapter3_1_7): a paid order is refunded, an unpaid one closed.
func (r V3OrderRef) ReverseCall(m Merchant) (V3Call, error) {
	vm, err := r.check(m)
	if err != nil {
		return V3Call{}, err
	}
	return postJSON("/v3/global/micropay/transactions/out-trade-no/"+r.OutTradeNo+"/reverse", vm.mchOnly())
}

func (r V3OrderRef) check(m Merchant) (v3Merchant, error) {
	vm, err := newV3Merchant(m)
	if err != nil {
		return v3Merchant{}, err
	}
	return vm, checkOutNo("out_trade_no", r.OutTradeNo)
}

// V3RefundRequest is Apply for Refund (POST /v3/global/refunds): Refund
// of the order's Total, both in the order's currency. A retry of the same
// refund must send the same OutRefundNo, so that WeChat Pay refunds once;
// keep it with the refund, never generate a new one on retry. NotifyURL
// is optional.
type V3RefundRequest struct {
	OutTradeNo    string
	TransactionID string // instead of OutTradeNo
	OutRefundNo   string
	Reason        string
	Refund        fx.Amount
	Total         fx.Amount
	NotifyURL     string
}

type v3Refund struct {
	v3Merchant
	TransactionID string         `json:"transaction_id,omitempty"`
	OutTradeNo    string         `json:"out_trade_no,omitempty"`
	OutRefundNo   string         `json:"out_refund_no"`
	Reason        string         `json:"reason,omitempty"`
	Amount        v3RefundAmount `json:"amount"`
	NotifyURL     string         `json:"notify_url,omitempty"`
}

type v3RefundAmount struct {
	Refund   int64  `json:"refund"`
	Total    int64  `json:"total"`
	Currency string `json:"currency"`
}

// Call checks the refund and returns its POST.
func (r V3RefundRequest) Call(m Merchant) (V3Call, error) {
	vm, err := newV3Merchant(m)
	if err != nil {
		return V3Call{}, err
	}
	w := v3Refund{v3Merchant: vm, TransactionID: r.TransactionID, OutTradeNo: r.OutTradeNo, OutRefundNo: r.OutRefundNo, Reason: r.Reason, NotifyURL: r.NotifyURL}
	if err := checkRefundRefs(r.OutTradeNo, r.TransactionID, r.OutRefundNo, r.Reason, r.NotifyURL); err != nil {
		return V3Call{}, err
	}
	refund, total, err := refundAmounts(r.Refund, r.Total)
	if err != nil {
		return V3Call{}, err
	}
	w.Amount = v3RefundAmount{Refund: refund, Total: total, Currency: r.Total.Currency().Code()}
	return postJSON(PathV3Refunds, w)
}

// checkRefundRefs checks the references of a refund, v2 or v3.
func checkRefundRefs(outTradeNo, transactionID, outRefundNo, reason, notifyURL string) error {
	switch {
	case outTradeNo == "" && transactionID == "":
		return paramErr("out_trade_no", ErrMissing)
	case outTradeNo != "":
		if err := checkOutNo("out_trade_no", outTradeNo); err != nil {
			return err
		}
	case !isID(transactionID):
		return paramErr("transaction_id", ErrFormat)
	}
	if err := checkOutNo("out_refund_no", outRefundNo); err != nil {
		return err
	}
	if err := (textField{"reason", reason, 80, false}).check(); err != nil {
		return err
	}
	if notifyURL != "" {
		return checkNotifyURL(notifyURL)
	}
	return nil
}

// refundAmounts checks refund ≤ total, same currency, and writes both.
func refundAmounts(refund, total fx.Amount) (int64, int64, error) {
	t, err := minorUnits(total)
	if err != nil {
		return 0, 0, paramErr("amount.total", err)
	}
	r, err := minorUnits(refund)
	if err != nil {
		return 0, 0, paramErr("amount.refund", err)
	}
	if refund.Currency() != total.Currency() {
		return 0, 0, paramErr("amount.currency", ErrFormat)
	}
	if r > t {
		return 0, 0, paramErr("amount.refund", ErrFormat)
	}
	return r, t, nil
}

// V3RefundRef names a refund by its out_refund_no, for Query Refund
// (GET /v3/global/refunds/out-refund-no/{out_refund_no}).
type V3RefundRef struct {
	OutRefundNo string
}

// QueryCall returns the GET of Query Refund.
func (r V3RefundRef) QueryCall(m Merchant) (V3Call, error) {
	vm, err := newV3Merchant(m)
	if err != nil {
		return V3Call{}, err
	}
	if err := checkOutNo("out_refund_no", r.OutRefundNo); err != nil {
		return V3Call{}, err
	}
	return V3Call{Method: "GET", Path: PathV3Refunds + "/out-refund-no/" + r.OutRefundNo + "?" + vm.query()}, nil
}
