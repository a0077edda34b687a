package wechat

import (
	"context"
	"crypto/hmac"
	"crypto/md5"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// vector is one entry of wechat-vectors.json; each kind uses its own
// fields.
type vector struct {
	ID             string            `json:"id"`
	Kind           string            `json:"kind"`
	Params         map[string]string `json:"params"`
	Key            string            `json:"key"`
	SignType       string            `json:"sign_type"`
	Expect         json.RawMessage   `json:"expect"`
	ExpectString   string            `json:"expect_string"`
	Method, URL    string
	Body           string            `json:"body"`
	Timestamp      int64             `json:"timestamp"`
	Nonce          string            `json:"nonce"`
	MchID          string            `json:"mchid"`
	Serial         string            `json:"serial"`
	ExpectMessage  string            `json:"expect_message"`
	ExpectPrefix   string            `json:"expect_prefix"`
	Headers        map[string]string `json:"headers"`
	Certificate    string            `json:"certificate"`
	VerifierSerial string            `json:"verifier_serial"`
	Now            int64             `json:"now"`
	AssociatedData string            `json:"associated_data"`
	Ciphertext     string            `json:"ciphertext"`
	ExpectPlain    *string           `json:"expect_plaintext"`
	ExpectError    bool              `json:"expect_error"`
	Code           string            `json:"code"`
	CrossBorder    bool              `json:"cross_border"`
	HongKong       bool              `json:"hong_kong"`
	ExpectKind     string            `json:"expect_kind"`
	ExpectToken    string            `json:"expect_token"`
	Rate           string            `json:"rate"`
	Base, Quote    string
	ExpectValue    string          `json:"expect_value"`
	XML            string          `json:"xml"`
	ExpectBase     string          `json:"expect_base"`
	ExpectQuote    string          `json:"expect_quote"`
	ExpectAsOf     string          `json:"expect_asof"`
	Amount         string          `json:"amount"`
	Currency       string          `json:"currency"`
	ExpectTotalFee string          `json:"expect_total_fee"`
	ExpectFeeType  string          `json:"expect_fee_type"`
	ExpectTotal    json.RawMessage `json:"expect_total"`
	ExpectCurrency string          `json:"expect_currency"`
	ExpectPayer    string          `json:"expect_payer_total"`
	ExpectRate     string          `json:"expect_rate"`
	ExpectTxID     string          `json:"expect_transaction_id"`
	Settlement     string          `json:"settlement_currency"`
}

// TestExternalVectors runs the 51 vectors that other projects publish
// (WeChat Pay's own SDKs, WxJava, go-pay, the OpenAPI descriptions), with
// repository, commit and lines in the file. They live outside this
// repository: QRBRIDGE_EXTERNAL names the folder.
func TestExternalVectors(t *testing.T) {
	dir := os.Getenv("QRBRIDGE_EXTERNAL")
	if dir == "" {
		t.Skip("QRBRIDGE_EXTERNAL is not set: the external WeChat Pay vectors are not run")
	}
	raw, err := os.ReadFile(filepath.Join(dir, "wechat-vectors.json"))
	require.NoError(t, err)
	var file struct {
		Keys    map[string]string `json:"keys"`
		Vectors []vector          `json:"vectors"`
	}
	require.NoError(t, json.Unmarshal(raw, &file))
	require.Len(t, file.Vectors, 51)
	for _, v := range file.Vectors {
		t.Run(v.ID, func(t *testing.T) {
			run, ok := vectorKinds[v.Kind]
			require.True(t, ok, "unknown kind %s", v.Kind)
			run(t, v, file.Keys)
		})
	}
}

var vectorKinds = map[string]func(*testing.T, vector, map[string]string){
	"v2_sign": func(t *testing.T, v vector, _ map[string]string) {
		got, err := SignV2(v.Params, NewSecret(v.Key), SignType(v.SignType))
		require.NoError(t, err)
		assert.Equal(t, expectString(t, v), got)
	},
	"v2_verify": func(t *testing.T, v vector, _ map[string]string) {
		err := VerifyV2(v.Params, NewSecret(v.Key))
		if expectString(t, v) == "ok" {
			require.NoError(t, err)
		} else {
			assertParam(t, err, "sign", ErrSignature)
		}
	},
	"v2_sign_string": func(t *testing.T, v vector, _ map[string]string) {
		msg := v.ExpectString + "&key=" + v.Key
		var want string
		if SignType(v.SignType) == SignHMACSHA256 {
			m := hmac.New(sha256.New, []byte(v.Key))
			m.Write([]byte(msg))
			want = strings.ToUpper(hex.EncodeToString(m.Sum(nil)))
		} else {
			sum := md5.Sum([]byte(msg))
			want = strings.ToUpper(hex.EncodeToString(sum[:]))
		}
		got, err := SignV2(v.Params, NewSecret(v.Key), SignType(v.SignType))
		require.NoError(t, err)
		assert.Equal(t, want, got, "signs exactly %q", v.ExpectString)
	},
	"v3_authorization": func(t *testing.T, v vector, _ map[string]string) {
		s := Signer{MchID: v.MchID, SerialNo: v.Serial, Key: testKey,
			Now: func() time.Time { return time.Unix(v.Timestamp, 0) }, Nonce: func() string { return v.Nonce }}
		h, err := s.Authorization(v.Method, v.URL, []byte(v.Body))
		require.NoError(t, err)
		require.True(t, strings.HasPrefix(h, v.ExpectPrefix), h)
		sigText := strings.TrimSuffix(strings.TrimPrefix(h, v.ExpectPrefix), `"`)
		sig, err := base64.StdEncoding.DecodeString(sigText)
		require.NoError(t, err)
		require.NoError(t, verifyRSA(&testKey.PublicKey, v.ExpectMessage, sig), "the signed message is the SDK's")
	},
	"v3_verify": func(t *testing.T, v vector, keys map[string]string) {
		pub := certKey(t, keys[v.Certificate])
		ver := NewVerifier(KeySet{v.VerifierSerial: pub}, VerifierConfig{Now: func() time.Time { return time.Unix(v.Now, 0) }})
		h := Headers{Timestamp: v.Headers["timestamp"], Nonce: v.Headers["nonce"], Signature: v.Headers["signature"], Serial: v.Headers["serial"]}
		err := ver.Verify(context.Background(), h, []byte(v.Body))
		switch expectString(t, v) {
		case "ok":
			require.NoError(t, err)
		case "timestamp":
			assertParam(t, err, "Wechatpay-Timestamp", ErrTimestamp)
		case "signature":
			assertParam(t, err, "Wechatpay-Signature", ErrSignature)
		default:
			t.Fatalf("expect %s", v.Expect)
		}
	},
	"notification": func(t *testing.T, v vector, _ map[string]string) {
		n, err := ParseNotification([]byte(v.Body))
		require.NoError(t, err)
		var want map[string]string
		require.NoError(t, json.Unmarshal(v.Expect, &want))
		got := map[string]string{"id": n.ID, "create_time": n.CreateTime, "event_type": n.EventType, "resource_type": n.ResourceType,
			"summary": n.Summary, "algorithm": n.Resource.Algorithm, "original_type": n.Resource.OriginalType,
			"associated_data": n.Resource.AssociatedData, "nonce": n.Resource.Nonce}
		assert.Equal(t, want, got)
	},
	"aead": func(t *testing.T, v vector, _ map[string]string) {
		r := Resource{Algorithm: "AEAD_AES_256_GCM", Ciphertext: v.Ciphertext, AssociatedData: v.AssociatedData, Nonce: v.Nonce}
		plain, err := r.Decrypt(NewSecret(v.Key))
		if v.ExpectError {
			require.Error(t, err)
			var pe *ParamError
			require.ErrorAs(t, err, &pe)
			return
		}
		require.NoError(t, err)
		assert.Equal(t, *v.ExpectPlain, string(plain))
	},
	"payment_code": func(t *testing.T, v vector, _ map[string]string) {
		p, err := ParsePaymentCode(v.Code)
		if expectString(t, v) == "error" {
			require.Error(t, err)
			assert.Equal(t, KindUnknown, Classify(v.Code))
			return
		}
		require.NoError(t, err)
		assert.Equal(t, v.CrossBorder, p.CrossBorder())
		assert.Equal(t, v.HongKong, p.HongKong())
		assert.NoError(t, CodePolicy{}.Check(p), "the current guide accepts every documented prefix")
	},
	"code_url": func(t *testing.T, v vector, _ map[string]string) {
		assert.Equal(t, KindCodeURL, Classify(v.URL))
		issued := time.Unix(1700000000, 0)
		c, err := NewCodeURL(v.URL, issued)
		require.NoError(t, err)
		assert.Equal(t, issued.Add(2*time.Hour), c.ExpiresAt())
		if v.ExpectKind != "issued" {
			assert.Equal(t, v.ExpectKind, Classify(v.URL).String())
			assert.Equal(t, v.ExpectToken, c.Token)
		}
	},
	"wechat_rate": func(t *testing.T, v vector, _ map[string]string) {
		r, err := fx.ParseWeChatRate(v.Rate, fx.MustCurrency(v.Base), fx.MustCurrency(v.Quote))
		require.NoError(t, err)
		assert.Equal(t, v.ExpectValue, r.Value.String())
	},
	"wechat_rate_response": func(t *testing.T, v vector, _ map[string]string) {
		r, err := fx.ParseWeChatRateResponse(strings.NewReader(v.XML))
		require.NoError(t, err)
		assert.Equal(t, v.ExpectBase, r.Base.Code())
		assert.Equal(t, v.ExpectQuote, r.Quote.Code())
		assert.Equal(t, v.ExpectValue, r.Value.String())
		assert.Equal(t, v.ExpectAsOf, r.AsOf.Format(time.RFC3339))
		_, err = ParseV2XML([]byte(v.XML))
		require.NoError(t, err)
	},
	"v2_order_minor": func(t *testing.T, v vector, _ map[string]string) {
		a, err := fx.ParseAmount(v.Amount, fx.MustCurrency(v.Currency))
		require.NoError(t, err)
		r := quickPayV2(t)
		r.Total = a
		p, err := r.Params(institution)
		require.NoError(t, err)
		assert.Equal(t, v.ExpectTotalFee, p["total_fee"])
		assert.Equal(t, v.ExpectFeeType, p["fee_type"])
	},
	"v3_amount": func(t *testing.T, v vector, _ map[string]string) {
		a, err := fx.ParseAmount(v.Amount, fx.MustCurrency(v.Currency))
		require.NoError(t, err)
		got, err := NewV3Amount(a)
		require.NoError(t, err)
		want, _ := strconv.ParseInt(string(v.ExpectTotal), 10, 64)
		assert.Equal(t, V3Amount{Total: want, Currency: v.ExpectCurrency}, got)
	},
	"v2_payment": func(t *testing.T, v vector, _ map[string]string) {
		pay, err := V2Payment(v.Params)
		require.NoError(t, err)
		assert.Equal(t, unquote(t, v.ExpectTotal), pay.Total.String())
		assert.Equal(t, v.ExpectPayer, pay.PayerTotal.String())
		assert.Equal(t, v.ExpectRate, pay.Rate.Value.String())
	},
	"v3_transaction": func(t *testing.T, v vector, _ map[string]string) {
		tx, err := ParseV3Transaction([]byte(v.Body))
		require.NoError(t, err)
		assert.Equal(t, v.ExpectTxID, tx.TransactionID)
		pay, err := tx.Payment()
		require.NoError(t, err)
		assert.Equal(t, unquote(t, v.ExpectTotal), pay.Total.String())
		assert.Equal(t, v.ExpectPayer, pay.PayerTotal.String())
		assert.True(t, pay.Rate.Value.IsZero(), "a SETTLEMENT_RATE is not the payer's rate")
		r, err := tx.Rate(SettlementRate, fx.MustCurrency(v.Settlement))
		require.NoError(t, err)
		assert.Equal(t, v.ExpectRate, r.Value.String())
		_, err = tx.Rate(UserPaymentRate, fx.MustCurrency("CNY"))
		assertParam(t, err, "exchange_rate.type", ErrRateType)
	},
}

func expectString(t *testing.T, v vector) string { return unquote(t, v.Expect) }

func unquote(t *testing.T, raw json.RawMessage) string {
	var s string
	require.NoError(t, json.Unmarshal(raw, &s))
	return s
}

func certKey(t *testing.T, certPEM string) *rsa.PublicKey {
	block, _ := pem.Decode([]byte(certPEM))
	require.NotNil(t, block)
	cert, err := x509.ParseCertificate(block.Bytes)
	require.NoError(t, err)
	pub, ok := cert.PublicKey.(*rsa.PublicKey)
	require.True(t, ok)
	return pub
}
