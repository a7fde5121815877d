package route

import (
	"hash/fnv"
	"math"
	"time"

	"github.com/sporthub/sporthub/internal/sport/activity"
)

// InZones reports whether p lies within any zone, edge included.
func InZones(p Point, zones []Zone) bool {
	for _, z := range zones {
		if Distance(Point{z.Lat, z.Lon}, p) <= z.RadiusM {
			return true
		}
	}
	return false
}

// MaskZones hides positions in place (Lat and Lon become NaN) and returns
// how many samples lost their position:
//
//   - every position inside any zone;
//   - when the route starts in a zone, every position up to the first one
//     that is farther from that zone's centre than its radius plus a
//     margin; likewise backwards from the end when the route ends in a
//     zone.
//
// Without the margin the first visible point would lie on the zone's
// circle, and a few activities leaving home in different directions
// would give its centre away. The margin is between a quarter and three
// quarters of the radius, chosen per activity from the time of its first
// (or last) fix: stable when the same activity is masked again (live
// view, route, export agree), different between activities.
//
// Zones with a radius that is not positive are ignored.
func MaskZones(samples []activity.Sample, zones []Zone) int {
	zs := zones[:0:0]
	for _, z := range zones {
		if z.RadiusM > 0 && !math.IsInf(z.RadiusM, 0) && !math.IsNaN(z.Lat) && !math.IsNaN(z.Lon) {
			zs = append(zs, z)
		}
	}
	if len(zs) == 0 {
		return 0
	}
	first, last := -1, -1
	for i, s := range samples {
		if s.HasPos() {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return 0
	}
	hide := make([]bool, len(samples))
	// The start and end rules.
	edge := func(at int, from, to, step int) {
		p := Point{samples[at].Lat, samples[at].Lon}
		var ends []Zone
		m := margin(samples[at].Time)
		for _, z := range zs {
			if Distance(Point{z.Lat, z.Lon}, p) <= z.RadiusM {
				ends = append(ends, Zone{z.Lat, z.Lon, z.RadiusM * (1 + m)})
			}
		}
		if len(ends) == 0 {
			return
		}
		for i := from; i != to; i += step {
			s := samples[i]
			if !s.HasPos() {
				continue
			}
			if !InZones(Point{s.Lat, s.Lon}, ends) {
				return
			}
			hide[i] = true
		}
	}
	edge(first, first, last+1, 1)
	edge(last, last, first-1, -1)
	n := 0
	for i := range samples {
		s := &samples[i]
		if !s.HasPos() {
			continue
		}
		if hide[i] || InZones(Point{s.Lat, s.Lon}, zs) {
			s.Lat, s.Lon = activity.Missing(), activity.Missing()
			n++
		}
	}
	return n
}

// margin returns a fraction in [0.25, 0.75) derived from t.
func margin(t time.Time) float64 {
	h := fnv.New64a()
	var b [8]byte
	v := uint64(t.UnixMilli())
	for i := range b {
		b[i] = byte(v >> (8 * i))
	}
	h.Write(b[:])
	return 0.25 + 0.5*float64(h.Sum64()>>11)/float64(1<<53)
}
