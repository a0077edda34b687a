package zeropay_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/qrbridge/qrbridge/zeropay"
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
