package route_test

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/sport/activity"
	"github.com/sporthub/sporthub/internal/sport/route"
)

// Moscow, Gorky Park.
var origin = route.Point{Lat: 55.7298, Lon: 37.6010}

// offset returns the point dn metres north and de metres east of p.
func offset(p route.Point, dn, de float64) route.Point {
	const mPerDeg = 2 * math.Pi * route.EarthRadiusM / 360
	return route.Point{Lat: p.Lat + dn/mPerDeg, Lon: p.Lon + de/(mPerDeg*math.Cos(p.Lat*math.Pi/180))}
}

// track returns 1 Hz samples at the given points, starting at t0.
func track(t0 time.Time, pts []route.Point) []activity.Sample {
	out := make([]activity.Sample, len(pts))
	for i, p := range pts {
		out[i] = activity.NewSample(t0.Add(time.Duration(i) * time.Second))
		out[i].Lat, out[i].Lon = p.Lat, p.Lon
	}
	return out
}

// line returns n points every step metres heading north from p.
func line(p route.Point, n int, step float64) []route.Point {
	out := make([]route.Point, n)
	for i := range out {
		out[i] = offset(p, float64(i)*step, 0)
	}
	return out
}

func TestDistance(t *testing.T) {
	cases := []struct {
		name      string
		a, b      route.Point
		want, tol float64
	}{
		{"same point", origin, origin, 0, 1e-9},
		{"one degree of latitude", route.Point{0, 0}, route.Point{1, 0}, 2 * math.Pi * route.EarthRadiusM / 360, 1e-6},
		{"antipodes", route.Point{0, 0}, route.Point{0, 180}, math.Pi * route.EarthRadiusM, 1e-6},
		{"antimeridian", route.Point{0, 179.99}, route.Point{0, -179.99}, 2 * math.Pi * route.EarthRadiusM * 0.02 / 360, 1e-3},
		// Red Square to Palace Square, Saint Petersburg: ~634 km.
		{"Moscow to Saint Petersburg", route.Point{55.7539, 37.6208}, route.Point{59.9390, 30.3158}, 634_400, 1_500},
		{"1000 m east", origin, offset(origin, 0, 1000), 1000, 0.01},
	}
	for _, tc := range cases {
		if got := route.Distance(tc.a, tc.b); math.Abs(got-tc.want) > tc.tol {
			t.Errorf("%s: %.4f, want %.4f ± %g", tc.name, got, tc.want, tc.tol)
		}
	}
}

func TestPoints(t *testing.T) {
	s := track(time.Unix(0, 0), []route.Point{{1, 2}, {3, 4}, {5, 6}})
	s[1].Lon = math.NaN()
	got := route.Points(s)
	if len(got) != 2 || got[0] != (route.Point{1, 2}) || got[1] != (route.Point{5, 6}) {
		t.Fatalf("Points = %v", got)
	}
}

// Google's documented example:
// https://developers.google.com/maps/documentation/utilities/polylinealgorithm
const googleExample = "_p~iF~ps|U_ulLnnqC_mqNvxq`@"

var googlePoints = []route.Point{{38.5, -120.2}, {40.7, -120.95}, {43.252, -126.453}}

func TestPolylineGoogleExample(t *testing.T) {
	if got := route.EncodePolyline(googlePoints); got != googleExample {
		t.Errorf("EncodePolyline = %q, want %q", got, googleExample)
	}
	got, err := route.DecodePolyline(googleExample)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(googlePoints) {
		t.Fatalf("decoded %d points", len(got))
	}
	for i := range got {
		if math.Abs(got[i].Lat-googlePoints[i].Lat) > 1e-9 || math.Abs(got[i].Lon-googlePoints[i].Lon) > 1e-9 {
			t.Errorf("point %d = %v, want %v", i, got[i], googlePoints[i])
		}
	}
	// Google's per-value example: -179.9832104 encodes as "`~oia@".
	if got := route.EncodePolyline([]route.Point{{0, -179.9832104}}); got != "?`~oia@" {
		t.Errorf("single value = %q", got)
	}
}

func TestPolylineRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pts := make([]route.Point, 500)
	for i := range pts {
		pts[i] = route.Point{Lat: r.Float64()*180 - 90, Lon: r.Float64()*360 - 180}
	}
	pts = append(pts, route.Point{90, 180}, route.Point{-90, -180}, route.Point{0, 0})
	got, err := route.DecodePolyline(route.EncodePolyline(pts))
	if err != nil {
		t.Fatal(err)
	}
	for i := range pts {
		if math.Abs(got[i].Lat-pts[i].Lat) > 0.5e-5+1e-12 || math.Abs(got[i].Lon-pts[i].Lon) > 0.5e-5+1e-12 {
			t.Fatalf("point %d = %v, want %v", i, got[i], pts[i])
		}
	}
	if got, err := route.DecodePolyline(""); err != nil || len(got) != 0 {
		t.Errorf("empty = %v, %v", got, err)
	}
	if got := route.EncodePolyline([]route.Point{{math.NaN(), 1}, {38.5, -120.2}}); got != "_p~iF~ps|U" {
		t.Errorf("NaN not skipped: %q", got)
	}
}

func TestDecodePolylineErrors(t *testing.T) {
	for _, s := range []string{
		"_p~iF",          // a latitude without a longitude
		"_p~iF~ps|",      // the longitude cut short (last byte has the continuation bit)
		"_p~iF ps|U",     // a space is below '?'
		"_p~iF~ps|U\x7f", // DEL is above '~'
		"~~~~~~~~~?",     // too many chunks
		route.EncodePolyline([]route.Point{{45.5, 0}, {91, 0}}), // 91 degrees of latitude
	} {
		if _, err := route.DecodePolyline(s); !errors.Is(err, route.ErrPolyline) {
			t.Errorf("%q: err = %v", s, err)
		}
	}
}

func FuzzDecodePolyline(f *testing.F) {
	for _, s := range []string{googleExample, "", "?", "_p~iF", "~~~~~~~~", "??"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		pts, err := route.DecodePolyline(s)
		if err != nil {
			return
		}
		// What decodes re-encodes to the same points.
		again, err := route.DecodePolyline(route.EncodePolyline(pts))
		if err != nil || len(again) != len(pts) {
			t.Fatalf("re-decode: %v, %d != %d", err, len(again), len(pts))
		}
		for i := range pts {
			if again[i] != pts[i] {
				t.Fatalf("point %d: %v != %v", i, again[i], pts[i])
			}
		}
	})
}

func TestGeoJSON(t *testing.T) {
	var f struct {
		Type     string
		Geometry *struct {
			Type        string
			Coordinates [][2]float64
		}
	}
	if err := json.Unmarshal(route.GeoJSON(googlePoints), &f); err != nil {
		t.Fatal(err)
	}
	if f.Type != "Feature" || f.Geometry == nil || f.Geometry.Type != "LineString" || len(f.Geometry.Coordinates) != 3 {
		t.Fatalf("GeoJSON = %+v", f)
	}
	if c := f.Geometry.Coordinates[2]; c != [2]float64{-126.453, 43.252} {
		t.Errorf("coordinates are [lon, lat]: %v", c)
	}
	for _, pts := range [][]route.Point{nil, {{1, 2}}, {{1, 2}, {math.NaN(), 3}}} {
		f.Geometry = nil
		if err := json.Unmarshal(route.GeoJSON(pts), &f); err != nil || f.Geometry != nil {
			t.Errorf("%v: geometry %+v, %v; want null", pts, f.Geometry, err)
		}
	}
}

