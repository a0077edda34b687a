package wechattest_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/wechat"
	"github.com/qrbridge/qrbridge/wechat/wechattest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMemoryReplayMeetsTheContract(t *testing.T) {
	require.NoError(t, wechattest.TestReplayStore(&wechat.MemoryReplay{}))
}

// forgetful claims every nonce fresh: the contract test must catch it.
type forgetful struct{}

func (forgetful) Claim(context.Context, string, time.Time) (bool, error) { return true, nil }

// racy is fresh once per nonce but not atomically.
type racy struct{ seen map[string]bool }

func (r *racy) Claim(_ context.Context, n string, _ time.Time) (bool, error) {
	if r.seen[n] {
		return false, nil
	}
	time.Sleep(time.Millisecond)
	r.seen[n] = true
	return true, nil
}

// early forgets each nonce six minutes before its until.
type early struct {
	mu   sync.Mutex
	seen map[string]time.Time
}

func (e *early) Claim(_ context.Context, n string, until time.Time) (bool, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if time.Now().Before(e.seen[n]) {
		return false, nil
	}
	e.seen[n] = until.Add(-6 * time.Minute)
	return true, nil
}

// neverFresh refuses every nonce as seen.
type neverFresh struct{}

func (neverFresh) Claim(context.Context, string, time.Time) (bool, error) { return false, nil }

// failing answers fresh with an error.
type failing struct{}

func (failing) Claim(context.Context, string, time.Time) (bool, error) {
	return true, errors.New("store down")
}

// oneSlot remembers that some nonce was claimed, not which.
type oneSlot struct {
	mu   sync.Mutex
	used bool
}

func (s *oneSlot) Claim(context.Context, string, time.Time) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fresh := !s.used
	s.used = true
	return fresh, nil
}

func TestReplayContractCatchesBrokenStores(t *testing.T) {
	assert.ErrorContains(t, wechattest.TestReplayStore(forgetful{}), "a claimed nonce is fresh again")
	assert.ErrorContains(t, wechattest.TestReplayStore(&early{seen: map[string]time.Time{}}), "five minutes")
	assert.ErrorContains(t, wechattest.TestReplayStore(neverFresh{}), "a new nonce is not fresh")
	assert.ErrorContains(t, wechattest.TestReplayStore(failing{}), "a new nonce is not fresh")
	assert.ErrorContains(t, wechattest.TestReplayStore(&oneSlot{}), "collides")
	if !testing.Short() && !raceEnabled {
		assert.ErrorContains(t, wechattest.TestReplayStore(&racy{seen: map[string]bool{}}), "not atomic")
	}
}

func order(t *testing.T) wechat.V3QuickPayRequest {
	code, err := wechat.ParsePaymentCode("134567890123456789")
	require.NoError(t, err)
	return wechat.V3QuickPayRequest{Order: wechat.Order{Description: "x", OutTradeNo: "T1", Total: fx.FromMinor(1000, fx.MustCurrency("KRW")), MerchantCategoryCode: "5812"}, AuthCode: code}
}

// post sends body to the server with the given Authorization.
func post(t *testing.T, srv *wechattest.Server, path, auth string, body []byte) (int, string) {
	req, err := http.NewRequest("POST", srv.URL+path, bytes.NewReader(body))
	require.NoError(t, err)
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestServerChecksRequestsAsWeChatDoes(t *testing.T) {
	srv := wechattest.NewServer(t, wechattest.Options{})
	call, err := order(t).Call(srv.Merchant)
	require.NoError(t, err)
	signer := &wechat.Signer{MchID: srv.Merchant.MchID, SerialNo: wechattest.MerchantSerial, Key: srv.MerchantKey}
	auth, err := signer.Sign(call)
	require.NoError(t, err)

	status, body := post(t, srv, call.Path, "", call.Body)
	assert.Equal(t, 401, status, "unsigned")
	assert.Contains(t, body, "SIGN_ERROR")
	status, _ = post(t, srv, call.Path, auth, append(call.Body, ' '))
	assert.Equal(t, 401, status, "body changed after signing")
	other := *signer
	other.SerialNo = "OTHER"
	bad, _ := other.Sign(call)
	status, _ = post(t, srv, call.Path, bad, call.Body)
	assert.Equal(t, 401, status, "unknown serial")
	old := *signer
	old.Now = func() time.Time { return time.Now().Add(-6 * time.Minute) }
	stale, _ := old.Sign(call)
	status, _ = post(t, srv, call.Path, stale, call.Body)
	assert.Equal(t, 401, status, "stale timestamp")

	// A body without merchant_category_code, correctly signed, is refused.
	noMCC := []byte(strings.Replace(string(call.Body), `"merchant_category_code":"5812",`, "", 1))
	a2, _ := signer.Authorization("POST", call.Path, noMCC)
	status, body = post(t, srv, call.Path, a2, noMCC)
	assert.Equal(t, 400, status)
	assert.Contains(t, body, "merchant_category_code")
	common := []byte(strings.Replace(string(call.Body), `"sp_mchid"`, `"mchid"`, 1))
	a3, _ := signer.Authorization("POST", call.Path, common)
	status, _ = post(t, srv, call.Path, a3, common)
	assert.Equal(t, 400, status, "institutional server, common-mode body")

	req, _ := http.NewRequest("POST", srv.URL+call.Path, bytes.NewReader(call.Body))
	req.Header.Set("Authorization", auth)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 400, resp.StatusCode, "no Accept nor Content-Type")

	status, _ = post(t, srv, call.Path, auth, call.Body)
	assert.Equal(t, 200, status)
	assert.Len(t, srv.Calls(), 8)
	assert.Equal(t, call.Path, srv.Calls()[7])
}

