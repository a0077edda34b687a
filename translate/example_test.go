package translate_test

import (
	"context"
	"fmt"
	"time"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/translate"
	"github.com/qrbridge/qrbridge/wechat"
	"github.com/qrbridge/qrbridge/zeropay"
)

func ExampleDetect() {
	for _, raw := range []string{
		"1-ZP-202012AB0123-T000000000000001--ABCD",
		"weixin://wxpay/bizpayurl?pr=9xFPmlUzz",
		"134567890123456789",
		"204567890123456789",
		"00020101021129370016A000000677010111011300668012345675802TH530376463046197",
	} {
		d := translate.Detect(raw)
		fmt.Println(d.Kind, d.Presentment, d.Schemes, d.Alternatives.Len())
	}
	// Output:
	// zeropay-static merchant [] 0
	// wechat-code-url merchant [] 0
	// wechat-payment-code consumer [] 0
	// unknown unknown [] 2
	// emvco-mpm merchant [promptpay] 0
}

// Scenario 1: a Chinese tourist in Seoul pays a Zero Pay merchant with
// WeChat Pay.
func ExampleTranslator_Translate() {
	const sticker = "1-ZP-202012AB0123-T000000000000001--ABCD"
	dir, _ := zeropay.NewMemory(
		[]zeropay.Merchant{{BusinessNumber: "1208812345", ID: "202012AB0123", Name: "홍대 떡볶이", IndustryCode: "56111"}},
		[]zeropay.QRRecord{{QR: sticker, MerchantID: "202012AB0123"}},
	)
	cny, krw := fx.MustCurrency("CNY"), fx.MustCurrency("KRW")
	rate, _ := fx.ParseRate("191.5", cny, krw) // a sample rate, not market data
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	tr := &translate.Translator{
		Quoter: &fx.Quoter{
			Provider: fx.NewStatic(rate), TTL: 10 * time.Minute,
			Now: func() time.Time { return now }, NewID: func() string { return "0123456789abcdef" },
		},
		Directory: dir,
		WeChat:    wechat.Merchant{Mode: wechat.Institutional, MchID: "10000100", AppID: "wx2421b1c4370ec43b", SubMchID: "1900000109"},
	}
	res, err := tr.Translate(context.Background(), sticker, translate.Request{
		PayerScheme: "wechat", PayerCurrency: cny, Amount: fx.FromMinor(12000, krw),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	zr := res.MerchantLeg.Request.(*zeropay.Result)
	wo := res.PayerLeg.Request.(*translate.WeChatOrder)
	fmt.Println("merchant:", res.Intent.Merchant.Name, "MCC", res.Intent.Merchant.MCC)
	fmt.Println("quote:", res.Quote.Source, "for", res.Quote.Destination, "until", res.Quote.ExpiresAt.Format(time.Kitchen))
	fmt.Println("zero pay:", zr.MerchantID, zr.Amount, "operator", zr.Operator.Operator())
	fmt.Println("wechat:", wo.Order.Total.Currency(), wo.Order.Total.Number(), "MCC", wo.Order.MerchantCategoryCode, "out_trade_no", wo.Order.OutTradeNo)
	if m, ok := res.Report.Find("directory.industry_code"); ok {
		fmt.Println("report:", m.Source, m.Action, m.Reason, "→", m.Target)
	}
	// Output:
	// merchant: 홍대 떡볶이 MCC 5812
	// quote: 62.66 CNY for 12000 KRW until 12:10PM
	// zero pay: 202012AB0123 12000 KRW operator PKW
	// wechat: KRW 12000 MCC 5812 out_trade_no QB0123456789abcdef
	// report: directory.industry_code defaulted industry-mcc → wechat.merchant_category_code
}

// Scenario 4: a terminal routes each consumer code to its acquirer.
func ExampleRoutes_Route() {
	table := translate.Routes{
		{Kind: translate.KindWeChatPaymentCode, Acquirer: "wechat via KIS"},
		{Kind: translate.KindAlipayPaymentCode, Acquirer: "alipay+ via ICB"},
		{Kind: translate.KindZeroPayConsumerBarcode, Acquirer: "zero pay relay"},
	}
	for _, raw := range []string{"134567890123456789", "281234567890123456", "800088744930123456789017"} {
		r, err := table.Route(raw)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(r.Intent.Kind, "→", r.Route.Acquirer, r.Intent.Token)
	}
	// Output:
	// wechat-payment-code → wechat via KIS 13************6789
	// alipay-payment-code → alipay+ via ICB 28************3456
	// zeropay-consumer-barcode → zero pay relay 30********9017
}

// A Korean merchant's code carrying its domestic D410 account beside a
// foreign card network's.
func ExampleSticker_Encode() {
	s := translate.Sticker{
		Name: "HONGDAE TTEOKBOKKI", City: "SEOUL", Country: "KR", MCC: "5812",
		Currency: fx.MustCurrency("KRW"), LocalLanguage: "ko", LocalName: "홍대 떡볶이",
		Accounts: []translate.StickerAccount{
			{ID: 15, Value: "2600041026000410751128724000000"}, // UnionPay
			translate.KoreanAccount("000000001"),
		},
	}
	code, err := s.Encode()
	if err != nil {
		fmt.Println(err)
		return
	}
	d := translate.Detect(code)
	fmt.Println(d.Kind, d.Schemes)
	// Output:
	// emvco-mpm [unionpay korea]
}
