package translate

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestDefaultCorridorIDs: the built-in rules, in the order they are tried.
// Korean and Chinese wallets reach every other market's schemes; neither
// reaches its own.
func TestDefaultCorridorIDs(t *testing.T) {
	want := []string{"CN-KR:wechat>zeropay", "HK-TH:fps>promptpay", "SG-TH:paynow>promptpay", "TH-SG:promptpay>paynow",
		"KR-TH:promptpay", "KR-MY:duitnow", "KR-SG:paynow", "KR-SG:sgqr", "KR-VN:vietqr", "KR-ID:qris", "KR-HK:fps", "KR-CN",
		"CN-TH:promptpay", "CN-MY:duitnow", "CN-SG:paynow", "CN-SG:sgqr", "CN-VN:vietqr", "CN-ID:qris", "CN-HK:fps", "CN-KR:korea"}
	var got []string
	for _, c := range DefaultCorridors() {
		got = append(got, c.ID)
	}
	require.Equal(t, want, got)
}

// TestCorridorZones: each default corridor counts its days in the payer's
// time zone (Korea UTC+9, China, Hong Kong and Singapore UTC+8, Thailand
// UTC+7), so a day's limit rolls over at the payer's midnight.
func TestCorridorZones(t *testing.T) {
	offsets := map[string]int{"KR": 9 * 3600, "CN": 8 * 3600, "HK": 8 * 3600, "SG": 8 * 3600, "TH": 7 * 3600}
	for _, c := range DefaultCorridors() {
		want, ok := offsets[c.PayerCountry]
		require.True(t, ok, c.ID)
		_, off := time.Date(2026, 12, 1, 0, 0, 0, 0, c.Location).Zone()
		require.Equal(t, want, off, c.ID)
	}
}
