package translate

import (
	"context"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/wechat"
)

// WeChatAccount is the payer-side institution's WeChat Pay cross-border
// account, in institutional mode: the institution's AppID and MchID
// (sp_appid, sp_mchid), the sub-merchant its link's merchants settle
// under, the IP it calls from and its notification URL (WeChat Pay
// cross-border institutional mode:
// https://pay.weixin.qq.com/wiki/doc/api/wxpay/ch/pages/ico-guide/chapter1_4.shtml).
// The zero value leaves them empty for the authorization layer to fill.
type WeChatAccount struct {
	AppID          string
	MchID          string
	SubMchID       string
	SpbillCreateIP string
	NotifyURL      string
}

// WeChatOrder is the payer leg of a WeChat Pay user: a cross-border order
// in institutional mode priced in the merchant's currency — fee_type is
// the merchant's currency (KRW at a Zero Pay merchant) and total_fee its
// minor units (whole won) — which WeChat Pay charges the user in CNY at its
// own rate (cash_fee). PayerTotal is our quote's CNY amount, which the
// authorizer checks the charged amount against. MCC is the merchant's
// category code, from the code or mapped from its Korean industry code.
//
// Amounts are integers in the currency's minor unit, and KRW's minor unit
// is the won (WeChat Pay cross-border API:
// https://pay.weixin.qq.com/wiki/doc/api/wxpay/en/sub_merchant_entry/chapter2_1.shtml).
type WeChatOrder struct {
	Order      wechat.V2Order
	MCC        string
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
		acct := &in.Translator.WeChat
		m := &in.Intent.Merchant
		o := &WeChatOrder{
			Order: wechat.V2Order{
				AppID: acct.AppID, MchID: acct.MchID, SubMchID: acct.SubMchID,
				Body:       firstNonEmpty(m.Name, m.LocalName, "payment"),
				OutTradeNo: "QB" + in.Quote.ID,
				Total:      total, SpbillCreateIP: acct.SpbillCreateIP,
			},
			MCC: m.MCC, PayerTotal: in.PayerTotal(), QuoteID: in.Quote.ID,
		}
		return Leg{Scheme: "wechat", Amount: o.PayerTotal, Request: o}, nil
	},
	Claims: []FieldTarget{
		{FieldName, "wechat.body"},
		{FieldMCC, "wechat.mcc"},
		{FieldAmount, "wechat.total_fee"},
		{FieldCurrency, "wechat.fee_type"},
		{FieldTip, "wechat.total_fee"},
	},
}
