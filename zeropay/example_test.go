package zeropay_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/zeropay"
	"github.com/qrbridge/qrbridge/zeropay/zeropaytest"
)

func ExampleParse() {
	c, err := zeropay.Parse("1-ZP-202012AB0123-T000000000000001--X9-Z")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Kind, c.MerchantID, c.TerminalID, c.Verified == zeropay.CheckNotVerified)
	// Output: static merchant 202012AB0123 T000000000000001 true
}

func ExampleParseBarcode() {
	b, err := zeropay.ParseBarcode("800088744930123456789017")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(b.System, b.System.Operator(), b.ServiceCode(), b.ServiceCode().IsChildMeal())
	// Output: J1 PJ1 01 true
}

func ExampleResolve() {
	dir, _ := zeropay.LoadJSON(strings.NewReader(`{
		"merchants": [{"business_number": "1234567890", "merchant_id": "202012AB0123", "name": "명동 칼국수", "industry_code": "56111", "status": 0}],
		"qr_codes": [{"qr": "1-ZP-202012AB0123-T000000000000001--X9-Z", "merchant_id": "202012AB0123", "status": 0}]
	}`))
	m, _, err := zeropay.Resolve(context.Background(), dir, "1-ZP-202012AB0123-T000000000000001--X9-Z")
	if err != nil {
		fmt.Println(err)
		return
	}
	mcc, _ := zeropay.StarterIndustries().MCC(m.IndustryCode)
	fmt.Println(m.Name, mcc)
	// Output: 명동 칼국수 5812
}

func ExampleParser() {
	kw, _ := zeropay.ParseSystemID("KW")
	p := zeropay.Parser{Checkers: zeropay.Checkers{
		Merchant:  zeropaytest.FixtureChecker{}, // stands in for Annex B
		Operators: map[zeropay.SystemID]zeropay.Checker{kw: zeropaytest.FixtureChecker{}},
	}}
	c, err := p.Parse("3-KW-30123456789007--" + "0000")
	fmt.Println(errors.Is(err, zeropay.ErrCheck), c.Verified)
	// Output: true not verified
}

func ExampleCode_CheckFresh() {
	c, _ := zeropay.Parse("3-KW-30123456789007--0000")
	shown := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	fmt.Println(c.CheckFresh(shown, shown.Add(2*time.Minute)))
	err := c.CheckFresh(shown, shown.Add(3*time.Minute))
	fmt.Println(errors.Is(err, zeropay.ErrExpired))
	fmt.Println(c) // the token is masked
	// Output:
	// <nil>
	// true
	// 3-KW-3**********007--****
}

func ExampleResult_MarshalJSON() {
	kw, _ := zeropay.ParseSystemID("KW")
	r := zeropay.Result{
		MerchantID: "202012AB0123", TerminalID: "T000000000000001",
		Amount: fx.FromMinor(12000, fx.MustCurrency("KRW")), ApprovalNumber: "A0001", Operator: kw,
		Time: time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC),
	}
	b, _ := json.Marshal(r)
	fmt.Println(string(b))
	// Output: {"merchant_id":"202012AB0123","terminal_id":"T000000000000001","amount":{"amount":"12000","currency":"KRW"},"approval_number":"A0001","operator":"PKW","time":"2026-11-26T12:00:00Z"}
}
