package wechat

import (
	"context"
	"strconv"
	"testing"
	"time"
)

func BenchmarkParsePaymentCode(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(18)
	for b.Loop() {
		c, err := Parse("134567890123456789")
		if err != nil || !c.PaymentCode.CrossBorder() {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseCodeURL(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if c, err := Parse("weixin://wxpay/bizpayurl?pr=9xFPmlUzz"); err != nil || c.CodeURL.Token != "9xFPmlUzz" {
			b.Fatal(err)
		}
	}
}

func BenchmarkParsePaymentCodeRefused(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParsePaymentCode("164567890123456789"); err == nil {
			b.Fatal("accepted")
		}
	}
}

func benchQuickPayParams(b *testing.B) V2Params {
	code, _ := ParsePaymentCode("134567890123456789")
	p, err := V2QuickPayRequest{Order: testOrder(), SpbillCreateIP: "203.0.113.7", NonceStr: "N1", AuthCode: code}.Params(institution)
	if err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkV2QuickPaySignedXML: build, sign (MD5) and write a v2 Quick Pay body.
func BenchmarkV2QuickPaySignedXML(b *testing.B) {
	p := benchQuickPayParams(b)
	body, _ := p.SignedXML(testKeyV2, SignMD5)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.SignedXML(testKeyV2, SignMD5); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyV2Response: parse and verify a signed v2 answer.
func BenchmarkVerifyV2Response(b *testing.B) {
	body, _ := SignedXML(map[string]string{"return_code": "SUCCESS", "result_code": "SUCCESS", "total_fee": "12000",
		"fee_type": "KRW", "cash_fee": "6240", "rate": "520000", "out_trade_no": "ZP1", "transaction_id": "4200000001"}, testKeyV2, SignMD5)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if p, err := VerifyV2Response(body, testKeyV2); err != nil || p["out_trade_no"] != "ZP1" {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyV2ResponseTampered: the failure path.
func BenchmarkVerifyV2ResponseTampered(b *testing.B) {
	body, _ := SignedXML(map[string]string{"return_code": "SUCCESS", "result_code": "SUCCESS", "out_trade_no": "ZP1"}, testKeyV2, SignMD5)
	body[len("<xml><out_trade_no>ZP")] = '2'
	b.ReportAllocs()
	for b.Loop() {
		if _, err := VerifyV2Response(body, testKeyV2); err == nil {
			b.Fatal("tampered answer verified")
		}
	}
}

// fresh is a replay store that finds every nonce fresh, so that a
// benchmark can verify one message many times.
type fresh struct{}

func (fresh) Claim(context.Context, string, time.Time) (bool, error) { return true, nil }

// BenchmarkVerifyV3: the checks and the RSA-2048 verification of an answer.
func BenchmarkVerifyV3(b *testing.B) {
	now := time.Unix(1700000000, 0)
	v := NewVerifier(KeySet{"PUB_KEY_ID_01": &testKey.PublicKey}, VerifierConfig{Replay: fresh{}, Now: func() time.Time { return now }})
	body := []byte(`{"id":"42","trade_state":"SUCCESS"}`)
	sig, _ := signSHA256(testKey, "1700000000\nn1\n"+string(body)+"\n")
	h := Headers{Timestamp: "1700000000", Nonce: "n1", Signature: sig, Serial: "PUB_KEY_ID_01"}
	b.ReportAllocs()
	for b.Loop() {
		if err := v.Verify(context.Background(), h, body); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMemoryReplayClaim: one claim of a fresh nonce in a store
// holding 10,000 (after the first 65,536 claims, each nonce is a replay).
func BenchmarkMemoryReplayClaim(b *testing.B) {
	m := &MemoryReplay{MaxNonces: 1 << 20}
	t0 := time.Unix(1700000000, 0)
	for i := range 10000 {
		_, _ = m.ClaimAt("seed"+strconv.Itoa(i), t0.Add(time.Hour), t0)
	}
	nonces := make([]string, 1<<16)
	for i := range nonces {
		nonces[i] = "n" + strconv.Itoa(i)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := m.ClaimAt(nonces[i%len(nonces)], t0.Add(time.Minute), t0); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func TestPaymentCodeAllocatesNothing(t *testing.T) {
	if testing.CoverMode() != "" {
		t.Skip("instrumented")
	}
	var c Code
	var err error
	if got := testing.AllocsPerRun(200, func() { c, err = Parse("134567890123456789") }); got != 0 {
		t.Errorf("classify and parse a payment code: %.0f allocations, want 0", got)
	}
	if err != nil || c.Kind != KindPaymentCode || c.PaymentCode.String() != "134567890123456789" {
		t.Fatalf("the measured call failed: %v %v", c.Kind, err)
	}
	if got := testing.AllocsPerRun(200, func() { c, err = Parse("weixin://wxpay/bizpayurl?pr=9xFPmlUzz") }); got != 0 {
		t.Errorf("classify and parse a code_url: %.0f allocations, want 0", got)
	}
	if err != nil || c.CodeURL.Token != "9xFPmlUzz" {
		t.Fatalf("the measured call failed: %v", err)
	}
}
