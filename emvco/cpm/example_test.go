package cpm_test

import (
	"encoding/hex"
	"fmt"

	"github.com/qrbridge/qrbridge/emvco/cpm"
)

func ExampleParse() {
	// EMV CPM v1.0 Annex B: two applications and a common data template.
	c, err := cpm.Parse("hQVDUFYwMWETTwegAAAAVVVVUAhQcm9kdWN0MWETTwegAAAAZmZmUAhQcm9kdWN0MmJJWggSNFZ4kBI0WF8gDkNBUkRIT0xERVIvRU1WXy0IcnVlc2RlZW5kIZ8QBwYBCgMAAACfJghYT9OF+iNLzJ82AgABnzcEbVjvEw==")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c)                                             // a masked summary, never card data
	poi, err := c.Select([]byte{0xA0, 0x00, 0x00, 0x00, 0x66}) // the terminal's AID, a prefix
	if err != nil {
		fmt.Println(err)
		return
	}
	pan, _ := poi.PAN()
	fmt.Println(poi.Label(), pan, pan.Last4(), poi.Languages())
	// Output:
	// CPV01 [A0000000555555 Product1 ************3458] [A0000000666666 Product2 ************3458]
	// Product2 ************3458 3458 [ru es de en]
}

func ExampleBuilder() {
	aid, _ := hex.DecodeString("A0000000555555")
	track2, _ := hex.DecodeString("1234567890123458D191220112345F")
	var b cpm.Builder
	b.Application(func(b *cpm.Builder) {
		b.Add(cpm.TagADFName, aid).Add(cpm.TagTrack2, track2)
	})
	s, err := b.Encode()
	fmt.Println(s, err)
	fmt.Println(b) // the builder prints its size, never its content
	// Output:
	// hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8= <nil>
	// cpm.Builder(35 bytes)
}

func ExamplePAN() {
	c, _ := cpm.Parse("hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8=")
	poi, _ := c.Select([]byte{0xA0, 0x00, 0x00, 0x00, 0x55, 0x55, 0x55})
	pan, _ := poi.PAN()
	t2, _ := poi.Track2()
	fmt.Printf("%v %x %d\n", pan, pan, t2)
	fmt.Println(t2.Expiry(), t2.ServiceCode())
	// Output:
	// ************3458 ************3458 ************3458D****
	// 1912 201
}
