// Package redisstore implements the authorization stores of package
// translate, and WeChat Pay's nonce replay store, on Redis, so that several
// replicas of a service share them: a retry that lands on another replica
// finds the first result, a quote is consumed once across all of them, and
// a daily limit is counted once, not once per replica.
//
// It is the only package of the module that imports a Redis client
// (github.com/redis/go-redis/v9); the core packages stay free of it.
//
// # Operations
//
//   - [Idempotency]: a claim is a Lua script that creates the record and
//     takes its lease with SET … PX in one step; the lease is its own key,
//     so a crashed holder's lease ends by itself and the next claim gets the
//     request as an orphan, to resolve by query, never to send again.
//   - [Quotes]: issue with SET … PXAT at the quote's expiry; consume is an
//     atomic compare-and-delete (Lua).
//   - [Limits]: reserve, commit and release are Lua scripts over integer
//     minor units (INCRBY/DECRBY), with the day keys in the corridor's time
//     zone expiring an hour after that day ends.
//   - [Replay]: a WeChat Pay nonce is recorded with SET NX PXAT.
//   - [Refunds]: each payment's refunded total, checked and added by a Lua
//     script, idempotent by refund ID.
//
// Every operation runs under the caller's context, and every failure (a
// connection refused, a timeout, a script error) is a
// [*translate.StoreError] matching [translate.ErrStore]: the middleware
// refuses the payment, it never approves one it could not check (fail
// closed).
//
// # Keys
//
// Every key starts with the caller's prefix (Options.Prefix), so services
// share one Redis without clashing. The keys one script touches share a
// Redis Cluster hash tag ({…}); the variable parts are length-prefixed so
// that no corridor, payer or idempotency key can forge another's key. The
// prefix itself must not contain '{' or '}'.
//
// # Durability
//
// A Redis restart that loses data loses idempotency records and quote and
// limit state, and then a retry may authorize again. Run Redis with the
// append-only file and appendfsync always (or accept everysec's one-second
// window), as the tests here do when they kill and restart the server.
package redisstore

import (
	"context"
	_ "embed"
	"errors"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/qrbridge/qrbridge/translate"
)

// Options configure the stores. The zero value means the defaults.
type Options struct {
	// Prefix starts every key, such as "shop-a:prod:"; empty means
	// "qrbridge:". It namespaces services that share a Redis.
	Prefix string
	// Window is how long idempotency records are kept; values below
	// translate.MinIdempotencyWindow (24 hours) mean that minimum.
	Window time.Duration
}

// Stores holds one of each store over the same client and prefix.
type Stores struct {
	Quotes      *Quotes
	Limits      *Limits
	Idempotency *Idempotency
	Replay      *Replay
	Refunds     *Refunds
}

// ErrContextTimeout reports a go-redis client created without
// ContextTimeoutEnabled: such a client ignores contexts' deadlines, which
// the stores must honour.
var ErrContextTimeout = errors.New("redisstore: client must have ContextTimeoutEnabled")

// New returns the stores on client c. A *redis.Client or
// *redis.ClusterClient must have been created with ContextTimeoutEnabled:
// true (else [ErrContextTimeout]), so that every command ends at its
// context's deadline. The stores are safe for concurrent use; the client is
// the caller's, who closes it.
func New(c redis.UniversalClient, o Options) (Stores, error) {
	switch c := c.(type) {
	case *redis.Client:
		if !c.Options().ContextTimeoutEnabled {
			return Stores{}, ErrContextTimeout
		}
	case *redis.ClusterClient:
		if !c.Options().ContextTimeoutEnabled {
			return Stores{}, ErrContextTimeout
		}
	}
	if o.Prefix == "" {
		o.Prefix = "qrbridge:"
	}
	b := base{c: c, prefix: o.Prefix, window: max(o.Window, translate.MinIdempotencyWindow)}
	return Stores{
		Quotes:      &Quotes{b},
		Limits:      &Limits{b},
		Idempotency: &Idempotency{b},
		Replay:      &Replay{b},
		Refunds:     &Refunds{b},
	}, nil
}

type base struct {
	c      redis.UniversalClient
	prefix string
	window time.Duration
}

// run runs script s and turns every failure into a *translate.StoreError.
func (b base) run(ctx context.Context, store, op string, s *redis.Script, keys []string, args ...any) (any, error) {
	if err := ctx.Err(); err != nil {
		return nil, &translate.StoreError{Store: store, Op: op, Err: err}
	}
	v, err := s.Run(ctx, b.c, keys, args...).Result()
	if err != nil {
		return nil, &translate.StoreError{Store: store, Op: op, Err: err}
	}
	return v, nil
}

// lp length-prefixes a key part.
func lp(s string) string { return strconv.Itoa(len(s)) + ":" + s }

func ms(t time.Time) int64 { return t.UnixMilli() }

func replyInt(v any) (int64, bool) {
	n, ok := v.(int64)
	return n, ok
}

func badReply(store, op string) error {
	return &translate.StoreError{Store: store, Op: op, Err: errors.New("redisstore: unexpected script reply")}
}

var (
	//go:embed lua/quote_issue.lua
	srcQuoteIssue string
	//go:embed lua/quote_consume.lua
	srcQuoteConsume string
	//go:embed lua/limit_reserve.lua
	srcLimitReserve string
	//go:embed lua/limit_commit.lua
	srcLimitCommit string
	//go:embed lua/limit_release.lua
	srcLimitRelease string
	//go:embed lua/idem_claim.lua
	srcIdemClaim string
	//go:embed lua/idem_end.lua
	srcIdemEnd string
	//go:embed lua/refund_add.lua
	srcRefundAdd string

	scriptQuoteIssue   = redis.NewScript(srcQuoteIssue)
	scriptQuoteConsume = redis.NewScript(srcQuoteConsume)
	scriptLimitReserve = redis.NewScript(srcLimitReserve)
	scriptLimitCommit  = redis.NewScript(srcLimitCommit)
	scriptLimitRelease = redis.NewScript(srcLimitRelease)
	scriptIdemClaim    = redis.NewScript(srcIdemClaim)
	scriptIdemEnd      = redis.NewScript(srcIdemEnd)
	scriptRefundAdd    = redis.NewScript(srcRefundAdd)
)
