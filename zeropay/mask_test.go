package zeropay_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"testing"

	"github.com/qrbridge/qrbridge/zeropay"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A child-meal card (service code 02): the token's ten middle digits are
// a parent's mobile number, 010-1234-5678 without its leading 0.
const (
	phone           = "1012345678"
	childToken      = "3" + phone + "02" + "7"
	childCode       = "3-KW-" + childToken + "--ABCD"
	childBarcode    = "800088" + "7587" + childToken // KW is 75 87
	maskedToken     = "3**********027"
	maskedCodeText  = "3-KW-" + maskedToken + "--****"
	maskedBarcodeTx = "8000887587" + maskedToken
)

// everyVerb formats v with every verb and flag combination a log line or
// error message might use.
func everyVerb(v any) []string {
	var out []string
	for _, f := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%20s", "%-40v", "%T %v"} {
		out = append(out, fmt.Sprintf(f, v))
	}
	return out
}

func TestTokenMaskedEverywhere(t *testing.T) {
	c, err := zeropay.Parse(childCode)
	require.NoError(t, err)
	require.Equal(t, childToken, c.Token, "the field holds the token in clear")
	b, err := zeropay.ParseBarcode(childBarcode)
	require.NoError(t, err)
	require.Equal(t, zeropay.ServiceCode("02"), b.ServiceCode())
	require.True(t, b.ServiceCode().IsChildMeal())

	assert.Equal(t, maskedCodeText, c.String())
	assert.Equal(t, maskedBarcodeTx, b.String())
	assert.Equal(t, "zeropay.Code("+maskedCodeText+")", c.GoString())
	assert.Equal(t, "zeropay.Barcode("+maskedBarcodeTx+")", b.GoString())

	type wrapper struct {
		Code    zeropay.Code
		Barcode zeropay.Barcode
		Ptr     *zeropay.Code
	}
	values := []any{c, b, &c, &b, wrapper{c, b, &c}, []zeropay.Code{c}, map[string]zeropay.Barcode{"b": b}}
	var outputs []string
	for _, v := range values {
		outputs = append(outputs, everyVerb(v)...)
		j, err := json.Marshal(v)
		require.NoError(t, err)
		outputs = append(outputs, string(j))
	}
	for _, h := range []func(*bytes.Buffer) slog.Handler{
		func(w *bytes.Buffer) slog.Handler { return slog.NewTextHandler(w, nil) },
		func(w *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(w, nil) },
	} {
		var buf bytes.Buffer
		log := slog.New(h(&buf))
		log.Info("scan", "code", c, "barcode", b, slog.Any("ptr", &c), slog.Group("g", "code", c),
			"codes", []zeropay.Code{c}, "wrapped", wrapper{c, b, &c})
		log.With("code", c).Info("with")
		outputs = append(outputs, buf.String())
	}
	for _, out := range outputs {
		assert.NotContains(t, out, phone, "the parent's number leaks in %s", out)
		assert.NotContains(t, out, phone[1:], "a suffix of the number leaks in %s", out)
		assert.NotContains(t, out, childToken, out)
	}
	// The masked form is there, so the test would notice printing nothing.
	assert.Contains(t, fmt.Sprintf("%v", c), maskedToken)
	assert.Contains(t, fmt.Sprintf("%+v", wrapper{c, b, &c}), maskedBarcodeTx)
	assert.Equal(t, fmt.Sprintf("%q", maskedCodeText), fmt.Sprintf("%q", c))
	j, _ := json.Marshal(c)
	assert.JSONEq(t, `{"kind":"consumer","system":"KW","token":"3**********027","check":"****","verified":"not-verified"}`, string(j))
	j, _ = json.Marshal(b)
	assert.JSONEq(t, `{"kind":"consumer","system":"KW","token":"3**********027","service_code":"02"}`, string(j))

	// Errors about a token never echo it either.
	for _, bad := range []string{"3-KW-" + phone + "0000000--ABCD", "3-kw-" + childToken + "--ABCD", "800088" + "7587" + "4" + phone + "027"} {
		_, err1 := zeropay.Parse(bad)
		_, err2 := zeropay.ParseBarcode(bad)
		for _, err := range []error{err1, err2} {
			require.Error(t, err)
			assert.NotContains(t, err.Error(), phone)
		}
	}
}

func TestMaskShapes(t *testing.T) {
	for token, want := range map[string]string{
		"30123456789007": "3**********007",
		"12345678":       "1****678",
		"1234567":        "*******",
		"A":              "*",
	} {
		c := zeropay.Code{Kind: zeropay.KindConsumer, System: zeropay.SystemID{'K', 'W'}, Token: token, Check: "0000"}
		assert.Equal(t, "3-KW-"+want+"--****", c.String(), token)
	}
	// Merchant and refund codes carry no credential and print in full.
	for _, in := range []string{static, dynamic, refund} {
		c, err := zeropay.Parse(in)
		require.NoError(t, err)
		assert.Equal(t, in, c.String())
		assert.Equal(t, in, fmt.Sprint(c))
	}
	rb, err := zeropay.ParseBarcode(refundBarcode)
	require.NoError(t, err)
	assert.Equal(t, refundBarcode, rb.String())
	assert.Equal(t, "zeropay.Code(invalid)", zeropay.Code{}.String())
	assert.Equal(t, "zeropay.Barcode(invalid)", zeropay.Barcode{}.String())
	assert.Equal(t, `"zeropay.Code(invalid)"`, fmt.Sprintf("%#v", zeropay.Code{Kind: 7}))
}
