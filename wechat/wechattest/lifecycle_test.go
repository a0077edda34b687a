package wechattest_test

import (
	"context"
	"testing"
	"time"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/wechat"
	"github.com/qrbridge/qrbridge/wechat/wechattest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var krw = fx.MustCurrency("KRW")

func TestV3Lifecycle(t *testing.T) {
	srv := wechattest.NewServer(t, wechattest.Options{})
	c := srv.Client()
	ctx := context.Background()

	_, err := c.Query(ctx, "NONE")
	assert.ErrorIs(t, err, wechat.ErrOrderNotExist)
	assert.ErrorIs(t, c.Close(ctx, "NONE"), wechat.ErrOrderNotExist)
	assert.ErrorIs(t, c.Reverse(ctx, "NONE"), wechat.ErrOrderNotExist)
	_, err = c.QueryRefund(ctx, "NONE")
	assert.ErrorIs(t, err, wechat.ErrOrderNotExist)

	srv.Script(wechattest.UserPaying, wechattest.UserPaying, wechattest.Succeed)
	tx, err := c.QuickPay(ctx, order(t))
	require.ErrorIs(t, err, wechat.ErrUserPaying)
	assert.Equal(t, "USERPAYING", tx.TradeState)
	tx, err = c.Query(ctx, "T1")
	require.ErrorIs(t, err, wechat.ErrUserPaying)
	tx, err = c.Query(ctx, "T1")
	require.NoError(t, err)
	assert.Equal(t, "SUCCESS", tx.TradeState)
	assert.Equal(t, int64(1000), tx.Amount.Total)
	assert.Equal(t, int64(520), tx.Amount.PayerTotal)
	assert.Equal(t, int64(520000), tx.ExchangeRateInfo().Rate)
	assert.Len(t, tx.TransactionID, 28)
	assert.NotEmpty(t, tx.SuccessTime)
	tx2, _ := c.Query(ctx, "T1")
	assert.Equal(t, tx.TransactionID, tx2.TransactionID)
	assert.ErrorIs(t, c.Close(ctx, "T1"), wechat.ErrOrderPaid)

	full := wechat.V3RefundRequest{OutTradeNo: "T1", OutRefundNo: "R1", Refund: fx.FromMinor(600, krw), Total: fx.FromMinor(1000, krw)}
	ref, err := c.Refund(ctx, full)
	require.NoError(t, err)
	assert.Equal(t, int64(600), ref.Amount.Refund)
	assert.Equal(t, int64(312), ref.Amount.PayerRefund)
	assert.Len(t, ref.RefundID, 28)
	assert.NotEqual(t, tx.TransactionID, ref.RefundID)
	tx, _ = c.Query(ctx, "T1")
	assert.Equal(t, "REFUND", tx.TradeState)
	changed := full
	changed.Refund = fx.FromMinor(601, krw)
	_, err = c.Refund(ctx, changed)
	assert.ErrorIs(t, err, wechat.ErrInvalidRequest, "one out_refund_no, another amount")
	second := full
	second.OutRefundNo, second.Refund = "R2", fx.FromMinor(400, krw)
	_, err = c.Refund(ctx, second)
	require.NoError(t, err, "the 400 won left, exactly")
	third := second
	third.OutRefundNo, third.Refund = "R3", fx.FromMinor(1, krw)
	_, err = c.Refund(ctx, third)
	assert.ErrorIs(t, err, wechat.ErrInvalidRequest, "nothing left")
	wrongTotal := third
	wrongTotal.Total = fx.FromMinor(999, krw)
	_, err = c.Refund(ctx, wrongTotal)
	assert.ErrorIs(t, err, wechat.ErrInvalidRequest)
	q, err := c.QueryRefund(ctx, "R2")
	require.NoError(t, err)
	assert.Equal(t, int64(400), q.Amount.Refund)
	assert.Equal(t, "T1", q.OutTradeNo)

	n := wechat.V3NativeRequest{Order: order(t).Order, NotifyURL: "https://m.example/n"}
	n.OutTradeNo = "N1"
	code, err := c.Native(ctx, n)
	require.NoError(t, err)
	assert.Regexp(t, `^weixin://wxpay/s/[0-9]{7}$`, code.URL)
	_, err = c.Query(ctx, "N1")
	assert.ErrorIs(t, err, wechat.ErrNotPaid)
	assert.ErrorIs(t, c.Reverse(ctx, "N1"), wechat.ErrTradeState, "only a Quick Pay reverses")
	_, err = c.Refund(ctx, wechat.V3RefundRequest{OutTradeNo: "N1", OutRefundNo: "RN", Refund: fx.FromMinor(1, krw), Total: fx.FromMinor(1000, krw)})
	assert.ErrorIs(t, err, wechat.ErrTradeState, "an unpaid order does not refund")
	_, err = c.Refund(ctx, wechat.V3RefundRequest{OutTradeNo: "NONE", OutRefundNo: "RX", Refund: fx.FromMinor(1, krw), Total: fx.FromMinor(1, krw)})
	assert.ErrorIs(t, err, wechat.ErrOrderNotExist)
	require.NoError(t, c.Close(ctx, "N1"))

	r := order(t)
	r.OutTradeNo = "T9"
	srv.Script(wechattest.SystemError)
	_, err = c.Query(ctx, "T1")
	assert.ErrorIs(t, err, wechat.ErrSystemError, "any call can meet a system error")
	srv.Script(wechattest.Drop)
	assert.ErrorIs(t, c.Close(ctx, "T1"), wechat.ErrTransport)
}

func TestV3Deadline(t *testing.T) {
	srv := wechattest.NewServer(t, wechattest.Options{LateBy: 50 * time.Millisecond})
	c := srv.Client()
	srv.Script(wechattest.Late)
	start := time.Now()
	tx, err := c.QuickPay(context.Background(), order(t))
	require.NoError(t, err, "a late answer within the deadline arrives")
	assert.GreaterOrEqual(t, time.Since(start), 50*time.Millisecond)
	assert.Equal(t, "SUCCESS", tx.TradeState)
}

func TestV2Lifecycle(t *testing.T) {
	srv := wechattest.NewServer(t, wechattest.Options{})
	c := srv.Client()
	m := c.Merchant
	ctx := context.Background()
	must := func(p wechat.V2Params, err error) wechat.V2Params {
		require.NoError(t, err)
		return p
	}
	do := func(path string, p wechat.V2Params) (map[string]string, error) { return c.DoV2(ctx, path, p) }
	code, _ := wechat.ParsePaymentCode("134567890123456789")
	qp := wechat.V2QuickPayRequest{Order: order(t).Order, SpbillCreateIP: "203.0.113.7", AuthCode: code}
	p, err := c.QuickPayV2(ctx, qp)
	require.NoError(t, err)
	assert.Equal(t, "1000", p["total_fee"])
	assert.Equal(t, "520", p["cash_fee"])
	assert.Equal(t, "520000", p["rate"])
	assert.Equal(t, srv.Merchant.SubMchID, p["sub_mch_id"])
	_, err = c.QuickPayV2(ctx, qp)
	assert.ErrorIs(t, err, wechat.ErrInvalidRequest, "OUT_TRADE_NO_USED")

	ref := func(no string) (wechat.V2Params, error) { return wechat.V2OrderRef{OutTradeNo: no}.Params(m) }
	_, err = do(wechat.PathV2OrderQuery, must(ref("NONE")))
	assert.ErrorIs(t, err, wechat.ErrOrderNotExist)
	_, err = do(wechat.PathV2CloseOrder, must(ref("T1")))
	assert.ErrorIs(t, err, wechat.ErrOrderPaid)
	_, err = do(wechat.PathV2Reverse, must(ref("NONE")))
	assert.ErrorIs(t, err, wechat.ErrOrderNotExist)

	rf := wechat.V2RefundRequest{OutTradeNo: "T1", OutRefundNo: "R1", Refund: fx.FromMinor(1000, krw), Total: fx.FromMinor(1000, krw)}
	p, err = do(wechat.PathV2Refund, must(rf.Params(m)))
	require.NoError(t, err)
	assert.Equal(t, "520", p["cash_refund_fee"])
	assert.Equal(t, "R1", p["out_refund_no"])
	p, err = do(wechat.PathV2RefundQuery, must(wechat.V2RefundQuery{OutRefundNo: "R1"}.Params(m)))
	require.NoError(t, err)
	assert.Equal(t, "SUCCESS", p["refund_status_0"])
	assert.Equal(t, "1000", p["refund_fee"])
	_, err = do(wechat.PathV2RefundQuery, must(wechat.V2RefundQuery{OutRefundNo: "R9"}.Params(m)))
	assert.ErrorIs(t, err, wechat.ErrOrderNotExist)

	qp.OutTradeNo = "T2"
	srv.Script(wechattest.UserPaying, wechattest.UserPaying)
	_, err = c.QuickPayV2(ctx, qp)
	require.ErrorIs(t, err, wechat.ErrUserPaying)
	p, err = do(wechat.PathV2OrderQuery, must(ref("T2")))
	require.NoError(t, err)
	assert.Equal(t, "USERPAYING", p["trade_state"])
	p, err = do(wechat.PathV2Reverse, must(ref("T2")))
	require.NoError(t, err)
	assert.Equal(t, "N", p["recall"])
	p, err = do(wechat.PathV2OrderQuery, must(ref("T2")))
	require.NoError(t, err)
	assert.Equal(t, "REVOKED", p["trade_state"])

	n := wechat.V2NativeRequest{Order: order(t).Order, SpbillCreateIP: "203.0.113.7", ProductID: "P1", NotifyURL: "https://m.example/n"}
	n.OutTradeNo = "N1"
	p, err = do(wechat.PathV2UnifiedOrder, must(n.Params(m)))
	require.NoError(t, err)
	assert.Equal(t, wechat.KindCodeURL, wechat.Classify(p["code_url"]))
	_, err = do(wechat.PathV2CloseOrder, must(ref("N1")))
	require.NoError(t, err)
	p, _ = do(wechat.PathV2OrderQuery, must(ref("N1")))
	assert.Equal(t, "CLOSED", p["trade_state"])

	rate, err := c.RateV2(ctx, wechat.V2RateQuery{Currency: "USD", Date: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
	require.NoError(t, err)
	assert.Equal(t, "7.2", rate.Value.String())
	assert.Equal(t, "2026-12-01", rate.AsOf.Format(time.DateOnly))
	_, err = c.RateV2(ctx, wechat.V2RateQuery{Currency: "EUR", Date: time.Now()})
	assert.ErrorIs(t, err, wechat.ErrInvalidRequest)
	_, err = c.DoV2(ctx, "/pay/none", wechat.V2Params{"appid": "x"})
	assert.ErrorIs(t, err, wechat.ErrResult)
}

func TestV2MerchantChecks(t *testing.T) {
	srv := wechattest.NewServer(t, wechattest.Options{Merchant: wechat.Merchant{Mode: wechat.Common, MchID: "10000100", AppID: "wx2421b1c4370ec43b"}})
	c := srv.Client()
	ctx := context.Background()
	code, _ := wechat.ParsePaymentCode("134567890123456789")
	qp := wechat.V2QuickPayRequest{Order: order(t).Order, SpbillCreateIP: "203.0.113.7", AuthCode: code}
	_, err := c.QuickPayV2(ctx, qp)
	require.NoError(t, err)
	for _, tt := range []struct {
		m    wechat.Merchant
		want error
	}{
		{wechat.Merchant{Mode: wechat.Common, MchID: "99", AppID: "wx2421b1c4370ec43b"}, wechat.ErrNoAuth},
		{wechat.Merchant{Mode: wechat.Common, MchID: "10000100", AppID: "wx9"}, wechat.ErrNoAuth},
		{wechat.Merchant{MchID: "10000100", AppID: "wx2421b1c4370ec43b", SubMchID: "5"}, wechat.ErrInvalidRequest},
	} {
		c.Merchant = tt.m
		qp.OutTradeNo += "x"
		_, err := c.QuickPayV2(ctx, qp)
		assert.ErrorIs(t, err, tt.want, "%+v", tt.m)
	}
	inst := wechattest.NewServer(t, wechattest.Options{})
	ic := inst.Client()
	ic.Merchant.SubMchID = "1900000999"
	_, err = ic.QuickPayV2(ctx, qp)
	assert.ErrorIs(t, err, wechat.ErrNoAuth, "another institution's sub-merchant")
	ic.Merchant.SubMchID = inst.Merchant.SubMchID
	bad, _ := wechat.ParsePaymentCode("134567890123456789")
	qp.AuthCode = bad
	qp.Total = fx.FromMinor(-0, krw)
	_, err = ic.QuickPayV2(ctx, qp)
	assert.ErrorIs(t, err, wechat.ErrFormat, "refused before sending")
}
