package translate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestTokenMasked(t *testing.T) {
	const code = "134567890123456789"
	const cpmText = "hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8="
	const pan = "1234567890123458"
	tok := NewToken("wechat", code)
	require.Equal(t, "13************6789", tok.String())
	require.Equal(t, code, tok.Reveal())
	require.Equal(t, "6789", tok.Last4())
	require.Equal(t, "wechat", tok.Scheme())

	r, err := Routes{{Kind: KindWeChatPaymentCode}, {Kind: KindEMVCoCPM}}.Route(code)
	require.NoError(t, err)
	rc, err := Routes{{Kind: KindEMVCoCPM}}.Route(cpmText)
	require.NoError(t, err)
	require.Equal(t, pan, rc.Intent.Token.Reveal())

	for _, v := range []any{tok, &tok, r.Intent, &r.Intent, r, rc.Intent, rc} {
		var out []string
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%10.3s"} {
			out = append(out, fmt.Sprintf(verb, v))
		}
		b, err := json.Marshal(v)
		require.NoError(t, err)
		out = append(out, string(b))
		var buf bytes.Buffer
		slog.New(slog.NewJSONHandler(&buf, nil)).Info("pay", "v", v)
		slog.New(slog.NewTextHandler(&buf, nil)).Info("pay", "v", v)
		out = append(out, buf.String())
		for _, s := range out {
			for _, secret := range []string{code, pan, cpmText, "4567890123", "34567890"} {
				require.False(t, strings.Contains(s, secret), "%T leaks through %q", v, s)
			}
		}
	}
	require.Equal(t, "", Token{}.String())
	require.True(t, Token{}.IsZero())
	require.Equal(t, "*****", NewToken("x", "12345").String(), "short tokens are masked whole")
	require.Equal(t, "*****78", NewToken("x", "1234578").String())
	require.Equal(t, "", NewToken("x", "1234").Last4())
}
