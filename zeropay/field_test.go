package zeropay_test

import (
	"testing"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/qrbridge/qrbridge/zeropay"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDateValidation covers every branch of the calendar check through
// refund codes and refund barcodes: leap days, month ends, January and
// December, month and day zero.
func TestDateValidation(t *testing.T) {
	tests := []struct {
		date string
		ok   bool
	}{
		{"20240229", true}, {"20230229", false}, {"20000229", true}, {"21000229", false},
		{"19000229", false}, {"20280229", true}, {"20240230", false}, {"20230228", true},
		{"20260131", true}, {"20260132", false}, {"20260101", true}, {"20260100", false},
		{"20260331", true}, {"20260332", false}, {"20260430", true}, {"20260431", false},
		{"20260531", true}, {"20260630", true}, {"20260631", false}, {"20260731", true},
		{"20260831", true}, {"20260930", true}, {"20260931", false}, {"20261031", true},
		{"20261130", true}, {"20261131", false}, {"20261231", true}, {"20261232", false},
		{"20261301", false}, {"20260001", false}, {"00010101", true}, {"2026113A", false},
		{"20261", false},
	}
	for _, tt := range tests {
		_, err := zeropay.Parse("4-ZP-KW-" + tt.date + "-ABC1234567890--ZZZZ")
		if tt.ok {
			assert.NoError(t, err, tt.date)
		} else {
			require.ErrorIs(t, err, zeropay.ErrFormat, tt.date)
			var fe *zeropay.FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, "original date", fe.Field, tt.date)
			assert.Equal(t, 8, fe.Offset, tt.date)
		}
		if len(tt.date) != 8 || tt.date == "2026113A" { // a barcode is digits: refused as a whole
			continue
		}
		_, err = zeropay.ParseBarcode("800088" + "8080" + tt.date + "656667" + "1234567890")
		if tt.ok {
			assert.NoError(t, err, "barcode "+tt.date)
		} else {
			require.ErrorIs(t, err, zeropay.ErrFormat, "barcode "+tt.date)
			var fe *zeropay.FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, 10, fe.Offset)
		}
		b := zeropay.Barcode{Kind: zeropay.BarcodeRefund, OriginalDate: tt.date, OriginalTxn: "ABC1234567890"}
		_, err = b.Encode()
		assert.Equal(t, tt.ok, err == nil, "encode "+tt.date)
	}
}

func TestIssueMonth(t *testing.T) {
	for id, ok := range map[string]bool{
		"201801AB0123": true, "201712AB0123": false, "202001AB0123": true, "202012AB0123": true,
		"202000AB0123": false, "202013AB0123": false, "299912AB0123": true, "20201XAB0123": false,
		"201800AB0123": false,
	} {
		_, err := zeropay.Parse("1-ZP-" + id + "-T000000000000001--ABCD")
		if ok {
			assert.NoError(t, err, id)
			continue
		}
		require.ErrorIs(t, err, zeropay.ErrFormat, id)
		var fe *zeropay.FieldError
		require.ErrorAs(t, err, &fe)
		assert.Equal(t, 5, fe.Offset, id)
	}
}

func TestResultRefusesZeroAndFractionalWon(t *testing.T) {
	for name, a := range map[string]fx.Amount{
		"zero won":       fx.Zero(fx.MustCurrency("KRW")),
		"zero from 0":    fx.FromMinor(0, fx.MustCurrency("KRW")),
		"negative":       fx.FromMinor(-1, fx.MustCurrency("KRW")),
		"half a won":     fx.NewAmount(fx.FromMinor(1, fx.MustCurrency("CNY")).Decimal(), fx.MustCurrency("KRW")),
		"no currency":    {},
		"other currency": fx.FromMinor(100, fx.MustCurrency("USD")),
	} {
		r := validResult()
		r.Amount = a
		err := r.Validate()
		require.Error(t, err, name)
		var fe *zeropay.FieldError
		require.ErrorAs(t, err, &fe, name)
		assert.Equal(t, "amount", fe.Field, name)
	}
	r := validResult()
	r.Amount = fx.FromMinor(1, fx.MustCurrency("KRW"))
	assert.NoError(t, r.Validate(), "one won is a payment")
	for name, o := range map[string]fx.Amount{
		"zero":     fx.Zero(fx.MustCurrency("CNY")),
		"negative": fx.FromMinor(-1, fx.MustCurrency("CNY")),
		"won":      fx.FromMinor(100, fx.MustCurrency("KRW")),
		"sub-fen":  fx.NewAmount(fx.FromMinor(1, fx.MustCurrency("BHD")).Decimal(), fx.MustCurrency("CNY")),
	} {
		r := validResult()
		r.Original = o
		err := r.Validate()
		require.ErrorIs(t, err, zeropay.ErrFormat, name)
		var fe *zeropay.FieldError
		require.ErrorAs(t, err, &fe)
		assert.Equal(t, "original amount", fe.Field, name)
	}
}

