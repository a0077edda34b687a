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
