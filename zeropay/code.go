package zeropay

import "strings"

// Kind is the first field of a Zero Pay QR code (QR구분). The zero value is
// not a kind.
type Kind uint8

const (
	KindStatic   Kind = 1 // 고정형 merchant sticker: merchant and terminal IDs
	KindDynamic  Kind = 2 // 변동형 merchant code: a platform serial
	KindConsumer Kind = 3 // consumer-presented code: system ID and token
	KindRefund   Kind = 4 // consumer-presented refund code
)

// String names the kind.
func (k Kind) String() string {
	switch k {
	case KindStatic:
		return "static merchant"
	case KindDynamic:
		return "dynamic merchant"
	case KindConsumer:
		return "consumer"
	case KindRefund:
		return "refund"
	}
	return "unknown"
}

// CheckStatus says what is known of a code's check characters. The zero
// value, [CheckNotVerified], is what parsing without a [Checker] reports:
// never "valid".
type CheckStatus uint8

const (
	CheckNotVerified CheckStatus = iota // no Checker was configured
	CheckValid                          // a Checker recomputed them
)

// Checker computes the four check characters of a Zero Pay code (Annex B
// of the Korean QR code payment standard). That algorithm is not public;
// an operator who has it plugs it in here. prefix is the code's text up to
// and including the "--" before the check field.
//
// Implementations must be safe for concurrent use. The package ships none;
// zeropaytest.FixtureChecker is a stand-in for tests only.
type Checker interface {
	CheckCharacters(prefix string) (string, error)
}

// Code is a parsed Zero Pay QR code (KFTC Zero Pay platform design
// v2.6.3b §1.4). Which fields are set depends on Kind:
//
//	static    1-ZP-<MerchantID 12>-<TerminalID 16>--<Check 4>
//	dynamic   2-ZP-<Serial ≤22>--<Check 4>
//	consumer  3-<System 2>-<Token ≤14>--<Check 4>
//	refund    4-ZP-<System 2>-<OriginalDate YYYYMMDD>-<OriginalTxn 13>--<Check 4>
//
// Parsed codes hold substrings of the input: nothing is copied. A Code is a
// plain value, safe to share.
type Code struct {
	Kind         Kind
	Registrar    string // "ZP" (kinds 1, 2 and 4)
	MerchantID   string // YYYYMM + 6 characters
	TerminalID   string
	Serial       string
	System       SystemID
	Token        string
	OriginalDate string // YYYYMMDD
	OriginalTxn  string
	Check        string
	Verified     CheckStatus
}

// Parse reads a Zero Pay QR code without verifying its check characters
// (Verified is [CheckNotVerified]). See [Parser] to verify them.
func Parse(s string) (Code, error) {
	var p Parser
	return p.Parse(s)
}

// Parser reads Zero Pay QR codes, verifying the check characters with the
// [Checker] that applies to the code, and refusing a mismatch with
// [ErrCheck]. The zero Parser verifies nothing (every code parses as
// [CheckNotVerified]). A Parser is safe for concurrent use if its
// checkers are.
type Parser struct {
	// Check verifies codes of every kind. It predates Checkers and is used
	// only when Checkers is nil.
	Check Checker
	// Checkers chooses the Checker per kind and payment operator: the
	// merchant codes (kinds 1 and 2) follow Annex B of the Korean QR code
	// payment standard, while consumer and refund codes follow the policy
	// of the operator that issued them (KFTC Zero Pay platform design
	// v2.6.3b, pp. 1-5 to 1-8). [Checkers] is a ready implementation.
	Checkers CheckerSelector
	// RequireCheck refuses, with [ErrNoChecker], a code for which no
	// Checker applies, instead of returning it as [CheckNotVerified]. A
	// payer-side operator that must verify stickers before charging sets
	// it.
	RequireCheck bool
}

// checkerFor returns the Checker that applies to c, or nil.
func (p *Parser) checkerFor(c *Code) Checker {
	if p.Checkers != nil {
		return p.Checkers.CheckerFor(c.Kind, c.System)
	}
	return p.Check
}

// fieldCount is the number of hyphen-separated fields per kind; the last
// field, the check, is everything after the separator before it, so a
// check that contains "-" still parses.
var fieldCount = [5]int{0, 6, 5, 5, 7}

// Parse reads s, validating every field's length and alphabet.
func (p *Parser) Parse(s string) (Code, error) {
	if len(s) < 2 || s[1] != '-' || s[0] < '1' || s[0] > '4' {
		return Code{}, fieldErrWhy("kind", 0, ErrKind, "not 1-, 2-, 3- or 4-")
	}
	c := Code{Kind: Kind(s[0] - '0')}
	var fields [7]string
	var offs [7]int
	n := fieldCount[c.Kind]
	if !split(s, n, fields[:n], offs[:n]) || fields[n-2] != "" {
		return Code{}, fieldErrWhy("separators", 0, ErrSyntax, "too few hyphens or reserved field not empty")
	}
	if err := c.assign(fields[:n], offs[:n]); err != nil {
		return Code{}, err
	}
	c.Check = fields[n-1]
	if err := checkCheckField(c.Check, offs[n-1]); err != nil {
		return Code{}, err
	}
	ck := p.checkerFor(&c)
	if ck == nil {
		if p.RequireCheck {
			return Code{}, &FieldError{Field: "check", Offset: offs[n-1], Err: ErrNoChecker, Reason: "no checker for this kind and operator"}
		}
		return c, nil
	}
	if err := verify(ck, s[:offs[n-1]], c.Check); err != nil {
		return Code{}, err
	}
	c.Verified = CheckValid
	return c, nil
}

