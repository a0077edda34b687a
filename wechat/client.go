package wechat

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/qrbridge/qrbridge/fx"
)

// Doer sends an HTTP request; *http.Client is one. The transport is the
// caller's: its timeouts, proxies and, for v2 reverse and refund, its TLS
// client certificate.
type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

// Client calls WeChat Pay's cross-border API over the caller's transport:
// it builds each request from the request types of this package, signs
// it, sends it, and checks the answer (v3: a [Verifier]; v2: the API key).
//
// HTTP nil means http.DefaultClient; BaseURL "" means [HostGlobal] (a
// test gives a wechattest server's URL). Signer and Verifier are needed
// for API v3, KeyV2 and SignType (MD5 when empty) for API v2. A Client is
// safe for concurrent use if its parts are; do not change its fields while
// it is in use.
//
// Every method takes a context: its deadline bounds the call. An answer
// that never comes is [ErrTransport], which [IsUncertain] reports: for a
// Quick Pay, query the order ([QuickPayRule]).
type Client struct {
	HTTP     Doer
	BaseURL  string
	Merchant Merchant
	Signer   *Signer
	Verifier *Verifier
	KeyV2    Secret
	SignType SignType
	Now      func() time.Time // for code_url issue times; nil means time.Now
}

// maxAnswer bounds an answer read from the network.
const maxAnswer = maxBody

func (c *Client) base() string {
	if c.BaseURL == "" {
		return HostGlobal
	}
	return strings.TrimSuffix(c.BaseURL, "/")
}

func (c *Client) doer() Doer {
	if c.HTTP == nil {
		return http.DefaultClient
	}
	return c.HTTP
}

// send posts or gets, reads at most maxAnswer bytes and returns the answer.
func (c *Client) send(ctx context.Context, method, path, contentType string, body []byte, auth string) (*http.Response, []byte, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base()+path, rd)
	if err != nil {
		return nil, nil, paramErr("url", ErrFormat)
	}
	req.Header.Set("Accept", contentType)
	if body != nil {
		req.Header.Set("Content-Type", contentType)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := c.doer().Do(req)
	if err != nil {
		return nil, nil, paramErr(path, joinErr(ErrTransport, err))
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer+1))
	if err != nil {
		return nil, nil, paramErr(path, joinErr(ErrTransport, err))
	}
	if len(b) > maxAnswer {
		return nil, nil, paramErr(path, ErrSyntax)
	}
	return resp, b, nil
}

// Do sends a v3 call and returns the verified answer body of a 2xx
// status. Every answer is verified, errors included, since WeChat Pay
// signs them (an unsigned error answer is a [*ResultError] that is not
// Verified); a non-2xx answer is a [*ResultError] from [ParseV3Error].
func (c *Client) Do(ctx context.Context, call V3Call) ([]byte, error) {
	if c.Signer == nil || c.Verifier == nil {
		return nil, paramErr("client", ErrMissing)
	}
	auth, err := c.Signer.Sign(call)
	if err != nil {
		return nil, err
	}
	resp, body, err := c.send(ctx, call.Method, call.Path, "application/json", call.Body, auth)
	if err != nil {
		return nil, err
	}
	h := HeadersFrom(resp.Header)
	if resp.StatusCode/100 != 2 && h.Signature == "" {
		return nil, ParseV3Error(resp.StatusCode, body) // unsigned: not Verified
	}
	if err := c.Verifier.Verify(ctx, h, body); err != nil {
		return nil, err
	}
	if resp.StatusCode/100 != 2 {
		err := ParseV3Error(resp.StatusCode, body)
		err.(*ResultError).Verified = true
		return nil, err
	}
	return body, nil
}

// QuickPay submits a v3 Quick Pay. The transaction is returned with the
// error of its trade state: [ErrUserPaying] means query it.
func (c *Client) QuickPay(ctx context.Context, r V3QuickPayRequest) (V3Transaction, error) {
	call, err := r.Call(c.Merchant)
	if err != nil {
		return V3Transaction{}, err
	}
	return c.transaction(ctx, call)
}

// Query queries a v3 order by out_trade_no.
func (c *Client) Query(ctx context.Context, outTradeNo string) (V3Transaction, error) {
	call, err := V3OrderRef{OutTradeNo: outTradeNo}.QueryCall(c.Merchant)
	if err != nil {
		return V3Transaction{}, err
	}
	return c.transaction(ctx, call)
}

