package redisstore

import (
	"context"
	"errors"
	"time"

	"github.com/qrbridge/qrbridge/translate"
)

// Quotes is a [translate.QuoteStore] on Redis: a quote is a key holding its
// digest until the quote expires, consumed by an atomic compare-and-delete.
// A retried consume whose first reply was lost finds the key gone and
// fails with [translate.ErrQuoteUsed]: the payment is refused, never made
// twice. Create it with [New].
type Quotes struct{ base }

func (s *Quotes) key(id string) string { return s.prefix + "q:" + id }

// Issue implements [translate.QuoteStore].
func (s *Quotes) Issue(ctx context.Context, id, digest string, expires time.Time) error {
	switch {
	case id == "":
		return invalid("quote id", "empty")
	case digest == "":
		return invalid("quote digest", "empty")
	case !expires.After(time.Now()):
		return invalid("quote expiry", "not in the future")
	}
	v, err := s.run(ctx, "quotes", "issue", scriptQuoteIssue, []string{s.key(id)}, digest, ms(expires))
	if err != nil {
		return err
	}
	switch n, _ := replyInt(v); n {
	case 1:
		return nil
	case -1:
		return translate.ErrQuoteMismatch
	}
	return badReply("quotes", "issue")
}

// Consume implements [translate.QuoteStore].
func (s *Quotes) Consume(ctx context.Context, id, digest string) error {
	v, err := s.run(ctx, "quotes", "consume", scriptQuoteConsume, []string{s.key(id)}, digest)
	if err != nil {
		return err
	}
	n, ok := replyInt(v)
	if !ok { // not 0 (used): a reply this package does not know
		return badReply("quotes", "consume")
	}
	switch n {
	case 1:
		return nil
	case 0:
		return translate.ErrQuoteUsed
	case -1:
		return translate.ErrQuoteMismatch
	}
	return badReply("quotes", "consume")
}

func invalid(field, why string) error {
	return &translate.Error{Field: field, Err: translate.ErrInvalid, Cause: errors.New(why)}
}
