package translate

import (
	"context"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/wechat"
)

// WeChatOrder is the payer leg of a WeChat Pay user: a cross-border order
// in institutional mode (Merchant: the institution's MchID and AppID, the
// sub-merchant its link's merchants settle under; WeChat Pay cross-border
// institutional mode:
// https://pay.weixin.qq.com/wiki/doc/api/wxpay/ch/pages/ico-guide/chapter1_4.shtml)
// priced in the merchant's currency: Order.Total is the merchant's amount,
// so fee_type is KRW at a Zero Pay merchant and total_fee is whole won,
// and WeChat Pay charges the user in CNY at its own rate (cash_fee).
// Order.MerchantCategoryCode is the merchant's MCC, from the code or mapped
// from its Korean industry code. PayerTotal is our quote's CNY amount,
// which the authorizer checks the charged amount against; QuoteID names
// the quote. Build the v2 or v3 request from Order and Merchant
// (wechat.V2QuickPayRequest, wechat.V3NativeRequest, …).
//
// Amounts are integers in the currency's minor unit, and KRW's minor unit
// is the won (WeChat Pay cross-border API:
// https://pay.weixin.qq.com/wiki/doc/api/wxpay/en/sub_merchant_entry/chapter2_1.shtml).
type WeChatOrder struct {
	Merchant   wechat.Merchant
	Order      wechat.Order
	PayerTotal fx.Amount
	QuoteID    string
}

// weChatPricing lists the currencies WeChat Pay prices cross-border orders
// in (fee_type), from the page cited on WeChatOrder.
var weChatPricing = map[string]bool{
	"CNY": true, "HKD": true, "GBP": true, "USD": true, "JPY": true, "CAD": true, "AUD": true, "EUR": true,
	"NZD": true, "KRW": true, "THB": true, "SGD": true, "RUB": true, "CHF": true, "SEK": true, "DKK": true,
	"NOK": true, "AED": true, "TRY": true, "MOP": true, "TWD": true, "CZK": true, "MYR": true, "PHP": true,
	"IDR": true, "MNT": true, "QAR": true, "HUF": true, "KHR": true, "ISK": true,
}

// wechatLeg builds the WeChat Pay payer leg: a *WeChatOrder whose total is
// the merchant's amount in the merchant's currency; the leg's Amount is
// the payer's, in CNY. A merchant currency WeChat Pay does not price in
// fails with ErrUnsupportedCurrency.
var wechatLeg = LegBuilder{
	Build: func(_ context.Context, in *LegInput) (Leg, error) {
		total := in.MerchantTotal()
		if !weChatPricing[total.Currency().Code()] {
			return Leg{}, fieldErr("currency", ErrUnsupportedCurrency, nil)
		}
		m := &in.Intent.Merchant
		o := &WeChatOrder{
			Merchant: in.Translator.WeChat,
			Order: wechat.Order{
				Description:          firstNonEmpty(m.Name, m.LocalName, "payment"),
				OutTradeNo:           "QB" + in.Quote.ID,
				Total:                total,
				MerchantCategoryCode: m.MCC,
			},
			PayerTotal: in.PayerTotal(), QuoteID: in.Quote.ID,
		}
		return Leg{Scheme: "wechat", Amount: o.PayerTotal, Request: o}, nil
	},
	Claims: []FieldTarget{
		{FieldName, "wechat.description"},
		{FieldMCC, "wechat.merchant_category_code"},
		{FieldAmount, "wechat.amount.total"},
		{FieldCurrency, "wechat.amount.currency"},
		{FieldTip, "wechat.amount.total"},
	},
}
