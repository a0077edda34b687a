package translate

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/qrbridge/qrbridge/internal/corpus"
	"github.com/stretchr/testify/require"

	"github.com/qrbridge/qrbridge/fx"
)

// Scenario 2: a Korean in China. A Korean wallet scans the EMVCo
// specification's example (a Beijing merchant, CNY 23.72, dynamic): the
// CNY amount is fixed, the wallet debits KRW.
func TestScenarioKoreanInChina(t *testing.T) {
	tr := newTranslator(t)
	res, err := tr.Translate(context.Background(), specMPM, Request{PayerScheme: "kpay", PayerCurrency: krw})
	require.NoError(t, err)
	require.True(t, res.Intent.Dynamic)
	require.Equal(t, "23.72 CNY", res.Intent.Amount.String())
	require.Equal(t, "最佳运输", res.Intent.Merchant.LocalName)
	require.Equal(t, "KR-CN", res.Corridor.ID)
	require.Equal(t, fx.FixedDestination, res.Quote.Fixed)
	require.Equal(t, "23.72 CNY", res.Quote.Destination.String())
	// 23.72 / (0.0053 × 0.995) = 4497.99… won, rounded half-even to 4498.
	require.Equal(t, "4498 KRW", res.Quote.Source.String())

	require.Equal(t, "debit", res.PayerLeg.Scheme, "a wallet without a builder of its own is debited")
	debit := res.PayerLeg.Request.(*Debit)
	require.Equal(t, "4498 KRW", debit.Amount.String())
	require.Equal(t, "BEST TRANSPORT", debit.Merchant)

	sw := res.MerchantLeg.Request.(*SwitchFields)
	require.Equal(t, "29", sw.Account.Path)
	require.Equal(t, "156", sw.Currency)
	require.Equal(t, "23.72 CNY", sw.Amount.String())
	require.Equal(t, "最佳运输", sw.LocalName, "64.01 kept beside 59")

	for src, want := range map[string]Mapping{
		"00":    {Action: Dropped, Reason: ReasonEnvelope},
		"29":    {Target: "switch.account", Action: Mapped, Reason: ReasonAccount},
		"29.05": {Target: "switch.account", Action: Mapped, Reason: ReasonAccount},
		"31":    {Action: Dropped, Reason: ReasonOtherNetwork},
		"59":    {Target: "switch.merchant_name", Action: Mapped, Reason: ReasonCopied},
		"64.01": {Target: "switch.local_name", Action: Mapped, Reason: ReasonLocalLanguage},
		"62.06": {Action: Dropped, Reason: ReasonNoTargetField},
		"62.03": {Target: "switch.store", Action: Mapped, Reason: ReasonCopied},
		"62.09": {Action: Dropped, Reason: ReasonNoTargetField},
		"91":    {Action: Dropped, Reason: ReasonUnknownObject},
		"63":    {Action: Dropped, Reason: ReasonEnvelope},
	} {
		got, ok := res.Report.Find(src)
		require.True(t, ok, src)
		want.Source = src
		require.Equal(t, want, got, src)
	}

	// A dynamic code refuses a different amount.
	_, err = tr.Translate(context.Background(), specMPM, Request{PayerScheme: "kpay", PayerCurrency: krw, Amount: amount(t, "23.70", cny)})
	require.ErrorIs(t, err, ErrAmountMismatch)
	_, err = tr.Translate(context.Background(), specMPM, Request{PayerScheme: "kpay", PayerCurrency: krw, Amount: amount(t, "23.72", cny)})
	require.NoError(t, err, "the same amount is accepted")
}

// loadCorpus reads emvco/testdata/corpus.json.
func loadCorpus(t testing.TB) []corpus.Entry {
	t.Helper()
	return corpus.Load(t, "../emvco/testdata/corpus.json")
}

// Scenario 3: South-East Asia. The Korean wallet, and a Chinese one,
// scan PromptPay, DuitNow, SGQR/PayNow, VietQR and QRIS codes from the
// corpus; each gives a quote in KRW and in CNY.
func TestScenarioSouthEastAsia(t *testing.T) {
	tr := newTranslator(t)
	ctx := context.Background()
	translated := map[string]int{}
	for _, e := range loadCorpus(t) {
		switch e.Scheme {
		case "promptpay", "duitnow", "sgqr", "vietqr", "qris":
		default:
			continue
		}
		if !e.Valid {
			continue
		}
		for _, payer := range []fx.Currency{krw, cny} {
			in, _, err := tr.Intent(ctx, e.Payload)
			require.NoError(t, err, e.Source)
			req := Request{PayerScheme: "debit", PayerCurrency: payer}
			if !in.HasAmount() {
				req.Amount = fx.FromMinor(10_000, in.Currency)
			}
			res, err := tr.Translate(ctx, e.Payload, req)
			if errors.Is(err, ErrExpiredCode) {
				continue
			}
			require.NoError(t, err, "%s %s", e.Scheme, e.Source)
			require.Equal(t, payer, res.Quote.Source.Currency())
			require.Equal(t, in.Currency, res.Quote.Destination.Currency())
			require.Positive(t, res.Quote.Source.Sign())
			translated[e.Scheme+"/"+payer.Code()]++
		}
	}
	for _, s := range []string{"promptpay", "duitnow", "sgqr", "vietqr", "qris"} {
		require.Positive(t, translated[s+"/KRW"], s)
		require.Positive(t, translated[s+"/CNY"], s)
	}
}

