// Package wechattest runs an in-process WeChat Pay cross-border API for
// tests and examples: a real HTTP server (net/http/httptest) that speaks
// API v3 (JSON, WECHATPAY2-SHA256-RSA2048) and API v2 (signed XML) as
// apihk.mch.weixin.qq.com does, so that code under test talks to it over
// real HTTP with a [wechat.Client] or its own.
//
// The server checks every request as WeChat Pay does: the Authorization
// header (scheme, merchant number, certificate serial, a timestamp within
// five minutes, the RSA signature with the merchant's public key) or the
// v2 sign and sign_type; the fields the request's mode requires
// (institutional: sp_mchid, sp_appid, sub_mchid; common: mchid, appid);
// and the fields each endpoint requires. It answers Native, Quick Pay,
// Query Order, Reverse, Close, Refund, Query Refund and (v2) Query
// Exchange Rate, signs every answer with its platform key, and converts
// amounts to CNY with configurable rates in WeChat's × 10^8 form.
//
// [Server.Script] queues outcomes, consumed one per request: USERPAYING
// then SUCCESS, SYSTEMERROR, NOT_ENOUGH, an answer later than the
// client's deadline, a dropped connection, a wrong signature.
//
//	srv := wechattest.NewServer(t, wechattest.Options{})
//	srv.Script(wechattest.UserPaying, wechattest.Succeed)
//	c := srv.Client()
//	tx, err := c.QuickPay(ctx, req) // errors.Is(err, wechat.ErrUserPaying)
//	tx, err = c.Query(ctx, req.OutTradeNo) // SUCCESS
//
// [TestReplayStore] is the contract test of a [wechat.ReplayStore]
// implementation.
package wechattest
