package cpm

import "testing"

func BenchmarkParse(b *testing.B) {
	for _, bm := range []struct{ name, in string }{
		{"AnnexB1", annexB1},
		{"AnnexB2", annexB2},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(bm.in)))
			for b.Loop() {
				if _, err := Parse(bm.in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("refused", func(b *testing.B) { // a duplicate tag deep in the payload
		in := cpmOf("61214F07A0000000555555570F1234567890123458D191220112345F" + "50024142" + "500141")
		b.ReportAllocs()
		b.SetBytes(int64(len(in)))
		for b.Loop() {
			if _, err := Parse(in); err == nil {
				b.Fatal("accepted")
			}
		}
	})
}

func BenchmarkSelect(b *testing.B) {
	c, err := Parse(annexB2)
	if err != nil {
		b.Fatal(err)
	}
	aid := []byte{0xA0, 0x00, 0x00, 0x00, 0x66}
	b.ReportAllocs()
	for b.Loop() {
		d, err := c.Select(aid)
		if err != nil {
			b.Fatal(err)
		}
		if _, ok := d.PAN(); !ok {
			b.Fatal("no pan")
		}
	}
}

func BenchmarkEncode(b *testing.B) {
	b.ReportAllocs()
	aid, track := unhex("A0000000555555"), unhex("1234567890123458D191220112345F")
	for b.Loop() {
		var bld Builder
		bld.Application(func(b *Builder) { b.Add(TagADFName, aid).Add(TagTrack2, track) })
		if _, err := bld.Encode(); err != nil {
			b.Fatal(err)
		}
	}
}
