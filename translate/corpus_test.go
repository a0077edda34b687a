package translate

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/qrbridge/qrbridge/emvco"
)

// TestCorpus runs every payload of emvco's corpus through Detect and
// Intent: Detect names it, the intent builds or fails with a typed error,
// and the report accounts for every object of the payload.
func TestCorpus(t *testing.T) {
	tr := newTranslator(t)
	ctx := context.Background()
	built := 0
	for i, e := range loadCorpus(t) {
		d := Detect(e.Payload)
		require.NotEqual(t, KindUnknown, d.Kind, "%d %s", i, e.Source)
		if e.Scheme == "cpm" {
			require.Equal(t, KindEMVCoCPM, d.Kind, "%d", i)
		} else {
			require.Equal(t, KindEMVCoMPM, d.Kind, "%d", i)
		}
		in, rep, err := tr.Intent(ctx, e.Payload)
		if err != nil {
			var te *Error
			require.ErrorAs(t, err, &te, "%d %s", i, e.Source)
			require.True(t, errors.Is(err, ErrInvalidCode) || errors.Is(err, ErrUnsupportedCurrency) || errors.Is(err, ErrInvalidAmount), "%d: %v", i, err)
			require.False(t, e.Valid && e.Scheme != "cpm" && errors.Is(err, ErrInvalidCode), "%d: a valid payload must read: %v", i, err)
			continue
		}
		built++
		require.Equal(t, d.Kind, in.Kind)
		if d.Kind == KindEMVCoMPM {
			p, err := emvco.Parse(e.Payload)
			require.NoError(t, err)
			requireAccounted(t, p, rep)
			require.Equal(t, e.Payload, in.Source)
		} else {
			require.Empty(t, in.Source)
			require.False(t, in.Token.IsZero())
			_, ok := rep.Find("61")
			require.True(t, ok)
		}
		for _, m := range rep.Entries {
			require.NotZero(t, m.Action, "%d %s", i, m.Source)
			require.NotEmpty(t, m.Reason, "%d %s", i, m.Source)
		}
	}
	require.GreaterOrEqual(t, built, 58)
}

// requireAccounted checks that every object of p, nested ones included,
// has a report entry.
func requireAccounted(t *testing.T, p *emvco.Payload, rep Report) {
	t.Helper()
	var walk func(o emvco.Object)
	walk = func(o emvco.Object) {
		// 62 and 64 are accounted for by their sub-objects.
		if o.Path() != "62" && o.Path() != "64" {
			_, ok := rep.Find(o.Path())
			require.True(t, ok, "object %s is not in the report", o.Path())
		}
		for sub := range o.Objects() {
			walk(sub)
		}
	}
	for o := range p.Objects() {
		walk(o)
	}
}
