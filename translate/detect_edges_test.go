package translate

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestDetectNumericBounds walks each numeric range one step inside and one
// step outside its length and prefix bounds.
func TestDetectNumericBounds(t *testing.T) {
	const digits = "0123456789012345678901234567890123456789"
	code := func(prefix string, n int) string { return prefix + digits[:n-len(prefix)] }
	wechatOrAlipay := []Kind{KindWeChatPaymentCode, KindAlipayPaymentCode}
	for _, r := range []struct {
		raw  string
		kind Kind
		alt  []Kind
	}{
		{code("10", 18), KindWeChatPaymentCode, nil},
		{code("09", 18), KindUnknown, wechatOrAlipay},
		{code("16", 18), KindUnknown, wechatOrAlipay},
		{code("13", 17), KindUnknown, []Kind{KindAlipayPaymentCode}},
		{code("13", 19), KindUnknown, []Kind{KindAlipayPaymentCode, KindUnionPayPaymentCode}},
		{code("62", 18), KindUnknown, wechatOrAlipay},
		{code("61", 19), KindUnknown, []Kind{KindAlipayPaymentCode, KindUnionPayPaymentCode}},
		{code("63", 19), KindUnknown, []Kind{KindAlipayPaymentCode, KindUnionPayPaymentCode}},
		{code("62", 20), KindUnknown, []Kind{KindAlipayPaymentCode}},
		{code("25", 16), KindAlipayPaymentCode, nil},
		{code("30", 24), KindAlipayPaymentCode, nil},
		{code("25", 15), KindUnknown, nil},
		{code("30", 25), KindUnknown, nil},
		{code("24", 20), KindUnknown, []Kind{KindAlipayPaymentCode}},
		{code("31", 20), KindUnknown, []Kind{KindAlipayPaymentCode}},
		{code("800088", 23), KindUnknown, []Kind{KindAlipayPaymentCode}},
		{code("800088", 25), KindUnknown, nil},
		{code("800087", 24), KindUnknown, []Kind{KindAlipayPaymentCode, KindZeroPayConsumerBarcode}},
		{code("8000888080", 33), KindUnknown, nil},
		{code("8000888081", 34), KindUnknown, []Kind{KindZeroPayRefundBarcode}},
	} {
		t.Run(r.raw, func(t *testing.T) {
			d := detectIs(t, r.raw, r.kind, r.alt)
			want := PresentmentConsumer
			if r.kind == KindUnknown {
				want = PresentmentUnknown
			}
			require.Equal(t, want, d.Presentment)
		})
	}
}

// TestDetectFormBounds: the two-character forms are told apart by each
// character, not by the first alone.
func TestDetectFormBounds(t *testing.T) {
	for raw, want := range map[string]Kind{
		"0012":        KindEMVCoMPM,
		"0112":        KindUnknown,
		"1012":        KindUnknown,
		"00A2":        KindUnknown,
		"001A":        KindUnknown,
		"1-ZZ-x":      KindUnknown,
		"3-KWX":       KindUnknown,
		"5-ZP-x":      KindUnknown,
		"A-ZP-x":      KindUnknown,
		"weixin://x":  KindUnknown,
		"wxp://abc":   KindWeChatPersonal,
		"ftp://x/MPM": KindUnknown,
	} {
		require.Equal(t, want, Detect(raw).Kind, "%q", raw)
	}
}

// TestPayNowExpiryInSingapore: a PayNow expiry date is payable through
// that day in Singapore time (UTC+8), so the code expires at the next
// midnight there, 16:00 UTC.
func TestPayNowExpiryInSingapore(t *testing.T) {
	const paynow = "00020101021126500009SG.PAYNOW010100211+65123456780301004082030123152040000530370254071234.565802SG5902ME6009Singapore62"
	in, _, err := newTranslator(t).Intent(context.Background(), withCRC(paynow[:len(paynow)-2]))
	require.NoError(t, err)
	require.Equal(t, "2030-12-31T16:00:00Z", in.Expires.UTC().Format(time.RFC3339))
}

// TestDetectSchemesDistinct: a payload carrying one scheme twice (Visa
// under IDs 02 and 03, then Mastercard 04) names each scheme
// once, in payload order.
func TestDetectSchemesDistinct(t *testing.T) {
	raw := withCRC("000201010211" + "02164111111111111111" + "03164000000000000002" + "04165555555555554444" +
		"520458125303410" + "5802KR" + "5905HELLO" + "6005SEOUL")
	d := Detect(raw)
	require.NoError(t, d.Err)
	require.Equal(t, []string{"visa", "mastercard"}, d.Schemes)
}
