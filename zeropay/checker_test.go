package zeropay_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/qrbridge/qrbridge/zeropay"
	"github.com/qrbridge/qrbridge/zeropay/zeropaytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// constChecker always answers the same check characters; it tells which
// checker was used.
type constChecker string

func (c constChecker) CheckCharacters(string) (string, error) { return string(c), nil }

func TestCheckersChoosePerKindAndOperator(t *testing.T) {
	kw, _ := zeropay.ParseSystemID("KW")
	km, _ := zeropay.ParseSystemID("KM")
	cs := zeropay.Checkers{
		Merchant:  constChecker("MMMM"),
		Operators: map[zeropay.SystemID]zeropay.Checker{kw: constChecker("WWWW"), km: constChecker("KKKK")},
	}
	tests := []struct {
		kind   zeropay.Kind
		system zeropay.SystemID
		want   zeropay.Checker
	}{
		{zeropay.KindStatic, zeropay.SystemID{}, constChecker("MMMM")},
		{zeropay.KindDynamic, zeropay.SystemID{}, constChecker("MMMM")},
		{zeropay.KindStatic, kw, constChecker("MMMM")}, // the merchant policy whatever the operator
		{zeropay.KindConsumer, kw, constChecker("WWWW")},
		{zeropay.KindConsumer, km, constChecker("KKKK")},
		{zeropay.KindRefund, kw, constChecker("WWWW")},
		{zeropay.KindConsumer, zeropay.SystemID{'N', 'V'}, nil}, // an operator not configured
		{zeropay.Kind(0), kw, nil},
		{zeropay.Kind(9), kw, nil},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, cs.CheckerFor(tt.kind, tt.system), "%v %v", tt.kind, tt.system)
	}
	assert.Nil(t, zeropay.Checkers{}.CheckerFor(zeropay.KindStatic, zeropay.SystemID{}), "the zero Checkers verifies nothing")

	p := zeropay.Parser{Checkers: cs}
	for in, want := range map[string]zeropay.CheckStatus{
		"1-ZP-202012AB0123-T000000000000001--MMMM": zeropay.CheckValid,
		"2-ZP-SER1--MMMM":                          zeropay.CheckValid,
		"3-KW-30123456789007--WWWW":                zeropay.CheckValid,
		"3-KM-30123456789007--KKKK":                zeropay.CheckValid,
		"4-ZP-KW-20261125-ABC1234567890--WWWW":     zeropay.CheckValid,
		"3-NV-30123456789007--ABCD":                zeropay.CheckNotVerified,
	} {
		c, err := p.Parse(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, c.Verified, in)
	}
	for _, in := range []string{
		"1-ZP-202012AB0123-T000000000000001--WWWW", // an operator's check on a sticker
		"3-KW-30123456789007--KKKK",                // another operator's policy
		"3-KW-30123456789007--MMMM",
	} {
		_, err := p.Parse(in)
		require.ErrorIs(t, err, zeropay.ErrCheck, in)
		var fe *zeropay.FieldError
		require.ErrorAs(t, err, &fe)
		assert.Equal(t, strings.LastIndex(in, "--")+2, fe.Offset, "the check field's offset")
	}

	strict := zeropay.Parser{Checkers: cs, RequireCheck: true}
	_, err := strict.Parse("3-NV-30123456789007--ABCD")
	require.ErrorIs(t, err, zeropay.ErrNoChecker)
	var fe *zeropay.FieldError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, 21, fe.Offset)
	_, err = (&zeropay.Parser{RequireCheck: true}).Parse(static)
	assert.ErrorIs(t, err, zeropay.ErrNoChecker)
	c, err := strict.Parse("3-KW-30123456789007--WWWW")
	require.NoError(t, err)
	assert.Equal(t, zeropay.CheckValid, c.Verified)
}

func TestCheckersTakePrecedenceOverCheck(t *testing.T) {
	p := zeropay.Parser{Check: constChecker("AAAA"), Checkers: zeropay.Checkers{Merchant: constChecker("BBBB")}}
	_, err := p.Parse("1-ZP-202012AB0123-T000000000000001--AAAA")
	assert.ErrorIs(t, err, zeropay.ErrCheck)
	c, err := p.Parse("1-ZP-202012AB0123-T000000000000001--BBBB")
	require.NoError(t, err)
	assert.Equal(t, zeropay.CheckValid, c.Verified)
	old := zeropay.Parser{Check: constChecker("AAAA")}
	c, err = old.Parse("3-KW-30123456789007--AAAA")
	require.NoError(t, err, "Check alone still applies to every kind")
	assert.Equal(t, zeropay.CheckValid, c.Verified)
}

func TestCheckerFailure(t *testing.T) {
	p := zeropay.Parser{Check: failingChecker{}}
	_, err := p.Parse(static)
	var fe *zeropay.FieldError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "check", fe.Field)
	assert.Equal(t, 36, fe.Offset)
	assert.Equal(t, "checker failed", fe.Reason)
	assert.Contains(t, err.Error(), "hsm unavailable")
	assert.NotErrorIs(t, err, zeropay.ErrCheck)
}

