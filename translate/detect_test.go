package translate

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/qrbridge/qrbridge/emvco"
	"github.com/qrbridge/qrbridge/zeropay"
)

// specMPM is the EMVCo specification's example payload (EMV QRCPS MPM
// v1.1, Appendix A): a Chinese merchant, CNY 23.72, dynamic.
const specMPM = "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A"

// detectRows holds one code of each kind.
var detectRows = []struct {
	name string
	raw  string
	kind Kind
	pres Presentment
	alt  KindSet
}{
	{"mpm", specMPM, KindEMVCoMPM, PresentmentMerchant, 0},
	{"cpm", "hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8=", KindEMVCoCPM, PresentmentConsumer, 0},
	{"code-url", "weixin://wxpay/bizpayurl?pr=9xFPmlUzz", KindWeChatCodeURL, PresentmentMerchant, 0},
	{"native-link", "weixin://wxpay/bizpayurl?sign=C380BEC2BFD727A4B6845133519F3AD6&appid=wx2421b1c4370ec43b&mch_id=10000100&product_id=88888&time_stamp=1415949957&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS", KindWeChatNativeLink, PresentmentMerchant, 0},
	{"personal", "wxp://f2f0lrSb2ot4j5lJkFXkXoHZ0fBwy1Kyc5zS", KindWeChatPersonal, PresentmentMerchant, 0},
	{"wechat-code", "134567890123456789", KindWeChatPaymentCode, PresentmentConsumer, 0},
	{"alipay-code", "281234567890123456", KindAlipayPaymentCode, PresentmentConsumer, 0},
	{"alipayplus", "HTTPS://QR.EXAMPLE.COM/MPM/281004ABC", KindAlipayPlusMPM, PresentmentMerchant, 0},
	{"unionpay", "6212345678901234567", KindUnionPayPaymentCode, PresentmentConsumer, 0},
	{"zp-static", "1-ZP-202012AB0123-T000000000000001--ABCD", KindZeroPayStatic, PresentmentMerchant, 0},
	{"zp-dynamic", "2-ZP-SER2026112600000000001--ABCD", KindZeroPayDynamic, PresentmentMerchant, 0},
	{"zp-consumer", "3-KW-30123456789007--0000", KindZeroPayConsumer, PresentmentConsumer, 0},
	{"zp-refund", "4-ZP-KW-20261125-ABC1234567890--ZZZZ", KindZeroPayRefund, PresentmentConsumer, 0},
	{"zp-barcode", "800088744930123456789017", KindZeroPayConsumerBarcode, PresentmentConsumer, 0},
	{"zp-refund-barcode", "8000888080202611256566671234567890", KindZeroPayRefundBarcode, PresentmentConsumer, 0},
	{"url", "https://example.com/pay?id=1", KindURL, PresentmentUnknown, 0},
	{"unknown", "hello, world", KindUnknown, PresentmentUnknown, 0},
}

func TestDetect(t *testing.T) {
	seen := map[Kind]bool{}
	for _, r := range detectRows {
		t.Run(r.name, func(t *testing.T) {
			d := Detect(r.raw)
			require.Equal(t, r.kind.String(), d.Kind.String())
			require.Equal(t, r.pres, d.Presentment)
			require.Equal(t, r.alt, d.Alternatives)
			require.NoError(t, d.Err)
			seen[d.Kind] = true
		})
	}
	require.Len(t, seen, int(numKinds), "one row per kind")
}

func TestKindIdentifiersStable(t *testing.T) {
	want := []string{"unknown", "emvco-mpm", "emvco-cpm", "wechat-code-url", "wechat-native-link",
		"wechat-personal", "wechat-payment-code", "alipay-payment-code", "alipayplus-mpm",
		"unionpay-payment-code", "zeropay-static", "zeropay-dynamic", "zeropay-consumer", "zeropay-refund",
		"zeropay-consumer-barcode", "zeropay-refund-barcode", "url"}
	var got []string
	for k := range Kinds() {
		got = append(got, k.String())
		back, ok := ParseKind(k.String())
		require.True(t, ok)
		require.Equal(t, k, back)
		b, err := k.MarshalText()
		require.NoError(t, err)
		var u Kind
		require.NoError(t, u.UnmarshalText(b))
		require.Equal(t, k, u)
	}
	require.Equal(t, want, got)
	require.Equal(t, "unknown", Kind(200).String())
	var u Kind
	require.ErrorIs(t, u.UnmarshalText([]byte("nope")), ErrUnknownCode)
}

func TestDetectSchemes(t *testing.T) {
	d := Detect(specMPM)
	require.Nil(t, d.Schemes, "the spec example carries no national profile")
	require.NotNil(t, d.payload)
	korean := "0002010102121531260004102600041075112872400000026310014D41000000140100509000000001520472105303410540432515802KR5910CleanTopia6010KYUNGGI-DO610513204625603090000000010515MQ202090000979306081000011407080000000164210002ko0104비씨카드0203경기도630439F0"
	d = Detect(korean)
	require.Equal(t, []string{"unionpay", "korea"}, d.Schemes)
	sgqr := "00020101021126490009SG.PAYNOW010120210202012345X0301104082021123151820007SG.SGQR0113202012345X123020701.000103068286710402010503123060400000708201912315204000053037025802SG5911RATINAN LEE6009SINGAPORE610682876162140110987654321X630429FD"
	require.Equal(t, []string{"paynow", "sgqr"}, Detect(sgqr).Schemes)
}

