package fx

import (
	"database/sql"
	"database/sql/driver"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFormat pins what Format prints with x/text v0.44's CLDR data. x/text
// itself writes "₩ 12,000" (always the symbol, a space, the number, even
// for German, where CLDR puts the euro sign last); Format drops that space
// after a symbol that is not a letter.
func TestFormat(t *testing.T) {
	tests := []struct {
		a      Amount
		locale string
		want   string
	}{
		{FromMinor(12000, krw), "ko", "₩12,000"},
		{FromMinor(12000, krw), "ko-KR", "₩12,000"},
		{FromMinor(6240, cny), "zh", "¥62.40"},
		{FromMinor(6240, cny), "zh-Hans-CN", "¥62.40"},
		{FromMinor(125000, MustCurrency("THB")), "th", "฿1,250.00"},
		{FromMinor(123450, eur), "de", "€1.234,50"},
		{FromMinor(123450, eur), "fr", "€1\u00a0234,50"},                      // a no-break space,
		{FromMinor(123456750, MustCurrency("INR")), "en-IN", "₹12,34,567.50"}, // Indian grouping
		{FromMinor(1511, jpy), "ja", "￥1,511"},
		{FromMinor(1750, usd), "en-US", "$17.50"},
		{FromMinor(1234, bhd), "en", "BHD 1.234"},                         // no narrow symbol: the code and a space
		{FromMinor(123450, MustCurrency("CHF")), "de-CH", "CHF 1’234.50"}, // the Swiss apostrophe
		{FromMinor(123456, MustCurrency("EGP")), "ar", "E£١٬٢٣٤٫٥٦"},      // Arabic-Indic digits
		{FromMinor(123450, MustCurrency("SAR")), "fa", "SAR ۱٬۲۳۴٫۵۰"},    // Persian digits
		{FromMinor(-320, cny), "zh", "-¥3.20"},
		{FromMinor(1750, usd), "", "$17.50"}, // root locale
		{FromMinor(1750, usd), "not a tag!", "$17.50"},
		{NewAmount(dec("1.2345"), usd), "en", "$1.2345"}, // more decimals than the currency: kept
		{NewAmount(dec("1234567890123456789012.5"), usd), "en", "$1234567890123456789012.50"},
		{NewAmount(dec("123456789012345678.5"), usd), "en", "$123,456,789,012,345,678.50"}, // 18 digits: grouped
		{Zero(krw), "ko", "₩0"},
		{Amount{}, "en", "0"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.a.Format(tt.locale), "%s in %q", tt.a, tt.locale)
	}
}

func TestSQLValueAndScan(t *testing.T) {
	var _ driver.Valuer = Amount{}
	var _ sql.Scanner = (*Amount)(nil)
	for _, a := range []Amount{FromMinor(1750, usd), FromMinor(-320, cny), FromMinor(12000, krw), FromMinor(1, bhd)} {
		v, err := a.Value()
		require.NoError(t, err)
		s, ok := v.(string)
		require.True(t, ok, "a text value")
		assert.Equal(t, a.String(), s)
		var back Amount
		require.NoError(t, back.Scan(s))
		assert.Equal(t, a.String(), back.String())
		var fromBytes Amount
		require.NoError(t, fromBytes.Scan([]byte(s)))
		assert.True(t, fromBytes.Decimal().Equal(a.Decimal()))
		assert.Equal(t, a.Currency(), fromBytes.Currency())
	}
	_, err := Amount{}.Value()
	assert.ErrorIs(t, err, ErrUnknownCurrency)

	keep := FromMinor(5, usd)
	for src, want := range map[any]error{nil: ErrSyntax, int64(5): ErrSyntax, 1.5: ErrSyntax, "5 ZZZ": ErrUnknownCurrency, "1.234 USD": ErrPrecision, "12": ErrSyntax} {
		a := keep
		assert.ErrorIs(t, a.Scan(src), want, "%v", src)
		assert.Equal(t, "0.05 USD", a.String(), "unchanged on error")
	}
	var n sql.Null[Amount]
	require.NoError(t, n.Scan(nil))
	assert.False(t, n.Valid, "a nullable column scans through sql.Null")
	require.NoError(t, n.Scan("17.50 USD"))
	assert.True(t, n.Valid)
	assert.Equal(t, "17.50 USD", n.V.String())
}
