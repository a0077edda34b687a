// Command sticker prints a Korean merchant's stickers as PNG and SVG files:
// its Zero Pay code, and one multi-network EMVCo code carrying its
// domestic D410 account beside UnionPay's template, so that a visiting
// wallet that reads EMVCo codes pays it through its own network. Each
// image is read back and checked.
//
//	go run ./examples/sticker [-out DIR]
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/qr"
	"github.com/qrbridge/qrbridge/translate"
)

// The merchant's Zero Pay sticker (its check characters are a fixture:
// the Annex B algorithm is not public).
const zeroPaySticker = "1-ZP-202012AB0123-T000000000000001--ABCD"

func main() {
	out := flag.String("out", filepath.Join(os.TempDir(), "qrbridge-stickers"), "directory for the images")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "sticker:", err)
		os.Exit(1)
	}
	fmt.Println("writing to", *out)
	if err := run(os.Stdout, *out); err != nil {
		fmt.Fprintln(os.Stderr, "sticker:", err)
		os.Exit(1)
	}
}

func run(w io.Writer, dir string) error {
	multi, err := translate.Sticker{
		Name: "HONGDAE TTEOKBOKKI", City: "SEOUL", Country: "KR", MCC: "5812",
		Currency: fx.MustCurrency("KRW"), LocalLanguage: "ko", LocalName: "홍대 떡볶이", LocalCity: "서울",
		Accounts: []translate.StickerAccount{
			{ID: 15, Value: "2600041026000410751128724000000"}, // UnionPay's template
			translate.KoreanAccount("000000001"),               // the domestic D410 account
		},
	}.Encode()
	if err != nil {
		return err
	}
	for _, s := range []struct{ name, text string }{{"zeropay", zeroPaySticker}, {"emvco-multi", multi}} {
		if err := write(w, dir, s.name, s.text); err != nil {
			return err
		}
	}
	return nil
}

// write renders text as name.png and name.svg in dir, reads the PNG back
// and says what a scanner would see.
func write(w io.Writer, dir, name, text string) error {
	sym, err := qr.Encode(text, qr.Options{})
	if err != nil {
		return err
	}
	png, err := sym.PNG()
	if err != nil {
		return err
	}
	svg, err := sym.SVG()
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, name+".svg"), []byte(svg), 0o644); err != nil {
		return err
	}
	back, err := qr.DecodeBytes(png)
	if err != nil {
		return err
	}
	d := translate.Detect(back.Text)
	_, err = fmt.Fprintf(w, "%s.png, %s.svg: QR version %d, %d modules; read back: %v; detected %s %v\n",
		name, name, sym.Version(), sym.Size(), back.Text == text, d.Kind, d.Schemes)
	return err
}
