package fx

import (
	"context"
	"testing"
	"time"
)

func BenchmarkConvertCachedRate(b *testing.B) {
	c := NewCache(NewStatic(Rate{Base: krw, Quote: cny, Value: dec("0.0052")}), time.Hour, nil)
	ctx := context.Background()
	amount := FromMinor(12000, krw)
	b.ReportAllocs()
	for b.Loop() {
		r, err := c.Rate(ctx, krw, cny)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Convert(amount, r, HalfEven); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkConvertCachedRateParallel(b *testing.B) {
	c := NewCache(NewStatic(Rate{Base: krw, Quote: cny, Value: dec("0.0052")}), time.Hour, nil)
	ctx := context.Background()
	amount := FromMinor(12000, krw)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			r, err := c.Rate(ctx, krw, cny)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := Convert(amount, r, HalfEven); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkParseAmount(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseAmount("23.72", cny); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCacheHit(b *testing.B) {
	c := NewCache(NewStatic(Rate{Base: krw, Quote: cny, Value: dec("0.0052")}), time.Hour, nil)
	ctx := context.Background()
	if _, err := c.Rate(ctx, krw, cny); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Rate(ctx, krw, cny); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCacheMiss: a TTL of zero makes every call a miss: the
// singleflight call in its goroutine, the upstream and the store.
func BenchmarkCacheMiss(b *testing.B) {
	c := NewCache(NewStatic(Rate{Base: krw, Quote: cny, Value: dec("0.0052")}), 0, nil)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Rate(ctx, krw, cny); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCacheFill20000Pairs fills a new cache with 20,000 distinct
// pairs per iteration.
func BenchmarkCacheFill20000Pairs(b *testing.B) {
	up := ProviderFunc(func(_ context.Context, base, quote Currency) (Rate, error) {
		return Rate{Base: base, Quote: quote, Value: dec("2")}, nil
	})
	all := Currencies()
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		c := NewCache(up, time.Hour, nil)
		n := 0
	fill:
		for _, x := range all {
			for _, y := range all {
				if n == 20000 {
					break fill
				}
				if _, err := c.Rate(ctx, x, y); err != nil {
					b.Fatal(err)
				}
				n++
			}
		}
	}
}

func BenchmarkMulBasisPoints(b *testing.B) {
	price := FromMinor(12345, krw)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := price.MulBasisPoints(300, Up); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSplit3(b *testing.B) {
	a := FromMinor(10000, usd)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := a.Split(3); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFormat(b *testing.B) {
	a := FromMinor(12000, krw)
	b.ReportAllocs()
	for b.Loop() {
		if a.Format("ko") == "" {
			b.Fatal("empty")
		}
	}
}
