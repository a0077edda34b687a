package wechat_test

import (
	"fmt"

	"github.com/qrbridge/qrbridge/wechat"
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
