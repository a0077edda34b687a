package wechat_test

import (
	"context"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/wechat"
	"github.com/qrbridge/qrbridge/wechat/wechattest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var krw = fx.MustCurrency("KRW")

func quickPay(t *testing.T, outTradeNo string) wechat.V3QuickPayRequest {
	code, err := wechat.ParsePaymentCode("134567890123456789")
	require.NoError(t, err)
	return wechat.V3QuickPayRequest{Order: wechat.Order{
		Description: "명동 칼국수", OutTradeNo: outTradeNo, Total: fx.FromMinor(12000, krw), MerchantCategoryCode: "5812",
		SceneInfo: &wechat.SceneInfo{DeviceID: "POS-01", StoreInfo: &wechat.StoreInfo{ID: "S1", Name: "명동점", Address: "서울 중구 명동길 1"}},
	}, AuthCode: code}
}

func TestClientQuickPayV3(t *testing.T) {
	srv := wechattest.NewServer(t, wechattest.Options{})
	c := srv.Client()
	ctx := context.Background()
	tx, err := c.QuickPay(ctx, quickPay(t, "ZP1"))
	require.NoError(t, err)
	assert.Equal(t, "SUCCESS", tx.TradeState)
	assert.NotEmpty(t, tx.TransactionID, "global answers name it id")
	pay, err := tx.Payment()
	require.NoError(t, err)
	assert.Equal(t, "12000 KRW", pay.Total.String())
	assert.Equal(t, "62.40 CNY", pay.PayerTotal.String(), "12000 won × 0.0052")
	assert.Equal(t, "0.0052", pay.Rate.Value.String())
	_, err = tx.Rate(wechat.SettlementRate, fx.MustCurrency("USD"))
	assert.ErrorIs(t, err, wechat.ErrRateType, "a payer rate is not read as a settlement rate")

	_, err = c.QuickPay(ctx, quickPay(t, "ZP1"))
	assert.ErrorIs(t, err, wechat.ErrInvalidRequest, "OUT_TRADE_NO_USED")
}

func TestClientQuickPayRule(t *testing.T) {
	srv := wechattest.NewServer(t, wechattest.Options{})
	c := srv.Client()
	ctx := context.Background()
	srv.Script(wechattest.UserPaying, wechattest.UserPaying, wechattest.Succeed)
	tx, err := c.QuickPay(ctx, quickPay(t, "ZP2"))
	require.ErrorIs(t, err, wechat.ErrUserPaying)
	assert.True(t, wechat.IsUncertain(err))
	var re *wechat.ResultError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, "USERPAYING", re.Code)
	assert.Equal(t, "ZP2", tx.OutTradeNo, "the transaction comes back with the error")
	_, err = c.Query(ctx, "ZP2")
	require.ErrorIs(t, err, wechat.ErrUserPaying, "still entering the password")
	tx, err = c.Query(ctx, "ZP2")
	require.NoError(t, err)
	assert.Equal(t, "SUCCESS", tx.TradeState)

	srv.Script(wechattest.SystemError)
	_, err = c.QuickPay(ctx, quickPay(t, "ZP3"))
	require.ErrorIs(t, err, wechat.ErrSystemError)
	require.True(t, wechat.IsUncertain(err))
	require.ErrorAs(t, err, &re)
	assert.Equal(t, http.StatusInternalServerError, re.HTTPStatus)
	assert.True(t, re.Verified)
	_, err = c.Query(ctx, "ZP3")
	assert.ErrorIs(t, err, wechat.ErrOrderNotExist, "a system error did nothing")

	srv.Script(wechattest.UserPaying)
	_, err = c.QuickPay(ctx, quickPay(t, "ZP4"))
	require.ErrorIs(t, err, wechat.ErrUserPaying)
	require.NoError(t, c.Reverse(ctx, "ZP4"), "unsettled after 30 s: reverse")
	_, err = c.Query(ctx, "ZP4")
	assert.ErrorIs(t, err, wechat.ErrOrderReversed)
}

