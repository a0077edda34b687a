package qr_test

import (
	"errors"
	"fmt"
	"image"

	"github.com/qrbridge/qrbridge/qr"
)

func ExampleEncode() {
	// The EMVCo specification example, with Chinese text in tag 64.
	s, err := qr.Encode("00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A", qr.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("version", s.Version(), "level", s.Level(), "eci", s.ECI())
	// Output: version 12 level M eci true
}

func ExampleDecodeBytes() {
	png, err := qr.PNG("1-ZP-202012AB0123-T000000000000001--X9-Z", qr.Options{Size: 256})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := qr.DecodeBytes(png)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Text, res.Segments)
	// Output: 1-ZP-202012AB0123-T000000000000001--X9-Z [alphanumeric numeric alphanumeric]
}

func ExampleResult_charset() {
	png, err := qr.PNG("Grüße aus Köln", qr.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := qr.DecodeBytes(png)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Text, res.Charset, res.ECI, len(res.Raw))
	// Output: Grüße aus Köln UTF-8 true 17
}

func ExampleEncode_logo() {
	logo := image.NewRGBA(image.Rect(0, 0, 32, 32))
	_, err := qr.Encode("00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A",
		qr.Options{Logo: logo, LogoPercent: 15})
	var le *qr.LogoError
	if errors.As(err, &le) {
		fmt.Println("refused; largest logo for this symbol:", le.MaxPercent, "%")
	}
	// Output: refused; largest logo for this symbol: 7 %
}
