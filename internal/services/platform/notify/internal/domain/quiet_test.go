package domain_test

import (
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/domain"
)

func TestQuietHours(t *testing.T) {
	msk, _ := time.LoadLocation("Europe/Moscow")
	ny, _ := time.LoadLocation("America/New_York")
	night := domain.QuietHours{Enabled: true, Start: "22:00", End: "07:00"}
	lunch := domain.QuietHours{Enabled: true, Start: "12:00", End: "13:30"}
	at := func(loc *time.Location, y int, m time.Month, d, h, min int) time.Time {
		return time.Date(y, m, d, h, min, 0, 0, loc)
	}
	cases := []struct {
		name  string
		q     domain.QuietHours
		now   time.Time
		loc   *time.Location
		quiet bool
		until time.Time
	}{
		{"before midnight", night, at(msk, 2026, 3, 2, 23, 30), msk, true, at(msk, 2026, 3, 3, 7, 0)},
		{"after midnight", night, at(msk, 2026, 3, 3, 1, 0), msk, true, at(msk, 2026, 3, 3, 7, 0)},
		{"start is quiet", night, at(msk, 2026, 3, 2, 22, 0), msk, true, at(msk, 2026, 3, 3, 7, 0)},
		{"end is not quiet", night, at(msk, 2026, 3, 3, 7, 0), msk, false, time.Time{}},
		{"daytime", night, at(msk, 2026, 3, 2, 15, 0), msk, false, time.Time{}},
		{"same-day window", lunch, at(msk, 2026, 3, 2, 12, 45), msk, true, at(msk, 2026, 3, 2, 13, 30)},
		{"judged in the user's zone", night, at(time.UTC, 2026, 3, 2, 20, 30), msk, true, at(msk, 2026, 3, 3, 7, 0)},
		{"UTC evening is not quiet in New York", night, at(time.UTC, 2026, 3, 2, 23, 0), ny, false, time.Time{}},
		// On 8 March 2026 New York moves to daylight time at 02:00: the
		// night is an hour shorter, and 07:00 is 11:00 UTC, not 12:00.
		{"across a DST change", night, at(ny, 2026, 3, 7, 23, 0), ny, true, time.Date(2026, 3, 8, 11, 0, 0, 0, time.UTC)},
		{"disabled", domain.QuietHours{Start: "00:00", End: "23:59"}, at(msk, 2026, 3, 2, 12, 0), msk, false, time.Time{}},
		{"empty window", domain.QuietHours{Enabled: true, Start: "10:00", End: "10:00"}, at(msk, 2026, 3, 2, 10, 0), msk, false, time.Time{}},
		{"malformed", domain.QuietHours{Enabled: true, Start: "25:00", End: "07:00"}, at(msk, 2026, 3, 2, 23, 0), msk, false, time.Time{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			until, quiet := tc.q.Until(tc.now, tc.loc)
			if quiet != tc.quiet || !until.Equal(tc.until) {
				t.Fatalf("Until = %v, %v; want %v, %v", until, quiet, tc.until, tc.quiet)
			}
		})
	}
}

func TestContactDefaults(t *testing.T) {
	var none *domain.Contact
	if none.Lang() != "ru" || none.Location() != time.UTC {
		t.Fatal("an unknown contact reads in Russian, in UTC")
	}
	bad := &domain.Contact{TimeZone: "Mars/Olympus", Language: "en"}
	if bad.Location() != time.UTC || bad.Lang() != "en" {
		t.Fatal("a bad time zone falls back to UTC")
	}
}
