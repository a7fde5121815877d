package domain

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/sporthub/sporthub/internal/sport/activity"
	"github.com/sporthub/sporthub/internal/sport/analysis"
)

// FormLabel names the band a training stress balance falls in, by the
// bands coaches commonly use on the performance management chart: above
// 25 transition, 5 to 25 fresh, -10 to 5 neutral, -30 to -10 productive,
// below -30 overreaching. They describe, nothing more.
func FormLabel(tsb float64) string {
	switch {
	case tsb > 25:
		return "transition"
	case tsb > 5:
		return "fresh"
	case tsb >= -10:
		return "neutral"
	case tsb >= -30:
		return "productive"
	}
	return "overreaching"
}

// Periods of volume.
const (
	PeriodWeek  = "week"
	PeriodMonth = "month"
)

// PeriodStart is the first day of the week (Monday) or month holding day
// (midnight UTC, as ParseDay returns days).
func PeriodStart(day time.Time, period string) time.Time {
	if period == PeriodMonth {
		return time.Date(day.Year(), day.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	return day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
}

// Volume is the training of one period in one sport.
type Volume struct {
	PeriodStart string
	Sport       string
	Count       int
	DistanceM   float64
	MovingS     float64
	ElevGainM   float64
	Load        float64
}

// Volumes sums activities per period and sport, ordered by period, then
// sport.
func Volumes(acts []Activity, period string) []Volume {
	type key struct{ start, sport string }
	sums := map[key]*Volume{}
	for _, a := range acts {
		day, err := ParseDay(a.Day)
		if err != nil {
			continue
		}
		k := key{PeriodStart(day, period).Format(DateLayout), a.Sport}
		v := sums[k]
		if v == nil {
			v = &Volume{PeriodStart: k.start, Sport: a.Sport}
			sums[k] = v
		}
		v.Count++
		v.DistanceM += a.DistanceM
		v.MovingS += a.MovingS
		v.ElevGainM += a.ElevGainM
		v.Load += a.Load
	}
	out := make([]Volume, 0, len(sums))
	for _, v := range sums {
		v.DistanceM, v.MovingS = math.Round(v.DistanceM*10)/10, math.Round(v.MovingS)
		v.ElevGainM, v.Load = Round1(v.ElevGainM), Round1(v.Load)
		out = append(out, *v)
	}
	slices.SortFunc(out, func(a, b Volume) int {
		return cmp.Or(cmp.Compare(a.PeriodStart, b.PeriodStart), cmp.Compare(a.Sport, b.Sport))
	})
	return out
}

// Target is a race distance predictions are made for.
type Target struct {
	Name      string
	DistanceM float64
}

// PredictionTargets are the distances predicted: 5k, 10k, half marathon,
// marathon.
var PredictionTargets = []Target{
	{"5k", 5000}, {"10k", 10000}, {"half_marathon", 21097.5}, {"marathon", 42195},
}

// MinPredictionDistance is the shortest effort predictions stand on: both
// Riegel's formula and Daniels' tables are made for races from about 1500 m
// to the marathon, so 400 m and 1 km efforts are left out.
const MinPredictionDistance = 1500

// PredictionWindow is how far back "recent" reaches for predictions.
const PredictionWindow = 90 * 24 * time.Hour

// BestSource picks the running effort predictions stand on: among the
// efforts of the run family of at least MinPredictionDistance, the one
// whose Riegel-equivalent 10 km time is fastest (the best performance,
// whatever its distance). Nil when there is none.
func BestSource(rows []EffortRow) *EffortRow {
	var best *EffortRow
	bestEq := math.Inf(1)
	for i, r := range rows {
		if r.Family != activity.FamilyRun || r.DistanceM < MinPredictionDistance || r.ElapsedS <= 0 {
			continue
		}
		eq := analysis.Riegel(r.DistanceM, r.ElapsedS, 10000)
		if eq < bestEq || eq == bestEq && best != nil && r.StartedAt.After(best.StartedAt) {
			best, bestEq = &rows[i], eq
		}
	}
	return best
}

// Prediction is a predicted race time (nil when a method cannot tell).
type Prediction struct {
	Target
	RiegelS *float64
	VDOTS   *float64
}

// Predict predicts every target from an effort of distanceM run in
// elapsedS: Riegel's T2 = T1 x (D2/D1)^1.06 and Daniels' VDOT (the
// effort's VDOT, then the time that VDOT runs each distance in). It also
// returns the effort's VDOT (nil when the tables give none).
func Predict(distanceM, elapsedS float64) (preds []Prediction, vdot *float64) {
	v := analysis.VDOT(distanceM, elapsedS)
	if v > 0 && !math.IsNaN(v) && !math.IsInf(v, 0) {
		r := math.Round(v*10) / 10
		vdot = &r
	}
	for _, t := range PredictionTargets {
		p := Prediction{Target: t}
		if r := analysis.Riegel(distanceM, elapsedS, t.DistanceM); r > 0 && !math.IsInf(r, 0) && !math.IsNaN(r) {
			r = math.Round(r)
			p.RiegelS = &r
		}
		if vdot != nil {
			if s := analysis.PredictVDOT(v, t.DistanceM); s > 0 && !math.IsInf(s, 0) && !math.IsNaN(s) {
				s = math.Round(s)
				p.VDOTS = &s
			}
		}
		preds = append(preds, p)
	}
	return preds, vdot
}

// AgeGrade is the age grade of an effort (nil when the athlete's age or
// sex is unknown, or no grading table covers it).
func AgeGrade(ath Athlete, family string, distanceM, elapsedS float64, now time.Time) *float64 {
	if ath.Sex == nil || ath.BirthYear == nil {
		return nil
	}
	pct, ok := analysis.AgeGrade(family, *ath.Sex, ath.Age(now), distanceM, elapsedS)
	if !ok || math.IsNaN(pct) || math.IsInf(pct, 0) {
		return nil
	}
	pct = Round1(pct)
	return &pct
}

// VDOTOf is an effort's VDOT rounded to 0.1 (nil when not computable:
// too short, or the tables give none).
func VDOTOf(family string, distanceM, elapsedS float64) *float64 {
	if family != activity.FamilyRun || distanceM < MinPredictionDistance {
		return nil
	}
	v := analysis.VDOT(distanceM, elapsedS)
	if v <= 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	v = Round1(v)
	return &v
}

// Percentile is the share (0-100, one decimal) of others an elapsed time
// is faster than; a tie counts half.
func Percentile(elapsedS float64, others []float64) float64 {
	if len(others) == 0 {
		return 0
	}
	var beaten float64
	for _, o := range others {
		switch {
		case elapsedS < o:
			beaten++
		case elapsedS == o:
			beaten += 0.5
		}
	}
	return Round1(100 * beaten / float64(len(others)))
}

// CohortWindow is how far back other athletes' bests count for
// percentiles: their form of the last year.
const CohortWindow = 365 * 24 * time.Hour

// Rank returns the 1-based rank of speed among others (1 = fastest; a tie
// ranks with the faster).
func Rank(speed float64, others []float64) int {
	r := 1
	for _, o := range others {
		if o > speed {
			r++
		}
	}
	return r
}
