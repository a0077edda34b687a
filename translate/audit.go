package translate

import (
	"context"
	"log/slog"
	"time"

	"github.com/qrbridge/qrbridge/fx"
)

// AuditEvent is one line of the audit trail: an attempt (Phase "attempt",
// before the payment runs) or its outcome (Phase "outcome" or "resolve").
//
// It carries what an auditor needs and nothing a thief wants: the quote
// ID, corridor, both legs' schemes and amounts, the merchant's name and
// MCC, the outcome and the reason's text, and the request fingerprint
// ([RequestHash]) to join attempts with their retries. It never carries a
// card number, a payment token, a key, the idempotency key or the scanned
// payload of a consumer code.
type AuditEvent struct {
	Phase          string
	At             time.Time
	Request        string // RequestHash
	QuoteID        string
	Corridor       string
	MerchantScheme string
	MerchantAmount fx.Amount
	PayerScheme    string
	PayerAmount    fx.Amount
	Merchant       string
	MCC            string
	Outcome        string // empty for an attempt
	Scheme         string
	SchemeRef      string
	Charged        fx.Amount // zero unless approved
	Reason         string
	Duration       time.Duration
}

// AuditSink receives audit events. Record must be safe for concurrent use
// and should not block for long: it runs inside the payment.
type AuditSink interface {
	Record(ctx context.Context, e AuditEvent)
}

// SlogAudit writes audit events to a slog.Logger, one record per event at
// level Info with message "qrbridge.audit"; with a JSON handler each event
// is one JSON line. The zero SlogAudit writes to slog.Default().
type SlogAudit struct {
	Logger *slog.Logger
}

// Record implements [AuditSink].
func (s SlogAudit) Record(ctx context.Context, e AuditEvent) {
	l := s.Logger
	if l == nil {
		l = slog.Default()
	}
	attrs := []slog.Attr{
		slog.String("phase", e.Phase), slog.Time("at", e.At), slog.String("request", e.Request),
		slog.String("quote_id", e.QuoteID), slog.String("corridor", e.Corridor),
		slog.String("merchant_scheme", e.MerchantScheme), slog.String("merchant_amount", amountText(e.MerchantAmount)),
		slog.String("payer_scheme", e.PayerScheme), slog.String("payer_amount", amountText(e.PayerAmount)),
		slog.String("merchant", e.Merchant), slog.String("mcc", e.MCC),
	}
	if e.Phase != "attempt" {
		attrs = append(attrs, slog.String("outcome", e.Outcome), slog.String("scheme", e.Scheme),
			slog.String("scheme_ref", e.SchemeRef), slog.String("charged", amountText(e.Charged)),
			slog.String("reason", e.Reason), slog.Duration("duration", e.Duration))
	}
	l.LogAttrs(ctx, slog.LevelInfo, "qrbridge.audit", attrs...)
}

// WithAudit records every attempt and its outcome in sink. It stores
// nothing itself.
func WithAudit(sink AuditSink) Middleware {
	return func(next Authorizer) Authorizer { return &auditor{next: next, sink: sink} }
}

type auditor struct {
	next Authorizer
	sink AuditSink
}

func (m *auditor) Authorize(ctx context.Context, r *Result) (Authorization, error) {
	e := auditBase(ctx, r)
	e.Phase = "attempt"
	m.sink.Record(ctx, e)
	a, err := m.next.Authorize(ctx, r)
	m.outcome(ctx, e, "outcome", a, err)
	return a, err
}

func (m *auditor) Resolve(ctx context.Context, r *Result) (Authorization, error) {
	e := auditBase(ctx, r)
	a, err := resolve(ctx, m.next, r)
	m.outcome(ctx, e, "resolve", a, err)
	return a, err
}

func (m *auditor) outcome(ctx context.Context, e AuditEvent, phase string, a Authorization, err error) {
	e.Phase, e.Duration = phase, time.Since(e.At)
	e.At = time.Now()
	e.Outcome, e.Scheme, e.SchemeRef = a.Outcome.String(), a.Scheme, a.SchemeRef
	e.Charged = a.Charged
	if err != nil {
		e.Reason = err.Error()
	}
	m.sink.Record(ctx, e)
}

func auditBase(ctx context.Context, r *Result) AuditEvent {
	return AuditEvent{At: time.Now(), Request: requestHash(ctx, r), QuoteID: r.Quote.ID, Corridor: r.Corridor.ID,
		MerchantScheme: r.MerchantLeg.Scheme, MerchantAmount: r.MerchantLeg.Amount,
		PayerScheme: r.PayerLeg.Scheme, PayerAmount: r.PayerLeg.Amount,
		Merchant: r.Intent.Merchant.Name, MCC: r.Intent.Merchant.MCC}
}

// amountText is a's display form, or "" for the zero Amount.
func amountText(a fx.Amount) string {
	if a.Currency().IsZero() {
		return ""
	}
	return a.String()
}
