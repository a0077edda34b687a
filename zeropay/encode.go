package zeropay

import "strings"

// Encode writes the code as QR text, computing its check characters with
// ck. It validates every field as [Parse] does; Check and Verified are
// ignored. Without a Checker it fails with [ErrNoChecker]: the library
// never invents check characters.
func (c Code) Encode(ck Checker) (string, error) {
	if err := c.validateFields(); err != nil {
		return "", err
	}
	if ck == nil {
		return "", fieldErr("check", -1, ErrNoChecker)
	}
	prefix := c.prefix()
	check, err := ck.CheckCharacters(prefix)
	if err != nil {
		return "", fieldErr("check", -1, err)
	}
	if err := checkCheckField(check, -1); err != nil {
		return "", err
	}
	return prefix + check, nil
}

func (c Code) validateFields() error {
	switch c.Kind {
	case KindStatic, KindDynamic:
		return c.validate(nil)
	case KindConsumer:
		return c.validateConsumer(2, nil)
	case KindRefund:
		return c.validateRefund(2, nil)
	}
	return fieldErr("kind", -1, ErrKind)
}

// prefix is the code's text up to and including the "--" before the check.
func (c Code) prefix() string {
	var b strings.Builder
	b.Grow(64)
	b.WriteByte('0' + byte(c.Kind))
	for _, f := range c.fields() {
		b.WriteByte('-')
		b.WriteString(f)
	}
	b.WriteString("--")
	return b.String()
}

func (c Code) fields() []string {
	switch c.Kind {
	case KindStatic:
		return []string{c.Registrar, c.MerchantID, c.TerminalID}
	case KindDynamic:
		return []string{c.Registrar, c.Serial}
	case KindConsumer:
		return []string{c.System.String(), c.Token}
	}
	return []string{c.Registrar, c.System.String(), c.OriginalDate, c.OriginalTxn}
}
