package fx_test

import (
	"context"
	"fmt"
	"time"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/shopspring/decimal"
)

func mustDecimal(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func ExampleConvert() {
	krw := fx.MustCurrency("KRW")
	cny := fx.MustCurrency("CNY")
	price, _ := fx.ParseAmount("12000", krw)          // EMVCo tag 54 of a Korean code
	rate, _ := fx.ParseWeChatRate("520000", krw, cny) // WeChat's KRW→CNY × 10^8
	paid, _ := fx.Convert(price, rate, fx.HalfEven)
	fen, _ := paid.Minor(fx.HalfEven) // WeChat's cash_fee
	fmt.Println(price, "→", paid, "=", fen, "fen")
	// Output: 12000 KRW → 62.40 CNY = 6240 fen
}

func ExampleQuoter() {
	cny, krw := fx.MustCurrency("CNY"), fx.MustCurrency("KRW")
	rates := fx.NewStatic(fx.Rate{Base: cny, Quote: krw, Value: mustDecimal("192.30"), Source: "static"})
	q := fx.Quoter{
		Provider: fx.NewCache(rates, time.Hour, nil),
		Margins:  []fx.MarginStep{{Name: "scheme margin", BasisPoints: 50}},
	}
	quote, err := q.QuoteReceive(context.Background(), fx.FromMinor(12000, krw), cny)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range quote.Steps {
		fmt.Println(s.Name, s.Value)
	}
	fmt.Println("pay", quote.Source, "for", quote.Destination)
	// Output:
	// provider rate (static) 192.3
	// scheme margin 191.3385
	// pay 62.72 CNY for 12000 KRW
}

func ExampleParseRate() {
	krw, cny := fx.MustCurrency("KRW"), fx.MustCurrency("CNY")
	rate, err := fx.ParseRate("0.0052", krw, cny) // no decimal package needed
	if err != nil {
		fmt.Println(err)
		return
	}
	paid, _ := fx.Convert(fx.FromMinor(12000, krw), rate, fx.HalfEven)
	fmt.Println(paid)
	// Output: 62.40 CNY
}

func ExampleAmount_MulBasisPoints() {
	price := fx.FromMinor(12345, fx.MustCurrency("KRW"))
	fee, _ := price.MulBasisPoints(300, fx.Up) // a 3% convenience fee, rounded up
	fmt.Println(fee)
	// Output: 371 KRW
}

func ExampleAmount_Split() {
	refund := fx.FromMinor(10000, fx.MustCurrency("USD"))
	parts, _ := refund.Split(3) // a refund in three parts
	fmt.Println(parts[0], parts[1], parts[2])
	shares, _ := fx.FromMinor(5, fx.MustCurrency("USD")).Allocate(1, 1, 1)
	fmt.Println(shares[0], shares[1], shares[2])
	// Output:
	// 33.34 USD 33.33 USD 33.33 USD
	// 0.02 USD 0.02 USD 0.01 USD
}

func ExampleAmount_Format() {
	fmt.Println(fx.FromMinor(12000, fx.MustCurrency("KRW")).Format("ko"))
	fmt.Println(fx.FromMinor(6240, fx.MustCurrency("CNY")).Format("zh"))
	fmt.Println(fx.FromMinor(125000, fx.MustCurrency("THB")).Format("th"))
	fmt.Println(fx.FromMinor(123450, fx.MustCurrency("EUR")).Format("de"))
	// Output:
	// ₩12,000
	// ¥62.40
	// ฿1,250.00
	// €1.234,50
}
