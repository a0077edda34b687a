package zeropay_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/qrbridge/qrbridge/zeropay"
	"github.com/qrbridge/qrbridge/zeropay/zeropaytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// No authentic Zero Pay code is public; these fixtures follow the layouts
// of the KFTC Zero Pay platform design (v2.6.3b §1.4), with made-up IDs
// and check characters.
const (
	static   = "1-ZP-202012AB0123-T000000000000001--X9-Z"
	dynamic  = "2-ZP-SER2026112600000000001--ABCD"
	consumer = "3-KW-30123456789007--0000"
	refund   = "4-ZP-KW-20261125-ABC1234567890--ZZZZ"
)

func TestParseKinds(t *testing.T) {
	c, err := zeropay.Parse(static)
	require.NoError(t, err)
	assert.Equal(t, zeropay.KindStatic, c.Kind)
	assert.Equal(t, "202012AB0123", c.MerchantID)
	assert.Equal(t, "T000000000000001", c.TerminalID)
	assert.Equal(t, "X9-Z", c.Check, "a check containing '-' still parses")
	assert.Equal(t, zeropay.CheckNotVerified, c.Verified, "never valid without a checker")

	c, err = zeropay.Parse(dynamic)
	require.NoError(t, err)
	assert.Equal(t, "SER2026112600000000001", c.Serial)

	c, err = zeropay.Parse(consumer)
	require.NoError(t, err)
	assert.Equal(t, "KW", c.System.String())
	assert.Equal(t, "PKW", c.System.Operator())
	assert.Equal(t, "30123456789007", c.Token)

	c, err = zeropay.Parse(refund)
	require.NoError(t, err)
	assert.Equal(t, zeropay.KindRefund, c.Kind)
	assert.Equal(t, "20261125", c.OriginalDate)
	assert.Equal(t, "ABC1234567890", c.OriginalTxn)
}

func TestParseRefusals(t *testing.T) {
	tests := []struct {
		name, in, field string
		want            error
		offset          int
	}{
		{"empty", "", "kind", zeropay.ErrKind, 0},
		{"kind 5", "5-ZP-1--ABCD", "kind", zeropay.ErrKind, 0},
		{"kind 0", "0-ZP-1--ABCD", "kind", zeropay.ErrKind, 0},
		{"one byte", "1", "kind", zeropay.ErrKind, 0},
		{"no hyphen", "1ZP", "kind", zeropay.ErrKind, 0},
		{"two bytes", "1-", "separators", zeropay.ErrSyntax, 0},
		{"refund two bytes", "4-", "separators", zeropay.ErrSyntax, 0},
		{"wechat url", "weixin://wxpay/bizpayurl?pr=abc", "kind", zeropay.ErrKind, 0},
		{"emvco", "000201010211", "kind", zeropay.ErrKind, 0},
		{"too few hyphens", "1-ZP-202012AB0123-T000000000000001-ABCD", "separators", zeropay.ErrSyntax, 0},
		{"reserved not empty", "1-ZP-202012AB0123-T000000000000001-X-ABCD", "separators", zeropay.ErrSyntax, 0},
		{"registrar", strings.Replace(static, "ZP", "XP", 1), "registrar", zeropay.ErrFormat, 2},
		{"merchant 11", "1-ZP-202012AB012-T000000000000001--ABCD", "merchant ID", zeropay.ErrLength, 5},
		{"merchant symbol", "1-ZP-202012AB012_-T000000000000001--ABCD", "merchant ID", zeropay.ErrFormat, 5},
		{"merchant month 13", "1-ZP-202013AB0123-T000000000000001--ABCD", "merchant ID", zeropay.ErrFormat, 5},
		{"merchant year 2017", "1-ZP-201712AB0123-T000000000000001--ABCD", "merchant ID", zeropay.ErrFormat, 5},
		{"terminal 17", "1-ZP-202012AB0123-T0000000000000001--ABCD", "terminal ID", zeropay.ErrLength, 18},
		{"check 3", "1-ZP-202012AB0123-T000000000000001--ABC", "check", zeropay.ErrLength, 36},
		{"check space", "1-ZP-202012AB0123-T000000000000001--AB D", "check", zeropay.ErrFormat, 36},
		{"serial 23", "2-ZP-" + strings.Repeat("1", 23) + "--ABCD", "serial", zeropay.ErrLength, 5},
		{"serial empty", "2-ZP---ABCD", "serial", zeropay.ErrLength, 5},
		{"system 3", "3-KWX-301234--ABCD", "payment-system ID", zeropay.ErrLength, 2},
		{"system lowercase", "3-kw-301234--ABCD", "payment-system ID", zeropay.ErrFormat, 2},
		{"system PP", "3-PP-301234--ABCD", "payment-system ID", zeropay.ErrFormat, 2},
		{"token 15", "3-KW-" + strings.Repeat("3", 15) + "--ABCD", "token", zeropay.ErrLength, 5},
		{"refund date", "4-ZP-KW-20260230-ABC1234567890--ZZZZ", "original date", zeropay.ErrFormat, 8},
		{"refund txn 12", "4-ZP-KW-20261125-ABC123456789--ZZZZ", "original transaction", zeropay.ErrLength, 17},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := zeropay.Parse(tt.in)
			require.ErrorIs(t, err, tt.want)
			var fe *zeropay.FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tt.field, fe.Field)
			assert.Equal(t, tt.offset, fe.Offset)
		})
	}
}

