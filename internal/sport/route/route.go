// Package route is the geometry of recorded routes: great-circle distance,
// GPS outlier removal, Douglas-Peucker simplification, Google encoded
// polylines, GeoJSON, privacy-zone masking and same-route detection.
//
// Points are WGS84 degrees. Distances are metres on the mean Earth sphere;
// the local computations (simplification, route comparison) project onto
// a plane tangent at the route, which is exact to well under a metre over
// the few hundred kilometres an activity spans.
package route

import (
	"math"

	"github.com/sporthub/sporthub/internal/sport/activity"
)

// EarthRadiusM is the mean Earth radius (IUGG) used for distances.
const EarthRadiusM = 6371008.8

const rad = math.Pi / 180

// Point is a WGS84 position in degrees.
type Point struct{ Lat, Lon float64 }

// Zone is a circle (a privacy zone around a home or a workplace); Lat and
// Lon are its centre in degrees.
type Zone struct{ Lat, Lon, RadiusM float64 }

// Distance returns the great-circle (haversine) distance in metres.
func Distance(a, b Point) float64 {
	dLat := (b.Lat - a.Lat) * rad
	dLon := (b.Lon - a.Lon) * rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) +
		math.Cos(a.Lat*rad)*math.Cos(b.Lat*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * EarthRadiusM * math.Asin(math.Min(1, math.Sqrt(h)))
}

// Length is the length in metres of the line through pts.
func Length(pts []Point) float64 {
	var l float64
	for i := 1; i < len(pts); i++ {
		l += Distance(pts[i-1], pts[i])
	}
	return l
}

// Points returns the positions the samples have, in order.
func Points(samples []activity.Sample) []Point {
	pts := make([]Point, 0, len(samples))
	for _, s := range samples {
		if s.HasPos() {
			pts = append(pts, Point{s.Lat, s.Lon})
		}
	}
	return pts
}

// plane projects points onto a local tangent plane in metres.
type plane struct{ lat0, lon0, kx float64 }

func newPlane(pts ...[]Point) plane {
	var sum float64
	var n int
	var p plane
	for _, ps := range pts {
		for _, q := range ps {
			if n == 0 {
				p.lon0 = q.Lon
			}
			sum += q.Lat
			n++
		}
	}
	if n > 0 {
		p.lat0 = sum / float64(n)
	}
	p.kx = math.Cos(p.lat0*rad) * EarthRadiusM * rad
	return p
}

func (p plane) xy(q Point) (x, y float64) {
	dLon := q.Lon - p.lon0
	// Keep routes that cross the antimeridian continuous.
	if dLon > 180 {
		dLon -= 360
	} else if dLon < -180 {
		dLon += 360
	}
	return dLon * p.kx, (q.Lat - p.lat0) * EarthRadiusM * rad
}
