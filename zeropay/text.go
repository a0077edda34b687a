package zeropay

import (
	"encoding/json"
	"strconv"
	"time"

	"github.com/qrbridge/qrbridge/fx"
)

// Text forms. Every enum has a String and a text form of short lower-case
// names, which JSON uses; SystemID's text is its two characters.

// kindNames are the text forms of the kinds, indexed by Kind.
var kindNames = [...]string{"", "static", "dynamic", "consumer", "refund"}

// MarshalText encodes the kind as "static", "dynamic", "consumer" or
// "refund". The zero and unknown kinds fail with [ErrKind].
func (k Kind) MarshalText() ([]byte, error) {
	if k < KindStatic || k > KindRefund {
		return nil, fieldErr("kind", -1, ErrKind)
	}
	return []byte(kindNames[k]), nil
}

// UnmarshalText decodes the form MarshalText writes.
func (k *Kind) UnmarshalText(b []byte) error {
	for i := KindStatic; i <= KindRefund; i++ {
		if string(b) == kindNames[i] {
			*k = i
			return nil
		}
	}
	return fieldErr("kind", -1, ErrKind)
}

// String names the status: "not verified" or "valid".
func (s CheckStatus) String() string {
	switch s {
	case CheckNotVerified:
		return "not verified"
	case CheckValid:
		return "valid"
	}
	return "check(" + strconv.Itoa(int(s)) + ")"
}

// MarshalText encodes "not-verified" or "valid".
func (s CheckStatus) MarshalText() ([]byte, error) {
	switch s {
	case CheckNotVerified:
		return []byte("not-verified"), nil
	case CheckValid:
		return []byte("valid"), nil
	}
	return nil, fieldErr("check", -1, ErrFormat)
}

// UnmarshalText decodes the form MarshalText writes.
func (s *CheckStatus) UnmarshalText(b []byte) error {
	switch string(b) {
	case "not-verified":
		*s = CheckNotVerified
	case "valid":
		*s = CheckValid
	default:
		return fieldErr("check", -1, ErrFormat)
	}
	return nil
}

// String names the kind: "consumer" or "refund".
func (k BarcodeKind) String() string {
	switch k {
	case BarcodeConsumer:
		return "consumer"
	case BarcodeRefund:
		return "refund"
	}
	return "unknown"
}

// MarshalText encodes [BarcodeKind.String]; the zero and unknown kinds fail
// with [ErrKind].
func (k BarcodeKind) MarshalText() ([]byte, error) {
	if k != BarcodeConsumer && k != BarcodeRefund {
		return nil, fieldErr("barcode kind", -1, ErrKind)
	}
	return []byte(k.String()), nil
}

// UnmarshalText decodes the form MarshalText writes.
func (k *BarcodeKind) UnmarshalText(b []byte) error {
	switch string(b) {
	case "consumer":
		*k = BarcodeConsumer
	case "refund":
		*k = BarcodeRefund
	default:
		return fieldErr("barcode kind", -1, ErrKind)
	}
	return nil
}

// MarshalText encodes the status by name: "normal", "dormant",
// "suspended". JSON keeps the master files' number ([Status.MarshalJSON]).
func (s Status) MarshalText() ([]byte, error) {
	if s > StatusSuspended {
		return nil, fieldErr("status", -1, ErrFormat)
	}
	return []byte(s.String()), nil
}

// UnmarshalText decodes a name MarshalText writes.
func (s *Status) UnmarshalText(b []byte) error {
	for v := StatusNormal; v <= StatusSuspended; v++ {
		if string(b) == v.String() {
			*s = v
			return nil
		}
	}
	return fieldErr("status", -1, ErrFormat)
}

// MarshalJSON encodes the status as the master files write it, 0, 1 or 2.
func (s Status) MarshalJSON() ([]byte, error) {
	if s > StatusSuspended {
		return nil, fieldErr("status", -1, ErrFormat)
	}
	return []byte{'0' + byte(s)}, nil
}

// UnmarshalJSON decodes the number 0, 1 or 2 or a name of MarshalText.
func (s *Status) UnmarshalJSON(b []byte) error {
	if len(b) == 1 && b[0] >= '0' && b[0] <= '0'+byte(StatusSuspended) {
		*s = Status(b[0] - '0')
		return nil
	}
	var name string
	if err := json.Unmarshal(b, &name); err != nil {
		return fieldErr("status", -1, ErrFormat)
	}
	return s.UnmarshalText([]byte(name))
}

// MarshalText encodes the two characters, "KW". The zero and invalid IDs
// fail with [ErrFormat].
func (id SystemID) MarshalText() ([]byte, error) {
	if !id.valid() {
		return nil, fieldErr("payment-system ID", -1, ErrFormat)
	}
	return []byte(id.String()), nil
}

// UnmarshalText decodes the two characters as [ParseSystemID] does.
func (id *SystemID) UnmarshalText(b []byte) error {
	v, err := ParseSystemID(string(b))
	if err != nil {
		return err
	}
	*id = v
	return nil
}

