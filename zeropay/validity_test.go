package zeropay_test

import (
	"testing"
	"time"

	"github.com/qrbridge/qrbridge/zeropay"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestValidity(t *testing.T) {
	assert.Equal(t, 3*time.Minute, zeropay.CodeValidity)
	for k, want := range map[zeropay.Kind]time.Duration{
		zeropay.KindStatic: 0, zeropay.KindDynamic: 3 * time.Minute,
		zeropay.KindConsumer: 3 * time.Minute, zeropay.KindRefund: 0, zeropay.Kind(0): 0,
	} {
		assert.Equal(t, want, k.Validity(), "%v", k)
	}
}

func TestCheckFresh(t *testing.T) {
	issued := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	for _, in := range []string{consumer, dynamic} {
		c, err := zeropay.Parse(in)
		require.NoError(t, err)
		require.NoError(t, c.CheckFresh(issued, issued))
		require.NoError(t, c.CheckFresh(issued, issued.Add(3*time.Minute-time.Nanosecond)), "just inside")
		err = c.CheckFresh(issued, issued.Add(3*time.Minute))
		require.ErrorIs(t, err, zeropay.ErrExpired, "exactly three minutes is too late")
		var ee *zeropay.ExpiredError
		require.ErrorAs(t, err, &ee)
		assert.Equal(t, c.Kind, ee.Kind)
		assert.Equal(t, issued, ee.Issued)
		assert.Equal(t, issued.Add(3*time.Minute), ee.At)
		assert.Contains(t, err.Error(), "413")
		assert.Contains(t, err.Error(), "used 3m0s after issue")

		err = c.CheckFresh(issued, issued.Add(-time.Second))
		require.ErrorIs(t, err, zeropay.ErrFormat, "used before issue")
		assert.NotErrorIs(t, err, zeropay.ErrExpired)
		var fe *zeropay.FieldError
		require.ErrorAs(t, err, &fe)
		assert.Equal(t, "issued", fe.Field)
		assert.Equal(t, -1, fe.Offset)
		for _, err := range []error{c.CheckFresh(time.Time{}, issued), c.CheckFresh(issued, time.Time{})} {
			require.ErrorIs(t, err, zeropay.ErrLength)
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, -1, fe.Offset)
			assert.Equal(t, "zeropay: issued: invalid length: issue or use time missing", err.Error())
		}
	}
	for _, in := range []string{static, refund} {
		c, err := zeropay.Parse(in)
		require.NoError(t, err)
		assert.NoError(t, c.CheckFresh(issued, issued.Add(365*24*time.Hour)), "%v codes do not expire", c.Kind)
		assert.NoError(t, c.CheckFresh(time.Time{}, time.Time{}))
	}
	b, err := zeropay.ParseBarcode(consumerBarcode)
	require.NoError(t, err)
	assert.NoError(t, b.CheckFresh(issued, issued.Add(179*time.Second)))
	assert.ErrorIs(t, b.CheckFresh(issued, issued.Add(180*time.Second)), zeropay.ErrExpired)
	rb, err := zeropay.ParseBarcode(refundBarcode)
	require.NoError(t, err)
	assert.NoError(t, rb.CheckFresh(issued, issued.Add(time.Hour)))
}
