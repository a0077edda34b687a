package translate

import (
	"context"

	"github.com/qrbridge/qrbridge/wechat"
)

// wechatMerchantLeg builds the merchant leg of a WeChat Pay merchant code
// that the CodeResolver identified (a code_url, a mode 1 link): a
// *WeChatOrder priced in the merchant's currency (CNY at a mainland
// merchant), which a foreign wallet pays through WeChat Pay's cross-border
// gateway for foreign wallets. Merchant is the resolved merchant account at
// WeChat Pay (the first account's ID as sub-merchant), in institutional
// mode under the Translator's WeChat institution.
var wechatMerchantLeg = LegBuilder{
	Build: func(_ context.Context, in *LegInput) (Leg, error) {
		m := &in.Intent.Merchant
		acct := in.Translator.WeChat
		if in.Account.ID != "" {
			acct.SubMchID = in.Account.ID
		}
		o := &WeChatOrder{
			Merchant: acct,
			Order: wechat.Order{
				Description:          firstNonEmpty(m.Name, m.LocalName, "payment"),
				OutTradeNo:           "QB" + in.Quote.ID,
				Total:                in.MerchantTotal(),
				MerchantCategoryCode: m.MCC,
			},
			PayerTotal: in.PayerTotal(), QuoteID: in.Quote.ID,
		}
		return Leg{Scheme: "wechat", Amount: o.Order.Total, Request: o}, nil
	},
	Claims: []FieldTarget{
		{FieldAccount, "wechat.sub_mchid"},
		{FieldName, "wechat.description"},
		{FieldMCC, "wechat.merchant_category_code"},
		{FieldAmount, "wechat.amount.total"},
		{FieldCurrency, "wechat.amount.currency"},
		{FieldTip, "wechat.amount.total"},
	},
}