func TestSimplify(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	// A 2 km straight line with 2 m of jitter collapses to its ends.
	var pts []route.Point
	for i := 0; i <= 2000; i += 10 {
		pts = append(pts, offset(origin, float64(i), r.Float64()*4-2))
	}
	if got := route.Simplify(pts, 5); len(got) != 2 || got[0] != pts[0] || got[1] != pts[len(pts)-1] {
		t.Errorf("straight line: %d points", len(got))
	}
	// A square keeps its corners and nothing else.
	var sq []route.Point
	for _, c := range [][2]float64{{0, 0}, {0, 1000}, {1000, 1000}, {1000, 0}, {0, 0}} {
		sq = append(sq, offset(origin, c[0], c[1]))
	}
	var dense []route.Point
	for i := 1; i < len(sq); i++ {
		for k := 0; k < 50; k++ {
			f := float64(k) / 50
			dense = append(dense, route.Point{sq[i-1].Lat + f*(sq[i].Lat-sq[i-1].Lat), sq[i-1].Lon + f*(sq[i].Lon-sq[i-1].Lon)})
		}
	}
	dense = append(dense, sq[0])
	if got := route.Simplify(dense, 3); len(got) != 5 {
		t.Errorf("square: %d points, want 5: %v", len(got), got)
	}
	// A wiggly route: every dropped point stays within the tolerance of
	// the simplified line, and the result is much smaller.
	var wig []route.Point
	for i := 0; i < 3000; i++ {
		a := float64(i) / 100
		wig = append(wig, offset(origin, 800*math.Sin(a)+float64(i), 300*math.Cos(3*a)))
	}
	const tol = 8
	got := route.Simplify(wig, tol)
	if len(got) > len(wig)/5 {
		t.Errorf("wiggly: kept %d of %d", len(got), len(wig))
	}
	// Each dropped point is within the tolerance of the segment between
	// the kept points around it (the kept points are a subsequence).
	k := 0
	for i, p := range wig {
		if k+1 < len(got) && p == got[k+1] && i > 0 {
			k++
		}
		if k+1 >= len(got) {
			break
		}
		if d := distToSeg(p, got[k], got[k+1]); d > tol+0.01 {
			t.Fatalf("point %d is %.2f m from the simplified line", i, d)
		}
	}
	if got := route.Simplify(wig, 0); len(got) != len(wig) {
		t.Errorf("tolerance 0 dropped points")
	}
}

// distToSeg is the distance from p to the segment a-b, found by ternary
// search over great-circle distances to points along the segment.
func distToSeg(p, a, b route.Point) float64 {
	at := func(f float64) float64 {
		return route.Distance(p, route.Point{Lat: a.Lat + f*(b.Lat-a.Lat), Lon: a.Lon + f*(b.Lon-a.Lon)})
	}
	lo, hi := 0.0, 1.0
	for range 60 {
		m1, m2 := lo+(hi-lo)/3, hi-(hi-lo)/3
		if at(m1) < at(m2) {
			hi = m2
		} else {
			lo = m1
		}
	}
	return at((lo + hi) / 2)
}

