package wechattest

import (
	"crypto/rsa"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/wechat"
)

// Outcome is how the server answers one request. The zero value,
// [Succeed], is the normal answer.
type Outcome uint8

const (
	// Succeed processes the request normally. A Query of an order left
	// USERPAYING settles it: its answer is SUCCESS.
	Succeed Outcome = iota
	// UserPaying answers a Quick Pay or a Query with USERPAYING: the
	// order stays unsettled until a Query answered with Succeed.
	UserPaying
	// SystemError answers SYSTEMERROR (v2 err_code; v3 HTTP 500
	// SYSTEM_ERROR) without doing anything.
	SystemError
	// NotEnough answers a refund NOT_ENOUGH (the day's funds are short)
	// without refunding.
	NotEnough
	// Late processes the request but answers only after Options.LateBy,
	// or when the client gives up, whichever is first.
	Late
	// Drop processes nothing and closes the connection without an answer.
	Drop
	// BadSignature answers normally with a signature that does not verify.
	BadSignature
)

// Options configure [NewServer]. The zero value is a usable default.
type Options struct {
	// Merchant is the one merchant the server knows. Zero means
	// [DefaultMerchant] (institutional).
	Merchant wechat.Merchant
	// Rates are each priced currency's rate to CNY × 10^8 (WeChat's
	// form): "KRW": 520000 is 0.0052 CNY per won. Nil means KRW 520000,
	// USD 720000000, HKD 92000000.
	Rates map[string]int64
	// RateType is the exchange_rate.type of v3 answers; "" means
	// USERPAYMENT_RATE (the rate to the payer's CNY).
	RateType wechat.RateType
	// LateBy is how late a [Late] answer comes; zero means 2 s.
	LateBy time.Duration
	// Now is the server's clock; nil means time.Now.
	Now func() time.Time
}

// DefaultMerchant is the institutional merchant of a default server.
var DefaultMerchant = wechat.Merchant{MchID: "1900000100", AppID: "wx8888888888888888", SubMchID: "1900000109"}

// Serials of the server's keys.
const (
	MerchantSerial = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1"
	PlatformSerial = "PUB_KEY_ID_0114232604472026000000000001"
)

// Server is a running fake WeChat Pay. Its fields are the credentials a
// client needs; they are fixed once NewServer returns. Its methods are
// safe for concurrent use.
type Server struct {
	URL         string          // base URL, for wechat.Client.BaseURL
	Merchant    wechat.Merchant // the merchant it knows
	MerchantKey *rsa.PrivateKey // the merchant's API v3 private key (the server verifies with its public half)
	PlatformKey *rsa.PrivateKey // the platform key the server signs answers with
	KeyV2       wechat.Secret   // the merchant's API v2 key

	srv  *httptest.Server
	opts Options

	mu      sync.Mutex
	script  []Outcome
	orders  map[string]*order
	refunds map[string]*refund
	seq     int
	calls   []string
}

type order struct {
	id, outTradeNo, tradeType, state string
	total                            int64
	currency                         string
	payerTotal                       int64
	rate                             int64
	refunded                         int64
	created                          time.Time
}

type refund struct {
	id, outRefundNo, outTradeNo, status string
	refund, payerRefund                 int64
	currency                            string
	rate                                int64
}

var (
	keysOnce           sync.Once
	merchantKey, pfKey *rsa.PrivateKey
)

// testKeys parses the two fixed test keys once per process.
func testKeys() (*rsa.PrivateKey, *rsa.PrivateKey) {
	keysOnce.Do(func() { merchantKey, pfKey = mustKey(merchantKeyPEM), mustKey(platformKeyPEM) })
	return merchantKey, pfKey
}

// NewServer starts a server and closes it when tb's test ends.
func NewServer(tb testing.TB, opts Options) *Server {
	tb.Helper()
	s := Start(opts)
	tb.Cleanup(s.Close)
	return s
}

