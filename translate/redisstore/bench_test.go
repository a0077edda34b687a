package redisstore_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/qrbridge/qrbridge/translate"
	"github.com/qrbridge/qrbridge/translate/redisstore"
)

// BenchmarkReplicas drives the full middleware stack of four replicas, each
// with its own client, on one redis-server over loopback, with 4 or 32
// payments in flight. Each payment offers its quote (one round trip) and
// is authorized through idempotency, audit, limits and the quote guard
// (claim, reserve, consume, commit, complete: five round trips) by the
// Fake. It reports the latency percentiles of Authorize and the payments
// per second of all four replicas. Budget (issue 18): p99 ≤ 2 ms, ≥ 2,000
// payments/s.
//
// It runs under both append-only fsync policies: always (every
// acknowledged write on disk, what the fault test needs) and everysec
// (Redis's default for the append-only file: at most one second of writes
// lost in a crash), since fsync on every write is most of the latency.
func BenchmarkReplicas(b *testing.B) {
	for _, fsync := range []string{"always", "everysec"} {
		for _, inflight := range []int{4, 32} {
			b.Run(fmt.Sprintf("fsync=%s/inflight=%d", fsync, inflight), func(b *testing.B) { benchReplicas(b, fsync, inflight) })
		}
	}
}

func benchReplicas(b *testing.B, fsync string, inflight int) {
	srv := startRedisFsync(b, fsync)
	fake := new(translate.Fake)
	var stacks [4]translate.Authorizer
	var stores [4]redisstore.Stores
	for i := range stacks {
		stacks[i], stores[i] = replica(b, srv, fmt.Sprintf("bench%d:", b.N), fake, 1<<30, time.Minute)
	}
	expires := time.Now().Add(time.Hour)
	var next atomic.Int64
	lat := make([]time.Duration, b.N)
	var wg sync.WaitGroup
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for w := range inflight {
		wg.Go(func() {
			ctx := context.Background()
			for {
				i := int(next.Add(1)) - 1
				if i >= b.N {
					return
				}
				r := payment(fmt.Sprint("k", i), fmt.Sprint("p", i%500), fmt.Sprint("q", i), expires)
				rep := w % 4
				if err := translate.Offer(ctx, stores[rep].Quotes, r); err != nil {
					b.Error(err)
					return
				}
				t0 := time.Now()
				if _, err := stacks[rep].Authorize(ctx, r); err != nil {
					b.Error(err)
					return
				}
				lat[i] = time.Since(t0)
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	slices.Sort(lat)
	pct := func(p int) float64 { return float64(lat[(len(lat)-1)*p/100].Microseconds()) }
	b.ReportMetric(pct(50), "p50-µs")
	b.ReportMetric(pct(99), "p99-µs")
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "payments/s")
}