func TestAdapters(t *testing.T) {
	var seen string
	ck := zeropay.CheckerFunc(func(prefix string) (string, error) { seen = prefix; return "X9-Z", nil })
	sel := zeropay.CheckerSelectorFunc(func(k zeropay.Kind, _ zeropay.SystemID) zeropay.Checker {
		if k == zeropay.KindStatic {
			return ck
		}
		return nil
	})
	c, err := (&zeropay.Parser{Checkers: sel}).Parse(static)
	require.NoError(t, err)
	assert.Equal(t, zeropay.CheckValid, c.Verified)
	assert.Equal(t, static[:36], seen, "the prefix up to and including --")
}

func TestResolveVerifiesCheck(t *testing.T) {
	dir, err := zeropay.LoadJSON(strings.NewReader(directoryJSON))
	require.NoError(t, err)
	ctx := context.Background()
	good := zeropay.Parser{Checkers: zeropay.Checkers{Merchant: constChecker("X9-Z")}}
	mc, code, err := good.Resolve(ctx, dir, static)
	require.NoError(t, err)
	assert.Equal(t, "명동 칼국수", mc.Name)
	assert.Equal(t, zeropay.CheckValid, code.Verified)

	// A sticker with a wrong check is refused before the directory is
	// asked, though the directory knows its text.
	wrong := zeropay.Parser{Checkers: zeropay.Checkers{Merchant: zeropaytest.FixtureChecker{}}}
	_, _, err = wrong.Resolve(ctx, dir, static)
	require.ErrorIs(t, err, zeropay.ErrCheck)
	var fe *zeropay.FieldError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "check", fe.Field)
	assert.Equal(t, 36, fe.Offset)

	_, _, err = (&zeropay.Parser{RequireCheck: true}).Resolve(ctx, dir, static)
	assert.ErrorIs(t, err, zeropay.ErrNoChecker)
	_, code, err = zeropay.Resolve(ctx, dir, static)
	require.NoError(t, err, "the package-level Resolve verifies nothing")
	assert.Equal(t, zeropay.CheckNotVerified, code.Verified)
}

// TestResolveErrorsNameFieldAndReason: each refusal says which field or
// record failed and why, and never the value.
func TestResolveErrorsNameFieldAndReason(t *testing.T) {
	dir, err := zeropay.LoadJSON(strings.NewReader(directoryJSON))
	require.NoError(t, err)
	ctx := context.Background()
	tests := []struct {
		qr, field, reason string
		offset            int
		want              error
	}{
		{"1-ZP-202102EF0789-T000000000000004--ABCD", "merchant ID", "qr record names another merchant", 5, zeropay.ErrNotFound},
		{"1-ZP-202012AB0123-T000000000000009--ABCD", "qr", "no such qr record", -1, zeropay.ErrNotFound},
		{consumer, "kind", "not a static merchant code", 0, zeropay.ErrKind},
		{"1-ZP-201712AB0123-T000000000000001--ABCD", "merchant ID", "does not start with an issue month YYYYMM from 201801", 5, zeropay.ErrFormat},
		{"1-ZP-202012AB012-T000000000000001--ABCD", "merchant ID", "not 12 characters", 5, zeropay.ErrLength},
		{"1-XP-202012AB0123-T000000000000001--ABCD", "registrar", "not ZP", 2, zeropay.ErrFormat},
		{"1-ZP-202012AB0123-T00000000000000_--ABCD", "terminal ID", "not alphanumeric", 18, zeropay.ErrFormat},
		{"1-ZP-202012AB0123-T000000000000001--AB", "check", "not 4 characters", 36, zeropay.ErrLength},
	}
	for _, tt := range tests {
		_, _, err := zeropay.Resolve(ctx, dir, tt.qr)
		require.ErrorIs(t, err, tt.want, tt.qr)
		var fe *zeropay.FieldError
		require.ErrorAs(t, err, &fe, tt.qr)
		assert.Equal(t, tt.field, fe.Field, tt.qr)
		assert.Equal(t, tt.reason, fe.Reason, tt.qr)
		assert.Equal(t, tt.offset, fe.Offset, tt.qr)
		assert.Contains(t, err.Error(), tt.reason)
		for _, part := range strings.Split(tt.qr, "-") {
			if len(part) >= 6 {
				assert.NotContains(t, err.Error(), part, "no value in %q", err.Error())
			}
		}
	}
	// A directory's own error is wrapped, naming the lookup.
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	_, _, err = zeropay.Resolve(cancelled, dir, static)
	require.ErrorIs(t, err, context.Canceled)
	var fe *zeropay.FieldError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "qr", fe.Field)
	assert.Equal(t, "qr record lookup", fe.Reason)
	assert.Equal(t, -1, fe.Offset)
	_, _, err = zeropay.Resolve(ctx, merchantFails{dir}, static)
	require.ErrorIs(t, err, errDirectoryDown)
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "merchant ID", fe.Field)
	assert.Equal(t, "merchant lookup", fe.Reason)
	assert.Equal(t, -1, fe.Offset)
	assert.Equal(t, "zeropay: merchant ID: directory down: merchant lookup", err.Error())
}

var errDirectoryDown = errors.New("directory down")

// merchantFails answers QR lookups from its Memory and fails merchant
// lookups.
type merchantFails struct{ *zeropay.Memory }

func (merchantFails) Merchant(context.Context, string) (zeropay.Merchant, error) {
	return zeropay.Merchant{}, errDirectoryDown
}
