package wechattest

import (
	"bytes"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/qrbridge/qrbridge/wechat"
)

// v3Error is an answer's error: status and code.
type v3Error struct {
	status int
	code   string
	msg    string
}

func (s *Server) serveV3(w http.ResponseWriter, r *http.Request, out Outcome) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 64<<10))
	if err != nil {
		s.answerV3(w, out, http.StatusBadRequest, errBody("PARAM_ERROR", "body"))
		return
	}
	if r.Header.Get("Accept") != "application/json" || (r.Method == http.MethodPost && r.Header.Get("Content-Type") != "application/json") {
		s.answerV3(w, out, http.StatusBadRequest, errBody("PARAM_ERROR", "Accept and Content-Type must be application/json"))
		return
	}
	if e := s.checkAuth(r, body); e != nil {
		s.answerV3(w, out, e.status, errBody(e.code, e.msg))
		return
	}
	if out == SystemError {
		s.answerV3(w, out, http.StatusInternalServerError, errBody("SYSTEM_ERROR", "system error"))
		return
	}
	status, answer := s.routeV3(r, body, out)
	s.answerV3(w, out, status, answer)
}

func errBody(code, msg string) any { return map[string]string{"code": code, "message": msg} }

func (s *Server) routeV3(r *http.Request, body []byte, out Outcome) (int, any) {
	p := r.URL.Path
	var req map[string]any
	if r.Method == http.MethodPost {
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		if dec.Decode(&req) != nil {
			return http.StatusBadRequest, errBody("PARAM_ERROR", "body is not json")
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var e *v3Error
	var a any
	switch {
	case r.Method == "POST" && p == wechat.PathV3QuickPay:
		a, e = s.v3Order(req, "MICROPAY", out)
	case r.Method == "POST" && p == wechat.PathV3Native:
		a, e = s.v3Order(req, "NATIVE", out)
	case r.Method == "GET" && strings.HasPrefix(p, "/v3/global/transactions/out-trade-no/"):
		a, e = s.v3Query(r, strings.TrimPrefix(p, "/v3/global/transactions/out-trade-no/"), out)
	case r.Method == "POST" && strings.HasPrefix(p, "/v3/global/transactions/out-trade-no/") && strings.HasSuffix(p, "/close"):
		e = s.v3Change(req, strings.TrimSuffix(strings.TrimPrefix(p, "/v3/global/transactions/out-trade-no/"), "/close"), "close")
	case r.Method == "POST" && strings.HasPrefix(p, "/v3/global/micropay/transactions/out-trade-no/") && strings.HasSuffix(p, "/reverse"):
		e = s.v3Change(req, strings.TrimSuffix(strings.TrimPrefix(p, "/v3/global/micropay/transactions/out-trade-no/"), "/reverse"), "reverse")
	case r.Method == "POST" && p == wechat.PathV3Refunds:
		a, e = s.v3Refund(req, out)
	case r.Method == "GET" && strings.HasPrefix(p, wechat.PathV3Refunds+"/out-refund-no/"):
		a, e = s.v3RefundQuery(r, strings.TrimPrefix(p, wechat.PathV3Refunds+"/out-refund-no/"))
	default:
		return http.StatusNotFound, errBody("RESOURCE_NOT_EXISTS", "no such api")
	}
	switch {
	case e != nil:
		return e.status, errBody(e.code, e.msg)
	case a == nil:
		return http.StatusNoContent, nil
	}
	return http.StatusOK, a
}

// checkAuth verifies the Authorization header as WeChat Pay does.
func (s *Server) checkAuth(r *http.Request, body []byte) *v3Error {
	h := r.Header.Get("Authorization")
	scheme, rest, _ := strings.Cut(h, " ")
	if scheme != wechat.AuthScheme {
		return &v3Error{401, "SIGN_ERROR", "authorization scheme"}
	}
	f := map[string]string{}
	for _, kv := range strings.Split(rest, ",") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || len(v) < 2 || v[0] != '"' || v[len(v)-1] != '"' {
			return &v3Error{401, "SIGN_ERROR", "authorization syntax"}
		}
		f[k] = v[1 : len(v)-1]
	}
	if f["mchid"] != s.Merchant.MchID || f["serial_no"] != MerchantSerial {
		return &v3Error{401, "SIGN_ERROR", "mchid or serial_no"}
	}
	ts, err := strconv.ParseInt(f["timestamp"], 10, 64)
	if err != nil || s.opts.Now().Sub(time.Unix(ts, 0)).Abs() >= wechat.MaxSkew || f["nonce_str"] == "" {
		return &v3Error{401, "SIGN_ERROR", "timestamp or nonce"}
	}
	sig, err := base64.StdEncoding.DecodeString(f["signature"])
	msg := r.Method + "\n" + r.URL.RequestURI() + "\n" + f["timestamp"] + "\n" + f["nonce_str"] + "\n" + string(body) + "\n"
	digest := sha256.Sum256([]byte(msg))
	if err != nil || rsa.VerifyPKCS1v15(&s.MerchantKey.PublicKey, crypto.SHA256, digest[:], sig) != nil {
		return &v3Error{401, "SIGN_ERROR", "signature"}
	}
	return nil
}

// answerV3 writes a signed JSON answer (nil: no body).
func (s *Server) answerV3(w http.ResponseWriter, out Outcome, status int, a any) {
	var body []byte
	if a != nil {
		body, _ = json.Marshal(a)
		w.Header().Set("Content-Type", "application/json")
	}
	signed := body
	if out == BadSignature {
		signed = append([]byte("x"), body...)
	}
	ts := strconv.FormatInt(s.opts.Now().Unix(), 10)
	nonce := wechat.NewNonce()
	digest := sha256.Sum256([]byte(ts + "\n" + nonce + "\n" + string(signed) + "\n"))
	sig, _ := rsa.SignPKCS1v15(nil, s.PlatformKey, crypto.SHA256, digest[:])
	w.Header().Set("Wechatpay-Timestamp", ts)
	w.Header().Set("Wechatpay-Nonce", nonce)
	w.Header().Set("Wechatpay-Signature", base64.StdEncoding.EncodeToString(sig))
	w.Header().Set("Wechatpay-Serial", PlatformSerial)
	w.Header().Set("Wechatpay-Signature-Type", wechat.AuthScheme)
	w.Header().Set("Request-Id", nonce)
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// str returns a JSON string field (path a.b), "" when absent or not a string.
func str(m map[string]any, path string) string {
	for {
		k, rest, nested := strings.Cut(path, ".")
		v, ok := m[k]
		if !ok {
			return ""
		}
		if !nested {
			s, _ := v.(string)
			return s
		}
		if m, ok = v.(map[string]any); !ok {
			return ""
		}
		path = rest
	}
}

// num returns a JSON integer field (path a.b), -1 when absent or not one.
func num(m map[string]any, path string) int64 {
	k, rest, nested := strings.Cut(path, ".")
	v, ok := m[k]
	if !ok {
		return -1
	}
	if nested {
		sub, ok := v.(map[string]any)
		if !ok {
			return -1
		}
		return num(sub, rest)
	}
	n, ok := v.(json.Number)
	if !ok {
		return -1
	}
	i, err := n.Int64()
	if err != nil {
		return -1
	}
	return i
}

// checkMerchant checks the merchant fields of a v3 body or query as the
// mode requires them.
func (s *Server) checkMerchant(get func(string) string, withApp bool) *v3Error {
	m := s.Merchant
	want := [][2]string{{"mchid", m.MchID}, {"appid", m.AppID}}
	forbid := []string{"sp_mchid", "sp_appid", "sub_mchid", "sub_appid"}
	if m.Mode == wechat.Institutional {
		want = [][2]string{{"sp_mchid", m.MchID}, {"sp_appid", m.AppID}, {"sub_mchid", m.SubMchID}}
		forbid = []string{"mchid", "appid"}
	}
	for _, kv := range want {
		k, v := kv[0], kv[1]
		if !withApp && strings.HasSuffix(k, "appid") {
			continue
		}
		got := get(k)
		if got == "" {
			return &v3Error{400, "PARAM_ERROR", "missing " + k}
		}
		if got != v {
			return &v3Error{400, "MCH_NOT_EXISTS", k + " unknown"}
		}
	}
	for _, k := range forbid {
		if get(k) != "" {
			return &v3Error{400, "PARAM_ERROR", k + " not in this mode"}
		}
	}
	return nil
}

func (s *Server) v3Order(req map[string]any, tradeType string, out Outcome) (any, *v3Error) {
	if e := s.checkMerchant(func(k string) string { return str(req, k) }, true); e != nil {
		return nil, e
	}
	required := []string{"description", "out_trade_no", "trade_type", "merchant_category_code", "amount.currency"}
	if tradeType == "NATIVE" {
		required = append(required, "notify_url")
	} else {
		required = append(required, "payer.auth_code")
	}
	for _, k := range required {
		if str(req, k) == "" {
			return nil, &v3Error{400, "PARAM_ERROR", "missing " + k}
		}
	}
	if str(req, "trade_type") != tradeType {
		return nil, &v3Error{400, "PARAM_ERROR", "trade_type"}
	}
	if mcc := str(req, "merchant_category_code"); len(mcc) != 4 {
		return nil, &v3Error{400, "PARAM_ERROR", "merchant_category_code"}
	}
	if tradeType == "MICROPAY" {
		if _, err := wechat.ParsePaymentCode(str(req, "payer.auth_code")); err != nil {
			return nil, &v3Error{400, "AUTH_CODE_INVALID", "auth_code"}
		}
	}
	if tradeType == "NATIVE" && !strings.HasPrefix(str(req, "notify_url"), "https://") {
		return nil, &v3Error{400, "PARAM_ERROR", "notify_url"}
	}
	o, e := s.newOrder(str(req, "out_trade_no"), tradeType, num(req, "amount.total"), str(req, "amount.currency"))
	if e != nil {
		return nil, e
	}
	switch {
	case tradeType == "NATIVE":
		o.state = "NOTPAY"
		return map[string]string{"code_url": "weixin://wxpay/s/" + o.id[len(o.id)-7:]}, nil
	case out == UserPaying:
		o.state = "USERPAYING"
	default:
		o.state = "SUCCESS"
	}
	return s.v3Transaction(o), nil
}

// newOrder records an order, refusing a used out_trade_no or bad amount.
func (s *Server) newOrder(outTradeNo, tradeType string, total int64, currency string) (*order, *v3Error) {
	if _, used := s.orders[outTradeNo]; used {
		return nil, &v3Error{400, "OUT_TRADE_NO_USED", "out_trade_no used"}
	}
	if total <= 0 {
		return nil, &v3Error{400, "PARAM_ERROR", "amount.total"}
	}
	payer, rate, ok := s.convert(total, currency)
	if !ok {
		return nil, &v3Error{400, "PARAM_ERROR", "amount.currency"}
	}
	o := &order{id: s.newID("42"), outTradeNo: outTradeNo, tradeType: tradeType, total: total, currency: currency,
		payerTotal: payer, rate: rate, created: s.opts.Now()}
	s.orders[outTradeNo] = o
	return o, nil
}

func (s *Server) v3Transaction(o *order) map[string]any {
	t := map[string]any{
		"id": o.id, "out_trade_no": o.outTradeNo, "trade_type": o.tradeType, "trade_state": o.state,
		"trade_state_desc": o.state,
		"amount": map[string]any{"total": o.total, "currency": o.currency, "payer_total": o.payerTotal, "payer_currency": "CNY",
			"exchange_rate": map[string]any{"type": s.opts.RateType, "rate": o.rate}},
	}
	m := s.Merchant
	if m.Mode == wechat.Institutional {
		t["sp_mchid"], t["sp_appid"], t["sub_mchid"] = m.MchID, m.AppID, m.SubMchID
	} else {
		t["mchid"], t["appid"] = m.MchID, m.AppID
	}
	if o.state == "SUCCESS" {
		t["success_time"] = o.created.Format(time.RFC3339)
	}
	return t
}

func (s *Server) v3Query(r *http.Request, no string, out Outcome) (any, *v3Error) {
	if e := s.checkMerchant(r.URL.Query().Get, false); e != nil {
		return nil, e
	}
	o := s.orders[no]
	if o == nil {
		return nil, &v3Error{404, "ORDER_NOT_EXIST", "no such order"}
	}
	if o.state == "USERPAYING" && out != UserPaying {
		o.state = "SUCCESS"
	}
	return s.v3Transaction(o), nil
}

// v3Change closes or reverses an order.
func (s *Server) v3Change(req map[string]any, no, what string) *v3Error {
	if e := s.checkMerchant(func(k string) string { return str(req, k) }, false); e != nil {
		return e
	}
	o := s.orders[no]
	if o == nil {
		return &v3Error{404, "ORDER_NOT_EXIST", "no such order"}
	}
	switch {
	case what == "close" && o.state == "SUCCESS":
		return &v3Error{400, "ORDERPAID", "order paid"}
	case what == "close":
		o.state = "CLOSED"
	case o.tradeType != "MICROPAY":
		return &v3Error{400, "TRADE_ERROR", "only quick pay orders reverse"}
	default:
		o.state = "REVOKED"
	}
	return nil
}

func (s *Server) v3Refund(req map[string]any, out Outcome) (any, *v3Error) {
	if e := s.checkMerchant(func(k string) string { return str(req, k) }, false); e != nil {
		return nil, e
	}
	r, e := s.doRefund(str(req, "out_trade_no"), str(req, "out_refund_no"), num(req, "amount.refund"),
		num(req, "amount.total"), str(req, "amount.currency"), out)
	if e != nil {
		return nil, e
	}
	return s.v3RefundJSON(r), nil
}

// doRefund applies a refund, v2 or v3: an out_refund_no seen before with
// the same amount answers the same refund (a retry refunds once).
func (s *Server) doRefund(outTradeNo, outRefundNo string, amount, total int64, currency string, out Outcome) (*refund, *v3Error) {
	if outRefundNo == "" || outTradeNo == "" || amount <= 0 {
		return nil, &v3Error{400, "PARAM_ERROR", "out_trade_no, out_refund_no and amount are required"}
	}
	if r := s.refunds[outRefundNo]; r != nil {
		if r.outTradeNo != outTradeNo || r.refund != amount {
			return nil, &v3Error{400, "PARAM_ERROR", "out_refund_no used for another refund"}
		}
		return r, nil
	}
	o := s.orders[outTradeNo]
	switch {
	case o == nil:
		return nil, &v3Error{404, "ORDER_NOT_EXIST", "no such order"}
	case o.state != "SUCCESS" && o.state != "REFUND":
		return nil, &v3Error{400, "TRADE_ERROR", "order not paid"}
	case total != o.total || currency != o.currency:
		return nil, &v3Error{400, "PARAM_ERROR", "amount.total or currency differ from the order"}
	case amount > o.total-o.refunded:
		return nil, &v3Error{400, "PARAM_ERROR", "refund exceeds what is left"}
	case out == NotEnough:
		return nil, &v3Error{403, "NOT_ENOUGH", "insufficient funds for the refund"}
	}
	payer, _, _ := s.convert(amount, currency)
	o.refunded += amount
	o.state = "REFUND"
	r := &refund{id: s.newID("50"), outRefundNo: outRefundNo, outTradeNo: outTradeNo, status: "SUCCESS",
		refund: amount, payerRefund: payer, currency: currency, rate: o.rate}
	s.refunds[outRefundNo] = r
	return r, nil
}

func (s *Server) v3RefundJSON(r *refund) map[string]any {
	return map[string]any{
		"id": r.id, "out_refund_no": r.outRefundNo, "out_trade_no": r.outTradeNo, "status": r.status,
		"create_time": s.opts.Now().Format(time.RFC3339),
		"amount": map[string]any{"refund": r.refund, "currency": r.currency, "payer_refund": r.payerRefund, "payer_currency": "CNY",
			"exchange_rate": map[string]any{"type": s.opts.RateType, "rate": r.rate}},
	}
}

func (s *Server) v3RefundQuery(r *http.Request, no string) (any, *v3Error) {
	if e := s.checkMerchant(r.URL.Query().Get, false); e != nil {
		return nil, e
	}
	ref := s.refunds[no]
	if ref == nil {
		return nil, &v3Error{404, "RESOURCE_NOT_EXISTS", "no such refund"}
	}
	return s.v3RefundJSON(ref), nil
}
