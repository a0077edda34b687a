package translate

import (
	"context"
	"sync"
)

// CodeResolver identifies an opaque merchant code online: a WeChat Pay code_url
// or personal code, an Alipay+ merchant code, a Zero Pay dynamic code, any
// other URL. Such codes carry no merchant data; only their scheme's servers
// know what they pay, as Alipay+'s identifyCode and UPI's validation calls
// answer it. The caller plugs its client in here; the library does no I/O.
//
// Resolve returns the intent behind raw: the merchant (its Accounts naming
// the scheme), the currency and, for a dynamic code, the amount. Schemes
// should name the scheme whose leg builder pays it ("wechat", "alipayplus",
// "zeropay"). An unknown code fails with an error wrapping
// [ErrUnknownCode]. Implementations must honour ctx and be safe for
// concurrent use.
type CodeResolver interface {
	Resolve(ctx context.Context, kind Kind, raw string) (Intent, error)
}

// CodeResolverFunc adapts a function to a CodeResolver.
type CodeResolverFunc func(ctx context.Context, kind Kind, raw string) (Intent, error)

// Resolve implements CodeResolver.
func (f CodeResolverFunc) Resolve(ctx context.Context, kind Kind, raw string) (Intent, error) {
	return f(ctx, kind, raw)
}

// MemoryResolver is an in-memory CodeResolver: it answers the codes it was
// given with Put, for tests and examples. The zero value is empty and ready
// to use; it is safe for concurrent use.
type MemoryResolver struct {
	mu    sync.RWMutex
	codes map[string]Intent
}

// Put records the intent behind the code raw, replacing any earlier one.
func (m *MemoryResolver) Put(raw string, in Intent) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.codes == nil {
		m.codes = make(map[string]Intent)
	}
	m.codes[raw] = in
}

// Resolve implements CodeResolver. It fails with an *Error wrapping
// ErrUnknownCode for a code it was not given.
func (m *MemoryResolver) Resolve(ctx context.Context, _ Kind, raw string) (Intent, error) {
	if err := ctx.Err(); err != nil {
		return Intent{}, err
	}
	m.mu.RLock()
	in, ok := m.codes[raw]
	m.mu.RUnlock()
	if !ok {
		return Intent{}, fieldErr("code", ErrUnknownCode, nil)
	}
	return in, nil
}
