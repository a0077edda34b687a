package emvco

import (
	"errors"
	"testing"

	"github.com/qrbridge/qrbridge/fx"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMoney(t *testing.T) {
	tests := []struct {
		name, body string
		want       string // fx.Amount.String(), when no error
		err, fxErr error
		path       string
		offset     int
	}{
		{"cny", minimal + "5303156" + "540523.72", "23.72 CNY", nil, nil, "", 0},
		{"krw integer", minimal + "5303410" + "54041000", "1000 KRW", nil, nil, "", 0},
		{"trailing dot", minimal + "5303840" + "540398.", "98.00 USD", nil, nil, "", 0},
		{"fewer decimals", minimal + "5303840" + "54031.5", "1.50 USD", nil, nil, "", 0},
		{"no amount", minimal + "5303156", "", ErrMissing, nil, "54", 33},
		{"no currency", minimal + "540523.72", "", ErrMissing, nil, "53", 35},
		{"unknown currency", minimal + "5303999" + "540523.72", "", ErrFormat, fx.ErrUnknownCurrency, "53", 18},
		{"too many decimals", minimal + "5303410" + "5405100.5", "", ErrFormat, fx.ErrPrecision, "54", 25},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse(withCRC(tt.body))
			require.NoError(t, err)
			a, err := p.Money()
			if tt.err == nil {
				require.NoError(t, err)
				assert.Equal(t, tt.want, a.String())
				return
			}
			assert.ErrorIs(t, err, tt.err)
			if tt.fxErr != nil {
				assert.ErrorIs(t, err, tt.fxErr)
			}
			var pe *ParseError
			require.True(t, errors.As(err, &pe))
			assert.Equal(t, tt.path, pe.Path)
			assert.Equal(t, tt.offset, pe.Offset)
			assert.True(t, a.Currency().IsZero(), "the zero Amount on error")
		})
	}
}
