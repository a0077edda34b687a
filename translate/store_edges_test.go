package translate_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/qrbridge/qrbridge/translate"
)

// maxMinor is 2^53 − 1 written out, so that a changed MaxMinorUnits
// cannot move the test's bounds with it.
const maxMinor = 9007199254740991

// TestValidateBounds checks the bounds of Limits and Reservation one field
// at a time, each with the field the *Error names.
func TestValidateBounds(t *testing.T) {
	if translate.MaxMinorUnits != maxMinor {
		t.Fatalf("MaxMinorUnits = %d, want 2^53-1", int64(translate.MaxMinorUnits))
	}
	for _, c := range []struct {
		l     translate.Limits
		field string // "" when valid
	}{
		{translate.Limits{}, ""},
		{translate.Limits{PayerDay: maxMinor, CorridorDay: maxMinor}, ""},
		{translate.Limits{PayerDay: 1, CorridorDay: 1}, ""},
		{translate.Limits{PayerDay: -1}, "limits payer day"},
		{translate.Limits{PayerDay: maxMinor + 1}, "limits payer day"},
		{translate.Limits{CorridorDay: -1}, "limits corridor day"},
		{translate.Limits{CorridorDay: maxMinor + 1}, "limits corridor day"},
	} {
		wantField(t, c.l.Validate(), c.field, "%+v", c.l)
	}
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	valid := translate.Reservation{ID: "a", Corridor: "c", Payer: "p", Day: "2026-12-01", Currency: "KRW", Amount: 1, Until: now.Add(time.Nanosecond)}
	for _, c := range []struct {
		name  string
		mod   func(*translate.Reservation)
		field string
	}{
		{"valid", func(*translate.Reservation) {}, ""},
		{"no payer", func(r *translate.Reservation) { r.Payer = "" }, ""},
		{"max amount", func(r *translate.Reservation) { r.Amount = maxMinor }, ""},
		{"over max", func(r *translate.Reservation) { r.Amount = maxMinor + 1 }, "reservation amount"},
		{"zero", func(r *translate.Reservation) { r.Amount = 0 }, "reservation amount"},
		{"negative", func(r *translate.Reservation) { r.Amount = -1 }, "reservation amount"},
		{"id", func(r *translate.Reservation) { r.ID = "" }, "reservation id"},
		{"corridor", func(r *translate.Reservation) { r.Corridor = "" }, "reservation corridor"},
		{"day", func(r *translate.Reservation) { r.Day = "" }, "reservation day"},
		{"currency", func(r *translate.Reservation) { r.Currency = "" }, "reservation currency"},
		{"until now", func(r *translate.Reservation) { r.Until = now }, "reservation until"},
	} {
		r := valid
		c.mod(&r)
		wantField(t, r.Validate(now), c.field, "%s", c.name)
	}
}

func wantField(t *testing.T, err error, field, format string, args ...any) {
	t.Helper()
	var e *translate.Error
	switch {
	case field == "" && err != nil:
		t.Errorf(format+": %v, want valid", append(args, err)...)
	case field != "" && (!errors.As(err, &e) || e.Field != field || !errors.Is(err, translate.ErrInvalid)):
		t.Errorf(format+": %v, want ErrInvalid on %s", append(args, err, field)...)
	}
}

// TestMemoryLimitsReservationEnds: a reservation whose Until has passed is
// gone with its day, so the same ID reserved again counts afresh.
func TestMemoryLimitsReservationEnds(t *testing.T) {
	ctx := context.Background()
	s := new(translate.MemoryLimits)
	l := translate.Limits{PayerDay: 100}
	r := translate.Reservation{ID: "a", Corridor: "c", Payer: "p", Day: "d", Currency: "KRW", Amount: 100, Until: time.Now().Add(30 * time.Millisecond)}
	if err := s.Reserve(ctx, r, l); err != nil {
		t.Fatal(err)
	}
	time.Sleep(60 * time.Millisecond)
	if err := s.Commit(ctx, r); !errors.Is(err, translate.ErrNoReservation) {
		t.Fatalf("Commit after Until = %v, want ErrNoReservation", err)
	}
	r.Until = time.Now().Add(time.Hour)
	if err := s.Reserve(ctx, r, l); err != nil {
		t.Fatal(err)
	}
	b := r
	b.ID, b.Amount = "b", 1
	if err := s.Reserve(ctx, b, l); !errors.Is(err, translate.ErrLimitExceeded) {
		t.Fatalf("after reserving a again = %v, want the day full", err)
	}
}
