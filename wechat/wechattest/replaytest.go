package wechattest

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/qrbridge/qrbridge/wechat"
)

// TestReplayStore checks a [wechat.ReplayStore] implementation against
// the contract the [wechat.Verifier] relies on, the way
// testing/fstest.TestFS checks a file system: a fresh nonce is fresh
// once, a claimed nonce is not fresh again while its until lies ahead
// (five to ten minutes: the window a replay could still pass the
// timestamp check), distinct nonces do not collide, and of many
// concurrent claims of one nonce exactly one is fresh. The store must be
// empty of the nonces it uses (they start "wechattest-"). It returns the
// first broken rule.
func TestReplayStore(store wechat.ReplayStore) error {
	ctx := context.Background()
	now := time.Now()
	prefix := "wechattest-" + wechat.NewNonce() + "-"
	long, short := now.Add(10*time.Minute), now.Add(5*time.Minute)
	claim := func(n string, until time.Time) (bool, error) { return store.Claim(ctx, prefix+n, until) }
	if fresh, err := claim("a", long); err != nil || !fresh {
		return errors.New("wechattest: a new nonce is not fresh")
	}
	if fresh, err := claim("a", long); err != nil || fresh {
		return errors.New("wechattest: a claimed nonce is fresh again")
	}
	if fresh, err := claim("b", short); err != nil || !fresh {
		return errors.New("wechattest: a second nonce collides with the first")
	}
	if fresh, err := claim("b", short); err != nil || fresh {
		return errors.New("wechattest: a nonce claimed for five minutes is fresh again")
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	wins := 0
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if fresh, err := claim("c", long); err == nil && fresh {
				mu.Lock()
				wins++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if wins != 1 {
		return errors.New("wechattest: concurrent claims of one nonce are not atomic")
	}
	return nil
}