// A code over its corridor's cap is refused: PayNow to PromptPay is capped
// at S$1,000 a day, PromptPay to PayNow at ฿25,000, HK FPS to PromptPay at
// HK$10,000.
func TestScenarioCorridorCaps(t *testing.T) {
	tr := newTranslator(t)
	ctx := context.Background()
	const promptpay = "00020101021129370016A000000677010111011300668012345675802TH530376463046197"
	const paynow = "00020101021126500009SG.PAYNOW010100211+65123456780301004082030123152040000530370254071234.565802SG5902ME6009Singapore62"
	// A static PromptPay code: the Singaporean fixes the amount sent.
	res, err := tr.Translate(ctx, promptpay, Request{PayerScheme: "paynow", PayerCurrency: sgd, Amount: fx.FromMinor(1_000_00, sgd)})
	require.NoError(t, err)
	require.Equal(t, fx.FixedSource, res.Quote.Fixed)
	require.Equal(t, "SG-TH:paynow>promptpay", res.Corridor.ID)
	require.Equal(t, "25671.00 THB", res.Quote.Destination.String())
	_, err = tr.Translate(ctx, promptpay, Request{PayerScheme: "paynow", PayerCurrency: sgd, Amount: fx.FromMinor(1_000_01, sgd)})
	require.ErrorIs(t, err, ErrOverCap)
	var e *Error
	require.ErrorAs(t, err, &e)
	require.Equal(t, "amount", e.Field)

	// HK FPS: the merchant's ฿50,000 costs more than HK$10,000.
	_, err = tr.Translate(ctx, promptpay, Request{PayerScheme: "fps", PayerCurrency: hkd, Amount: fx.FromMinor(50_000_00, thb)})
	require.ErrorIs(t, err, ErrOverCap)
	_, err = tr.Translate(ctx, promptpay, Request{PayerScheme: "fps", PayerCurrency: hkd, Amount: fx.FromMinor(40_000_00, thb)})
	require.NoError(t, err)

	// PromptPay to PayNow: ฿25,000 a day, on the amount sent.
	found := 0
	for _, e := range loadCorpus(t) {
		if e.Valid && strings.HasPrefix(e.Payload, paynow[:60]) {
			found++
			_, err = tr.Translate(ctx, e.Payload, Request{PayerScheme: "promptpay", PayerCurrency: thb})
			require.ErrorIs(t, err, ErrOverCap, "S$1,234.56 costs more than ฿25,000")
		}
	}
	require.Equal(t, 1, found)
	// A corridor the table does not have.
	_, err = tr.Translate(ctx, promptpay, Request{PayerScheme: "debit", PayerCurrency: fx.MustCurrency("EUR"), Amount: fx.FromMinor(100, thb)})
	require.ErrorIs(t, err, ErrUnsupportedCorridor)
	// A WeChat user cannot pay in a currency WeChat Pay does not price in.
	_, err = tr.Translate(ctx, "00020101021138600010A00000072701300006970403011697040311012345670208QRIBFTTC53037045802VN63044F52",
		Request{PayerScheme: "wechat", PayerCurrency: cny, Amount: fx.FromMinor(100_000, fx.MustCurrency("VND"))})
	require.ErrorIs(t, err, ErrUnsupportedCurrency)
}

// Scenario 4: a POS terminal scans consumer codes and routes each to its
// acquirer through a routing table given as data.
func TestScenarioPOSRouting(t *testing.T) {
	table := Routes{
		{Kind: KindWeChatPaymentCode, Acquirer: "wechat-kis"},
		{Kind: KindAlipayPaymentCode, Acquirer: "alipayplus-icb"},
		{Kind: KindUnionPayPaymentCode, Acquirer: "unionpay-kis"},
		{Kind: KindZeroPayConsumerBarcode, Acquirer: "zeropay-relay"},
		{Kind: KindZeroPayConsumer, Acquirer: "zeropay-relay"},
		{Kind: KindEMVCoCPM, AID: "a0000000555555", Acquirer: "emv-acquirer-a"},
		{Kind: KindEMVCoCPM, Acquirer: "emv-acquirer-default"},
	}
	for _, c := range []struct {
		raw, acquirer, masked string
	}{
		{"134567890123456789", "wechat-kis", "13************6789"},
		{"281234567890123456", "alipayplus-icb", "28************3456"},
		{"6212345678901234567", "unionpay-kis", "62*************4567"},
		{"800088744930123456789017", "zeropay-relay", "30********9017"},
		{"3-KW-30123456789007--0000", "zeropay-relay", "30********9007"},
		{"hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8=", "emv-acquirer-a", "12**********3458"},
		{"hQVDUFYwMWFaTwfUEAAAAUAQVxNTUCBpAAAAZtIAdgEAAAAAAAmfXzQBAmM2nyYImERHcznr1n2fJwGAnxAUBQmgAAgAAAAAAAAAICAGERdRIQGfNgIAi4ICAACfNwRm4DtF", "emv-acquirer-default", "53**********0066"},
	} {
		t.Run(c.acquirer, func(t *testing.T) {
			r, err := table.Route(c.raw)
			require.NoError(t, err)
			require.Equal(t, c.acquirer, r.Route.Acquirer)
			require.Equal(t, c.masked, r.Intent.Token.String())
			require.Empty(t, r.Intent.Source, "consumer codes are not kept")
		})
	}
	_, err := table.Route(specMPM)
	require.ErrorIs(t, err, ErrUnknownCode)
	_, err = Routes{}.Route("134567890123456789")
	require.ErrorIs(t, err, ErrUnsupportedScheme)
	_, err = table.Route("204567890123456789")
	require.ErrorIs(t, err, ErrUnknownCode, "ambiguous digits are not routed")
}