// Start starts a server outside a test (an example, a program); Close
// stops it.
func Start(opts Options) *Server {
	if opts.Merchant == (wechat.Merchant{}) {
		opts.Merchant = DefaultMerchant
	}
	if opts.Rates == nil {
		opts.Rates = map[string]int64{"KRW": 520000, "USD": 720000000, "HKD": 92000000}
	}
	if opts.RateType == "" {
		opts.RateType = wechat.UserPaymentRate
	}
	if opts.LateBy == 0 {
		opts.LateBy = 2 * time.Second
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	mk, pk := testKeys()
	s := &Server{Merchant: opts.Merchant, MerchantKey: mk, PlatformKey: pk, KeyV2: wechat.NewSecret("192006250b4c09247ec02edce69f6a2d"),
		opts: opts, orders: map[string]*order{}, refunds: map[string]*refund{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.srv.URL
	return s
}

// Close stops the server.
func (s *Server) Close() { s.srv.Close() }

// Script queues outcomes; each request takes the next one (an empty queue
// means [Succeed]).
func (s *Server) Script(o ...Outcome) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.script = append(s.script, o...)
}

// Calls returns the paths of the requests received so far, in order.
func (s *Server) Calls() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.calls...)
}

// Keys returns the platform key set a client's Verifier needs.
func (s *Server) Keys() wechat.KeySet {
	return wechat.KeySet{PlatformSerial: &s.PlatformKey.PublicKey}
}

// Client returns a [wechat.Client] set up for this server: its merchant,
// a Signer with the merchant key, a Verifier of the platform key (with
// its own replay store) and the v2 key. Each call returns a new Client.
func (s *Server) Client() *wechat.Client {
	return &wechat.Client{
		HTTP:     s.srv.Client(),
		BaseURL:  s.URL,
		Merchant: s.Merchant,
		Signer:   &wechat.Signer{MchID: s.Merchant.MchID, SerialNo: MerchantSerial, Key: s.MerchantKey},
		Verifier: wechat.NewVerifier(s.Keys(), wechat.VerifierConfig{Now: s.opts.Now}),
		KeyV2:    s.KeyV2,
	}
}

// Rate returns the server's rate of currency to CNY as an fx.Rate.
func (s *Server) Rate(currency string) (fx.Rate, error) {
	c, err := fx.LookupCurrency(currency)
	if err != nil {
		return fx.Rate{}, err
	}
	return fx.ParseWeChatRate(strconv.FormatInt(s.opts.Rates[currency], 10), c, fx.MustCurrency("CNY"))
}

// next takes the next outcome.
func (s *Server) next(path string) Outcome {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, path)
	if len(s.script) == 0 {
		return Succeed
	}
	o := s.script[0]
	s.script = s.script[1:]
	return o
}

// newID returns a fresh 28-digit WeChat order number.
func (s *Server) newID(prefix string) string {
	s.seq++
	n := strconv.Itoa(s.seq)
	id := prefix + s.opts.Now().In(time.FixedZone("GMT+8", 8*3600)).Format("20060102")
	for len(id)+len(n) < 28 {
		id += "0"
	}
	return id + n
}

// convert returns minor units of CNY for total minor units of currency.
func (s *Server) convert(total int64, currency string) (int64, int64, bool) {
	rate, ok := s.opts.Rates[currency]
	if !ok {
		return 0, 0, false
	}
	r, err := s.Rate(currency)
	if err != nil {
		return 0, 0, false
	}
	c, _ := fx.LookupCurrency(currency)
	out, err := fx.Convert(fx.FromMinor(total, c), r, fx.HalfEven)
	if err != nil {
		return 0, 0, false
	}
	m, err := out.Minor(fx.HalfEven)
	return m, rate, err == nil
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	out := s.next(r.URL.Path)
	if out == Drop {
		dropConn(w)
		return
	}
	rec := httptest.NewRecorder()
	if strings.HasPrefix(r.URL.Path, "/v3/") {
		s.serveV3(rec, r, out)
	} else {
		s.serveV2(rec, r, out)
	}
	if out == Late {
		select {
		case <-time.After(s.opts.LateBy):
		case <-r.Context().Done():
			return
		}
	}
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}

// dropConn closes the connection without an answer.
func dropConn(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if c, _, err := hj.Hijack(); err == nil {
			_ = c.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}
