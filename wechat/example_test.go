package wechat_test

import (
	"context"
	"fmt"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/wechat"
	"github.com/qrbridge/qrbridge/wechat/wechattest"
)

func ExampleParse() {
	for _, s := range []string{
		"weixin://wxpay/bizpayurl?pr=9xFPmlUzz",
		"134567890123456789",
		"154567890123456789",
	} {
		c, err := wechat.Parse(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		switch c.Kind {
		case wechat.KindCodeURL:
			fmt.Println(c.Kind, c.CodeURL.Token)
		case wechat.KindPaymentCode:
			fmt.Println(c.Kind, "cross-border:", c.PaymentCode.CrossBorder())
		}
	}
	// Output:
	// native code_url 9xFPmlUzz
	// payment code cross-border: true
	// payment code cross-border: false
}

func ExampleSignV2() {
	// WeChat Pay's own documentation example.
	params := map[string]string{
		"appid": "wxd930ea5d5a258f4f", "mch_id": "10000100", "device_info": "1000",
		"body": "test", "nonce_str": "ibuaiVcKdpRxkhJA",
	}
	key := wechat.NewSecret("192006250b4c09247ec02edce69f6a2d")
	sign, _ := wechat.SignV2(params, key, wechat.SignMD5)
	fmt.Println(sign, key)
	// Output: 9A0A8659F005D6984697E2CA0A9CF3B7 [redacted]
}

func ExampleClient_QuickPay() {
	// A fake WeChat Pay; in production BaseURL is empty (apihk.mch.weixin.qq.com).
	srv := wechattest.Start(wechattest.Options{})
	defer srv.Close()
	c := srv.Client()
	code, _ := wechat.ParsePaymentCode("134567890123456789")
	req := wechat.V3QuickPayRequest{Order: wechat.Order{
		Description: "Myeongdong Kalguksu", OutTradeNo: "ZP20261201000001",
		Total: fx.FromMinor(12000, fx.MustCurrency("KRW")), MerchantCategoryCode: "5812",
	}, AuthCode: code}

	srv.Script(wechattest.UserPaying) // the payer is entering the password
	_, err := c.QuickPay(context.Background(), req)
	if wechat.IsUncertain(err) {
		// QuickPayRule: query until settled (up to 30 s), then reverse.
		tx, err := c.Query(context.Background(), req.OutTradeNo)
		if err != nil {
			fmt.Println(err)
			return
		}
		pay, _ := tx.Payment()
		fmt.Println(tx.TradeState, pay.Total, "paid as", pay.PayerTotal)
	}
	// Output: SUCCESS 12000 KRW paid as 62.40 CNY
}
