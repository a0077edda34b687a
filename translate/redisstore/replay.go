package redisstore

import (
	"context"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/qrbridge/qrbridge/translate"
	"github.com/qrbridge/qrbridge/wechat"
)

// Replay is WeChat Pay's nonce replay store (wechat.ReplayStore) on Redis:
// a nonce is a key set with SET NX PXAT until the end of the window in
// which a message carrying it would still be accepted. Create it with [New].
type Replay struct{ base }

// Claim records nonce until until and reports whether it was new. An error
// (Redis unreachable, the context's deadline) makes the verifier refuse
// the message: a nonce that could not be checked is never let through.
func (s *Replay) Claim(ctx context.Context, nonce string, until time.Time) (fresh bool, err error) {
	if err := ctx.Err(); err != nil {
		return false, &translate.StoreError{Store: "replay", Op: "claim", Err: err}
	}
	ok, err := s.c.SetArgs(ctx, s.prefix+"n:"+lp(nonce), "1", redis.SetArgs{Mode: "NX", ExpireAt: until}).Result()
	switch {
	case err == nil:
		return ok == "OK", nil
	case errors.Is(err, redis.Nil):
		return false, nil // NX: the nonce was there
	}
	return false, &translate.StoreError{Store: "replay", Op: "claim", Err: err}
}

var _ wechat.ReplayStore = (*Replay)(nil)