func (c *Client) transaction(ctx context.Context, call V3Call) (V3Transaction, error) {
	body, err := c.Do(ctx, call)
	if err != nil {
		return V3Transaction{}, err
	}
	t, err := ParseV3Transaction(body)
	if err != nil {
		return V3Transaction{}, err
	}
	return t, t.Err()
}

// Native places a v3 Native order and returns its code_url, issued now.
func (c *Client) Native(ctx context.Context, r V3NativeRequest) (CodeURL, error) {
	call, err := r.Call(c.Merchant)
	if err != nil {
		return CodeURL{}, err
	}
	body, err := c.Do(ctx, call)
	if err != nil {
		return CodeURL{}, err
	}
	var a struct {
		CodeURL string `json:"code_url"`
	}
	if json.Unmarshal(body, &a) != nil {
		return CodeURL{}, paramErr("code_url", ErrSyntax)
	}
	now := time.Now
	if c.Now != nil {
		now = c.Now
	}
	return NewCodeURL(a.CodeURL, now())
}

// Reverse reverses (revokes) a v3 Quick Pay order.
func (c *Client) Reverse(ctx context.Context, outTradeNo string) error {
	call, err := V3OrderRef{OutTradeNo: outTradeNo}.ReverseCall(c.Merchant)
	if err != nil {
		return err
	}
	_, err = c.Do(ctx, call)
	return err
}

// Close closes an unpaid v3 order.
func (c *Client) Close(ctx context.Context, outTradeNo string) error {
	call, err := V3OrderRef{OutTradeNo: outTradeNo}.CloseCall(c.Merchant)
	if err != nil {
		return err
	}
	_, err = c.Do(ctx, call)
	return err
}

// Refund applies for a v3 refund. On [ErrNotEnough] or [ErrTransport],
// call again later with the same request (the same OutRefundNo).
func (c *Client) Refund(ctx context.Context, r V3RefundRequest) (V3Refund, error) {
	call, err := r.Call(c.Merchant)
	if err != nil {
		return V3Refund{}, err
	}
	return c.refund(ctx, call)
}

// QueryRefund queries a v3 refund by out_refund_no.
func (c *Client) QueryRefund(ctx context.Context, outRefundNo string) (V3Refund, error) {
	call, err := V3RefundRef{OutRefundNo: outRefundNo}.QueryCall(c.Merchant)
	if err != nil {
		return V3Refund{}, err
	}
	return c.refund(ctx, call)
}

func (c *Client) refund(ctx context.Context, call V3Call) (V3Refund, error) {
	body, err := c.Do(ctx, call)
	if err != nil {
		return V3Refund{}, err
	}
	r, err := ParseV3Refund(body)
	if err != nil {
		return V3Refund{}, err
	}
	return r, r.Err()
}

// DoV2 signs p, posts it to path and returns the verified answer's
// parameters, as [VerifyV2Response] does (parameters beside a
// [*ResultError] too).
func (c *Client) DoV2(ctx context.Context, path string, p V2Params) (map[string]string, error) {
	body, err := p.SignedXML(c.KeyV2, c.SignType)
	if err != nil {
		return nil, err
	}
	_, answer, err := c.send(ctx, "POST", path, "text/xml", body, "")
	if err != nil {
		return nil, err
	}
	return VerifyV2Response(answer, c.KeyV2)
}

// QuickPayV2 submits a v2 Quick Pay; see [QuickPayRule] for an answer
// that matches [IsUncertain].
func (c *Client) QuickPayV2(ctx context.Context, r V2QuickPayRequest) (map[string]string, error) {
	p, err := r.Params(c.Merchant)
	if err != nil {
		return nil, err
	}
	return c.DoV2(ctx, PathV2QuickPay, p)
}

// RateV2 queries the day's reference rate of r.Currency to CNY. The query
// is signed with MD5 whatever SignType says: it takes no sign_type.
func (c *Client) RateV2(ctx context.Context, r V2RateQuery) (fx.Rate, error) {
	p, err := r.Params(c.Merchant)
	if err != nil {
		return fx.Rate{}, err
	}
	body, err := p.SignedXML(c.KeyV2, SignMD5)
	if err != nil {
		return fx.Rate{}, err
	}
	_, answer, err := c.send(ctx, "POST", PathV2ExchangeRate, "text/xml", body, "")
	if err != nil {
		return fx.Rate{}, err
	}
	if _, err := VerifyV2Response(answer, c.KeyV2); err != nil {
		return fx.Rate{}, err
	}
	rate, err := fx.ParseWeChatRateResponse(bytes.NewReader(answer))
	if err != nil {
		return fx.Rate{}, paramErr("rate", err)
	}
	return rate, nil
}
