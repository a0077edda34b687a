package translate

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/qrbridge/qrbridge/emvco"
	"github.com/qrbridge/qrbridge/emvco/profile"
	"github.com/qrbridge/qrbridge/fx"
)

// koreanSticker is a Korean merchant's code with a foreign card network's
// account (UnionPay, primitive 15, as BC Card's codes carry it), its D410
// account and a wallet's template under its own reverse-domain GUID.
func koreanSticker() Sticker {
	return Sticker{
		Name: "HONGDAE TTEOKBOKKI", City: "SEOUL", Country: "KR", MCC: "5812", Currency: krw,
		LocalLanguage: "ko", LocalName: "홍대 떡볶이", LocalCity: "서울",
		Store: "HONGDAE-1", Terminal: "T01",
		Accounts: []StickerAccount{
			{ID: 15, Value: "2600041026000410751128724000000"},
			KoreanAccount("000000001"),
			{GUID: "com.example.wallet", Fields: []StickerField{{ID: 1, Value: "M1234567"}}},
		},
	}
}

func TestStickerMultiNetwork(t *testing.T) {
	s, err := koreanSticker().Encode()
	require.NoError(t, err)
	p, err := emvco.Parse(s)
	require.NoError(t, err)
	require.Equal(t, s, p.String())

	d := Detect(s)
	require.Equal(t, KindEMVCoMPM, d.Kind)
	require.Equal(t, []string{"unionpay", "korea"}, d.Schemes, "payload order; 27's GUID names no known scheme")
	k, ok := profile.KoreaOf(p)
	require.True(t, ok)
	require.Equal(t, "000000001", k.MerchantNumber)
	require.False(t, emvco.HasErrors(profile.Default().Linter().Lint(p)), "lints clean: %v", profile.Default().Linter().Lint(p))

	tr := newTranslator(t)
	in, _, err := tr.Intent(context.Background(), s)
	require.NoError(t, err)
	require.False(t, in.Dynamic)
	require.Equal(t, "홍대 떡볶이", in.Merchant.LocalName)
	require.Len(t, in.Merchant.Accounts, 3)
	require.Equal(t, Account{Scheme: "korea", Path: "26", GUID: "D4100000014010", ID: "000000001"}, in.Merchant.Accounts[1])
}

func TestStickerDynamic(t *testing.T) {
	st := koreanSticker()
	st.Amount = fx.FromMinor(12000, krw)
	s, err := st.Encode()
	require.NoError(t, err)
	p, err := emvco.Parse(s)
	require.NoError(t, err)
	require.Equal(t, emvco.InitiationDynamic, p.Initiation())
	a, _ := p.Amount()
	require.Equal(t, "12000", a)
}

func TestStickerErrors(t *testing.T) {
	st := koreanSticker()
	st.Accounts = nil
	_, err := st.Encode()
	require.ErrorIs(t, err, ErrMerchantUnavailable)

	st = koreanSticker()
	st.Currency = fx.Currency{}
	_, err = st.Encode()
	require.ErrorIs(t, err, ErrUnsupportedCurrency)

	st = koreanSticker()
	st.Amount = fx.FromMinor(100, cny)
	_, err = st.Encode()
	require.ErrorIs(t, err, ErrUnsupportedCurrency)

	st = koreanSticker()
	st.Name = "A NAME FAR LONGER THAN TWENTY-FIVE CHARACTERS"
	_, err = st.Encode()
	var be *emvco.BuildError
	require.ErrorAs(t, err, &be)
}

// TestStickerAdditionalData: each of store, reference and terminal labels
// alone brings template 62 with just that label; none leaves 62 out.
func TestStickerAdditionalData(t *testing.T) {
	for _, c := range []struct {
		name string
		set  func(*Sticker)
		want map[string]string // path → value under 62; nil: no 62
	}{
		{"none", func(*Sticker) {}, nil},
		{"store", func(s *Sticker) { s.Store = "S1" }, map[string]string{"62.03": "S1"}},
		{"reference", func(s *Sticker) { s.Reference = "R1" }, map[string]string{"62.05": "R1"}},
		{"terminal", func(s *Sticker) { s.Terminal = "T1" }, map[string]string{"62.07": "T1"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			st := koreanSticker()
			st.Store, st.Terminal, st.Reference = "", "", ""
			c.set(&st)
			s, err := st.Encode()
			require.NoError(t, err)
			p, err := emvco.Parse(s)
			require.NoError(t, err)
			var got map[string]string
			for o := range p.Objects() {
				if o.ID() == emvco.TagAdditionalData {
					got = map[string]string{}
					for sub := range o.Objects() {
						got[sub.Path()] = sub.Value()
					}
				}
			}
			require.Equal(t, c.want, got)
		})
	}
}
