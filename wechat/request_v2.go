package wechat

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"slices"
	"strconv"
	"time"

	"github.com/qrbridge/qrbridge/fx"
)

// API v2 cross-border paths on [HostGlobal]
// (https://pay.weixin.qq.com/wiki/doc/api/wxpay/en/pay/QuickPay/chapter3_3.shtml
// and the pages beside it). Reverse and refund need the merchant's TLS
// client certificate.
const (
	PathV2QuickPay     = "/pay/micropay"
	PathV2UnifiedOrder = "/pay/unifiedorder"
	PathV2OrderQuery   = "/pay/orderquery"
	PathV2Reverse      = "/secapi/pay/reverse"
	PathV2CloseOrder   = "/pay/closeorder"
	PathV2Refund       = "/secapi/pay/refund"
	PathV2RefundQuery  = "/pay/refundquery"
	PathV2ExchangeRate = "/pay/queryexchagerate" // sic: WeChat's spelling
)

// V2Order is the v2 order type of an earlier version of this package,
// kept so that its callers still compile.
//
// Deprecated: use [V2QuickPayRequest] or [V2NativeRequest] with an
// [Order] and a [Merchant]: V2Order can state neither the mode nor the
// merchant category code, and its SignType duplicates the sign type that
// [V2Params.SignedXML] takes (a request marked HMAC-SHA256 could be
// signed with MD5).
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

// Merchant returns the order's merchant: institutional when SubMchID is
// set, common otherwise.
func (o V2Order) Merchant() Merchant {
	m := Merchant{MchID: o.MchID, AppID: o.AppID, SubMchID: o.SubMchID}
	if o.SubMchID == "" {
		m.Mode = Common
	}
	return m
}

// Order returns the order's common part with the merchant category code.
func (o V2Order) Order(mcc string) Order {
	return Order{Description: o.Body, OutTradeNo: o.OutTradeNo, Total: o.Total, MerchantCategoryCode: mcc, Attach: o.Attach}
}

// V2QuickPayRequest is Submit Quick Pay (v2, POST /pay/micropay on
// apihk.mch.weixin.qq.com,
// https://pay.weixin.qq.com/wiki/doc/api/wxpay/en/pay/QuickPay/chapter3_3.shtml).
// It sends version=1.0 and detail, the order's goods detail and MCC as
// JSON, both required by the current Quick Pay API
// (https://pay.weixin.qq.com/doc/v2/partner/4011983208). SpbillCreateIP
// (the terminal's IP) is required. NonceStr empty means a fresh
// [NewNonce]; a caller's nonce is sent as given. The sign type is not a
// field: it is stated once, to [V2Params.SignedXML].
type V2QuickPayRequest struct {
	Order
	SpbillCreateIP string
	NonceStr       string
	AuthCode       PaymentCode
	Policy         CodePolicy // which codes to accept; the zero value follows WeChat's current guide
}

// V2NativeRequest is a Unified Order with trade_type NATIVE
// (https://pay.weixin.qq.com/wiki/doc/api/wxpay/en/pay/OfficialPayMent/chapter8_1.shtml);
// ProductID, NotifyURL and SpbillCreateIP are required; NonceStr is as in
// [V2QuickPayRequest].
type V2NativeRequest struct {
	Order
	SpbillCreateIP string
	NonceStr       string
	ProductID      string
	NotifyURL      string
}

// V2Params are the parameters of one v2 request, unsigned. They are
// written by the request types' Params methods; a caller may add
// documented optional parameters before signing.
type V2Params map[string]string

// Params checks the request in m's mode and returns its parameters.
func (r V2QuickPayRequest) Params(m Merchant) (V2Params, error) {
	p, err := v2OrderParams(m, r.Order, r.SpbillCreateIP, r.NonceStr)
	if err != nil {
		return nil, err
	}
	if err := r.Policy.Check(r.AuthCode); err != nil {
		return nil, err
	}
	detail, err := v2Detail(r.MerchantCategoryCode, r.Detail)
	if err != nil {
		return nil, err
	}
	p["auth_code"], p["version"], p["detail"] = r.AuthCode.digits, "1.0", detail
	return p, nil
}

// v2Detail writes the detail JSON: the MCC and the goods detail.
func v2Detail(mcc string, d *OrderDetail) (string, error) {
	w := struct {
		MCC string `json:"merchant_category_code"`
		*OrderDetail
	}{mcc, d}
	b, err := json.Marshal(w)
	if err != nil || len(b) > 6000 {
		return "", paramErr("detail", ErrFormat)
	}
	return string(b), nil
}

