package profile

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/qrbridge/qrbridge/emvco"
)

// TestLintRunsEachProfileOnce: a profile whose templates come before and
// after another profile's lints the payload once, not once per template.
func TestLintRunsEachProfileOnce(t *testing.T) {
	calls := map[string]int{}
	mk := func(name, guid string) Profile {
		return Profile{
			Name:  name,
			Match: func(g string) bool { return g == guid },
			Lint: func(_ *emvco.Payload, _ emvco.Object, fs []emvco.Finding, _ time.Time) []emvco.Finding {
				calls[name]++
				return fs
			},
		}
	}
	r := New(mk("a", "com.example.a"), mk("b", "com.example.b"))
	var b emvco.Builder
	b.Add(0, "01").Add(1, "11")
	b.Template(26, func(b *emvco.Builder) { b.Add(0, "com.example.a").Add(1, "x") })
	b.Template(27, func(b *emvco.Builder) { b.Add(0, "com.example.b").Add(1, "y") })
	b.Template(28, func(b *emvco.Builder) { b.Add(0, "com.example.a").Add(1, "z") })
	b.Add(52, "5812").Add(53, "702").Add(58, "SG").Add(59, "SHOP").Add(60, "SINGAPORE")
	s, err := b.Encode()
	require.NoError(t, err)
	r.Lint(mustParse(t, s), nil)
	assert.Equal(t, map[string]int{"a": 1, "b": 1}, calls)
}

// TestKHQRWithoutTimestampTemplate: a KHQR code without 99, or with 99 as
// a primitive, draws no timestamp finding (static codes carry none).
func TestKHQRWithoutTimestampTemplate(t *testing.T) {
	base := entry(t, 62)
	for name, edit := range map[string]func(*emvco.Editor) *emvco.Editor{
		"no 99":        func(e *emvco.Editor) *emvco.Editor { return e.Delete("99") },
		"99 primitive": func(e *emvco.Editor) *emvco.Editor { return e.Delete("99").Set("99", "1600000000000") },
	} {
		p, err := edit(base.Edit()).Payload()
		require.NoError(t, err, name)
		if name == "99 primitive" {
			o, ok := p.Object(99)
			require.True(t, ok, name)
			require.False(t, o.IsTemplate(), name)
		}
		r := lintedRules(t, p)
		assert.False(t, r["khqr-timestamp"], name)
		assert.False(t, r["khqr-expired"], name)
	}
}

// TestPayNowProxyBounds: a mobile proxy is +65 and digits, at most 16
// characters; a UEN is 9 to 13 characters.
func TestPayNowProxyBounds(t *testing.T) {
	mobile, err := PayNowMobile("+6591234567", PayNowOptions{Expiry: "20991231"})
	require.NoError(t, err)
	uen, err := PayNowUEN("201403121W", PayNowOptions{Expiry: "20991231"})
	require.NoError(t, err)
	tests := []struct {
		base  *emvco.Payload
		proxy string
		bad   bool
	}{
		{mobile, "+65" + strings.Repeat("9", 13), false}, // 16 characters
		{mobile, "+65" + strings.Repeat("9", 14), true},
		{mobile, "+6591234567", false},
		{mobile, "+6491234567", true},
		{mobile, "+659123456X", true},
		{uen, strings.Repeat("1", 9), false},
		{uen, strings.Repeat("1", 8), true},
		{uen, strings.Repeat("1", 13), false},
		{uen, strings.Repeat("1", 14), true},
	}
	for _, tt := range tests {
		p, err := tt.base.Edit().Set("26.02", tt.proxy).Payload()
		require.NoError(t, err, tt.proxy)
		assert.Equal(t, tt.bad, lintedRules(t, p)["paynow-proxy"], tt.proxy)
	}
}

// TestPayNowExpiryInSingaporeTime: the expiry date is a day in Singapore
// (UTC+8), whatever the clock's zone.
func TestPayNowExpiryInSingaporeTime(t *testing.T) {
	p, err := PayNowMobile("+6591234567", PayNowOptions{Expiry: "20261201"})
	require.NoError(t, err)
	for _, tt := range []struct {
		now     time.Time
		expired bool
	}{
		{time.Date(2026, 12, 1, 15, 59, 59, 0, time.UTC), false}, // 23:59:59 on the 1st in Singapore
		{time.Date(2026, 12, 1, 16, 0, 1, 0, time.UTC), true},    // 00:00:01 on the 2nd in Singapore
	} {
		r := Default()
		r.Now = func() time.Time { return tt.now }
		var expired bool
		for _, f := range r.Linter().Lint(p) {
			expired = expired || f.Rule == "paynow-expired"
		}
		assert.Equal(t, tt.expired, expired, "%v", tt.now)
	}
}
