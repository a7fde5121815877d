package analysis

import (
	"math"

	"github.com/sporthub/sporthub/internal/sport/activity"
)

// EffortDef is a standard distance whose best effort is tracked.
type EffortDef struct {
	Name      string  `json:"name"`
	DistanceM float64 `json:"distance_m"`
}

var (
	runEfforts = []EffortDef{
		{"400m", 400}, {"1k", 1000}, {"1mile", mileM}, {"5k", 5000}, {"10k", 10000},
		{"half_marathon", 21097.5}, {"marathon", 42195},
	}
	rideEfforts = []EffortDef{{"10k", 10000}, {"20k", 20000}, {"40k", 40000}, {"100k", 100000}}
)

// EffortDistances returns the standard distances whose best efforts are
// kept for a sport family (activity.FamilyRun, FamilyWalk, FamilyRide);
// other families have none.
func EffortDistances(family string) []EffortDef {
	switch family {
	case activity.FamilyRun, activity.FamilyWalk:
		return append([]EffortDef(nil), runEfforts...)
	case activity.FamilyRide:
		return append([]EffortDef(nil), rideEfforts...)
	}
	return nil
}

// maxEffortSpeed is the speed (m/s) no best effort of the family can
// exceed; faster stretches come from broken distance data and are not
// kept.
func maxEffortSpeed(family string) float64 {
	if family == activity.FamilyRide {
		return 30
	}
	return 11
}

// bestEfforts finds, for every standard distance the activity covers, the
// fastest stretch: two pointers over the cumulative distance, with the
// stretch's start (or end) interpolated between samples.
func (sr *series) bestEfforts(family string, out []Effort) []Effort {
	var defs []EffortDef
	switch family {
	case activity.FamilyRun, activity.FamilyWalk:
		defs = runEfforts
	case activity.FamilyRide:
		defs = rideEfforts
	}
	t, d, n := sr.t, sr.d, sr.n
	total := d[n-1]
	for _, def := range defs {
		D := def.DistanceM
		if total+1e-6 < D {
			break // defs ascend
		}
		best, bestStart := math.Inf(1), 0.0
		// Ends at a sample, start interpolated.
		i := 0
		for j := 1; j < n; j++ {
			target := d[j] - D
			if target < d[0] {
				continue
			}
			for i+1 < j && d[i+1] <= target {
				i++
			}
			ts := t[i]
			if dd := d[i+1] - d[i]; dd > 0 && target > d[i] {
				ts += (target - d[i]) / dd * (t[i+1] - t[i])
			}
			if dur := t[j] - ts; dur > 0 && dur < best {
				best, bestStart = dur, ts
			}
		}
		// Starts at a sample, end interpolated.
		j := 1
		for i := 0; i < n-1; i++ {
			target := d[i] + D
			if target > total {
				break
			}
			if j <= i {
				j = i + 1
			}
			for j < n-1 && d[j] < target {
				j++
			}
			te := t[j]
			if dd := d[j] - d[j-1]; dd > 0 && target < d[j] {
				te = t[j-1] + (target-d[j-1])/dd*(t[j]-t[j-1])
			}
			if dur := te - t[i]; dur > 0 && dur < best {
				best, bestStart = dur, t[i]
			}
		}
		if math.IsInf(best, 1) || D/best > maxEffortSpeed(family) {
			continue
		}
		out = append(out, Effort{Name: def.Name, DistanceM: D, ElapsedS: round3(best), StartS: round3(bestStart)})
	}
	return out
}
