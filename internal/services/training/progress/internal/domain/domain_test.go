package domain_test

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/services/training/progress/internal/domain"
)

func ptr[T any](v T) *T { return &v }

var t0 = time.Date(2026, 3, 2, 7, 0, 0, 0, time.UTC) // a Monday

func TestRecordsHistory(t *testing.T) {
	day := func(n int) time.Time { return t0.AddDate(0, 0, n) }
	rows := []domain.EffortRow{
		// Arriving in any order: history follows the dates.
		{ActivityID: "c", Family: "run", Effort: "5k", DistanceM: 5000, ElapsedS: 1300, StartedAt: day(20)},
		{ActivityID: "a", Family: "run", Effort: "5k", DistanceM: 5000, ElapsedS: 1500, StartedAt: day(0)},
		{ActivityID: "b", Family: "run", Effort: "5k", DistanceM: 5000, ElapsedS: 1550, StartedAt: day(10)},   // slower: no step
		{ActivityID: "tie", Family: "run", Effort: "5k", DistanceM: 5000, ElapsedS: 1300, StartedAt: day(30)}, // a tie: no step
		{ActivityID: "a", Family: "run", Effort: "1k", DistanceM: 1000, ElapsedS: 240, StartedAt: day(0)},
		{ActivityID: "r", Family: "ride", Effort: "10k", DistanceM: 10000, ElapsedS: 1000, StartedAt: day(5)},
		{ActivityID: "z", Family: "run", Effort: "10k", DistanceM: 10000, ElapsedS: 0, StartedAt: day(5)}, // no time: ignored
	}
	recs := domain.Records(rows)
	var got []string
	for _, r := range recs {
		s := fmt.Sprintf("%s/%s:", r.Family, r.Effort)
		for _, e := range r.History {
			imp := "-"
			if e.ImprovementS != nil {
				imp = fmt.Sprint(*e.ImprovementS)
			}
			s += fmt.Sprintf(" %s=%v(%s)", e.ActivityID, e.ElapsedS, imp)
		}
		got = append(got, s)
	}
	want := []string{"ride/10k: r=1000(-)", "run/1k: a=240(-)", "run/5k: a=1500(-) c=1300(200)"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("records\n got %v\nwant %v", got, want)
	}
	if recs[2].Best().ActivityID != "c" {
		t.Fatalf("best %+v", recs[2].Best())
	}
	steps := domain.RecentImprovements(recs, 2)
	if len(steps) != 2 || steps[0].ActivityID != "c" || steps[1].ActivityID != "r" {
		t.Fatalf("recent %+v", steps)
	}
}

func TestVolumesAndPeriods(t *testing.T) {
	acts := []domain.Activity{
		{Sport: "running", Day: "2026-03-01", DistanceM: 5000, MovingS: 1500, Load: 50.04}, // Sunday: the week before
		{Sport: "running", Day: "2026-03-02", DistanceM: 10000, MovingS: 3000, ElevGainM: 10, Load: 80},
		{Sport: "running", Day: "2026-03-08", DistanceM: 8000, MovingS: 2400, Load: 60},
		{Sport: "cycling", Day: "2026-03-03", DistanceM: 40000, MovingS: 4800, Load: 90},
	}
	week := fmt.Sprint(domain.Volumes(acts, domain.PeriodWeek))
	want := "[{2026-02-23 running 1 5000 1500 0 50} {2026-03-02 cycling 1 40000 4800 0 90} {2026-03-02 running 2 18000 5400 10 140}]"
	if week != want {
		t.Fatalf("weeks\n got %s\nwant %s", week, want)
	}
	month := fmt.Sprint(domain.Volumes(acts, domain.PeriodMonth))
	want = "[{2026-03-01 cycling 1 40000 4800 0 90} {2026-03-01 running 3 23000 6900 10 190}]"
	if month != want {
		t.Fatalf("months\n got %s\nwant %s", month, want)
	}
	if got := domain.DayOf(time.Date(2026, 3, 1, 22, 30, 0, 0, time.UTC), "Europe/Moscow"); got != "2026-03-02" {
		t.Fatalf("day in Moscow %s", got)
	}
	if got := domain.DayOf(time.Date(2026, 3, 1, 22, 30, 0, 0, time.UTC), "Not/AZone"); got != "2026-03-01" {
		t.Fatalf("day of an unknown zone %s", got)
	}
}

func TestLabelsBandsPercentiles(t *testing.T) {
	for tsb, want := range map[float64]string{30: "transition", 25: "fresh", 5.1: "fresh", 5: "neutral", -10: "neutral",
		-10.1: "productive", -30: "productive", -30.1: "overreaching"} {
		if got := domain.FormLabel(tsb); got != want {
			t.Errorf("FormLabel(%v) = %s, want %s", tsb, got, want)
		}
	}
	now := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	for birth, want := range map[int]string{2010: "0-19", 2006: "20-29", 1991: "30-39", 1987: "30-39", 1956: "70+", 1957: "60-69"} {
		band, lo, hi, ok := domain.Athlete{BirthYear: ptr(birth)}.AgeBand(now)
		if !ok || band != want || lo > now.Year()-birth || hi < now.Year()-birth {
			t.Errorf("born %d: %s [%d, %d] %v, want %s", birth, band, lo, hi, ok, want)
		}
	}
	if _, _, _, ok := (domain.Athlete{}).AgeBand(now); ok {
		t.Error("a band without a birth year")
	}
	others := []float64{1200, 1300, 1400, 1500, 1600}
	if got := domain.Percentile(1350, others); got != 60 {
		t.Errorf("percentile %v, want 60", got)
	}
	if got := domain.Percentile(1300, others); got != 70 {
		t.Errorf("percentile with a tie %v, want 70", got)
	}
	if got := domain.Rank(3.0, []float64{3.5, 2.0, 3.0, 4.0}); got != 3 {
		t.Errorf("rank %d, want 3", got)
	}
}

func TestPredictions(t *testing.T) {
	// quality.md: a 45:30 10 km predicts 12,559 s for the marathon (Riegel).
	preds, _ := domain.Predict(10000, 45*60+30)
	byName := map[string]domain.Prediction{}
	for _, p := range preds {
		byName[p.Name] = p
	}
	if m := byName["marathon"]; m.RiegelS == nil || *m.RiegelS != 12559 {
		t.Fatalf("marathon from 45:30 10 km: %+v", m)
	}
	if len(preds) != 4 || byName["10k"].RiegelS == nil || *byName["10k"].RiegelS != 2730 {
		t.Fatalf("predictions %+v", preds)
	}
	// quality.md: 20:00 for 5 km is VDOT 49.8.
	if _, v := domain.Predict(5000, 1200); v == nil || math.Abs(*v-49.8) > 0.05 {
		t.Fatalf("VDOT of 20:00 5 km: %v", v)
	}
	rows := []domain.EffortRow{
		{ActivityID: "short", Family: "run", Effort: "1k", DistanceM: 1000, ElapsedS: 180},   // too short to stand on
		{ActivityID: "ride", Family: "ride", Effort: "10k", DistanceM: 10000, ElapsedS: 900}, // not running
		{ActivityID: "5k", Family: "run", Effort: "5k", DistanceM: 5000, ElapsedS: 1200},
		{ActivityID: "10k", Family: "run", Effort: "10k", DistanceM: 10000, ElapsedS: 2600}, // slower than the 5 km predicts
	}
	if src := domain.BestSource(rows); src == nil || src.ActivityID != "5k" {
		t.Fatalf("source %+v", src)
	}
	if domain.BestSource(rows[:2]) != nil {
		t.Fatal("a source from a 1 km or a ride")
	}
}
