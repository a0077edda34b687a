package zeropay_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/zeropay"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEnumText: every enum has a String and a text form that round-trips;
// the zero or unknown values are refused with a matchable error.
func TestEnumText(t *testing.T) {
	kinds := map[zeropay.Kind][2]string{
		zeropay.KindStatic: {"static", "static merchant"}, zeropay.KindDynamic: {"dynamic", "dynamic merchant"},
		zeropay.KindConsumer: {"consumer", "consumer"}, zeropay.KindRefund: {"refund", "refund"},
	}
	for k, want := range kinds {
		b, err := k.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, want[0], string(b))
		assert.Equal(t, want[1], k.String())
		var back zeropay.Kind
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, k, back)
	}
	for _, k := range []zeropay.Kind{0, 5} {
		_, err := k.MarshalText()
		assert.ErrorIs(t, err, zeropay.ErrKind)
		assert.Equal(t, "unknown", k.String())
	}
	var k zeropay.Kind
	assert.ErrorIs(t, k.UnmarshalText([]byte("Static")), zeropay.ErrKind)
	assert.ErrorIs(t, k.UnmarshalText(nil), zeropay.ErrKind)

	for s, want := range map[zeropay.CheckStatus][2]string{zeropay.CheckNotVerified: {"not-verified", "not verified"}, zeropay.CheckValid: {"valid", "valid"}} {
		b, err := s.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, want[0], string(b))
		assert.Equal(t, want[1], s.String())
		var back zeropay.CheckStatus = 9
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, s, back)
	}
	_, err := zeropay.CheckStatus(2).MarshalText()
	assert.ErrorIs(t, err, zeropay.ErrFormat)
	assert.Equal(t, "check(2)", zeropay.CheckStatus(2).String())
	var cs zeropay.CheckStatus
	assert.ErrorIs(t, cs.UnmarshalText([]byte("VALID")), zeropay.ErrFormat)

	for bk, want := range map[zeropay.BarcodeKind]string{zeropay.BarcodeConsumer: "consumer", zeropay.BarcodeRefund: "refund"} {
		b, err := bk.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, want, string(b))
		assert.Equal(t, want, bk.String())
		var back zeropay.BarcodeKind
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, bk, back)
	}
	_, err = zeropay.BarcodeKind(0).MarshalText()
	assert.ErrorIs(t, err, zeropay.ErrKind)
	_, err = zeropay.BarcodeKind(3).MarshalText()
	assert.ErrorIs(t, err, zeropay.ErrKind)
	assert.Equal(t, "unknown", zeropay.BarcodeKind(3).String())
	var bk zeropay.BarcodeKind
	assert.ErrorIs(t, bk.UnmarshalText([]byte("x")), zeropay.ErrKind)

	for st, want := range map[zeropay.Status]string{zeropay.StatusNormal: "normal", zeropay.StatusDormant: "dormant", zeropay.StatusSuspended: "suspended"} {
		b, err := st.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, want, string(b))
		var back zeropay.Status = 9
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, st, back)
		j, err := json.Marshal(st)
		require.NoError(t, err)
		assert.Equal(t, string('0'+byte(st)), string(j), "JSON keeps the master files' number")
		back = 9
		require.NoError(t, json.Unmarshal(j, &back))
		assert.Equal(t, st, back)
		back = 9
		require.NoError(t, json.Unmarshal([]byte(`"`+want+`"`), &back))
		assert.Equal(t, st, back)
	}
	_, err = zeropay.Status(3).MarshalText()
	assert.ErrorIs(t, err, zeropay.ErrFormat)
	_, err = json.Marshal(zeropay.Status(3))
	assert.ErrorIs(t, err, zeropay.ErrFormat)
	assert.Equal(t, "status(3)", zeropay.Status(3).String())
	var st zeropay.Status
	for _, bad := range []string{`3`, `"paused"`, `-1`, `1.0`, `true`, `null`} {
		assert.ErrorIs(t, json.Unmarshal([]byte(bad), &st), zeropay.ErrFormat, bad)
	}

	kw, _ := zeropay.ParseSystemID("KW")
	b, err := kw.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "KW", string(b))
	var id zeropay.SystemID
	require.NoError(t, id.UnmarshalText([]byte("J1")))
	assert.Equal(t, "J1", id.String())
	_, err = zeropay.SystemID{}.MarshalText()
	assert.ErrorIs(t, err, zeropay.ErrFormat)
	assert.ErrorIs(t, id.UnmarshalText([]byte("PP")), zeropay.ErrFormat)
	assert.ErrorIs(t, id.UnmarshalText([]byte("KWX")), zeropay.ErrLength)
	assert.Equal(t, "J1", id.String(), "unchanged on error")
}

