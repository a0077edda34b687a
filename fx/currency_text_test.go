package fx

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCurrencyText(t *testing.T) {
	type doc struct {
		Cur Currency `json:"cur"`
	}
	tests := []struct {
		name string
		cur  Currency
		json string
	}{
		{"KRW", MustCurrency("KRW"), `{"cur":"KRW"}`},
		{"BHD", MustCurrency("BHD"), `{"cur":"BHD"}`},
		{"zero", Currency{}, `{"cur":""}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(doc{tt.cur})
			require.NoError(t, err)
			assert.Equal(t, tt.json, string(b))
			var back doc
			require.NoError(t, json.Unmarshal(b, &back))
			assert.Equal(t, tt.cur, back.Cur)
		})
	}
}

func TestCurrencyUnmarshalTextRefuses(t *testing.T) {
	for _, in := range []string{"krw", "XXX1", "ZZZ", "KR"} {
		c := MustCurrency("USD")
		err := c.UnmarshalText([]byte(in))
		var ue *UnknownCurrencyError
		require.ErrorAs(t, err, &ue, in)
		assert.Equal(t, in, ue.Code)
		assert.ErrorIs(t, err, ErrUnknownCurrency)
		assert.Equal(t, MustCurrency("USD"), c, "unchanged on error")
	}
}