// Params checks the request in m's mode and returns its parameters.
func (r V2NativeRequest) Params(m Merchant) (V2Params, error) {
	p, err := v2OrderParams(m, r.Order, r.SpbillCreateIP, r.NonceStr)
	if err != nil {
		return nil, err
	}
	if err := (textField{"product_id", r.ProductID, 32, true}).check(); err != nil {
		return nil, err
	}
	if err := checkNotifyURL(r.NotifyURL); err != nil {
		return nil, err
	}
	p["trade_type"], p["product_id"], p["notify_url"] = "NATIVE", r.ProductID, r.NotifyURL
	detail, err := v2Detail(r.MerchantCategoryCode, r.Detail) // the MCC is required: there is always a detail
	if err != nil {
		return nil, err
	}
	p["detail"] = detail
	if !r.TimeExpire.IsZero() {
		p["time_expire"] = r.TimeExpire.In(chinaTime).Format("20060102150405")
	}
	return p, nil
}

// chinaTime is GMT+8, the zone of every v2 time.
var chinaTime = time.FixedZone("GMT+8", 8*60*60)

func v2OrderParams(m Merchant, o Order, ip, nonce string) (V2Params, error) {
	p, err := v2Base(m, nonce)
	if err != nil {
		return nil, err
	}
	if err := o.check(); err != nil {
		return nil, err
	}
	if err := (textField{"spbill_create_ip", ip, 64, true}).check(); err != nil {
		return nil, err
	}
	fee, err := minorUnits(o.Total)
	if err != nil {
		return nil, paramErr("total_fee", err)
	}
	p["body"], p["out_trade_no"], p["total_fee"] = o.Description, o.OutTradeNo, strconv.FormatInt(fee, 10)
	p["fee_type"], p["spbill_create_ip"] = o.Total.Currency().Code(), ip
	setIf(p, "attach", o.Attach)
	setIf(p, "goods_tag", o.GoodsTag)
	return p, nil
}

// v2Base returns the merchant parameters and the nonce.
func v2Base(m Merchant, nonce string) (V2Params, error) {
	if err := m.check(true); err != nil {
		return nil, err
	}
	if nonce == "" {
		nonce = NewNonce()
	} else if !isID(nonce) {
		return nil, paramErr("nonce_str", ErrFormat)
	}
	p := V2Params{"appid": m.AppID, "mch_id": m.MchID, "nonce_str": nonce}
	setIf(p, "sub_mch_id", m.SubMchID)
	setIf(p, "sub_appid", m.SubAppID)
	return p, nil
}

func setIf(p V2Params, k, v string) {
	if v != "" {
		p[k] = v
	}
}

// V2OrderRef names a v2 order by out_trade_no (or transaction_id), for
// Query Order, Reverse and Close Order.
type V2OrderRef struct {
	OutTradeNo    string
	TransactionID string
	NonceStr      string
}

// Params checks the reference in m's mode and returns its parameters.
func (r V2OrderRef) Params(m Merchant) (V2Params, error) {
	p, err := v2Base(m, r.NonceStr)
	if err != nil {
		return nil, err
	}
	switch {
	case r.OutTradeNo != "":
		if err := checkOutNo("out_trade_no", r.OutTradeNo); err != nil {
			return nil, err
		}
		p["out_trade_no"] = r.OutTradeNo
	case r.TransactionID != "":
		if !isID(r.TransactionID) {
			return nil, paramErr("transaction_id", ErrFormat)
		}
		p["transaction_id"] = r.TransactionID
	default:
		return nil, paramErr("out_trade_no", ErrMissing)
	}
	return p, nil
}

// V2RefundRequest is Apply for Refund (v2, /secapi/pay/refund). A retry
// of the same refund must send the same OutRefundNo so that WeChat Pay
// refunds once; [ErrNotEnough] means retry later, with the same number.
type V2RefundRequest struct {
	OutTradeNo    string
	TransactionID string
	OutRefundNo   string
	Refund        fx.Amount
	Total         fx.Amount
	Reason        string
	NotifyURL     string
	NonceStr      string
}

// Params checks the refund in m's mode and returns its parameters.
func (r V2RefundRequest) Params(m Merchant) (V2Params, error) {
	p, err := v2Base(m, r.NonceStr)
	if err != nil {
		return nil, err
	}
	if err := checkRefundRefs(r.OutTradeNo, r.TransactionID, r.OutRefundNo, r.Reason, r.NotifyURL); err != nil {
		return nil, err
	}
	refund, total, err := refundAmounts(r.Refund, r.Total)
	if err != nil {
		return nil, err
	}
	setIf(p, "out_trade_no", r.OutTradeNo)
	if r.OutTradeNo == "" {
		p["transaction_id"] = r.TransactionID
	}
	p["out_refund_no"], p["total_fee"], p["refund_fee"] = r.OutRefundNo, strconv.FormatInt(total, 10), strconv.FormatInt(refund, 10)
	p["refund_fee_type"] = r.Total.Currency().Code()
	setIf(p, "refund_desc", r.Reason)
	setIf(p, "notify_url", r.NotifyURL)
	return p, nil
}