// TestRecordErrorsHaveNoOffset: a Result or Refund is not parsed text, so
// every FieldError of Validate has offset -1 and no byte in its message.
func TestRecordErrorsHaveNoOffset(t *testing.T) {
	var zero zeropay.Result
	errs := zero.Validate().(interface{ Unwrap() []error }).Unwrap()
	require.Len(t, errs, 6, "merchant, terminal, amount, approval, operator, time")
	var refund zeropay.Refund
	errs = append(errs, refund.Validate().(interface{ Unwrap() []error }).Unwrap()...)
	r := validResult()
	r.MerchantID = "202013AB0123"
	r.Original = fx.FromMinor(-1, fx.MustCurrency("CNY"))
	r.Amount = fx.Zero(fx.MustCurrency("KRW"))
	errs = append(errs, r.Validate().(interface{ Unwrap() []error }).Unwrap()...)
	require.Len(t, r.Validate().(interface{ Unwrap() []error }).Unwrap(), 3, "merchant ID, amount, original")
	late := zeropay.Refund{OriginalTime: r.Time, Time: r.Time.Add(-1)}
	errs = append(errs, late.Validate().(interface{ Unwrap() []error }).Unwrap()...)
	for _, f := range []func() error{
		func() error { _, err := zeropay.ParseSystemID("K"); return err },
		func() error { _, err := zeropay.ParseSystemID("kw"); return err },
		func() error { _, err := zeropay.ParseOperator("XKW"); return err },
		func() error { _, err := zeropay.ParseOperator("PK"); return err },
	} {
		errs = append(errs, f())
	}
	require.Greater(t, len(errs), 20)
	for _, err := range errs {
		var fe *zeropay.FieldError
		require.ErrorAs(t, err, &fe)
		assert.Equal(t, -1, fe.Offset, "%v", err)
		assert.NotContains(t, err.Error(), "byte")
	}
}

func TestResultFieldChecks(t *testing.T) {
	for name, mutate := range map[string]func(*zeropay.Result){
		"terminal 15":    func(r *zeropay.Result) { r.TerminalID = "T00000000000001" },
		"terminal 17":    func(r *zeropay.Result) { r.TerminalID = "T0000000000000001" },
		"approval empty": func(r *zeropay.Result) { r.ApprovalNumber = "" },
		"approval 21":    func(r *zeropay.Result) { r.ApprovalNumber = "A00000000000000000001" },
		"operator":       func(r *zeropay.Result) { r.Operator = zeropay.SystemID{'P', 'P'} },
		"merchant 11":    func(r *zeropay.Result) { r.MerchantID = "202012AB012" },
		"merchant month": func(r *zeropay.Result) { r.MerchantID = "202013AB0123" },
	} {
		r := validResult()
		mutate(&r)
		assert.Error(t, r.Validate(), name)
	}
	r := validResult()
	r.ApprovalNumber = "A0000000000000000001" // 20, the longest
	assert.NoError(t, r.Validate())
}

// TestAlphabetBoundaries: AN fields take digits and letters of either case,
// nothing next to them in ASCII.
func TestAlphabetBoundaries(t *testing.T) {
	for _, serial := range []string{"a", "z", "A", "Z", "0", "9", "azAZ09"} {
		_, err := zeropay.Parse("2-ZP-" + serial + "--ABCD")
		assert.NoError(t, err, serial)
	}
	for _, serial := range []string{"`", "{", "@", "[", "/", ":", "\x80", "é"} {
		_, err := zeropay.Parse("2-ZP-" + serial + "--ABCD")
		require.ErrorIs(t, err, zeropay.ErrFormat, serial)
		var fe *zeropay.FieldError
		require.ErrorAs(t, err, &fe)
		assert.Equal(t, "serial", fe.Field)
		assert.Equal(t, 5, fe.Offset)
	}
	// Payment-system IDs take digits and capitals only.
	for id, ok := range map[string]bool{"AZ": true, "09": true, "@A": false, "[A": false, "A`": false, "a1": false, "/0": false, ":0": false} {
		_, err := zeropay.ParseSystemID(id)
		assert.Equal(t, ok, err == nil, id)
	}
}