func TestServerV2Checks(t *testing.T) {
	srv := wechattest.NewServer(t, wechattest.Options{})
	code, _ := wechat.ParsePaymentCode("134567890123456789")
	r := wechat.V2QuickPayRequest{Order: order(t).Order, SpbillCreateIP: "203.0.113.7", AuthCode: code}
	p, err := r.Params(srv.Merchant)
	require.NoError(t, err)
	send := func(p wechat.V2Params, key wechat.Secret) (map[string]string, error) {
		body, err := p.SignedXML(key, wechat.SignMD5)
		require.NoError(t, err)
		resp, err := http.Post(srv.URL+wechat.PathV2QuickPay, "text/xml", bytes.NewReader(body))
		require.NoError(t, err)
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return wechat.VerifyV2Response(b, srv.KeyV2)
	}
	_, err = send(p, wechat.NewSecret("wrong"))
	assert.ErrorIs(t, err, wechat.ErrResult, "bad sign")
	noVersion := maps(p)
	delete(noVersion, "version")
	_, err = send(noVersion, srv.KeyV2)
	assert.ErrorIs(t, err, wechat.ErrInvalidRequest, "version is required")
	noSub := maps(p)
	delete(noSub, "sub_mch_id")
	_, err = send(noSub, srv.KeyV2)
	assert.ErrorIs(t, err, wechat.ErrInvalidRequest, "institutional mode requires sub_mch_id")
	got, err := send(p, srv.KeyV2)
	require.NoError(t, err)
	assert.Equal(t, "5.20", mustPay(t, got).PayerTotal.Number())
	rate, err := srv.Rate("KRW")
	require.NoError(t, err)
	assert.Equal(t, "0.0052", rate.Value.String())
}

func maps(p wechat.V2Params) wechat.V2Params {
	out := wechat.V2Params{}
	for k, v := range p {
		out[k] = v
	}
	return out
}

func mustPay(t *testing.T, p map[string]string) wechat.Payment {
	pay, err := wechat.V2Payment(p)
	require.NoError(t, err)
	return pay
}

func TestServerRatesAndRateType(t *testing.T) {
	srv := wechattest.NewServer(t, wechattest.Options{Rates: map[string]int64{"KRW": 500000}, RateType: wechat.SettlementRate})
	tx, err := srv.Client().QuickPay(context.Background(), order(t))
	require.NoError(t, err)
	assert.Equal(t, int64(500), tx.Amount.PayerTotal, "1000 won × 0.005 = 5.00 CNY")
	assert.Equal(t, wechat.SettlementRate, tx.ExchangeRateInfo().Type)
	pay, err := tx.Payment()
	require.NoError(t, err)
	assert.True(t, pay.Rate.Value.IsZero())
	r := order(t)
	r.OutTradeNo = "T2"
	r.Total = fx.FromMinor(100, fx.MustCurrency("USD"))
	_, err = srv.Client().QuickPay(context.Background(), r)
	assert.ErrorIs(t, err, wechat.ErrInvalidRequest, "a currency the server has no rate for")
}
