package zeropay

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

// Status is the status of a merchant or of a QR record in the Zero Pay
// master files (KFTC Zero Pay platform design v2.6.3b, pp. 4-30 to 4-43:
// QR records use 0, 1, 2). The zero value is [StatusNormal].
type Status uint8

const (
	StatusNormal    Status = 0 // 정상
	StatusDormant   Status = 1 // 장기미사용 (long-term dormant)
	StatusSuspended Status = 2 // 정지
)

// String names the status.
func (s Status) String() string {
	switch s {
	case StatusNormal:
		return "normal"
	case StatusDormant:
		return "dormant"
	case StatusSuspended:
		return "suspended"
	}
	return fmt.Sprintf("status(%d)", uint8(s))
}

// Merchant is one record of the Zero Pay merchant master data (ZP0041 /
// ZP0051). Name is the registered (Korean) name; IndustryCode is the
// five-character Korean industry code (업종코드), not an ISO 18245 MCC:
// map it with an [IndustryMapper].
type Merchant struct {
	BusinessNumber     string `json:"business_number"` // 사업자등록번호, 10 digits
	ID                 string `json:"merchant_id"`     // the ID static QR codes carry
	Name               string `json:"name"`
	ShortName          string `json:"short_name,omitempty"`
	Address            string `json:"address,omitempty"`
	Phone              string `json:"phone,omitempty"`
	SmallBusinessClass string `json:"small_business_class,omitempty"` // 소상공인 구분코드
	IndustryCode       string `json:"industry_code"`
	Status             Status `json:"status"`
}

// QRRecord is one record of the QR master data (ZP0043 / ZP0053): the full
// QR text, the merchant it belongs to, its issue date and status.
type QRRecord struct {
	QR         string `json:"qr"`
	MerchantID string `json:"merchant_id"`
	IssueDate  string `json:"issue_date,omitempty"` // YYYYMMDD
	Status     Status `json:"status"`
}

// Directory looks up merchant master data. Implementations may do I/O,
// must honour ctx, must be safe for concurrent use, and fail with an error
// wrapping [ErrNotFound] for an unknown key.
type Directory interface {
	Merchant(ctx context.Context, merchantID string) (Merchant, error)
	QR(ctx context.Context, qr string) (QRRecord, error)
}

// Memory is an in-memory [Directory], loaded with [NewMemory], [LoadJSON]
// or [LoadCSV]. It is safe for concurrent use; Put replaces records, as the
// daily master files do.
type Memory struct {
	mu        sync.RWMutex
	merchants map[string]Merchant
	qrs       map[string]QRRecord
}

// NewMemory returns a directory holding the given records, after
// validating each.
func NewMemory(merchants []Merchant, qrs []QRRecord) (*Memory, error) {
	m := &Memory{merchants: map[string]Merchant{}, qrs: map[string]QRRecord{}}
	if err := m.Put(merchants, qrs); err != nil {
		return nil, err
	}
	return m, nil
}