func TestClientNoAnswer(t *testing.T) {
	srv := wechattest.NewServer(t, wechattest.Options{LateBy: 5 * time.Second})
	c := srv.Client()
	srv.Script(wechattest.Late)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.QuickPay(ctx, quickPay(t, "ZP5"))
	require.ErrorIs(t, err, wechat.ErrTransport)
	assert.True(t, wechat.IsUncertain(err), "no answer: query, do not charge again")
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 2*time.Second)
	tx, err := c.Query(context.Background(), "ZP5")
	require.NoError(t, err, "the late answer's payment went through")
	assert.Equal(t, "SUCCESS", tx.TradeState)

	srv.Script(wechattest.Drop)
	_, err = c.QuickPay(context.Background(), quickPay(t, "ZP6"))
	assert.ErrorIs(t, err, wechat.ErrTransport)

	srv.Script(wechattest.BadSignature)
	_, err = c.QuickPay(context.Background(), quickPay(t, "ZP7"))
	assert.ErrorIs(t, err, wechat.ErrSignature)
}

func TestClientNativeCloseRefund(t *testing.T) {
	srv := wechattest.NewServer(t, wechattest.Options{})
	c := srv.Client()
	ctx := context.Background()
	n := wechat.V3NativeRequest{Order: quickPay(t, "ZN1").Order, NotifyURL: "https://merchant.example/notify"}
	code, err := c.Native(ctx, n)
	require.NoError(t, err)
	assert.Equal(t, wechat.KindCodeURL, wechat.Classify(code.URL))
	assert.False(t, code.IssuedAt.IsZero())
	require.NoError(t, c.Close(ctx, "ZN1"))
	_, err = c.Query(ctx, "ZN1")
	assert.ErrorIs(t, err, wechat.ErrOrderClosed)

	_, err = c.QuickPay(ctx, quickPay(t, "ZR1"))
	require.NoError(t, err)
	assert.ErrorIs(t, c.Close(ctx, "ZR1"), wechat.ErrOrderPaid)
	r := wechat.V3RefundRequest{OutTradeNo: "ZR1", OutRefundNo: "RF1", Refund: fx.FromMinor(5000, krw), Total: fx.FromMinor(12000, krw), Reason: "반품"}
	srv.Script(wechattest.NotEnough)
	_, err = c.Refund(ctx, r)
	require.ErrorIs(t, err, wechat.ErrNotEnough)
	assert.False(t, wechat.IsUncertain(err))
	ref, err := c.Refund(ctx, r)
	require.NoError(t, err, "the retry with the same out_refund_no")
	again, err := c.Refund(ctx, r)
	require.NoError(t, err, "a second retry refunds once")
	assert.Equal(t, ref.RefundID, again.RefundID)
	amt, err := ref.Amounts()
	require.NoError(t, err)
	assert.Equal(t, "5000 KRW", amt.Refund.String())
	assert.Equal(t, "26.00 CNY", amt.PayerRefund.String())
	q, err := c.QueryRefund(ctx, "RF1")
	require.NoError(t, err)
	assert.Equal(t, "SUCCESS", q.Status)
	r.Refund = fx.FromMinor(7001, krw)
	r.OutRefundNo = "RF2"
	_, err = c.Refund(ctx, r)
	assert.ErrorIs(t, err, wechat.ErrInvalidRequest, "more than is left")
}

func TestClientModes(t *testing.T) {
	srv := wechattest.NewServer(t, wechattest.Options{Merchant: wechat.Merchant{Mode: wechat.Common, MchID: "10000100", AppID: "wx2421b1c4370ec43b"}})
	c := srv.Client()
	ctx := context.Background()
	_, err := c.QuickPay(ctx, quickPay(t, "ZC1"))
	require.NoError(t, err)
	// A client that thinks it is an institution is refused by the server.
	c.Merchant = wechat.Merchant{MchID: "10000100", AppID: "wx2421b1c4370ec43b", SubMchID: "1"}
	_, err = c.QuickPay(ctx, quickPay(t, "ZC2"))
	assert.ErrorIs(t, err, wechat.ErrResult)
}

