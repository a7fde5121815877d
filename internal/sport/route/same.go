package route

import "math"

// Thresholds of SameRoute.
const (
	SameRouteEndsM      = 200  // starts within, and ends within
	SameRouteLengthFrac = 0.05 // lengths differ by at most this fraction of the longer
	SameRouteFrechetM   = 100  // discrete Fréchet distance at most
)

// sameRouteStepM is the spacing both routes are resampled at before the
// Fréchet check; it bounds the discretisation error to half of it.
const (
	sameRouteStepM     = 25
	sameRouteMaxPoints = 4000
)

// SameRoute reports whether a and b are the same route travelled the same
// way: starts and ends within SameRouteEndsM, lengths within
// SameRouteLengthFrac, and a discrete Fréchet distance (a leash that walks
// both routes forward, never back) of at most SameRouteFrechetM after both
// are resampled every 25 m. A loop ridden in the opposite direction is a
// different route. Routes shorter than two points are never the same.
func SameRoute(a, b []Point) bool {
	a, b = clean(a), clean(b)
	if len(a) < 2 || len(b) < 2 {
		return false
	}
	if Distance(a[0], b[0]) > SameRouteEndsM || Distance(a[len(a)-1], b[len(b)-1]) > SameRouteEndsM {
		return false
	}
	la, lb := Length(a), Length(b)
	if math.Abs(la-lb) > SameRouteLengthFrac*math.Max(la, lb) {
		return false
	}
	pl := newPlane(a, b)
	step := math.Max(sameRouteStepM, math.Max(la, lb)/sameRouteMaxPoints)
	ra, rb := resample(pl, a, step), resample(pl, b, step)
	return frechetWithin(ra, rb, SameRouteFrechetM)
}

func clean(pts []Point) []Point {
	out := pts[:0:0]
	for _, p := range pts {
		if !math.IsNaN(p.Lat) && !math.IsNaN(p.Lon) {
			out = append(out, p)
		}
	}
	return out
}

type xy struct{ x, y float64 }

// resample returns the points along pts every step metres (plane
// coordinates), first and last included.
func resample(pl plane, pts []Point, step float64) []xy {
	out := make([]xy, 0, 64)
	x0, y0 := pl.xy(pts[0])
	out = append(out, xy{x0, y0})
	carry := 0.0 // distance walked since the last emitted point
	for i := 1; i < len(pts); i++ {
		x1, y1 := pl.xy(pts[i])
		seg := math.Hypot(x1-x0, y1-y0)
		pos := step - carry
		for pos <= seg {
			t := pos / seg
			out = append(out, xy{x0 + t*(x1-x0), y0 + t*(y1-y0)})
			pos += step
		}
		carry = seg - (pos - step)
		x0, y0 = x1, y1
	}
	if last := out[len(out)-1]; last.x != x0 || last.y != y0 {
		out = append(out, xy{x0, y0})
	}
	return out
}

// frechetWithin decides whether the discrete Fréchet distance of a and b
// is at most eps (dynamic programming over reachable couplings, two rows).
func frechetWithin(a, b []xy, eps float64) bool {
	e2 := eps * eps
	near := func(i, j int) bool {
		dx, dy := a[i].x-b[j].x, a[i].y-b[j].y
		return dx*dx+dy*dy <= e2
	}
	prev := make([]bool, len(b))
	cur := make([]bool, len(b))
	for i := range a {
		any := false
		for j := range b {
			ok := false
			switch {
			case i == 0 && j == 0:
				ok = true
			case i == 0:
				ok = cur[j-1]
			case j == 0:
				ok = prev[0]
			default:
				ok = prev[j] || cur[j-1] || prev[j-1]
			}
			cur[j] = ok && near(i, j)
			any = any || cur[j]
		}
		if !any {
			return false
		}
		prev, cur = cur, prev
	}
	return prev[len(b)-1]
}