// split cuts s at its first n-1 hyphens into out, recording each field's
// offset. It reports false when s has fewer hyphens.
func split(s string, n int, out []string, offs []int) bool {
	pos := 0
	for i := 0; i < n-1; i++ {
		j := strings.IndexByte(s[pos:], '-')
		if j < 0 {
			return false
		}
		out[i], offs[i] = s[pos:pos+j], pos
		pos += j + 1
	}
	out[n-1], offs[n-1] = s[pos:], pos
	return true
}

// assign validates and stores the kind-specific fields.
func (c *Code) assign(f []string, off []int) error {
	switch c.Kind {
	case KindStatic:
		c.Registrar, c.MerchantID, c.TerminalID = f[1], f[2], f[3]
	case KindDynamic:
		c.Registrar, c.Serial = f[1], f[2]
	case KindConsumer:
		if len(f[1]) == 2 {
			c.System = SystemID{f[1][0], f[1][1]}
		}
		c.Token = f[2]
		return c.validateConsumer(len(f[1]), off)
	case KindRefund:
		if len(f[2]) == 2 {
			c.System = SystemID{f[2][0], f[2][1]}
		}
		c.Registrar, c.OriginalDate, c.OriginalTxn = f[1], f[3], f[4]
		return c.validateRefund(len(f[2]), off)
	}
	return c.validate(off)
}

// validate checks the fields of a static or dynamic code. off holds the
// fields' byte offsets, or is nil when the code was not parsed.
func (c *Code) validate(off []int) error {
	if c.Registrar != "ZP" {
		return fieldErrWhy("registrar", offAt(off, 1), ErrFormat, "not ZP")
	}
	if c.Kind == KindDynamic {
		return checkAlnum("serial", c.Serial, offAt(off, 2), 1, 22)
	}
	if err := checkAlnum("merchant ID", c.MerchantID, offAt(off, 2), 12, 12); err != nil {
		return err
	}
	if !validIssueMonth(c.MerchantID) {
		return fieldErrWhy("merchant ID", offAt(off, 2), ErrFormat, "does not start with an issue month YYYYMM from 201801")
	}
	return checkAlnum("terminal ID", c.TerminalID, offAt(off, 3), 16, 16)
}

func (c *Code) validateConsumer(systemLen int, off []int) error {
	if err := checkSystem(c.System, systemLen, offAt(off, 1)); err != nil {
		return err
	}
	return checkAlnum("token", c.Token, offAt(off, 2), 1, 14)
}

func (c *Code) validateRefund(systemLen int, off []int) error {
	if c.Registrar != "ZP" {
		return fieldErrWhy("registrar", offAt(off, 1), ErrFormat, "not ZP")
	}
	if err := checkSystem(c.System, systemLen, offAt(off, 2)); err != nil {
		return err
	}
	if !validDate(c.OriginalDate) {
		return fieldErrWhy("original date", offAt(off, 3), ErrFormat, "not a calendar date YYYYMMDD")
	}
	return checkAlnum("original transaction", c.OriginalTxn, offAt(off, 4), 13, 13)
}

func offAt(off []int, i int) int {
	if off == nil {
		return -1
	}
	return off[i]
}

func checkSystem(id SystemID, n, off int) error {
	if n != 2 {
		return fieldErrWhy("payment-system ID", off, ErrLength, "not 2 characters")
	}
	if !id.valid() {
		return fieldErrWhy("payment-system ID", off, ErrFormat, "not 2 digits or capitals other than PP")
	}
	return nil
}

// checkCheckField validates the check field: four printable ASCII
// characters ("any" in the field tables, so "-" is allowed).
func checkCheckField(check string, off int) error {
	if len(check) != 4 {
		return fieldErrWhy("check", off, ErrLength, "not 4 characters")
	}
	if !all(check, func(c byte) bool { return c > ' ' && c < 0x7F }) {
		return fieldErrWhy("check", off, ErrFormat, "not printable ASCII")
	}
	return nil
}

func verify(ck Checker, prefix, check string) error {
	want, err := ck.CheckCharacters(prefix)
	if err != nil {
		return &FieldError{Field: "check", Offset: len(prefix), Err: err, Reason: "checker failed"}
	}
	if want != check {
		return fieldErr("check", len(prefix), ErrCheck)
	}
	return nil
}
