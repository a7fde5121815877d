package route

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// EncodePolyline encodes pts in Google's encoded polyline algorithm format
// (coordinates rounded to 1e-5 degrees, deltas zig-zag encoded in 5-bit
// chunks offset by 63). Points with a NaN coordinate are skipped.
func EncodePolyline(pts []Point) string {
	var b strings.Builder
	b.Grow(len(pts) * 8)
	var pLat, pLon int64
	for _, p := range pts {
		if math.IsNaN(p.Lat) || math.IsNaN(p.Lon) {
			continue
		}
		lat, lon := int64(math.Round(p.Lat*1e5)), int64(math.Round(p.Lon*1e5))
		encodeValue(&b, lat-pLat)
		encodeValue(&b, lon-pLon)
		pLat, pLon = lat, lon
	}
	return b.String()
}

func encodeValue(b *strings.Builder, v int64) {
	u := uint64(v) << 1
	if v < 0 {
		u = ^u
	}
	for u >= 0x20 {
		b.WriteByte(byte(0x20|(u&0x1f)) + 63)
		u >>= 5
	}
	b.WriteByte(byte(u) + 63)
}

// ErrPolyline is wrapped by every DecodePolyline error.
var ErrPolyline = errors.New("route: bad encoded polyline")

// DecodePolyline decodes a Google encoded polyline. It refuses characters
// outside the format's range, a value cut short, an odd number of values
// and coordinates beyond ±90/±180 degrees.
func DecodePolyline(s string) ([]Point, error) {
	pts := make([]Point, 0, len(s)/6)
	var lat, lon int64
	i := 0
	next := func() (int64, error) {
		var u uint64
		var shift uint
		for {
			if i >= len(s) {
				return 0, fmt.Errorf("%w: value cut short at byte %d", ErrPolyline, i)
			}
			c := s[i]
			if c < 63 || c > 126 {
				return 0, fmt.Errorf("%w: byte %d is %s", ErrPolyline, i, strconv.QuoteRune(rune(c)))
			}
			i++
			c -= 63
			if shift > 35 {
				return 0, fmt.Errorf("%w: value too long at byte %d", ErrPolyline, i)
			}
			u |= uint64(c&0x1f) << shift
			shift += 5
			if c < 0x20 {
				break
			}
		}
		v := int64(u >> 1)
		if u&1 != 0 {
			v = ^v
		}
		return v, nil
	}
	for i < len(s) {
		dLat, err := next()
		if err != nil {
			return nil, err
		}
		if i >= len(s) {
			return nil, fmt.Errorf("%w: latitude without longitude", ErrPolyline)
		}
		dLon, err := next()
		if err != nil {
			return nil, err
		}
		lat += dLat
		lon += dLon
		if lat < -90e5 || lat > 90e5 || lon < -180e5 || lon > 180e5 {
			return nil, fmt.Errorf("%w: point %d out of range", ErrPolyline, len(pts))
		}
		pts = append(pts, Point{float64(lat) / 1e5, float64(lon) / 1e5})
	}
	return pts, nil
}

// GeoJSON returns pts as a GeoJSON (RFC 7946) Feature whose geometry is a
// LineString of [lon, lat] positions rounded to 1e-6 degrees (~0.1 m).
// Points with a NaN coordinate are skipped; with fewer than two points
// left the geometry is null, as a LineString needs two positions.
func GeoJSON(pts []Point) []byte {
	b := make([]byte, 0, 64+len(pts)*24)
	b = append(b, `{"type":"Feature","properties":{},"geometry":`...)
	n := 0
	for _, p := range pts {
		if !math.IsNaN(p.Lat) && !math.IsNaN(p.Lon) {
			n++
		}
	}
	if n < 2 {
		return append(b, "null}"...)
	}
	b = append(b, `{"type":"LineString","coordinates":[`...)
	first := true
	for _, p := range pts {
		if math.IsNaN(p.Lat) || math.IsNaN(p.Lon) {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, '[')
		b = strconv.AppendFloat(b, math.Round(p.Lon*1e6)/1e6, 'f', -1, 64)
		b = append(b, ',')
		b = strconv.AppendFloat(b, math.Round(p.Lat*1e6)/1e6, 'f', -1, 64)
		b = append(b, ']')
	}
	return append(b, "]}}"...)
}