func TestDetectNumericAlternatives(t *testing.T) {
	for _, r := range []struct {
		raw  string
		kind Kind
		alt  []Kind
	}{
		{"204567890123456789", KindUnknown, []Kind{KindWeChatPaymentCode, KindAlipayPaymentCode}},
		{"6012345678901234567", KindUnknown, []Kind{KindAlipayPaymentCode, KindUnionPayPaymentCode}},
		{"700088744930123456789017", KindUnknown, []Kind{KindAlipayPaymentCode, KindZeroPayConsumerBarcode}},
		{"1234567890123456789012345678901234", KindUnknown, []Kind{KindZeroPayRefundBarcode}},
		{"1234567890", KindUnknown, nil},
		{"154567890123456789", KindWeChatPaymentCode, nil}, // WeChat Pay HK: still WeChat
		{"251234567890123456789012", KindAlipayPaymentCode, nil},
		{"30123456789012345", KindAlipayPaymentCode, nil},
		{"3112345678901234", KindUnknown, []Kind{KindAlipayPaymentCode}},
	} {
		t.Run(r.raw, func(t *testing.T) { detectIs(t, r.raw, r.kind, r.alt) })
	}
}

// detectIs requires Detect(raw) to name kind with the alternatives alt, in
// order, and returns the detection.
func detectIs(t *testing.T, raw string, kind Kind, alt []Kind) Detection {
	t.Helper()
	d := Detect(raw)
	require.Equal(t, kind, d.Kind)
	var got []Kind
	for k := range d.Alternatives.All() {
		got = append(got, k)
	}
	require.Equal(t, alt, got)
	require.Equal(t, len(alt), d.Alternatives.Len())
	return d
}

func TestDetectInvalidContent(t *testing.T) {
	d := Detect("1-ZP-202013AB0123-T000000000000001--ABCD") // month 13
	require.Equal(t, KindZeroPayStatic, d.Kind)
	require.ErrorIs(t, d.Err, ErrInvalidCode)
	require.ErrorIs(t, d.Err, zeropay.ErrFormat)
	var e *Error
	require.ErrorAs(t, d.Err, &e)
	require.Equal(t, "code", e.Field)

	d = Detect(strings.Replace(specMPM, "A13A", "A13B", 1))
	require.Equal(t, KindEMVCoMPM, d.Kind)
	require.ErrorIs(t, d.Err, emvco.ErrCRC)
	require.False(t, strings.Contains(d.Err.Error(), "BEST TRANSPORT"), "errors never echo the payload")
}

func TestDetectEdges(t *testing.T) {
	for _, s := range []string{"", "0", "00", "000", "1-", "1-Z", "3-KW", "http", "https://", "HTTP://X/MPM/", "https:///MPM/x", "\xff\xfe", "2-XX-abc"} {
		d := Detect(s)
		require.NotEqual(t, KindAlipayPlusMPM, d.Kind, "%q", s)
		require.NotPanics(t, func() { Detect(s) })
	}
	require.Equal(t, KindURL, Detect("HTTP://X/MPM/").Kind)
	require.Equal(t, KindURL, Detect("https:///MPM/x").Kind, "no host")
	require.Equal(t, KindAlipayPlusMPM, Detect("https://h/mpm/x").Kind)
}

func TestDetectAllocs(t *testing.T) {
	for _, r := range detectRows {
		if r.kind == KindEMVCoMPM {
			continue
		}
		var d Detection
		n := testing.AllocsPerRun(100, func() { d = Detect(r.raw) })
		require.Zero(t, n, r.name)
		require.Equal(t, r.kind, d.Kind, "the measured Detect of %s", r.name)
	}
}

func TestKindSetJSON(t *testing.T) {
	s := KindSet(0).Add(KindWeChatPaymentCode).Add(KindAlipayPaymentCode)
	b, err := s.MarshalJSON()
	require.NoError(t, err)
	require.JSONEq(t, `["wechat-payment-code","alipay-payment-code"]`, string(b))
	require.False(t, s.Has(Kind(40)))
}

func TestDetectionJSON(t *testing.T) {
	b, err := json.Marshal(Detect("204567890123456789"))
	require.NoError(t, err)
	require.JSONEq(t, `{"kind":"unknown","presentment":"unknown","alternatives":["wechat-payment-code","alipay-payment-code"]}`, string(b))
	b, err = json.Marshal(Detect("00020101021129370016A000000677010111011300668012345675802TH530376463046197"))
	require.NoError(t, err)
	require.JSONEq(t, `{"kind":"emvco-mpm","presentment":"merchant","schemes":["promptpay"]}`, string(b))
}
