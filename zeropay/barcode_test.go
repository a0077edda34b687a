package zeropay_test

import (
	"strings"
	"testing"

	"github.com/qrbridge/qrbridge/zeropay"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	// J1 is 74 49 in ASCII decimals (KFTC design v2.6.3b, barcode layout).
	consumerBarcode = "800088" + "7449" + "30123456789017"
	// A refund of transaction ABC1234567890 of 2026-11-25: "PP" marker
	// 8080, then A B C as 65 66 67.
	refundBarcode = "800088" + "8080" + "20261125" + "656667" + "1234567890"
)

func TestParseConsumerBarcode(t *testing.T) {
	b, err := zeropay.ParseBarcode(consumerBarcode)
	require.NoError(t, err)
	assert.Equal(t, zeropay.BarcodeConsumer, b.Kind)
	assert.Equal(t, "J1", b.System.String())
	assert.Equal(t, "PJ1", b.System.Operator())
	assert.Equal(t, "30123456789017", b.Token)
	assert.Equal(t, zeropay.ServiceCode("01"), b.ServiceCode())
	assert.True(t, b.ServiceCode().IsChildMeal())
	back, err := b.Encode()
	require.NoError(t, err)
	assert.Equal(t, consumerBarcode, back)
	shown, _ := b.Display()
	assert.Equal(t, "8000 8874 4930 1234 5678 9017", shown)
}

func TestParseRefundBarcode(t *testing.T) {
	b, err := zeropay.ParseBarcode(refundBarcode)
	require.NoError(t, err)
	assert.Equal(t, zeropay.BarcodeRefund, b.Kind)
	assert.Equal(t, "20261125", b.OriginalDate)
	assert.Equal(t, "ABC1234567890", b.OriginalTxn)
	back, err := b.Encode()
	require.NoError(t, err)
	assert.Equal(t, refundBarcode, back)
	assert.Len(t, back, 34)
}

func TestBarcodeRefusals(t *testing.T) {
	tests := []struct {
		name, in, field string
		offset          int
		want            error
	}{
		{"letters", "80008874493012345678901A", "barcode", 0, zeropay.ErrFormat},
		{"spaces", "8000 8874 4930 1234 5678 9017", "barcode", 0, zeropay.ErrFormat},
		{"empty", "", "barcode", 0, zeropay.ErrFormat},
		{"other bin", "900088744930123456789017", "barcode", 0, zeropay.ErrKind},
		{"other institution", "800089744930123456789017", "barcode", 0, zeropay.ErrKind},
		{"wechat auth code", "134567890123456789", "barcode", 0, zeropay.ErrKind},
		{"23 digits", consumerBarcode[:23], "barcode", 0, zeropay.ErrLength},
		{"25 digits", consumerBarcode + "0", "barcode", 0, zeropay.ErrLength},
		{"system not ascii", "800088" + "0149" + "30123456789017", "payment-system ID", 6, zeropay.ErrFormat},
		{"system second char", "800088" + "7401" + "30123456789017", "payment-system ID", 6, zeropay.ErrFormat},
		{"system lowercase", "800088" + "9799" + "30123456789017", "payment-system ID", 6, zeropay.ErrFormat},
		{"system PP", "800088" + "8080" + "30123456789017", "payment-system ID", 6, zeropay.ErrFormat},
		{"token not 3", "800088" + "7449" + "40123456789017", "token", 10, zeropay.ErrFormat},
		{"refund date", "800088" + "8080" + "20261325" + "656667" + "1234567890", "original date", 10, zeropay.ErrFormat},
		{"refund head", "800088" + "8080" + "20261125" + "656601" + "1234567890", "original transaction", 18, zeropay.ErrFormat},
		{"refund head first", "800088" + "8080" + "20261125" + "016667" + "1234567890", "original transaction", 18, zeropay.ErrFormat},
		{"34 digits not refund", "800088" + "7449" + "20261125" + "656667" + "1234567890", "barcode", 0, zeropay.ErrLength},
		{"35 digits", refundBarcode + "0", "barcode", 0, zeropay.ErrLength},
	}
	for _, tt := range tests {
		_, err := zeropay.ParseBarcode(tt.in)
		require.ErrorIs(t, err, tt.want, tt.name)
		var fe *zeropay.FieldError
		require.ErrorAs(t, err, &fe, tt.name)
		assert.Equal(t, tt.field, fe.Field, tt.name)
		assert.Equal(t, tt.offset, fe.Offset, tt.name)
	}
}

func TestBarcodeGenerationRefusals(t *testing.T) {
	kw, _ := zeropay.ParseSystemID("KW")
	for _, b := range []zeropay.Barcode{
		{},
		{Kind: zeropay.BarcodeConsumer, Token: "30123456789017"},
		{Kind: zeropay.BarcodeConsumer, System: kw, Token: "3012345678901"},
		{Kind: zeropay.BarcodeConsumer, System: kw, Token: "40123456789017"},
		{Kind: zeropay.BarcodeRefund, OriginalDate: "20261125", OriginalTxn: "abc1234567890"},
		{Kind: zeropay.BarcodeRefund, OriginalDate: "2026112", OriginalTxn: "ABC1234567890"},
		{Kind: zeropay.BarcodeRefund, OriginalDate: "20261125", OriginalTxn: "ABC123456789"},
		{Kind: zeropay.BarcodeRefund, OriginalDate: "20261125", OriginalTxn: "ABC12345678X0"},
		{Kind: zeropay.BarcodeConsumer, System: kw, Token: "3012345678901X"},
		{Kind: zeropay.BarcodeConsumer, System: zeropay.SystemID{'P', 'P'}, Token: "30123456789017"},
		{Kind: 3, System: kw, Token: "30123456789017"},
	} {
		_, err := b.Encode()
		var fe *zeropay.FieldError
		assert.ErrorAs(t, err, &fe, "%+v", b)
		if fe != nil {
			assert.Equal(t, -1, fe.Offset)
		}
		_, err = b.Display()
		assert.Error(t, err)
	}
	ok := zeropay.Barcode{Kind: zeropay.BarcodeConsumer, System: kw, Token: "39999999999007"}
	s, err := ok.Encode()
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(s, "8000887587"), s)
}