func TestRemoveOutliers(t *testing.T) {
	t0 := time.Date(2025, 5, 1, 7, 0, 0, 0, time.UTC)
	clean := line(origin, 600, 3.2) // a 10-minute run at 3.2 m/s
	t.Run("clean track keeps everything", func(t *testing.T) {
		s := track(t0, clean)
		if n := route.RemoveOutliers(s, activity.Running); n != 0 {
			t.Errorf("dropped %d", n)
		}
	})
	t.Run("spike", func(t *testing.T) {
		s := track(t0, clean)
		p := offset(clean[300], 0, 800)
		s[300].Lat, s[300].Lon = p.Lat, p.Lon
		if n := route.RemoveOutliers(s, activity.Running); n != 1 || s[300].HasPos() {
			t.Errorf("dropped %d, spike kept: %v", n, s[300].HasPos())
		}
	})
	t.Run("wrong first fix", func(t *testing.T) {
		s := track(t0, clean)
		p := offset(clean[0], -5000, 0)
		s[0].Lat, s[0].Lon = p.Lat, p.Lon
		if n := route.RemoveOutliers(s, activity.Running); n != 1 || s[0].HasPos() || !s[1].HasPos() {
			t.Errorf("dropped %d", n)
		}
	})
	t.Run("burst in the wrong place", func(t *testing.T) {
		s := track(t0, clean)
		for i := 200; i < 220; i++ {
			p := offset(clean[i], 2000, 2000)
			s[i].Lat, s[i].Lon = p.Lat, p.Lon
		}
		n := route.RemoveOutliers(s, activity.Running)
		if n != 20 {
			t.Errorf("dropped %d, want 20", n)
		}
		for i := range s {
			if s[i].HasPos() != (i < 200 || i >= 220) {
				t.Fatalf("sample %d: HasPos %v", i, s[i].HasPos())
			}
		}
	})
	t.Run("the limit depends on the sport", func(t *testing.T) {
		fast := line(origin, 300, 60) // 60 m/s
		s := track(t0, fast)
		p := offset(fast[150], 0, 100)
		s[150].Lat, s[150].Lon = p.Lat, p.Lon
		// 60 m/s is not a run: fix to fix is always a jump, so all but the
		// longest run of fixes (a single one) go.
		if n := route.RemoveOutliers(track(t0, fast), activity.Running); n != 299 {
			t.Errorf("running at 60 m/s: dropped %d", n)
		}
		if n := route.RemoveOutliers(track(t0, line(origin, 300, 20)), activity.Cycling); n != 0 {
			t.Errorf("cycling at 20 m/s: dropped %d", n)
		}
	})
	t.Run("a long gap in reception is no jump", func(t *testing.T) {
		s := track(t0, clean[:100])
		after := track(t0.Add(10*time.Minute), line(offset(origin, 2000, 0), 100, 3))
		s = append(s, after...)
		if n := route.RemoveOutliers(s, activity.Running); n != 0 {
			t.Errorf("dropped %d", n)
		}
	})
	t.Run("samples without position are left alone", func(t *testing.T) {
		s := track(t0, clean)
		for i := 0; i < len(s); i += 2 {
			s[i].Lat, s[i].Lon = math.NaN(), math.NaN()
		}
		if n := route.RemoveOutliers(s, activity.Walking); n != 0 {
			t.Errorf("dropped %d", n)
		}
		if n := route.RemoveOutliers(nil, activity.Walking); n != 0 {
			t.Errorf("nil: %d", n)
		}
	})
}

func TestInZones(t *testing.T) {
	z := []route.Zone{{Lat: origin.Lat, Lon: origin.Lon, RadiusM: 500}}
	if !route.InZones(origin, z) || !route.InZones(offset(origin, 499, 0), z) || route.InZones(offset(origin, 501, 0), z) {
		t.Error("edge")
	}
	if route.InZones(origin, nil) {
		t.Error("no zones")
	}
}

func TestMaskZones(t *testing.T) {
	t0 := time.Date(2025, 5, 1, 7, 0, 0, 0, time.UTC)
	home := route.Zone{Lat: origin.Lat, Lon: origin.Lon, RadiusM: 300}
	work := offset(origin, 2000, 0)
	office := route.Zone{Lat: work.Lat, Lon: work.Lon, RadiusM: 150}
	// Out 3 km north past the office and back home, 3 m per second.
	out := line(origin, 1001, 3)
	pts := append([]route.Point(nil), out...)
	for i := len(out) - 2; i >= 0; i-- {
		pts = append(pts, offset(out[i], 0, 5))
	}
	for _, start := range []time.Time{t0, t0.Add(time.Hour), t0.Add(1234 * time.Millisecond)} {
		s := track(start, pts)
		n := route.MaskZones(s, []route.Zone{home, office})
		hidden := 0
		minVisible := math.Inf(1)
		for i, x := range s {
			if !x.HasPos() {
				hidden++
				continue
			}
			p := route.Point{Lat: x.Lat, Lon: x.Lon}
			d := route.Distance(p, origin)
			minVisible = math.Min(minVisible, d)
			if route.InZones(p, []route.Zone{home, office}) {
				t.Fatalf("sample %d inside a zone is visible", i)
			}
			_ = i
		}
		if n != hidden {
			t.Errorf("returned %d, hid %d", n, hidden)
		}
		// The first and last visible points are beyond the zone by the margin.
		if minVisible < home.RadiusM*1.25 || minVisible > home.RadiusM*1.75+10 {
			t.Errorf("closest visible point to home: %.0f m (radius %.0f)", minVisible, home.RadiusM)
		}
		// Far away points stay.
		if !s[800].HasPos() || !s[1200].HasPos() {
			t.Error("points far from zones were hidden")
		}
		// The office (crossed mid-route) hides only what is inside it.
		if s[int((2000-office.RadiusM-10)/3)].HasPos() == false || s[int((2000+office.RadiusM+10)/3)].HasPos() == false {
			t.Error("points just outside a zone mid-route were hidden")
		}
		// Masking again hides nothing more.
		if again := route.MaskZones(s, []route.Zone{home, office}); again != 0 {
			t.Errorf("second pass hid %d", again)
		}
	}
	// The margin differs between activities.
	margins := map[int]bool{}
	for k := 0; k < 20; k++ {
		s := track(t0.Add(time.Duration(k)*time.Hour), pts)
		route.MaskZones(s, []route.Zone{home})
		first := 0
		for !s[first].HasPos() {
			first++
		}
		margins[first] = true
	}
	if len(margins) < 5 {
		t.Errorf("margins barely vary: %v", margins)
	}
	// No zones, or a route far from them: nothing hidden.
	s := track(t0, pts)
	if n := route.MaskZones(s, nil); n != 0 {
		t.Errorf("no zones hid %d", n)
	}
	far := route.Zone{Lat: 59.9, Lon: 30.3, RadiusM: 1000}
	if n := route.MaskZones(s, []route.Zone{far, {Lat: origin.Lat, Lon: origin.Lon, RadiusM: 0}}); n != 0 {
		t.Errorf("far zone hid %d", n)
	}
}

