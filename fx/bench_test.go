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
