package emvco

import "testing"

func benchParse(b *testing.B, s string) {
	b.ReportAllocs()
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		if _, err := Parse(s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseEMVCoExample(b *testing.B) { benchParse(b, emvSpecExample) }
func BenchmarkParsePix(b *testing.B)          { benchParse(b, pixExample) }

// BenchmarkParseCorpus parses the corpus payloads the allocation budget
// of issue 12 named: the longest (a 513-byte Pix code), one of 274 bytes,
// and PromptPay #32 and DuitNow #57, whose 80-99 values are not TLV.
func BenchmarkParseCorpus(b *testing.B) {
	c := loadCorpus(b)
	for _, tt := range []struct {
		name  string
		entry int
	}{{"pix-513", 18}, {"pix-274", 17}, {"promptpay-32", 32}, {"duitnow-57", 57}} {
		b.Run(tt.name, func(b *testing.B) { benchParse(b, c[tt.entry].Payload) })
	}
}

func BenchmarkParseCRCMismatch(b *testing.B) {
	bad := pixExample[:len(pixExample)-1] + "0"
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(bad); err == nil {
			b.Fatal("accepted")
		}
	}
}

func BenchmarkBuildEMVCoExample(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(emvSpecExample)))
	for b.Loop() {
		var bl Builder
		buildSpecExample(&bl)
		if _, err := bl.Encode(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBuildPixReused(b *testing.B) {
	b.ReportAllocs()
	var bl Builder
	for b.Loop() {
		bl.Reset()
		buildPixExample(&bl)
		if _, err := bl.Bytes(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCRC measures the CRC of the specification example beside the
// alternatives: one table, a byte a step, and the bitwise reference.
func BenchmarkCRC(b *testing.B) {
	data := []byte(emvSpecExample)
	for _, alt := range []struct {
		name string
		crc  func([]byte) uint16
	}{{"tables16", CRC}, {"table1", crcOneTable}, {"bitwise", crcBitwise}} {
		b.Run(alt.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				alt.crc(data)
			}
		})
	}
}

func BenchmarkLookup(b *testing.B) {
	p, _ := Parse(emvSpecExample)
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := p.Lookup("62.07"); !ok {
			b.Fatal("missing")
		}
	}
}

func BenchmarkEdit(b *testing.B) {
	p, _ := Parse(pixExample)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Edit().Set("54", "12.50").Set("01", "12").Encode(); err != nil {
			b.Fatal(err)
		}
	}
}
