package profile_test

import (
	"fmt"

	"github.com/qrbridge/qrbridge/emvco"
	"github.com/qrbridge/qrbridge/emvco/profile"
)

func ExampleRegistry_Linter() {
	// A real Thai PromptPay code (dtinth/promptpay-qr): PromptPay omits 52,
	// 59 and 60, which EMVCo alone calls errors.
	p, _ := emvco.Parse("00020101021129370016A000000677010111011300668012345675802TH530376463046197")
	fmt.Println(len(emvco.Lint(p)), "findings under EMVCo alone")
	fmt.Println(len(profile.Default().Linter().Lint(p)), "findings with the profiles")
	for _, m := range profile.Default().Schemes(p) {
		fmt.Println(m.Scheme, "in", m.Path)
	}
	// Output:
	// 3 findings under EMVCo alone
	// 0 findings with the profiles
	// promptpay in 29
}

func ExamplePixOf() {
	p, _ := profile.PixStatic("+5561912345678", "LOJA DO ZE", "BRASILIA", profile.PixOptions{Amount: "10.00", TxID: "PEDIDO42"})
	pix, _ := profile.PixOf(p)
	fmt.Println(pix.Key, pix.TxID)
	// Output: +5561912345678 PEDIDO42
}