// V2RefundQuery is Query Refund (v2, /pay/refundquery) by out_refund_no.
type V2RefundQuery struct {
	OutRefundNo string
	NonceStr    string
}

// Params checks the query in m's mode and returns its parameters.
func (r V2RefundQuery) Params(m Merchant) (V2Params, error) {
	p, err := v2Base(m, r.NonceStr)
	if err != nil {
		return nil, err
	}
	if err := checkOutNo("out_refund_no", r.OutRefundNo); err != nil {
		return nil, err
	}
	p["out_refund_no"] = r.OutRefundNo
	return p, nil
}

// V2RateQuery is Query Exchange Rate (v2, /pay/queryexchagerate,
// https://pay.weixin.qq.com/wiki/doc/api/wxpay/en/pay/QuickPay/chapter8_10.shtml):
// the day's reference rate of Currency (fee_type) to CNY on Date (GMT+8).
// Its answer is read by fx.ParseWeChatRateResponse.
//
// The query has no nonce_str, sub_appid nor sign_type: the page lists
// appid, mch_id, sub_mch_id, fee_type, date and sign only, so it is signed
// with MD5.
type V2RateQuery struct {
	Currency string // ISO 4217 alpha code, the foreign currency
	Date     time.Time
}

// Params checks the query in m's mode and returns its parameters.
func (r V2RateQuery) Params(m Merchant) (V2Params, error) {
	p, err := v2Base(m, "-")
	if err != nil {
		return nil, err
	}
	delete(p, "nonce_str")
	delete(p, "sub_appid")
	if len(r.Currency) != 3 || !isAlnum(r.Currency[0]) {
		return nil, paramErr("fee_type", ErrFormat)
	}
	if r.Date.IsZero() {
		return nil, paramErr("date", ErrMissing)
	}
	p["fee_type"], p["date"] = r.Currency, r.Date.In(chinaTime).Format("20060102")
	return p, nil
}

// SignedXML signs p with key and algorithm t and writes the v2 XML body:
// <xml> with one element per non-empty parameter, in name order, so that
// the same parameters always encode to the same bytes. The sign type is
// stated here only: for HMAC-SHA256 the body carries
// sign_type=HMAC-SHA256, so that WeChat Pay checks the signature with the
// algorithm that made it; a sign_type already in p that disagrees with t
// is refused. Names must be v2 parameter names (lower-case letters,
// digits and '_'), values text that XML carries unchanged ([ErrFormat]
// otherwise, before anything is signed). p is not modified.
func (p V2Params) SignedXML(key Secret, t SignType) ([]byte, error) {
	return SignedXML(p, key, t)
}

// SignedXML signs params and writes the v2 XML body; see
// [V2Params.SignedXML]. Responses from a fake server are written the same
// way.
func SignedXML(params map[string]string, key Secret, t SignType) ([]byte, error) {
	p, err := withSignType(params, t)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(p)+1)
	for k, v := range p {
		if !isParamName(k) {
			return nil, paramErr(cutName(k), ErrFormat)
		}
		if !carriable(v) {
			return nil, paramErr(k, ErrFormat)
		}
		if v != "" && k != "sign" {
			names = append(names, k)
		}
	}
	sign, err := SignV2(p, key, t)
	if err != nil {
		return nil, err
	}
	slices.Sort(names)
	var b bytes.Buffer
	b.WriteString("<xml>")
	for _, k := range append(names, "sign") {
		v := p[k]
		if k == "sign" {
			v = sign
		}
		b.WriteString("<" + k + ">")
		_ = xml.EscapeText(&b, []byte(v)) // bytes.Buffer does not fail
		b.WriteString("</" + k + ">")
	}
	b.WriteString("</xml>")
	return b.Bytes(), nil
}

// withSignType returns params with sign_type set for t (HMAC-SHA256 must
// be named; MD5 may be), refusing a contradicting sign_type.
func withSignType(params map[string]string, t SignType) (map[string]string, error) {
	if _, err := v2Hash(t, NewSecret("x")); err != nil {
		return nil, err
	}
	have := SignType(params["sign_type"])
	switch {
	case have == t, have == "" && (t == "" || t == SignMD5):
		return params, nil
	case have == "" && t == SignHMACSHA256:
		p := make(map[string]string, len(params)+1)
		for k, v := range params {
			p[k] = v
		}
		p["sign_type"] = string(t)
		return p, nil
	case have == SignMD5 && t == "":
		return params, nil
	}
	return nil, paramErr("sign_type", ErrFormat)
}

// isParamName reports a v2 parameter name: 1-32 of lower-case letters,
// digits and '_', starting with a letter.
func isParamName(s string) bool {
	if s == "" || len(s) > 32 || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}
