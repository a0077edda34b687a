package redisstore_test

import (
	"errors"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/qrbridge/qrbridge/translate"
	"github.com/qrbridge/qrbridge/translate/redisstore"
	"github.com/qrbridge/qrbridge/translate/storetest"
	"github.com/qrbridge/qrbridge/wechat/wechattest"
)

func TestQuotes(t *testing.T) {
	srv := startRedis(t)
	storetest.TestQuoteStore(t, func(*testing.T) translate.QuoteStore { return srv.stores().Quotes })
}

func TestLimits(t *testing.T) {
	srv := startRedis(t)
	storetest.TestLimitStore(t, func(*testing.T) translate.LimitStore { return srv.stores().Limits })
}

func TestIdempotency(t *testing.T) {
	srv := startRedis(t)
	storetest.TestIdempotencyStore(t, func(*testing.T) translate.IdempotencyStore { return srv.stores().Idempotency })
}

func TestNewRefusesClientWithoutContextTimeouts(t *testing.T) {
	c := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1"})
	defer c.Close()
	if _, err := redisstore.New(c, redisstore.Options{}); !errors.Is(err, redisstore.ErrContextTimeout) {
		t.Fatalf("New = %v, want ErrContextTimeout", err)
	}
}

func TestRefunds(t *testing.T) {
	srv := startRedis(t)
	storetest.TestRefundLedger(t, func(*testing.T) translate.RefundLedger { return srv.stores().Refunds })
}

// TestReplayContract runs the wechat package's contract test of a replay
// store against Replay.
func TestReplayContract(t *testing.T) {
	srv := startRedis(t)
	if err := wechattest.TestReplayStore(srv.stores().Replay); err != nil {
		t.Fatal(err)
	}
}
