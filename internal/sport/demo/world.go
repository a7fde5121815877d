package demo

import (
	"hash/fnv"
	"math"
	"math/rand/v2"

	"github.com/sporthub/sporthub/internal/sport/route"
)

// The demo world is a tangent plane over Moscow in metres: x east, y
// north, origin at the Kremlin. Routes are drawn on it and converted to
// degrees at the end.
const (
	originLat = 55.7520
	originLon = 37.6175
	pathStepM = 5.0 // spacing of path points
)

var (
	mPerDegLat = route.EarthRadiusM * math.Pi / 180
	mPerDegLon = mPerDegLat * math.Cos(originLat*math.Pi/180)
)

type xy struct{ x, y float64 }

func toXY(lat, lon float64) xy {
	return xy{(lon - originLon) * mPerDegLon, (lat - originLat) * mPerDegLat}
}

func toLatLon(p xy) (lat, lon float64) {
	return originLat + p.y/mPerDegLat, originLon + p.x/mPerDegLon
}

func dist(a, b xy) float64 { return math.Hypot(b.x-a.x, b.y-a.y) }

// altitude is a smooth terrain over the city: Moscow lies at 120-250 m,
// with river valleys and hills; grades here stay within about 6 %.
func altitude(p xy) float64 {
	return 160 + 12*math.Sin(p.x/800+0.3) + 8*math.Cos(p.y/620+1.1) +
		4*math.Sin((p.x-0.6*p.y)/260) + 3*math.Cos((0.4*p.x+p.y)/180)
}

// path is a polyline with points about pathStepM apart.
type path struct {
	pts    []xy
	cum    []float64 // distance along the path at each point
	radius []float64 // turn radius at each point, +Inf on straights
	lights []float64 // distances of traffic lights along the path
}

func newPath(pts []xy, lights []float64) *path {
	p := &path{pts: pts, lights: lights}
	p.cum = make([]float64, len(pts))
	p.radius = make([]float64, len(pts))
	for i := range pts {
		p.radius[i] = math.Inf(1)
		if i > 0 {
			p.cum[i] = p.cum[i-1] + dist(pts[i-1], pts[i])
		}
		if i > 0 && i+1 < len(pts) {
			h1 := math.Atan2(pts[i].y-pts[i-1].y, pts[i].x-pts[i-1].x)
			h2 := math.Atan2(pts[i+1].y-pts[i].y, pts[i+1].x-pts[i].x)
			if dh := math.Abs(wrap(h2 - h1)); dh > 1e-6 {
				p.radius[i] = dist(pts[i], pts[i+1]) / dh
			}
		}
	}
	return p
}

func (p *path) length() float64 { return p.cum[len(p.cum)-1] }

// cursor walks a path forward.
type cursor struct {
	p *path
	i int
}

// at returns the position d metres along the path and the tightest turn
// radius within the next few metres.
func (c *cursor) at(d float64) (xy, float64) {
	p := c.p
	for c.i+1 < len(p.cum)-1 && p.cum[c.i+1] < d {
		c.i++
	}
	i := c.i
	if i+1 >= len(p.pts) {
		return p.pts[len(p.pts)-1], math.Inf(1)
	}
	seg := p.cum[i+1] - p.cum[i]
	f := 0.0
	if seg > 0 {
		f = math.Max(0, math.Min(1, (d-p.cum[i])/seg))
	}
	a, b := p.pts[i], p.pts[i+1]
	r := math.Inf(1)
	for k := i; k < len(p.radius) && k <= i+4; k++ {
		r = math.Min(r, p.radius[k])
	}
	return xy{a.x + f*(b.x-a.x), a.y + f*(b.y-a.y)}, r
}

func wrap(a float64) float64 {
	for a > math.Pi {
		a -= 2 * math.Pi
	}
	for a < -math.Pi {
		a += 2 * math.Pi
	}
	return a
}

// road draws a street route from a to b: straights of 150-600 m joined by
// turns on 20-40 m radii, each straight heading roughly at b. It returns
// the points (a first, b last) and the distances of traffic lights (at
// about half of the junctions).
func road(r *rand.Rand, a, b xy) ([]xy, []float64) {
	pts := []xy{a}
	var lights []float64
	pos := a
	walked := 0.0
	h := math.Atan2(b.y-a.y, b.x-a.x) + (r.Float64()*2-1)*0.4
	add := func(p xy) {
		walked += dist(pos, p)
		pos = p
		pts = append(pts, p)
	}
	for iter := 0; iter < 200 && dist(pos, b) > 120; iter++ {
		l := math.Min(150+r.Float64()*450, dist(pos, b)-60)
		for s := pathStepM; s <= l; s += pathStepM {
			add(xy{pos.x + pathStepM*math.Cos(h), pos.y + pathStepM*math.Sin(h)})
		}
		if r.Float64() < 0.5 {
			lights = append(lights, walked)
		}
		want := math.Atan2(b.y-pos.y, b.x-pos.x) + (r.Float64()*2-1)*0.5
		dh := wrap(want - h)
		rad := 20 + r.Float64()*20
		n := int(math.Ceil(math.Abs(dh) * rad / pathStepM))
		for k := 0; k < n; k++ {
			h += dh / float64(n)
			step := math.Abs(dh) * rad / float64(n)
			add(xy{pos.x + step*math.Cos(h), pos.y + step*math.Sin(h)})
		}
	}
	// The last stretch straight to b.
	n := int(math.Ceil(dist(pos, b) / pathStepM))
	from := pos
	for k := 1; k <= n; k++ {
		f := float64(k) / float64(n)
		add(xy{from.x + f*(b.x-from.x), from.y + f*(b.y-from.y)})
	}
	return pts, lights
}

