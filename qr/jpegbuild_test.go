package qr

import "bytes"

// bitWriter writes JPEG entropy-coded bits, stuffing a zero after 0xFF.
type bitWriter struct {
	out bytes.Buffer
	acc uint32
	n   uint
}

func (w *bitWriter) bits(v uint32, n uint) {
	for i := int(n) - 1; i >= 0; i-- {
		w.acc = w.acc<<1 | v>>uint(i)&1
		if w.n++; w.n == 8 {
			w.out.WriteByte(byte(w.acc))
			if byte(w.acc) == 0xFF {
				w.out.WriteByte(0)
			}
			w.acc, w.n = 0, 0
		}
	}
}

func (w *bitWriter) bytes() []byte {
	for w.n != 0 {
		w.bits(1, 1)
	}
	return w.out.Bytes()
}

// progressiveJPEG builds, by hand (ITU-T T.81 Annex G), a grey
// progressive JPEG of w×h mid-grey pixels: one DC scan and acScans
// identical AC scans, each an end-of-band run over every block, so that
// a scan costs a few bytes and a pass over the whole image.
func progressiveJPEG(w, h, acScans int) []byte {
	var b bytes.Buffer
	seg := func(marker byte, payload ...byte) {
		b.Write([]byte{0xFF, marker, byte((len(payload) + 2) >> 8), byte(len(payload) + 2)})
		b.Write(payload)
	}
	b.Write([]byte{0xFF, 0xD8})
	dqt := make([]byte, 65)
	for i := 1; i < 65; i++ {
		dqt[i] = 1
	}
	seg(0xDB, dqt...)
	seg(0xC2, 8, byte(h>>8), byte(h), byte(w>>8), byte(w), 1, 1, 0x11, 0)
	dc := make([]byte, 18) // one code, "0", for a DC difference of 0
	dc[1] = 1
	seg(0xC4, dc...)
	ac := make([]byte, 17+15) // EOB0 … EOB14, 4-bit codes
	ac[0], ac[4] = 0x10, 15
	for i := range 15 {
		ac[17+i] = byte(i << 4)
	}
	seg(0xC4, ac...)
	blocks := ((w + 7) / 8) * ((h + 7) / 8)
	seg(0xDA, 1, 1, 0x00, 0, 0, 0)
	var dcw bitWriter
	for range blocks {
		dcw.bits(0, 1)
	}
	b.Write(dcw.bytes())
	var aw bitWriter
	for r := blocks; r > 0; {
		run := min(r, 32767)
		n := uint(0)
		for 1<<(n+1) <= run {
			n++
		}
		aw.bits(uint32(n), 4)
		aw.bits(uint32(run-1<<n), n)
		r -= run
	}
	acData := aw.bytes()
	for range acScans {
		seg(0xDA, 1, 1, 0x00, 1, 63, 0)
		b.Write(acData)
	}
	b.Write([]byte{0xFF, 0xD9})
	return b.Bytes()
}
