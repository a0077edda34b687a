package wechattest

import (
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/qrbridge/qrbridge/wechat"
)

func (s *Server) serveV2(w http.ResponseWriter, r *http.Request, out Outcome) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 64<<10))
	if err != nil || r.Method != http.MethodPost {
		s.answerV2(w, out, map[string]string{"return_code": "FAIL", "return_msg": "REQUIRE_POST_METHOD"})
		return
	}
	p, err := wechat.ParseV2XML(body)
	if err != nil {
		s.answerV2(w, out, map[string]string{"return_code": "FAIL", "return_msg": "XML_FORMAT_ERROR"})
		return
	}
	if err := wechat.VerifyV2(p, s.KeyV2); err != nil {
		s.answerV2(w, out, map[string]string{"return_code": "FAIL", "return_msg": "SIGNERROR"})
		return
	}
	a := s.routeV2(r.URL.Path, p, out)
	if a["return_code"] == "" {
		a["return_code"], a["return_msg"] = "SUCCESS", "OK"
	}
	if a["return_code"] == "SUCCESS" {
		a["appid"], a["mch_id"], a["nonce_str"] = s.Merchant.AppID, s.Merchant.MchID, wechat.NewNonce()
		if s.Merchant.Mode == wechat.Institutional {
			a["sub_mch_id"] = s.Merchant.SubMchID
		}
		if a["result_code"] == "" {
			a["result_code"] = "SUCCESS"
		}
	}
	s.answerV2(w, out, a)
}

// answerV2 writes a v2 answer, signed (with the request's sign type:
// MD5) when return_code is SUCCESS.
func (s *Server) answerV2(w http.ResponseWriter, out Outcome, a map[string]string) {
	w.Header().Set("Content-Type", "text/xml")
	if a["return_code"] != "SUCCESS" {
		body := "<xml><return_code>FAIL</return_code><return_msg>" + a["return_msg"] + "</return_msg></xml>"
		_, _ = io.WriteString(w, body)
		return
	}
	key := s.KeyV2
	if out == BadSignature {
		key = wechat.NewSecret("not the key")
	}
	body, err := wechat.SignedXML(a, key, wechat.SignMD5)
	if err != nil {
		http.Error(w, "cannot sign", http.StatusInternalServerError)
		return
	}
	_, _ = w.Write(body)
}

func fail(code string) map[string]string {
	return map[string]string{"result_code": "FAIL", "err_code": code, "err_code_des": code}
}

// v2Required are the parameters each v2 API requires beside the
// merchant's (Submit Quick Pay, Unified Order, Query Order, Reverse,
// Close Order, Refund, Query Refund, Query Exchange Rate pages).
var v2Required = map[string][]string{
	wechat.PathV2QuickPay:     {"nonce_str", "body", "out_trade_no", "total_fee", "fee_type", "spbill_create_ip", "auth_code", "version", "detail"},
	wechat.PathV2UnifiedOrder: {"nonce_str", "body", "out_trade_no", "total_fee", "fee_type", "spbill_create_ip", "notify_url", "trade_type", "product_id"},
	wechat.PathV2OrderQuery:   {"nonce_str"},
	wechat.PathV2Reverse:      {"nonce_str"},
	wechat.PathV2CloseOrder:   {"nonce_str", "out_trade_no"},
	wechat.PathV2Refund:       {"nonce_str", "out_refund_no", "total_fee", "refund_fee"},
	wechat.PathV2RefundQuery:  {"nonce_str", "out_refund_no"},
	wechat.PathV2ExchangeRate: {"fee_type", "date"},
}