func TestResultJSON(t *testing.T) {
	r := validResult()
	b, err := json.Marshal(r)
	require.NoError(t, err)
	assert.JSONEq(t, `{"merchant_id":"202012AB0123","terminal_id":"T000000000000001",
		"amount":{"amount":"12000","currency":"KRW"},"approval_number":"A0001","operator":"PKW",
		"time":"2026-11-26T12:00:00Z","original":{"amount":"62.40","currency":"CNY"}}`, string(b))
	var back zeropay.Result
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, r.String(), back.String())
	assert.Equal(t, r.Operator, back.Operator)
	assert.True(t, r.Time.Equal(back.Time))
	assert.Equal(t, r.Original.String(), back.Original.String())
	require.NoError(t, back.Validate())
	assert.Equal(t, "zeropay result 202012AB0123/T000000000000001: 12000 KRW via PKW, approval A0001 at 2026-11-26T12:00:00Z", r.String())

	won := validResult()
	won.Original = fx.Amount{}
	b, err = json.Marshal(won)
	require.NoError(t, err)
	assert.NotContains(t, string(b), "original", "paid in won: no original")
	require.NoError(t, json.Unmarshal(b, &back))
	assert.True(t, back.Original.Currency().IsZero())

	for _, bad := range []string{`{"operator":"KW"}`, `{"operator":"PPP"}`, `[]`, `{"amount":{"amount":"1.5","currency":"KRW"}}`} {
		assert.Error(t, json.Unmarshal([]byte(bad), &back), bad)
	}
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"operator":"KW"}`), &back), zeropay.ErrFormat)
	var fe *zeropay.FieldError
	require.ErrorAs(t, back.UnmarshalJSON([]byte(`[]`)), &fe)
	assert.Equal(t, "result", fe.Field)
	assert.Equal(t, -1, fe.Offset)
}

func TestRefundJSON(t *testing.T) {
	r := validResult()
	refund := zeropay.Refund{
		MerchantID: r.MerchantID, TerminalID: r.TerminalID, OriginalApproval: r.ApprovalNumber,
		OriginalTime: r.Time, Amount: fx.FromMinor(5000, fx.MustCurrency("KRW")), ApprovalNumber: "R0001",
		Operator: r.Operator, Time: r.Time.Add(time.Hour), Original: fx.FromMinor(2600, fx.MustCurrency("CNY")),
	}
	b, err := json.Marshal(refund)
	require.NoError(t, err)
	assert.JSONEq(t, `{"merchant_id":"202012AB0123","terminal_id":"T000000000000001","original_approval":"A0001",
		"original_time":"2026-11-26T12:00:00Z","amount":{"amount":"5000","currency":"KRW"},"approval_number":"R0001",
		"operator":"PKW","time":"2026-11-26T13:00:00Z","original":{"amount":"26.00","currency":"CNY"}}`, string(b))
	var back zeropay.Refund
	require.NoError(t, json.Unmarshal(b, &back))
	require.NoError(t, back.Validate())
	assert.Equal(t, refund.String(), back.String())
	assert.Equal(t, "zeropay refund 202012AB0123/T000000000000001: 5000 KRW via PKW, approval R0001 of A0001 at 2026-11-26T13:00:00Z", refund.String())
	var fe *zeropay.FieldError
	require.ErrorAs(t, back.UnmarshalJSON([]byte(`"x"`)), &fe)
	assert.Equal(t, "refund", fe.Field)
	assert.Equal(t, -1, fe.Offset)
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"operator":"XKW"}`), &back), zeropay.ErrFormat)
	// An empty operator decodes to the zero ID, which Validate refuses.
	require.NoError(t, json.Unmarshal([]byte(`{"amount":{"amount":"1","currency":"KRW"}}`), &back))
	assert.Equal(t, zeropay.SystemID{}, back.Operator)
	assert.ErrorIs(t, back.Validate(), zeropay.ErrFormat)
}

// TestTextErrorsHaveNoOffset: text forms are not parsed codes, so their
// errors carry offset -1.
func TestTextErrorsHaveNoOffset(t *testing.T) {
	var k zeropay.Kind
	var cs zeropay.CheckStatus
	var bk zeropay.BarcodeKind
	var st zeropay.Status
	var id zeropay.SystemID
	errs := []error{
		k.UnmarshalText([]byte("x")), cs.UnmarshalText([]byte("x")), bk.UnmarshalText([]byte("x")),
		st.UnmarshalText([]byte("x")), st.UnmarshalJSON([]byte("[]")), id.UnmarshalText([]byte("x")),
	}
	for _, f := range []func() ([]byte, error){
		zeropay.Kind(0).MarshalText, zeropay.CheckStatus(5).MarshalText, zeropay.BarcodeKind(0).MarshalText,
		zeropay.Status(5).MarshalText, zeropay.Status(5).MarshalJSON, zeropay.SystemID{}.MarshalText,
	} {
		_, err := f()
		errs = append(errs, err)
	}
	for i, err := range errs {
		var fe *zeropay.FieldError
		require.ErrorAs(t, err, &fe, "%d", i)
		assert.Equal(t, -1, fe.Offset, "%d: %v", i, err)
	}
}
