package domain_test

import (
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/domain"
)

func TestGoalProgress(t *testing.T) {
	utc := func(s string) time.Time {
		v, err := time.Parse("2006-01-02 15:04", s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	// now is Friday 2026-05-01 12:00 UTC. In Moscow (UTC+3) the week began
	// on Monday 2026-04-27 (Sunday 21:00 UTC) and May on 30 April 21:00 UTC.
	msk := "Europe/Moscow"
	acts := []domain.TrainingActivity{
		{ID: "may-1-msk", Sport: "running", StartedAt: utc("2026-04-30 22:00"), TimeZone: msk, DistanceM: 10000, MovingS: 3000,
			Efforts: []domain.Effort{{DistanceM: 5000, ElapsedS: 1420}, {DistanceM: 10000, ElapsedS: 2950}}},
		{ID: "monday", Sport: "running", StartedAt: utc("2026-04-27 06:00"), TimeZone: msk, DistanceM: 5000, MovingS: 1500},
		{ID: "ride", Sport: "cycling", StartedAt: utc("2026-04-28 06:00"), TimeZone: msk, DistanceM: 30000, MovingS: 3600,
			Efforts: []domain.Effort{{DistanceM: 10000, ElapsedS: 900}}},
		{ID: "trail", Sport: "trail_running", StartedAt: utc("2026-04-29 06:00"), DistanceM: 10100, MovingS: 2900},
		{ID: "last-week", Sport: "running", StartedAt: utc("2026-04-20 06:00"), DistanceM: 8000, MovingS: 2500},
		{ID: "new-year-msk", Sport: "running", StartedAt: utc("2025-12-31 22:00"), TimeZone: msk, DistanceM: 3000, MovingS: 1000},
		{ID: "last-year", Sport: "walking", StartedAt: utc("2025-12-31 20:00"), TimeZone: msk, DistanceM: 3000, MovingS: 1000},
	}
	loc := domain.GoalsLocation(acts)
	if loc.String() != msk {
		t.Fatalf("goals measured in %v, want the latest activity's zone", loc)
	}
	run, ride := ptr("running"), ptr("cycling")
	cases := []struct {
		name string
		goal domain.Goal
		want float64
	}{
		{"weekly running distance", domain.Goal{Kind: "distance", Sport: run, Period: ptr("week")}, 15000},
		{"weekly moving time, any sport", domain.Goal{Kind: "time", Period: ptr("week")}, 3000 + 1500 + 3600 + 2900},
		{"monthly running count, in Moscow's May", domain.Goal{Kind: "count", Sport: run, Period: ptr("month")}, 1},
		{"yearly count, Moscow's new year included", domain.Goal{Kind: "count", Period: ptr("year")}, 6},
		{"10 km race: the best effort or a whole 10 km run of the running family",
			domain.Goal{Kind: "race", RaceDate: ptr("2026-06-01"), RaceDistanceM: ptr(10000.0)}, 2900},
		{"5 km race from a best effort", domain.Goal{Kind: "race", Sport: run, RaceDate: ptr("2026-06-01"), RaceDistanceM: ptr(5000.0)}, 1420},
		{"a ride's 10 km is a cycling race's", domain.Goal{Kind: "race", Sport: ride, RaceDate: ptr("2026-06-01"), RaceDistanceM: ptr(10000.0)}, 900},
		{"race without a distance", domain.Goal{Kind: "race", RaceDate: ptr("2026-06-01")}, 0},
		{"a race long past counts nothing after it", domain.Goal{Kind: "race", RaceDate: ptr("2026-04-28"), RaceDistanceM: ptr(10000.0)}, 0},
		{"a marathon nobody ran", domain.Goal{Kind: "race", RaceDate: ptr("2026-06-01"), RaceDistanceM: ptr(42195.0)}, 0},
	}
	for _, tc := range cases {
		if got := domain.ProgressOf(tc.goal, acts, now, loc); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
	// In UTC the late-night runs fall into April and into last year.
	if got := domain.ProgressOf(domain.Goal{Kind: "count", Sport: run, Period: ptr("month")}, acts, now, time.UTC); got != 0 {
		t.Errorf("UTC May count %v, want 0", got)
	}
	if got := domain.GoalsLocation(nil); got != time.UTC {
		t.Errorf("no activities: %v", got)
	}
	start, end := domain.PeriodBounds("week", utc("2026-05-03 20:59"), loc) // Sunday 23:59 in Moscow
	if !start.Equal(utc("2026-04-26 21:00")) || !end.Equal(utc("2026-05-03 21:00")) {
		t.Errorf("week %v - %v", start, end)
	}
}