func TestSameRoute(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	// A 5 km loop around a park: a rounded rectangle.
	// GPS error wanders slowly rather than jumping fix to fix: model it
	// as a slow oscillation with a random phase plus a little white noise.
	loop := func(jitter, step float64, shiftN, shiftE float64) []route.Point {
		var pts []route.Point
		ph := r.Float64() * 2 * math.Pi
		for a := 0.0; a < 2*math.Pi; a += step / 800 {
			n := 800*math.Sin(a) + shiftN + jitter*math.Sin(7*a+ph) + r.Float64() - 0.5
			e := 800*math.Cos(a) - 800 + shiftE + jitter*math.Cos(5*a+ph) + r.Float64() - 0.5
			pts = append(pts, offset(origin, n, e))
		}
		return append(pts, offset(origin, shiftN, shiftE))
	}
	a := loop(8, 3, 0, 0)
	b := loop(8, 4.5, 20, -10)
	if !route.SameRoute(a, b) {
		t.Error("the same loop run twice is not the same route")
	}
	if !route.SameRoute(a, route.Simplify(b, 5)) {
		t.Error("simplified polyline of the same loop is not the same route")
	}
	rev := make([]route.Point, len(b))
	for i := range b {
		rev[i] = b[len(b)-1-i]
	}
	if route.SameRoute(a, rev) {
		t.Error("the loop the other way round is the same route")
	}
	if route.SameRoute(a, loop(8, 3, 400, 0)) {
		t.Error("a loop 400 m away is the same route")
	}
	// Same start and end, same length, but out and back along another
	// street 300 m east.
	outBack := func(east float64) []route.Point {
		var pts []route.Point
		for i := 0.0; i <= 2000; i += 5 {
			pts = append(pts, offset(origin, i, math.Min(i, 300)*east/300))
		}
		for i := 2000.0; i >= 0; i -= 5 {
			pts = append(pts, offset(origin, i, math.Min(i, 300)*east/300))
		}
		return pts
	}
	if route.SameRoute(outBack(0), outBack(300)) {
		t.Error("a parallel street is the same route")
	}
	if !route.SameRoute(outBack(300), outBack(290)) {
		t.Error("the same out-and-back is not the same route")
	}
	// Lengths differ by more than 5%.
	long := line(origin, 1000, 10)
	if route.SameRoute(long, line(origin, 1060, 10)) {
		t.Error("lengths 10 km vs 10.6 km")
	}
	if route.SameRoute(nil, a) || route.SameRoute(a[:1], a[:1]) {
		t.Error("degenerate routes")
	}
}