// loop draws a smooth closed loop (a lobed, rotated ellipse) of about the
// given perimeter around centre, starting and ending at the point nearest
// to toward. Points are about pathStepM apart; the first equals the last.
func loop(r *rand.Rand, centre xy, perimeter float64, toward xy, clockwise bool) []xy {
	ecc := 1 + 0.3*r.Float64()
	a1, p1 := 0.08+0.06*r.Float64(), r.Float64()*2*math.Pi
	a2, p2 := 0.03+0.04*r.Float64(), r.Float64()*2*math.Pi
	a3, p3 := 0.01+0.015*r.Float64(), r.Float64()*2*math.Pi
	rot := r.Float64() * math.Pi
	shape := func(t float64) xy {
		rr := 1 + a1*math.Sin(2*t+p1) + a2*math.Sin(3*t+p2) + a3*math.Sin(7*t+p3)
		x, y := ecc*rr*math.Cos(t), rr*math.Sin(t)/ecc
		return xy{x*math.Cos(rot) - y*math.Sin(rot), x*math.Sin(rot) + y*math.Cos(rot)}
	}
	// Scale the unit shape to the perimeter, and find where it comes
	// nearest to toward.
	const n = 720
	var per float64
	prev := shape(0)
	for k := 1; k <= n; k++ {
		q := shape(2 * math.Pi * float64(k) / n)
		per += dist(prev, q)
		prev = q
	}
	scale := perimeter / per
	t0, best := 0.0, math.Inf(1)
	for k := 0; k < n; k++ {
		t := 2 * math.Pi * float64(k) / n
		q := shape(t)
		if d := dist(xy{centre.x + scale*q.x, centre.y + scale*q.y}, toward); d < best {
			t0, best = t, d
		}
	}
	dir := 1.0
	if clockwise {
		dir = -1
	}
	steps := int(math.Ceil(perimeter / pathStepM))
	pts := make([]xy, 0, steps+1)
	for k := 0; k <= steps; k++ {
		q := shape(t0 + dir*2*math.Pi*float64(k)/float64(steps))
		pts = append(pts, xy{centre.x + scale*q.x, centre.y + scale*q.y})
	}
	return pts
}

// course is a favourite route: a road from home to a loop, the loop, and
// the same road back.
type course struct {
	name   string
	out    []xy
	lights []float64
	loop   []xy
	outLen float64
	perim  float64
}

// The loop's shape depends on its name only, so a circuit two athletes
// share is the same circuit.
func newCourse(r *rand.Rand, name string, home xy, centre xy, perimeter float64) *course {
	h := fnv.New64a()
	h.Write([]byte(name))
	shape := rand.New(rand.NewPCG(h.Sum64(), uint64(perimeter)))
	lp := loop(shape, centre, perimeter, home, shape.Float64() < 0.5)
	out, lights := road(r, home, lp[0])
	c := &course{name: name, out: out, lights: lights, loop: lp}
	c.outLen = newPath(out, nil).length()
	c.perim = newPath(lp, nil).length()
	return c
}

// laps returns how many laps of the loop come nearest to distance m, and
// the total it makes.
func (c *course) laps(m float64) (int, float64) {
	n := int(math.Round((m - 2*c.outLen) / c.perim))
	if n < 1 {
		n = 1
	}
	return n, 2*c.outLen + float64(n)*c.perim
}

// path is out, n laps, back.
func (c *course) path(n int) *path {
	pts := make([]xy, 0, 2*len(c.out)+n*len(c.loop))
	pts = append(pts, c.out...)
	for k := 0; k < n; k++ {
		pts = append(pts, c.loop[1:]...)
	}
	for i := len(c.out) - 2; i >= 0; i-- {
		pts = append(pts, c.out[i])
	}
	lights := append([]float64(nil), c.lights...)
	total := 2*c.outLen + float64(n)*c.perim
	for i := len(c.lights) - 1; i >= 0; i-- {
		lights = append(lights, total-c.lights[i])
	}
	return newPath(pts, lights)
}

// racePath is laps of a loop cut at exactly m metres.
func racePath(lp []xy, m float64) *path {
	per := newPath(lp, nil).length()
	n := int(math.Ceil(m/per)) + 1
	pts := make([]xy, 0, n*len(lp))
	pts = append(pts, lp[0])
	for k := 0; k < n; k++ {
		pts = append(pts, lp[1:]...)
	}
	full := newPath(pts, nil)
	cut := 0
	for cut < len(full.cum) && full.cum[cut] < m {
		cut++
	}
	pts = pts[:cut]
	c := cursor{p: full}
	end, _ := c.at(m)
	pts = append(pts, end)
	return newPath(pts, nil)
}
