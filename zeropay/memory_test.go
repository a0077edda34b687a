package zeropay_test

import (
	"context"
	"strings"
	"testing"

	"github.com/qrbridge/qrbridge/zeropay"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func goodMerchant() zeropay.Merchant {
	return zeropay.Merchant{BusinessNumber: "1234567890", ID: "202012AB0123", Name: "명동 칼국수", IndustryCode: "56111"}
}

func goodQR() zeropay.QRRecord {
	return zeropay.QRRecord{QR: static, MerchantID: "202012AB0123", IssueDate: "20201201"}
}

// TestRecordValidation: each rule of the master-data records, at its
// boundary, with the field it names.
func TestRecordValidation(t *testing.T) {
	merchants := []struct {
		name   string
		mutate func(*zeropay.Merchant)
		field  string
		want   error
	}{
		{"business 9", func(m *zeropay.Merchant) { m.BusinessNumber = "123456789" }, "business number", zeropay.ErrFormat},
		{"business 11", func(m *zeropay.Merchant) { m.BusinessNumber = "12345678901" }, "business number", zeropay.ErrFormat},
		{"business letter", func(m *zeropay.Merchant) { m.BusinessNumber = "123456789A" }, "business number", zeropay.ErrFormat},
		{"id 11", func(m *zeropay.Merchant) { m.ID = "202012AB012" }, "merchant ID", zeropay.ErrFormat},
		{"id 13", func(m *zeropay.Merchant) { m.ID = "202012AB01234" }, "merchant ID", zeropay.ErrFormat},
		{"id symbol", func(m *zeropay.Merchant) { m.ID = "202012AB012_" }, "merchant ID", zeropay.ErrFormat},
		{"id month", func(m *zeropay.Merchant) { m.ID = "202013AB0123" }, "merchant ID", zeropay.ErrFormat},
		{"no name", func(m *zeropay.Merchant) { m.Name = "" }, "name", zeropay.ErrLength},
		{"industry 4", func(m *zeropay.Merchant) { m.IndustryCode = "5611" }, "industry code", zeropay.ErrLength},
		{"industry 6", func(m *zeropay.Merchant) { m.IndustryCode = "561111" }, "industry code", zeropay.ErrLength},
		{"status 3", func(m *zeropay.Merchant) { m.Status = 3 }, "status", zeropay.ErrFormat},
	}
	for _, tt := range merchants {
		m := goodMerchant()
		tt.mutate(&m)
		_, err := zeropay.NewMemory([]zeropay.Merchant{goodMerchant(), m}, nil)
		require.ErrorIs(t, err, tt.want, tt.name)
		var fe *zeropay.FieldError
		require.ErrorAs(t, err, &fe, tt.name)
		assert.Equal(t, tt.field, fe.Field, tt.name)
		assert.Equal(t, -1, fe.Offset, "records are not parsed text")
		assert.Contains(t, err.Error(), "merchant record 2", tt.name)
	}
	for name, mutate := range map[string]func(*zeropay.Merchant){
		"no industry code": func(m *zeropay.Merchant) { m.IndustryCode = "" },
		"suspended":        func(m *zeropay.Merchant) { m.Status = zeropay.StatusSuspended },
	} {
		m := goodMerchant()
		mutate(&m)
		_, err := zeropay.NewMemory([]zeropay.Merchant{m}, nil)
		assert.NoError(t, err, name)
	}

	qrs := []struct {
		name   string
		mutate func(*zeropay.QRRecord)
		field  string
		want   error
	}{
		{"empty qr", func(q *zeropay.QRRecord) { q.QR = "" }, "qr", zeropay.ErrLength},
		{"qr 51", func(q *zeropay.QRRecord) { q.QR = strings.Repeat("1", 51) }, "qr", zeropay.ErrLength},
		{"no merchant", func(q *zeropay.QRRecord) { q.MerchantID = "" }, "merchant ID", zeropay.ErrLength},
		{"bad date", func(q *zeropay.QRRecord) { q.IssueDate = "20200230" }, "issue date", zeropay.ErrFormat},
		{"status 3", func(q *zeropay.QRRecord) { q.Status = 3 }, "status", zeropay.ErrFormat},
	}
	for _, tt := range qrs {
		q := goodQR()
		tt.mutate(&q)
		_, err := zeropay.NewMemory(nil, []zeropay.QRRecord{q})
		require.ErrorIs(t, err, tt.want, tt.name)
		var fe *zeropay.FieldError
		require.ErrorAs(t, err, &fe, tt.name)
		assert.Equal(t, tt.field, fe.Field, tt.name)
		assert.Equal(t, -1, fe.Offset, "records are not parsed text")
		assert.Contains(t, err.Error(), "qr record 1", tt.name)
		assert.NotContains(t, err.Error(), "byte")
	}
	q := goodQR()
	q.QR = strings.Repeat("1", 50)
	q.IssueDate = ""
	_, err := zeropay.NewMemory(nil, []zeropay.QRRecord{q})
	assert.NoError(t, err, "50 characters and no issue date")
}

func TestPutIsAllOrNothing(t *testing.T) {
	dir, err := zeropay.NewMemory([]zeropay.Merchant{goodMerchant()}, []zeropay.QRRecord{goodQR()})
	require.NoError(t, err)
	ctx := context.Background()
	renamed := goodMerchant()
	renamed.Name = "새 이름"
	bad := goodQR()
	bad.Status = 9
	require.Error(t, dir.Put([]zeropay.Merchant{renamed}, []zeropay.QRRecord{bad}))
	mc, err := dir.Merchant(ctx, "202012AB0123")
	require.NoError(t, err)
	assert.Equal(t, "명동 칼국수", mc.Name, "nothing stored on error")

	require.NoError(t, dir.Put([]zeropay.Merchant{renamed}, nil))
	mc, err = dir.Merchant(ctx, "202012AB0123")
	require.NoError(t, err)
	assert.Equal(t, "새 이름", mc.Name, "Put replaces")
	rec, err := dir.QR(ctx, static)
	require.NoError(t, err)
	assert.Equal(t, "20201201", rec.IssueDate)

	_, err = dir.Merchant(ctx, "202012AB9999")
	require.ErrorIs(t, err, zeropay.ErrNotFound)
	var fe *zeropay.FieldError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "no such merchant", fe.Reason)
	assert.Equal(t, -1, fe.Offset)
	_, err = dir.QR(ctx, "1-ZP-nope")
	require.ErrorIs(t, err, zeropay.ErrNotFound)
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "qr", fe.Field)
	assert.Equal(t, -1, fe.Offset)
	assert.Equal(t, "zeropay: qr: not found: no such qr record", err.Error())
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	_, err = dir.Merchant(cancelled, "202012AB0123")
	assert.ErrorIs(t, err, context.Canceled)
	_, err = dir.QR(cancelled, static)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestLoadCSVStatusesAndLines(t *testing.T) {
	header := "merchant_id,business_number,name,short_name,address,phone,small_business_class,industry_code,status\n"
	row := func(status string) string {
		return "202012AB0123,1234567890,명동 칼국수,,,,,56111," + status + "\n"
	}
	for status, want := range map[string]zeropay.Status{"0": zeropay.StatusNormal, "1": zeropay.StatusDormant, "2": zeropay.StatusSuspended} {
		dir, err := zeropay.LoadCSV(strings.NewReader(header+row(status)), nil)
		require.NoError(t, err, status)
		mc, err := dir.Merchant(context.Background(), "202012AB0123")
		require.NoError(t, err)
		assert.Equal(t, want, mc.Status)
	}
	for _, bad := range []string{"3", "-1", "x", ""} {
		_, err := zeropay.LoadCSV(strings.NewReader(header+row("0")+row(bad)), nil)
		require.ErrorIs(t, err, zeropay.ErrFormat, bad)
		assert.Contains(t, err.Error(), "csv line 3", bad)
		var fe *zeropay.FieldError
		require.ErrorAs(t, err, &fe, bad)
		assert.Equal(t, "status", fe.Field)
		assert.Equal(t, -1, fe.Offset)
	}
	_, err := zeropay.LoadCSV(strings.NewReader(""), nil)
	assert.ErrorIs(t, err, zeropay.ErrFormat, "no header")
	_, err = zeropay.LoadCSV(strings.NewReader(header+"a,b\n"), nil)
	require.ErrorIs(t, err, zeropay.ErrFormat, "a short row")
	assert.Contains(t, err.Error(), "csv line 2")
	dir, err := zeropay.LoadCSV(nil, nil)
	require.NoError(t, err, "both readers may be nil")
	_, err = dir.Merchant(context.Background(), "202012AB0123")
	assert.ErrorIs(t, err, zeropay.ErrNotFound)
}
