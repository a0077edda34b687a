package redisstore

import (
	"context"
	"time"

	"github.com/qrbridge/qrbridge/translate"
)

// Idempotency is a [translate.IdempotencyStore] on Redis: a record (a hash
// with the request's fingerprint, state, holder and result) kept for the
// window, and a lease key set with PX that names the holder while it
// lives. A holder that crashes stops renewing nothing: its lease key simply
// expires, and the next claim receives the request as an orphan
// ([translate.ClaimOrphan]) to resolve by query. Create it with [New].
type Idempotency struct{ base }

func (s *Idempotency) keys(key string) []string {
	rec := s.prefix + "i{" + lp(key) + "}"
	return []string{rec, rec + "lease"}
}

// Claim implements [translate.IdempotencyStore].
func (s *Idempotency) Claim(ctx context.Context, key, hash, token string, lease time.Duration) (translate.Claim, error) {
	switch {
	case key == "":
		return translate.Claim{}, invalid("idempotency key", "empty")
	case hash == "":
		return translate.Claim{}, invalid("request hash", "empty")
	case token == "":
		return translate.Claim{}, invalid("lease token", "empty")
	case lease <= 0:
		return translate.Claim{}, invalid("lease", "not positive")
	}
	v, err := s.run(ctx, "idempotency", "claim", scriptIdemClaim, s.keys(key), hash, token, max(lease.Milliseconds(), 1), s.window.Milliseconds())
	if err != nil {
		return translate.Claim{}, err
	}
	reply, ok := v.([]any)
	if !ok || len(reply) == 0 {
		return translate.Claim{}, badReply("idempotency", "claim")
	}
	switch code, _ := replyInt(reply[0]); code {
	case 1:
		return translate.Claim{State: translate.ClaimNew, Token: token}, nil
	case 3:
		return translate.Claim{State: translate.ClaimOrphan, Token: token}, nil
	case 2:
		if len(reply) == 2 {
			if r, ok := reply[1].(string); ok {
				return translate.Claim{State: translate.ClaimDone, Result: []byte(r)}, nil
			}
		}
	case -1:
		return translate.Claim{}, translate.ErrIdempotencyConflict
	case -2:
		return translate.Claim{}, translate.ErrInProgress
	}
	return translate.Claim{}, badReply("idempotency", "claim")
}

// Complete implements [translate.IdempotencyStore].
func (s *Idempotency) Complete(ctx context.Context, key, token string, result []byte) error {
	return s.end(ctx, "complete", key, token, result)
}

// Unlock implements [translate.IdempotencyStore].
func (s *Idempotency) Unlock(ctx context.Context, key, token string) error {
	return s.end(ctx, "unlock", key, token, nil)
}

// Forget implements [translate.IdempotencyStore].
func (s *Idempotency) Forget(ctx context.Context, key, token string) error {
	return s.end(ctx, "forget", key, token, nil)
}

func (s *Idempotency) end(ctx context.Context, op, key, token string, result []byte) error {
	v, err := s.run(ctx, "idempotency", op, scriptIdemEnd, s.keys(key), token, op, result, s.window.Milliseconds())
	if err != nil {
		return err
	}
	if n, _ := replyInt(v); n != 1 {
		return translate.ErrLeaseLost
	}
	return nil
}
