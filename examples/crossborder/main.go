// Command crossborder runs scenario 1 of qrbridge end to end, with no
// set-up: a Chinese tourist in Seoul pays a Korean street-food stall's Zero
// Pay sticker with WeChat Pay.
//
//	go run ./examples/crossborder
//
// Every part is in the program or in process: the sticker is rendered as
// a PNG and read back from the image (package qr), the merchant comes from
// a sample Zero Pay directory, the rate from a static table dated below,
// and WeChat Pay is the fake server of package wechat/wechattest, spoken to
// over real HTTP on the loopback interface. Nothing leaves the machine.
package main

import (
	"fmt"
	"os"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "crossborder:", err)
		os.Exit(1)
	}
}
