package zeropay_test

import (
	"strings"
	"testing"

	"github.com/qrbridge/qrbridge/zeropay"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	// J1 is 74 49 in ASCII decimals (research notes §3.3).
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
	back, err := b.String()
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
	back, err := b.String()
	require.NoError(t, err)
	assert.Equal(t, refundBarcode, back)
	assert.Len(t, back, 34)
}

func TestBarcodeRefusals(t *testing.T) {
	tests := []struct {
		name, in string
		want     error
	}{
		{"letters", "80008874493012345678901A", zeropay.ErrFormat},
		{"spaces", "8000 8874 4930 1234 5678 9017", zeropay.ErrFormat},
		{"other bin", "900088744930123456789017", zeropay.ErrKind},
		{"wechat auth code", "134567890123456789", zeropay.ErrKind},
		{"23 digits", consumerBarcode[:23], zeropay.ErrLength},
		{"system not ascii", "800088" + "0149" + "30123456789017", zeropay.ErrFormat},
		{"system PP", "800088" + "8080" + "30123456789017", zeropay.ErrFormat},
		{"token not 3", "800088" + "7449" + "40123456789017", zeropay.ErrFormat},
		{"refund date", "800088" + "8080" + "20261325" + "656667" + "1234567890", zeropay.ErrFormat},
		{"refund head", "800088" + "8080" + "20261125" + "656601" + "1234567890", zeropay.ErrFormat},
		{"35 digits", refundBarcode + "0", zeropay.ErrLength},
	}
	for _, tt := range tests {
		_, err := zeropay.ParseBarcode(tt.in)
		assert.ErrorIs(t, err, tt.want, tt.name)
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
	} {
		_, err := b.String()
		assert.Error(t, err, "%+v", b)
	}
	ok := zeropay.Barcode{Kind: zeropay.BarcodeConsumer, System: kw, Token: "39999999999007"}
	s, err := ok.String()
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(s, "8000887587"), s)
}
