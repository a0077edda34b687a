package zeropay_test

import (
	"context"
	"strings"
	"testing"

	"github.com/qrbridge/qrbridge/emvco"
	"github.com/qrbridge/qrbridge/zeropay"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const directoryJSON = `{
 "merchants": [
  {"business_number": "1234567890", "merchant_id": "202012AB0123", "name": "명동 칼국수", "industry_code": "56111", "status": 0},
  {"business_number": "1234567891", "merchant_id": "202101CD0456", "name": "한강 카페", "industry_code": "56221", "status": 1},
  {"business_number": "1234567892", "merchant_id": "202102EF0789", "name": "남산 약국", "industry_code": "47811", "status": 0}
 ],
 "qr_codes": [
  {"qr": "1-ZP-202012AB0123-T000000000000001--X9-Z", "merchant_id": "202012AB0123", "issue_date": "20201201", "status": 0},
  {"qr": "1-ZP-202101CD0456-T000000000000002--ABCD", "merchant_id": "202101CD0456", "status": 0},
  {"qr": "1-ZP-202102EF0789-T000000000000003--ABCD", "merchant_id": "202102EF0789", "status": 2},
  {"qr": "1-ZP-202102EF0789-T000000000000004--ABCD", "merchant_id": "202012AB0123", "status": 0}
 ]
}`

func TestResolve(t *testing.T) {
	dir, err := zeropay.LoadJSON(strings.NewReader(directoryJSON))
	require.NoError(t, err)
	ctx := context.Background()

	mc, code, err := zeropay.Resolve(ctx, dir, static)
	require.NoError(t, err)
	assert.Equal(t, "명동 칼국수", mc.Name)
	assert.Equal(t, "T000000000000001", code.TerminalID)
	mcc, ok := zeropay.StarterIndustries().MCC(mc.IndustryCode)
	assert.True(t, ok)
	assert.Equal(t, "5812", mcc)

	tests := []struct {
		name, qr string
		want     error
		status   zeropay.Status
	}{
		{"dormant merchant", "1-ZP-202101CD0456-T000000000000002--ABCD", zeropay.ErrInactive, zeropay.StatusDormant},
		{"suspended qr", "1-ZP-202102EF0789-T000000000000003--ABCD", zeropay.ErrInactive, zeropay.StatusSuspended},
		{"qr of another merchant", "1-ZP-202102EF0789-T000000000000004--ABCD", zeropay.ErrNotFound, 0},
		{"unknown qr", "1-ZP-202012AB0123-T000000000000009--ABCD", zeropay.ErrNotFound, 0},
		{"not static", consumer, zeropay.ErrKind, 0},
		{"not zero pay", "weixin://wxpay/bizpayurl?pr=x", zeropay.ErrKind, 0},
	}
	for _, tt := range tests {
		_, _, err := zeropay.Resolve(ctx, dir, tt.qr)
		require.ErrorIs(t, err, tt.want, tt.name)
		var se *zeropay.StatusError
		if tt.status != 0 {
			require.ErrorAs(t, err, &se)
			assert.Equal(t, tt.status, se.Status, tt.name)
		}
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	_, _, err = zeropay.Resolve(cancelled, dir, static)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestLoadCSV(t *testing.T) {
	merchants := "merchant_id,business_number,name,short_name,address,phone,small_business_class,industry_code,status\n" +
		"202012AB0123,1234567890,명동 칼국수,칼국수,서울 중구,02-000-0000,1,56111,0\n"
	qrs := "qr,merchant_id,issue_date,status\n" + static + ",202012AB0123,20201201,0\n"
	dir, err := zeropay.LoadCSV(strings.NewReader(merchants), strings.NewReader(qrs))
	require.NoError(t, err)
	mc, err := dir.Merchant(context.Background(), "202012AB0123")
	require.NoError(t, err)
	assert.Equal(t, "서울 중구", mc.Address)

	for name, bad := range map[string][2]string{
		"missing column": {"merchant_id,name\n", ""},
		"bad status":     {strings.Replace(merchants, ",0\n", ",7\n", 1), ""},
		"bad business":   {strings.Replace(merchants, "1234567890", "12345", 1), ""},
		"bad qr date":    {"", strings.Replace(qrs, "20201201", "20201301", 1)},
	} {
		var m, q *strings.Reader
		if bad[0] != "" {
			m = strings.NewReader(bad[0])
		}
		if bad[1] != "" {
			q = strings.NewReader(bad[1])
		}
		_, err := zeropay.LoadCSV(readerOrNil(m), readerOrNil(q))
		assert.ErrorIs(t, err, zeropay.ErrFormat, name)
	}
}

func readerOrNil(r *strings.Reader) interface{ Read([]byte) (int, error) } {
	if r == nil {
		return nil
	}
	return r
}

func TestLoadJSONRefusals(t *testing.T) {
	for bad, want := range map[string]error{
		`{"merchants": [{"merchant_id": "x"}]}`: zeropay.ErrFormat,
		`{"unknown": 1}`:                        zeropay.ErrFormat,
		`not json`:                              zeropay.ErrFormat,
		`{"qr_codes": [{"qr": "", "merchant_id": "202012AB0123"}]}`:            zeropay.ErrLength,
		`{"qr_codes": [{"qr": "x", "merchant_id": ""}]}`:                       zeropay.ErrLength,
		`{"qr_codes": [{"qr": "x", "merchant_id": "m", "status": 3}]}`:         zeropay.ErrFormat,
		`{"qr_codes": [{"qr": "x", "merchant_id": "m", "status": "dormant"}]}`: nil,
	} {
		_, err := zeropay.LoadJSON(strings.NewReader(bad))
		if want == nil {
			assert.NoError(t, err, bad)
			continue
		}
		assert.ErrorIs(t, err, want, bad)
	}
}

// TestStarterIndustriesAreISO18245 checks every MCC of the starter table
// against the published ISO 18245 list, through the one copy of the table
// in the module (emvco/mcc.csv, behind emvco.KnownMCC).
func TestStarterIndustriesAreISO18245(t *testing.T) {
	require.False(t, emvco.KnownMCC("0000"), "the check can fail")
	require.True(t, emvco.KnownMCC("5812"))
	table := zeropay.StarterIndustries()
	require.Len(t, table, 13)
	for code, mcc := range table {
		assert.Len(t, code, 5, code)
		assert.True(t, emvco.KnownMCC(mcc), "industry %s maps to %s, not in ISO 18245", code, mcc)
	}
	_, ok := table.MCC("99999")
	assert.False(t, ok, "unknown codes map to nothing")
	table["99999"] = "5999"
	_, ok = zeropay.StarterIndustries().MCC("99999")
	assert.False(t, ok, "each call returns a fresh table")
}