// resultJSON is the JSON form of a Result: the operator as its operator
// code ("PKW"), amounts as package fx writes them, times in RFC 3339.
type resultJSON struct {
	MerchantID     string     `json:"merchant_id"`
	TerminalID     string     `json:"terminal_id"`
	Amount         fx.Amount  `json:"amount"`
	ApprovalNumber string     `json:"approval_number"`
	Operator       string     `json:"operator"`
	Time           time.Time  `json:"time"`
	Original       *fx.Amount `json:"original,omitempty"`
}

// MarshalJSON encodes {"merchant_id", "terminal_id", "amount":
// {"amount":"12000","currency":"KRW"}, "approval_number", "operator":
// "PKW", "time" (RFC 3339), "original" (left out when paid in won)}. It
// does not validate; call [Result.Validate] first.
func (r Result) MarshalJSON() ([]byte, error) {
	return json.Marshal(resultJSON{
		MerchantID: r.MerchantID, TerminalID: r.TerminalID, Amount: r.Amount,
		ApprovalNumber: r.ApprovalNumber, Operator: operatorCode(r.Operator), Time: r.Time,
		Original: originalPtr(r.Original),
	})
}

// UnmarshalJSON decodes the form MarshalJSON writes. It does not
// validate; call [Result.Validate].
func (r *Result) UnmarshalJSON(b []byte) error {
	var j resultJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return &FieldError{Field: "result", Offset: -1, Err: ErrFormat, Reason: "not the result json"}
	}
	op, err := parseOperatorField(j.Operator)
	if err != nil {
		return err
	}
	*r = Result{MerchantID: j.MerchantID, TerminalID: j.TerminalID, Amount: j.Amount,
		ApprovalNumber: j.ApprovalNumber, Operator: op, Time: j.Time, Original: deref(j.Original)}
	return nil
}

// String summarises the result for logs: merchant and terminal, amount,
// operator code, approval number and time.
func (r Result) String() string {
	return "zeropay result " + r.MerchantID + "/" + r.TerminalID + ": " + r.Amount.String() +
		" via " + operatorCode(r.Operator) + ", approval " + r.ApprovalNumber + " at " + r.Time.UTC().Format(time.RFC3339)
}

// refundJSON is the JSON form of a Refund.
type refundJSON struct {
	MerchantID       string     `json:"merchant_id"`
	TerminalID       string     `json:"terminal_id"`
	OriginalApproval string     `json:"original_approval"`
	OriginalTime     time.Time  `json:"original_time"`
	Amount           fx.Amount  `json:"amount"`
	ApprovalNumber   string     `json:"approval_number"`
	Operator         string     `json:"operator"`
	Time             time.Time  `json:"time"`
	Original         *fx.Amount `json:"original,omitempty"`
}

// MarshalJSON encodes the refund as [Result.MarshalJSON] does, with
// "original_approval" and "original_time".
func (r Refund) MarshalJSON() ([]byte, error) {
	return json.Marshal(refundJSON{
		MerchantID: r.MerchantID, TerminalID: r.TerminalID, OriginalApproval: r.OriginalApproval,
		OriginalTime: r.OriginalTime, Amount: r.Amount, ApprovalNumber: r.ApprovalNumber,
		Operator: operatorCode(r.Operator), Time: r.Time, Original: originalPtr(r.Original),
	})
}

// UnmarshalJSON decodes the form MarshalJSON writes. It does not
// validate; call [Refund.Validate].
func (r *Refund) UnmarshalJSON(b []byte) error {
	var j refundJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return &FieldError{Field: "refund", Offset: -1, Err: ErrFormat, Reason: "not the refund json"}
	}
	op, err := parseOperatorField(j.Operator)
	if err != nil {
		return err
	}
	*r = Refund{MerchantID: j.MerchantID, TerminalID: j.TerminalID, OriginalApproval: j.OriginalApproval,
		OriginalTime: j.OriginalTime, Amount: j.Amount, ApprovalNumber: j.ApprovalNumber, Operator: op,
		Time: j.Time, Original: deref(j.Original)}
	return nil
}

// String summarises the refund for logs.
func (r Refund) String() string {
	return "zeropay refund " + r.MerchantID + "/" + r.TerminalID + ": " + r.Amount.String() +
		" via " + operatorCode(r.Operator) + ", approval " + r.ApprovalNumber + " of " + r.OriginalApproval +
		" at " + r.Time.UTC().Format(time.RFC3339)
}

// operatorCode is "P" + the ID, or "" for the zero ID.
func operatorCode(id SystemID) string {
	if id == (SystemID{}) {
		return ""
	}
	return id.Operator()
}

func parseOperatorField(code string) (SystemID, error) {
	if code == "" {
		return SystemID{}, nil
	}
	return ParseOperator(code)
}

func originalPtr(a fx.Amount) *fx.Amount {
	if a.Currency().IsZero() {
		return nil
	}
	return &a
}

func deref(a *fx.Amount) fx.Amount {
	if a == nil {
		return fx.Amount{}
	}
	return *a
}
