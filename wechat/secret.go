package wechat

import "fmt"

// Secret holds a key or secret: an API v2 key or an API v3 key. It never
// prints: String, GoString, Format and MarshalText all give "[redacted]",
// so a Secret that reaches a log, an error or a %v dump shows nothing. The
// zero Secret is empty.
type Secret struct{ s string }

// NewSecret wraps s.
func NewSecret(s string) Secret { return Secret{s} }

// Reveal returns the secret itself, for the signing code that needs it.
func (k Secret) Reveal() string { return k.s }

// IsZero reports whether the secret is empty.
func (k Secret) IsZero() bool { return k.s == "" }

const redacted = "[redacted]"

// String returns "[redacted]".
func (Secret) String() string { return redacted }

// GoString returns "[redacted]".
func (Secret) GoString() string { return redacted }

// Format prints "[redacted]" for every verb.
func (Secret) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(redacted)) }

// MarshalText returns "[redacted]", so JSON and XML never carry the key.
func (Secret) MarshalText() ([]byte, error) { return []byte(redacted), nil }