func (s *Server) routeV2(path string, p map[string]string, out Outcome) map[string]string {
	req, ok := v2Required[path]
	if !ok {
		return map[string]string{"return_code": "FAIL", "return_msg": "no such api"}
	}
	if code := s.checkV2Merchant(p); code != "" {
		return fail(code)
	}
	for _, k := range req {
		if p[k] == "" {
			return fail("LACK_PARAMS")
		}
	}
	if out == SystemError {
		return fail("SYSTEMERROR")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch path {
	case wechat.PathV2QuickPay:
		return s.v2Order(p, "MICROPAY", out)
	case wechat.PathV2UnifiedOrder:
		return s.v2Order(p, "NATIVE", out)
	case wechat.PathV2OrderQuery:
		return s.v2Query(p, out)
	case wechat.PathV2Reverse, wechat.PathV2CloseOrder:
		return s.v2Change(p, path)
	case wechat.PathV2Refund:
		return s.v2Refund(p, out)
	case wechat.PathV2RefundQuery:
		r := s.refunds[p["out_refund_no"]]
		if r == nil {
			return fail("REFUNDNOTEXIST")
		}
		return s.v2RefundParams(r)
	}
	return s.v2Rate(p)
}

// checkV2Merchant returns the err_code for merchant parameters the mode
// does not allow, or "".
func (s *Server) checkV2Merchant(p map[string]string) string {
	m := s.Merchant
	switch {
	case p["appid"] == "" || p["mch_id"] == "":
		return "LACK_PARAMS"
	case p["mch_id"] != m.MchID:
		return "MCHID_NOT_EXIST"
	case p["appid"] != m.AppID:
		return "APPID_MCHID_NOT_MATCH"
	case m.Mode == wechat.Institutional && p["sub_mch_id"] == "":
		return "LACK_PARAMS"
	case m.Mode == wechat.Institutional && p["sub_mch_id"] != m.SubMchID:
		return "NOAUTH"
	case m.Mode == wechat.Common && (p["sub_mch_id"] != "" || p["sub_appid"] != ""):
		return "PARAM_ERROR"
	}
	return ""
}

func (s *Server) v2Order(p map[string]string, tradeType string, out Outcome) map[string]string {
	if tradeType == "MICROPAY" {
		if p["version"] != "1.0" {
			return fail("PARAM_ERROR")
		}
		if _, err := wechat.ParsePaymentCode(p["auth_code"]); err != nil {
			return fail("AUTH_CODE_INVALID")
		}
	} else if p["trade_type"] != "NATIVE" {
		return fail("PARAM_ERROR")
	}
	total, err := strconv.ParseInt(p["total_fee"], 10, 64)
	if err != nil {
		return fail("PARAM_ERROR")
	}
	o, e := s.newOrder(p["out_trade_no"], tradeType, total, p["fee_type"])
	if e != nil {
		return fail(e.code)
	}
	switch {
	case tradeType == "NATIVE":
		o.state = "NOTPAY"
		return map[string]string{"trade_type": "NATIVE", "prepay_id": "wx" + o.id, "code_url": "weixin://wxpay/bizpayurl?pr=" + o.id[len(o.id)-7:]}
	case out == UserPaying:
		o.state = "USERPAYING"
		a := fail("USERPAYING")
		a["out_trade_no"] = o.outTradeNo
		return a
	}
	o.state = "SUCCESS"
	return s.v2OrderParams(o)
}

func (s *Server) v2OrderParams(o *order) map[string]string {
	return map[string]string{
		"transaction_id": o.id, "out_trade_no": o.outTradeNo, "trade_type": o.tradeType, "trade_state": o.state,
		"total_fee": strconv.FormatInt(o.total, 10), "fee_type": o.currency,
		"cash_fee": strconv.FormatInt(o.payerTotal, 10), "cash_fee_type": "CNY", "rate": strconv.FormatInt(o.rate, 10),
		"time_end": o.created.In(time.FixedZone("GMT+8", 8*3600)).Format("20060102150405"),
	}
}

func (s *Server) v2Query(p map[string]string, out Outcome) map[string]string {
	o := s.orders[p["out_trade_no"]]
	if o == nil {
		return fail("ORDERNOTEXIST")
	}
	if o.state == "USERPAYING" && out != UserPaying {
		o.state = "SUCCESS"
	}
	return s.v2OrderParams(o)
}

func (s *Server) v2Change(p map[string]string, path string) map[string]string {
	o := s.orders[p["out_trade_no"]]
	switch {
	case o == nil:
		return fail("ORDERNOTEXIST")
	case path == wechat.PathV2CloseOrder && o.state == "SUCCESS":
		return fail("ORDERPAID")
	case path == wechat.PathV2CloseOrder:
		o.state = "CLOSED"
		return map[string]string{}
	}
	o.state = "REVOKED"
	return map[string]string{"recall": "N"}
}

func (s *Server) v2Refund(p map[string]string, out Outcome) map[string]string {
	amount, err1 := strconv.ParseInt(p["refund_fee"], 10, 64)
	total, err2 := strconv.ParseInt(p["total_fee"], 10, 64)
	if err1 != nil || err2 != nil {
		return fail("PARAM_ERROR")
	}
	cur := p["refund_fee_type"]
	if o := s.orders[p["out_trade_no"]]; o != nil && cur == "" {
		cur = o.currency
	}
	r, e := s.doRefund(p["out_trade_no"], p["out_refund_no"], amount, total, cur, out)
	switch {
	case e != nil && e.code == "ORDER_NOT_EXIST":
		return fail("ORDERNOTEXIST") // v2 spells it so
	case e != nil:
		return fail(e.code)
	}
	return s.v2RefundParams(r)
}

func (s *Server) v2RefundParams(r *refund) map[string]string {
	return map[string]string{
		"out_trade_no": r.outTradeNo, "out_refund_no": r.outRefundNo, "refund_id": r.id,
		"refund_fee": strconv.FormatInt(r.refund, 10), "refund_fee_type": r.currency,
		"cash_refund_fee": strconv.FormatInt(r.payerRefund, 10), "cash_refund_fee_type": "CNY",
		"rate": strconv.FormatInt(r.rate, 10), "refund_status_0": r.status,
	}
}

func (s *Server) v2Rate(p map[string]string) map[string]string {
	rate, ok := s.opts.Rates[p["fee_type"]]
	if !ok {
		return fail("PARAM_ERROR")
	}
	return map[string]string{"fee_type": p["fee_type"], "rate_time": p["date"], "rate": strconv.FormatInt(rate, 10)}
}
