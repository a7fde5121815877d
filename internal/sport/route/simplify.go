package route

import "math"

// Simplify reduces pts with the Douglas-Peucker algorithm: every dropped
// point lies within toleranceM metres of the simplified line. The first
// and last points are always kept; a tolerance <= 0 keeps every point.
// pts is not modified.
func Simplify(pts []Point, toleranceM float64) []Point {
	if len(pts) < 3 || !(toleranceM > 0) {
		return append([]Point(nil), pts...)
	}
	pl := newPlane(pts)
	xs := make([]float64, len(pts))
	ys := make([]float64, len(pts))
	for i, p := range pts {
		xs[i], ys[i] = pl.xy(p)
	}
	keep := make([]bool, len(pts))
	keep[0], keep[len(pts)-1] = true, true
	type span struct{ a, b int }
	stack := []span{{0, len(pts) - 1}}
	tol2 := toleranceM * toleranceM
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if s.b-s.a < 2 {
			continue
		}
		far, farD := -1, tol2
		for i := s.a + 1; i < s.b; i++ {
			if d := segDist2(xs[i], ys[i], xs[s.a], ys[s.a], xs[s.b], ys[s.b]); d > farD {
				far, farD = i, d
			}
		}
		if far < 0 {
			continue
		}
		keep[far] = true
		stack = append(stack, span{s.a, far}, span{far, s.b})
	}
	out := make([]Point, 0, len(pts)/4+2)
	for i, k := range keep {
		if k {
			out = append(out, pts[i])
		}
	}
	return out
}

// segDist2 is the squared distance from (px,py) to the segment a-b.
func segDist2(px, py, ax, ay, bx, by float64) float64 {
	dx, dy := bx-ax, by-ay
	l2 := dx*dx + dy*dy
	t := 0.0
	if l2 > 0 {
		t = math.Max(0, math.Min(1, ((px-ax)*dx+(py-ay)*dy)/l2))
	}
	ex, ey := ax+t*dx-px, ay+t*dy-py
	return ex*ex + ey*ey
}