func TestClientV2(t *testing.T) {
	srv := wechattest.NewServer(t, wechattest.Options{})
	c := srv.Client()
	ctx := context.Background()
	code, _ := wechat.ParsePaymentCode("134567890123456789")
	r := wechat.V2QuickPayRequest{Order: quickPay(t, "V2A").Order, SpbillCreateIP: "203.0.113.7", AuthCode: code}
	p, err := c.QuickPayV2(ctx, r)
	require.NoError(t, err)
	pay, err := wechat.V2Payment(p)
	require.NoError(t, err)
	assert.Equal(t, "62.40 CNY", pay.PayerTotal.String())

	srv.Script(wechattest.UserPaying)
	r.OutTradeNo = "V2B"
	p, err = c.QuickPayV2(ctx, r)
	require.ErrorIs(t, err, wechat.ErrUserPaying)
	assert.Equal(t, "V2B", p["out_trade_no"], "parameters are kept on FAIL")
	q, err := wechat.V2OrderRef{OutTradeNo: "V2B"}.Params(c.Merchant)
	require.NoError(t, err)
	p, err = c.DoV2(ctx, wechat.PathV2OrderQuery, q)
	require.NoError(t, err)
	assert.Equal(t, "SUCCESS", p["trade_state"])

	c.SignType = wechat.SignHMACSHA256
	srv.Script(wechattest.SystemError)
	r.OutTradeNo = "V2C"
	_, err = c.QuickPayV2(ctx, r)
	assert.ErrorIs(t, err, wechat.ErrSystemError)

	rf, err := wechat.V2RefundRequest{OutTradeNo: "V2A", OutRefundNo: "V2R1", Refund: fx.FromMinor(100, krw), Total: fx.FromMinor(12000, krw)}.Params(c.Merchant)
	require.NoError(t, err)
	srv.Script(wechattest.NotEnough)
	_, err = c.DoV2(ctx, wechat.PathV2Refund, rf)
	assert.ErrorIs(t, err, wechat.ErrNotEnough)
	p, err = c.DoV2(ctx, wechat.PathV2Refund, rf)
	require.NoError(t, err)
	assert.Equal(t, "0.52", fx.FromMinor(52, fx.MustCurrency("CNY")).Number())
	assert.Equal(t, "52", p["cash_refund_fee"])

	rate, err := c.RateV2(ctx, wechat.V2RateQuery{Currency: "KRW", Date: time.Now()})
	require.NoError(t, err)
	assert.Equal(t, "0.0052", rate.Value.String())

	srv.Script(wechattest.BadSignature)
	_, err = c.RateV2(ctx, wechat.V2RateQuery{Currency: "KRW", Date: time.Now()})
	assert.ErrorIs(t, err, wechat.ErrSignature)

	c.KeyV2 = wechat.NewSecret("wrong")
	_, err = c.QuickPayV2(ctx, r)
	var re *wechat.ResultError
	require.ErrorAs(t, err, &re)
	assert.False(t, re.Verified, "a FAIL return_code is unsigned")
	assert.True(t, errors.Is(err, wechat.ErrResult))
}

// rawServer answers every request with status and body, signed with the
// wechattest platform key when sign is set.
func rawServer(t *testing.T, srv *wechattest.Server, status int, body []byte, sign bool) string {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if sign {
			ts := strconv.FormatInt(time.Now().Unix(), 10)
			nonce := wechat.NewNonce()
			digest := sha256.Sum256([]byte(ts + "\n" + nonce + "\n" + string(body) + "\n"))
			sig, _ := rsa.SignPKCS1v15(nil, srv.PlatformKey, crypto.SHA256, digest[:])
			w.Header().Set("Wechatpay-Timestamp", ts)
			w.Header().Set("Wechatpay-Nonce", nonce)
			w.Header().Set("Wechatpay-Signature", base64.StdEncoding.EncodeToString(sig))
			w.Header().Set("Wechatpay-Serial", wechattest.PlatformSerial)
		}
		w.WriteHeader(status)
		_, _ = w.Write(body)
	})
	s := httptest.NewServer(h)
	t.Cleanup(s.Close)
	return s.URL
}

