package wechat

import "fmt"

// Secret holds a key or secret: an API v2 key or an API v3 key. It never
// prints: String, GoString, Format and MarshalText all give "[redacted]".
// The value sits behind a pointer, so that even where fmt cannot call
// those methods (a Secret in an unexported struct field, printed with %v,
// %+v or %#v, or by log/slog) it prints only an address, never the key.
//
// The zero Secret is empty. A Secret is immutable and safe to copy and to
// share between goroutines; copies share the same value.
type Secret struct{ p *string }

// NewSecret wraps s.
func NewSecret(s string) Secret {
	if s == "" {
		return Secret{}
	}
	return Secret{&s}
}

// Reveal returns the secret itself, for the signing code that needs it.
func (k Secret) Reveal() string {
	if k.p == nil {
		return ""
	}
	return *k.p
}

// IsZero reports whether the secret is empty.
func (k Secret) IsZero() bool { return k.p == nil }

const redacted = "[redacted]"

// String returns "[redacted]".
func (Secret) String() string { return redacted }

// GoString returns "[redacted]".
func (Secret) GoString() string { return redacted }

// Format prints "[redacted]" for every verb.
func (Secret) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(redacted)) }

// MarshalText returns "[redacted]", so JSON and XML never carry the key.
func (Secret) MarshalText() ([]byte, error) { return []byte(redacted), nil }