// Put validates and stores records, replacing those with the same key. On
// error nothing is stored.
func (m *Memory) Put(merchants []Merchant, qrs []QRRecord) error {
	for i, mc := range merchants {
		if err := mc.validate(); err != nil {
			return fmt.Errorf("merchant record %d: %w", i+1, err)
		}
	}
	for i, q := range qrs {
		if err := q.validate(); err != nil {
			return fmt.Errorf("qr record %d: %w", i+1, err)
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, mc := range merchants {
		m.merchants[mc.ID] = mc
	}
	for _, q := range qrs {
		m.qrs[q.QR] = q
	}
	return nil
}

// Merchant implements [Directory].
func (m *Memory) Merchant(ctx context.Context, id string) (Merchant, error) {
	if err := ctx.Err(); err != nil {
		return Merchant{}, err
	}
	m.mu.RLock()
	mc, ok := m.merchants[id]
	m.mu.RUnlock()
	if !ok {
		return Merchant{}, &FieldError{Field: "merchant ID", Offset: -1, Err: ErrNotFound, Reason: "no such merchant"}
	}
	return mc, nil
}

// QR implements [Directory].
func (m *Memory) QR(ctx context.Context, qr string) (QRRecord, error) {
	if err := ctx.Err(); err != nil {
		return QRRecord{}, err
	}
	m.mu.RLock()
	q, ok := m.qrs[qr]
	m.mu.RUnlock()
	if !ok {
		return QRRecord{}, &FieldError{Field: "qr", Offset: -1, Err: ErrNotFound, Reason: "no such qr record"}
	}
	return q, nil
}

func (mc Merchant) validate() error {
	switch {
	case len(mc.BusinessNumber) != 10 || !isDigits(mc.BusinessNumber):
		return fieldErr("business number", -1, ErrFormat)
	case len(mc.ID) != 12 || !isAlnums(mc.ID) || !validIssueMonth(mc.ID):
		return fieldErr("merchant ID", -1, ErrFormat)
	case mc.Name == "":
		return fieldErr("name", -1, ErrLength)
	case mc.IndustryCode != "" && len(mc.IndustryCode) != 5:
		return fieldErr("industry code", -1, ErrLength)
	case mc.Status > StatusSuspended:
		return fieldErr("status", -1, ErrFormat)
	}
	return nil
}

func (q QRRecord) validate() error {
	switch {
	case q.QR == "" || len(q.QR) > 50:
		return fieldErr("qr", -1, ErrLength)
	case q.MerchantID == "":
		return fieldErr("merchant ID", -1, ErrLength)
	case q.IssueDate != "" && !validDate(q.IssueDate):
		return fieldErr("issue date", -1, ErrFormat)
	case q.Status > StatusSuspended:
		return fieldErr("status", -1, ErrFormat)
	}
	return nil
}

// Resolve finds the merchant behind a scanned static sticker: the QR
// record for its exact text and the merchant for its merchant ID. It
// refuses, with an error wrapping [ErrInactive], a QR record or merchant
// that is not in normal status, and with [ErrKind] a code that is not a
// static merchant code. This is the check a payer-side operator makes
// before charging its customer (KFTC Zero Pay platform design, static MPM
// flow).
//
// Resolve verifies no check characters; [Parser.Resolve] does, with the
// parser's checkers.
func Resolve(ctx context.Context, dir Directory, qr string) (Merchant, Code, error) {
	var p Parser
	return p.Resolve(ctx, dir, qr)
}

// Resolve is [Resolve] with p's checkers: a sticker whose check
// characters the applicable [Checker] finds wrong is refused with
// [ErrCheck] before the directory is asked, and with p.RequireCheck a
// sticker no checker applies to is refused with [ErrNoChecker].
//
// Every error is a [*FieldError] or a [*StatusError] naming the field or
// record that failed and why, never its value; a directory's own error
// (including the context's) is wrapped in a *FieldError naming the lookup
// and matches with [errors.Is].
func (p *Parser) Resolve(ctx context.Context, dir Directory, qr string) (Merchant, Code, error) {
	code, err := p.Parse(qr)
	if err != nil {
		return Merchant{}, Code{}, err
	}
	if code.Kind != KindStatic {
		return Merchant{}, Code{}, &FieldError{Field: "kind", Offset: 0, Err: ErrKind, Reason: "not a static merchant code"}
	}
	rec, err := dir.QR(ctx, qr)
	if err != nil {
		return Merchant{}, Code{}, lookupErr("qr", "qr record lookup", err)
	}
	if rec.Status != StatusNormal {
		return Merchant{}, Code{}, &StatusError{What: "qr", Status: rec.Status}
	}
	if rec.MerchantID != code.MerchantID {
		return Merchant{}, Code{}, &FieldError{Field: "merchant ID", Offset: 5, Err: ErrNotFound, Reason: "qr record names another merchant"}
	}
	mc, err := dir.Merchant(ctx, code.MerchantID)
	if err != nil {
		return Merchant{}, Code{}, lookupErr("merchant ID", "merchant lookup", err)
	}
	if mc.Status != StatusNormal {
		return Merchant{}, Code{}, &StatusError{What: "merchant", Status: mc.Status}
	}
	return mc, code, nil
}

// lookupErr wraps a directory error, keeping a *FieldError as it is.
func lookupErr(field, reason string, err error) error {
	var fe *FieldError
	if errors.As(err, &fe) {
		return err
	}
	return &FieldError{Field: field, Offset: -1, Err: err, Reason: reason}
}

// StatusError reports a merchant or QR record that is not in normal
// status. It wraps [ErrInactive].
type StatusError struct {
	What   string // "merchant" or "qr"
	Status Status
}

func (e *StatusError) Error() string {
	return "zeropay: " + e.What + " is " + e.Status.String()
}

// Unwrap returns [ErrInactive].
func (e *StatusError) Unwrap() error { return ErrInactive }