func TestCheckerVerifiesAndGenerates(t *testing.T) {
	ck := zeropaytest.FixtureChecker{}
	for _, in := range []string{static, dynamic, consumer, refund} {
		c, err := zeropay.Parse(in)
		require.NoError(t, err)
		encoded, err := c.Encode(ck)
		require.NoError(t, err)
		p := zeropay.Parser{Check: ck}
		back, err := p.Parse(encoded)
		require.NoError(t, err)
		assert.Equal(t, zeropay.CheckValid, back.Verified)
		back.Check, back.Verified, c.Check = "", 0, ""
		assert.Equal(t, c, back, "fields survive generation")

		tampered := encoded[:len(encoded)-1] + string(encoded[len(encoded)-1]^1)
		_, err = p.Parse(tampered)
		assert.ErrorIs(t, err, zeropay.ErrCheck)
	}
}

func TestEncodeRefusals(t *testing.T) {
	c, err := zeropay.Parse(static)
	require.NoError(t, err)
	_, err = c.Encode(nil)
	assert.ErrorIs(t, err, zeropay.ErrNoChecker, "no made-up check characters")
	assert.Equal(t, "zeropay: check: no check-character algorithm configured", err.Error(), "no offset: not parsed text")
	c.TerminalID = "short"
	_, err = c.Encode(zeropaytest.FixtureChecker{})
	assert.ErrorIs(t, err, zeropay.ErrLength)
	_, err = zeropay.Code{}.Encode(zeropaytest.FixtureChecker{})
	assert.ErrorIs(t, err, zeropay.ErrKind)
	assert.Equal(t, "zeropay: kind: not a zero pay code", err.Error())
	c.TerminalID = "T000000000000001"
	_, err = c.Encode(failingChecker{})
	assert.Equal(t, "zeropay: check: hsm unavailable", err.Error(), "the checker's own error, no offset")
	_, err = c.Encode(constChecker("ABC"))
	assert.ErrorIs(t, err, zeropay.ErrLength, "a checker's answer is validated")
	assert.Equal(t, "zeropay: check: invalid length: not 4 characters", err.Error())
	_, err = c.Encode(constChecker("AB D"))
	assert.ErrorIs(t, err, zeropay.ErrFormat)
	out, err := c.Encode(constChecker("AB-D"))
	require.NoError(t, err)
	assert.Equal(t, "1-ZP-202012AB0123-T000000000000001--AB-D", out)
	c.Registrar = "XP"
	_, err = c.Encode(constChecker("ABCD"))
	assert.ErrorIs(t, err, zeropay.ErrFormat)
	for _, bad := range []zeropay.Code{
		{Kind: zeropay.KindDynamic, Registrar: "ZP", Serial: strings.Repeat("1", 23)},
		{Kind: zeropay.KindConsumer, System: zeropay.SystemID{'P', 'P'}, Token: "3"},
		{Kind: zeropay.KindConsumer, System: zeropay.SystemID{'K', 'W'}, Token: ""},
		{Kind: zeropay.KindRefund, Registrar: "ZP", System: zeropay.SystemID{'K', 'W'}, OriginalDate: "20261131", OriginalTxn: "ABC1234567890"},
		{Kind: zeropay.KindRefund, Registrar: "XP", System: zeropay.SystemID{'K', 'W'}, OriginalDate: "20261130", OriginalTxn: "ABC1234567890"},
		{Kind: zeropay.KindRefund, Registrar: "ZP", System: zeropay.SystemID{'K', 'W'}, OriginalDate: "20261130", OriginalTxn: "ABC123456789"},
		{Kind: zeropay.KindStatic, Registrar: "ZP", MerchantID: "201712AB0123", TerminalID: "T000000000000001"},
	} {
		_, err := bad.Encode(constChecker("ABCD"))
		var fe *zeropay.FieldError
		require.ErrorAs(t, err, &fe, "%v", bad.Kind)
		assert.Equal(t, -1, fe.Offset, "no offset outside parsing")
	}
}

