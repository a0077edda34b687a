package translate

import "testing"

// BenchmarkDetect runs Detect over one code of each kind.
func BenchmarkDetect(b *testing.B) {
	for _, r := range detectRows {
		b.Run(r.kind.String(), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(r.raw)))
			for b.Loop() {
				_ = Detect(r.raw)
			}
		})
	}
}
