package zeropay_test

import (
	"errors"
	"testing"
	"time"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/zeropay"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func validResult() zeropay.Result {
	kw, _ := zeropay.ParseSystemID("KW")
	return zeropay.Result{
		MerchantID: "202012AB0123", TerminalID: "T000000000000001",
		Amount:         fx.FromMinor(12000, fx.MustCurrency("KRW")),
		ApprovalNumber: "A0001", Operator: kw,
		Time:     time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC),
		Original: fx.FromMinor(6240, fx.MustCurrency("CNY")),
	}
}

func TestResultValidate(t *testing.T) {
	r := validResult()
	require.NoError(t, r.Validate())
	r.Original = fx.Amount{}
	require.NoError(t, r.Validate(), "paid in won")

	bad := validResult()
	bad.MerchantID = "201012AB0123"
	bad.Amount = fx.FromMinor(100, fx.MustCurrency("USD"))
	bad.Time = time.Time{}
	bad.Original = fx.FromMinor(0, fx.MustCurrency("CNY"))
	err := bad.Validate()
	var fields []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var fe *zeropay.FieldError
		require.True(t, errors.As(e, &fe))
		fields = append(fields, fe.Field)
	}
	assert.Equal(t, []string{"merchant ID", "amount", "time", "original amount"}, fields, "every problem at once")
	assert.ErrorIs(t, err, fx.ErrCurrencyMismatch)
}

func TestRefundValidate(t *testing.T) {
	r := validResult()
	refund := zeropay.Refund{
		MerchantID: r.MerchantID, TerminalID: r.TerminalID, OriginalApproval: r.ApprovalNumber,
		OriginalTime: r.Time, Amount: r.Amount, ApprovalNumber: "R0001", Operator: r.Operator,
		Time: r.Time.Add(time.Hour), Original: r.Original,
	}
	require.NoError(t, refund.Validate())
	refund.Time = r.Time.Add(-time.Hour)
	refund.Amount = fx.NewAmount(refund.Amount.Decimal().Neg(), refund.Amount.Currency())
	err := refund.Validate()
	assert.ErrorIs(t, err, zeropay.ErrFormat)
	var fe *zeropay.FieldError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "amount", fe.Field)
}