type failingChecker struct{}

func (failingChecker) CheckCharacters(string) (string, error) {
	return "", errors.New("hsm unavailable")
}

func TestErrorMessages(t *testing.T) {
	_, err := zeropay.Parse("")
	assert.Equal(t, "zeropay: kind: not a zero pay code: not 1-, 2-, 3- or 4- (byte 0)", err.Error(), "byte 0 is shown")
	_, err = zeropay.Parse("1-ZP-202012AB012-T000000000000001--ABCD")
	assert.Equal(t, "zeropay: merchant ID: invalid length: not 12 characters (byte 5)", err.Error())
	assert.Equal(t, "zeropay: token: zeropay: x", (&zeropay.FieldError{Field: "token", Offset: -1, Err: errors.New("zeropay: zeropay: x")}).Error(),
		"one package prefix is trimmed")
	assert.Equal(t, "zeropay: qr: zeropay", (&zeropay.FieldError{Field: "qr", Offset: -1, Err: errors.New("zeropay")}).Error())
	assert.Equal(t, "zeropay: qr: ", (&zeropay.FieldError{Field: "qr", Offset: -1, Err: errors.New("zeropay: ")}).Error())
	assert.Equal(t, "zeropay: qr: other (byte 1)", (&zeropay.FieldError{Field: "qr", Offset: 1, Err: errors.New("other")}).Error())
}

func TestErrorsDoNotEchoValues(t *testing.T) {
	_, err := zeropay.Parse("1-ZP-SECRET123456-T000000000000001--ABCD")
	require.ErrorIs(t, err, zeropay.ErrFormat)
	assert.NotContains(t, err.Error(), "SECRET")
}

func TestSystemID(t *testing.T) {
	id, err := zeropay.ParseOperator("PKW")
	require.NoError(t, err)
	assert.Equal(t, "KW", id.String())
	for bad, want := range map[string]error{"KW": zeropay.ErrFormat, "PK": zeropay.ErrFormat, "XKW": zeropay.ErrFormat,
		"PPP": zeropay.ErrFormat, "Pkw": zeropay.ErrFormat, "PKWX": zeropay.ErrFormat} {
		_, err := zeropay.ParseOperator(bad)
		assert.ErrorIs(t, err, want, bad)
	}
	for bad, want := range map[string]error{"K": zeropay.ErrLength, "KWX": zeropay.ErrLength, "": zeropay.ErrLength,
		"k1": zeropay.ErrFormat, "1k": zeropay.ErrFormat, "PP": zeropay.ErrFormat, "K-": zeropay.ErrFormat} {
		_, err := zeropay.ParseSystemID(bad)
		assert.ErrorIs(t, err, want, bad)
	}
	for _, ok := range []string{"PA", "AP", "00", "Z9"} {
		_, err := zeropay.ParseSystemID(ok)
		assert.NoError(t, err, ok)
	}
}
