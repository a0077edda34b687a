package translate

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestIntentEveryKind builds an intent from one code of every kind: opaque
// codes through the resolver, consumer codes as masked tokens.
func TestIntentEveryKind(t *testing.T) {
	tr := newTranslator(t)
	res := tr.Resolver.(*MemoryResolver)
	ctx := context.Background()
	for _, r := range detectRows {
		t.Run(r.name, func(t *testing.T) {
			opaque := false
			switch r.kind {
			case KindWeChatCodeURL, KindWeChatNativeLink, KindWeChatPersonal, KindAlipayPlusMPM, KindZeroPayDynamic, KindURL:
				opaque = true
				_, _, err := tr.Intent(ctx, r.raw)
				require.ErrorIs(t, err, ErrUnknownCode, "not yet known to the resolver")
				res.Put(r.raw, Intent{Schemes: []string{"x"}, Currency: krw, Merchant: Merchant{Name: "M"}})
			}
			in, rep, err := tr.Intent(ctx, r.raw)
			if r.kind == KindUnknown {
				require.ErrorIs(t, err, ErrUnknownCode)
				return
			}
			require.NoError(t, err)
			require.Equal(t, r.kind, in.Kind)
			if opaque {
				require.Equal(t, PresentmentMerchant, in.Presentment, "what the resolver knows is a merchant code")
			} else {
				require.Equal(t, r.pres, in.Presentment)
			}
			require.NotEmpty(t, rep.Entries)
			if r.kind.Consumer() {
				require.False(t, in.Token.IsZero(), "a consumer code carries a token")
				require.Empty(t, in.Source)
				m, ok := rep.Find("code")
				if r.kind != KindEMVCoCPM {
					require.True(t, ok)
					require.Equal(t, ReasonMasked, m.Reason)
				}
			} else {
				require.Equal(t, r.raw, in.Source)
			}
			if opaque {
				require.Equal(t, "M", in.Merchant.Name)
			}
		})
	}
}

func TestNames(t *testing.T) {
	for want, v := range map[string]interface{ String() string }{
		"none": TipNone, "prompt": TipPrompt, "fixed": TipFixed, "percentage": TipPercentage,
		"mapped": Mapped, "defaulted": Defaulted, "dropped": Dropped, "unknown": Action(9),
		"merchant": PresentmentMerchant, "consumer": PresentmentConsumer,
	} {
		require.Equal(t, want, v.String())
	}
	b, err := TipPercentage.MarshalText()
	require.NoError(t, err)
	require.Equal(t, "percentage", string(b))
	b, err = Dropped.MarshalText()
	require.NoError(t, err)
	require.Equal(t, "dropped", string(b))
	_, ok := Report{}.Find("59")
	require.False(t, ok)
	n := 0
	for range Kinds() {
		n++
		break
	}
	for range KindSet(0).Add(KindURL).Add(KindUnknown).All() {
		n++
		break
	}
	require.Equal(t, 2, n, "iterators stop when asked")
}
