package route

import (
	"github.com/sporthub/sporthub/internal/sport/activity"
)

// MaxSpeed is the fastest plausible speed in m/s for a sport: faster
// implied movement between two fixes is a GPS jump. The values leave room
// for sprints and descents (a sprinter peaks near 12.4 m/s, a road
// descent may pass 25 m/s).
func MaxSpeed(s activity.Sport) float64 {
	switch s {
	case activity.Running, activity.TrailRunning, activity.Orienteering:
		return 12.5
	case activity.Walking, activity.NordicWalking, activity.Hiking:
		return 7
	case activity.Cycling:
		return 35
	case activity.MountainBiking:
		return 25
	case activity.Swimming, activity.OpenWaterSwimming:
		return 4
	case activity.Skiing:
		return 20
	case activity.AlpineSkiing:
		return 45
	case activity.Rowing:
		return 8
	}
	return 70
}

// OutlierSlackM is the GPS noise allowed on top of the sport's maximum
// speed between two fixes.
const OutlierSlackM = 30

// outlierWindow bounds how many runs back a run may attach to.
const outlierWindow = 64

// RemoveOutliers drops GPS jumps in place: it sets Lat and Lon to NaN on
// positions that imply a speed beyond MaxSpeed(sport) (plus OutlierSlackM
// of noise) and returns how many it dropped.
//
// The positions are cut into runs in which every fix is reachable from
// the previous one; the longest chain of runs that are reachable from
// each other (by point count) is kept and every other run dropped. So a
// single spike, a wrong first fix and a burst of fixes off in the wrong
// place all go, whichever side of the jump they are on. Samples carry no
// accuracy, so accuracy spikes show here as the jumps they cause.
func RemoveOutliers(samples []activity.Sample, sport activity.Sport) (dropped int) {
	maxV := MaxSpeed(sport)
	idx := make([]int, 0, len(samples))
	for i, s := range samples {
		if s.HasPos() {
			idx = append(idx, i)
		}
	}
	if len(idx) < 2 {
		return 0
	}
	reach := func(a, b int) bool {
		sa, sb := samples[a], samples[b]
		dt := sb.Time.Sub(sa.Time).Seconds()
		if dt < 0 {
			dt = 0
		}
		return Distance(Point{sa.Lat, sa.Lon}, Point{sb.Lat, sb.Lon}) <= maxV*dt+OutlierSlackM
	}
	// Runs: [start, end) over idx.
	type run struct{ start, end int }
	var runs []run
	st := 0
	for k := 1; k < len(idx); k++ {
		if !reach(idx[k-1], idx[k]) {
			runs = append(runs, run{st, k})
			st = k
		}
	}
	runs = append(runs, run{st, len(idx)})
	if len(runs) == 1 {
		return 0
	}
	best := make([]int, len(runs))
	prev := make([]int, len(runs))
	top := 0
	for k, r := range runs {
		best[k], prev[k] = r.end-r.start, -1
		for j := k - 1; j >= 0 && j >= k-outlierWindow; j-- {
			if best[j]+r.end-r.start > best[k] && reach(idx[runs[j].end-1], idx[r.start]) {
				best[k], prev[k] = best[j]+r.end-r.start, j
			}
		}
		if best[k] > best[top] {
			top = k
		}
	}
	keep := make([]bool, len(runs))
	for k := top; k >= 0; k = prev[k] {
		keep[k] = true
	}
	for k, r := range runs {
		if keep[k] {
			continue
		}
		for _, i := range idx[r.start:r.end] {
			samples[i].Lat, samples[i].Lon = activity.Missing(), activity.Missing()
			dropped++
		}
	}
	return dropped
}
