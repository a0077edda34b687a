package emvco_test

import (
	"errors"
	"fmt"

	"github.com/qrbridge/qrbridge/emvco"
)

func ExampleParse() {
	p, err := emvco.Parse("00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A")
	if err != nil {
		fmt.Println(err)
		return
	}
	amount, _ := p.Amount()
	lang, _ := p.Language()
	fmt.Println(p.MerchantName(), "/", lang.Name)
	fmt.Println(amount, p.Currency(), p.Initiation())
	for ma := range p.MerchantAccounts() {
		fmt.Println(ma.ID, ma.GUID)
	}
	// Output:
	// BEST TRANSPORT / 最佳运输
	// 23.72 156 dynamic
	// 29 D15600000000
	// 31 D15600000001
}

func ExampleParse_error() {
	_, err := emvco.Parse("00020101021229300012D156000000000510A93FO3230Q5204411153031565802CN5914BEST TRANSPORT6007BEIJING6304FFFF")
	var pe *emvco.ParseError
	if errors.As(err, &pe) && errors.Is(err, emvco.ErrCRC) {
		fmt.Println(pe.Path, pe.Offset)
	}
	fmt.Println(err)
	// Output:
	// 63 100
	// emvco: 63: crc mismatch: crc does not match the payload (byte 100)
}

func ExampleBuilder() {
	var b emvco.Builder
	b.Add(emvco.TagPayloadFormat, "01")
	b.Template(26, func(b *emvco.Builder) {
		b.Add(emvco.TagGUID, "br.gov.bcb.pix").Add(1, "123e4567-e12b-12d1-a456-426655440000")
	})
	b.Add(emvco.TagMerchantCategoryCode, "0000").Add(emvco.TagTransactionCurrency, "986")
	b.Add(emvco.TagCountryCode, "BR").Add(emvco.TagMerchantName, "Fulano de Tal").Add(emvco.TagMerchantCity, "BRASILIA")
	b.Template(emvco.TagAdditionalData, func(b *emvco.Builder) { b.Add(emvco.TagReferenceLabel, "***") })
	s, err := b.Encode()
	fmt.Println(s, err)
	// Output:
	// 00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D <nil>
}

func ExamplePayload_Lookup() {
	p, _ := emvco.Parse("00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D")
	for _, path := range []string{"26.00", "26.01", "62.05", "54"} {
		v, ok := p.Lookup(path)
		fmt.Printf("%s %q %v\n", path, v, ok)
	}
	// Output:
	// 26.00 "br.gov.bcb.pix" true
	// 26.01 "123e4567-e12b-12d1-a456-426655440000" true
	// 62.05 "***" true
	// 54 "" false
}

func ExamplePayload_Edit() {
	p, _ := emvco.Parse("00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D")
	q, err := p.Edit().Set("01", "12").Set("54", "10.00").Set("62.05", "ORDER42").Payload()
	if err != nil {
		fmt.Println(err)
		return
	}
	amount, _ := q.Amount()
	ad, _ := q.AdditionalData()
	fmt.Println(q.Initiation(), amount, ad.ReferenceLabel())
	// Output:
	// dynamic 10.00 ORDER42
}

func ExampleDecoder() {
	// A real VietQR payload (vietqr-ts fixture) whose generator counted
	// 62.08 in UTF-8 bytes.
	const vietqr = "00020101021238570010A00000072701390006970422011301234567890200208QRIBFTTA53037045405100005802VN62260822Thanh toán hóa đơn630432F8"
	_, err := emvco.Parse(vietqr)
	fmt.Println(errors.Is(err, emvco.ErrSyntax))
	d := emvco.Decoder{AllowByteLengths: true}
	p, err := d.Parse(vietqr)
	if err != nil {
		fmt.Println(err)
		return
	}
	purpose, _ := p.Lookup("62.08")
	fmt.Println(p.Notes().ByteLengths, purpose)
	// Output:
	// true
	// true Thanh toán hóa đơn
}

func ExamplePayload_Money() {
	p, _ := emvco.Parse("00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A")
	m, err := p.Money()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m, m.Currency().MinorUnits())
	// Output:
	// 23.72 CNY 2
}

func ExampleLint() {
	// A Pix code whose name is over 25 characters and whose city is not
	// ans: real payers' apps pay it, the linter reports it.
	p, _ := emvco.Parse("00020101021126330014br.gov.bcb.pix0111002051041185204000053039865406350.005802BR5928Leone Parise Vieira da Silva6006Maceió62070503***6304E5FB")
	for _, f := range emvco.Lint(p) {
		fmt.Println(f.Severity, f.Rule, f.Path, "-", f.Ref)
	}
	// Output:
	// warning mpm-mcc-not-applicable 52 - EMV MPM v1.1 Table 3.6 (ID 52), ISO 18245
	// error mpm-name-length 59 - EMV MPM v1.1 Table 3.6 (IDs 52-61)
	// error mpm-format-ans 60 - EMV MPM v1.1 Table 3.6 (formats N, ans, S)
}