func TestClientAnswers(t *testing.T) {
	srv := wechattest.NewServer(t, wechattest.Options{})
	ctx := context.Background()
	call := wechat.V3Call{Method: "GET", Path: "/v3/global/transactions/out-trade-no/T1?mchid=1"}
	c := srv.Client()

	c.BaseURL = rawServer(t, srv, 401, []byte(`{"code":"SIGN_ERROR","message":"x"}`), false)
	_, err := c.Do(ctx, call)
	var re *wechat.ResultError
	require.ErrorAs(t, err, &re, "an unsigned error answer is still an answer")
	assert.Equal(t, 401, re.HTTPStatus)
	assert.False(t, re.Verified)
	assert.ErrorIs(t, err, wechat.ErrNoAuth)

	c.BaseURL = rawServer(t, srv, 200, []byte(`{}`), false)
	_, err = c.Do(ctx, call)
	assert.ErrorIs(t, err, wechat.ErrMissing, "an unsigned 200 is forged")
	assert.NotErrorIs(t, err, wechat.ErrResult)

	c.BaseURL = rawServer(t, srv, 200, []byte(`{}`), true)
	body, err := c.Do(ctx, call)
	require.NoError(t, err)
	assert.Equal(t, "{}", string(body))

	c.BaseURL = rawServer(t, srv, 299, []byte(`{}`), true)
	_, err = c.Do(ctx, call)
	require.NoError(t, err, "every 2xx is success")
	c.BaseURL = rawServer(t, srv, 300, []byte(`{}`), true)
	_, err = c.Do(ctx, call)
	require.ErrorAs(t, err, &re)
	assert.True(t, re.Verified)

	big := make([]byte, 64<<10)
	for i := range big {
		big[i] = ' '
	}
	c.BaseURL = rawServer(t, srv, 200, big, true)
	body, err = c.Do(ctx, call)
	require.NoError(t, err, "64 KiB is the limit, inclusive")
	assert.Len(t, body, 64<<10)
	c.BaseURL = rawServer(t, srv, 200, append(big, ' '), true)
	_, err = c.Do(ctx, call)
	assert.ErrorIs(t, err, wechat.ErrSyntax, "an answer past 64 KiB is refused")

	sent := len(srv.Calls())
	noVerifier := srv.Client()
	noVerifier.Verifier = nil
	_, err = noVerifier.Do(ctx, call)
	assertClientMissing(t, err)
	noSigner := srv.Client()
	noSigner.Signer = nil
	_, err = noSigner.Do(ctx, call)
	assertClientMissing(t, err)
	assert.Len(t, srv.Calls(), sent, "a client that could not check the answer sends nothing")
	badURL := srv.Client()
	badURL.BaseURL = "http://[::1"
	_, err = badURL.Do(ctx, call)
	assert.ErrorIs(t, err, wechat.ErrFormat)
}

// countingDoer counts the requests it sends.
type countingDoer struct {
	n int
	d wechat.Doer
}

func (c *countingDoer) Do(r *http.Request) (*http.Response, error) { c.n++; return c.d.Do(r) }

func TestClientTransportAndBase(t *testing.T) {
	srv := wechattest.NewServer(t, wechattest.Options{})
	ctx := context.Background()
	c := srv.Client()
	c.HTTP = nil // http.DefaultClient
	_, err := c.QuickPay(ctx, quickPay(t, "D1"))
	require.NoError(t, err)
	d := &countingDoer{d: http.DefaultClient}
	c.HTTP = d
	c.BaseURL = srv.URL + "/"
	_, err = c.Query(ctx, "D1")
	require.NoError(t, err, "a trailing slash on BaseURL is fine")
	assert.Equal(t, 1, d.n, "the caller's transport is used")
	calls := srv.Calls()
	assert.Equal(t, "/v3/global/transactions/out-trade-no/D1", calls[len(calls)-1])
	assert.Equal(t, wechat.HostGlobal, "https://apihk.mch.weixin.qq.com")
}

// assertClientMissing checks that err is the Client's own ErrMissing,
// found before anything was sent.
func assertClientMissing(t *testing.T, err error) {
	t.Helper()
	var pe *wechat.ParamError
	if assert.ErrorAs(t, err, &pe) {
		assert.Equal(t, "client", pe.Param)
		assert.ErrorIs(t, err, wechat.ErrMissing)
	}
}
