package actfile

import (
	"encoding/xml"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/tkrajina/gpxgo/gpx"

	"github.com/sporthub/sporthub/internal/sport/activity"
)

// decodeGPX reads a GPX document's tracks (trk/trkseg/trkpt) with the
// Garmin TrackPointExtension (hr, cad, atemp), power and speed extensions.
//
// It streams the XML itself rather than going through gpxgo's model:
// gpxgo drops fractions of a second and non-UTC offsets from times and
// returns nothing from a broken document, while a truncated upload should
// keep its points. gpxgo writes GPX (encodeGPX) and checks this reader in
// the tests.
func decodeGPX(data []byte) (Result, error) {
	res := Result{Format: GPX}
	var (
		b                 trackBuilder
		cur               activity.Sample
		curTime           bool
		inPt              bool
		sawGPX            bool
		trkName, metaName string
		trkType           string
		creator, metaTime string
		trkpts, rtepts    int
		dist              = math.NaN()
	)
	w := newXMLWalker(data, "trkpt")
	w.walk(func(w *xmlWalker, name string, attrs []xml.Attr) {
		switch name {
		case "gpx":
			sawGPX = true
			creator = attr(attrs, "creator")
		case "trkpt":
			trkpts++
			inPt, curTime = true, false
			cur = activity.NewSample(time.Time{})
			cur.Lat, cur.Lon = parseFloat(attr(attrs, "lat")), parseFloat(attr(attrs, "lon"))
		case "rtept":
			rtepts++
		}
	}, func(w *xmlWalker, name, text string) {
		if !inPt {
			switch {
			case name == "name" && w.parent(1) == "trk" && trkName == "":
				trkName = text
			case name == "name" && w.parent(1) == "metadata" && metaName == "":
				metaName = text
			case name == "type" && w.parent(1) == "trk" && trkType == "":
				trkType = text
			case name == "time" && w.parent(1) == "metadata":
				metaTime = text
			}
			return
		}
		switch name {
		case "trkpt":
			inPt = false
			if activity.Has(dist) {
				cur.Dist = dist
			}
			dist = math.NaN()
			b.add(cur, curTime)
		case "ele":
			cur.Alt = parseFloat(text)
		case "time":
			if w.parent(1) == "trkpt" {
				cur.Time, curTime = parseTime(text)
			}
		case "hr", "heartrate":
			cur.HR = positive(parseFloat(text))
		case "cad", "cadence", "runcadence":
			cur.Cadence = nonNegative(parseFloat(text))
		case "atemp", "temp", "temperature":
			cur.Temp = parseFloat(text)
		case "power", "powerinwatts", "watts":
			cur.Power = nonNegative(parseFloat(text))
		case "speed":
			cur.Speed = nonNegative(parseFloat(text))
		case "distance":
			dist = nonNegative(parseFloat(text))
		}
	})
	if !sawGPX {
		return res, &Error{Code: CodeCorruptFile, Detail: "GPX: no <gpx> element"}
	}
	var warns []string
	if w.err != nil {
		warns = append(warns, damageWarning("GPX", w, len(b.samples), "point"))
	}
	warns = append(warns, b.warnings("point")...)
	if len(b.samples) == 0 {
		detail := "GPX has no track points"
		switch {
		case trkpts > 0:
			detail = fmt.Sprintf("GPX has %d track points but none with a time", trkpts)
		case rtepts > 0:
			detail = "GPX has only a planned route, no recorded track"
		}
		if w.err != nil && trkpts == 0 {
			return res, &Error{Code: CodeCorruptFile, Detail: damageWarning("GPX", w, 0, "point")}
		}
		return res, &Error{Code: CodeNoData, Detail: detail}
	}
	a := &activity.Activity{
		Samples: b.samples,
		Totals:  activity.NoTotals(),
		Name:    clean(firstNonEmpty(trkName, metaName), 200),
		Start:   b.samples[0].Time,
	}
	a.Sport = activity.Other
	if sp, ok := sportFromText(trkType); ok {
		a.Sport = sp
	} else if sp, ok := sportFromText(a.Name); ok {
		a.Sport = sp
	}
	if t, ok := parseTime(metaTime); ok && t.Before(a.Start) && a.Start.Sub(t) < time.Hour {
		a.Start = t
	}
	if c := clean(creator, 64); c != "" {
		a.Device.Product = c
		a.Device.Manufacturer = manufacturerFromCreator(c)
	}
	doubleStrides(a, true)
	res.Activity = a
	res.Warnings = warns
	return res, nil
}

func manufacturerFromCreator(c string) string {
	l := strings.ToLower(c)
	for _, m := range []string{"garmin", "strava", "suunto", "polar", "wahoo", "coros", "apple", "komoot", "zwift", "huawei", "samsung", "xiaomi", "amazfit"} {
		if strings.Contains(l, m) {
			return m
		}
	}
	return ""
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return strings.TrimSpace(s)
		}
	}
	return ""
}

func positive(v float64) float64 {
	if v > 0 {
		return v
	}
	return math.NaN()
}

func nonNegative(v float64) float64 {
	if v >= 0 {
		return v
	}
	return math.NaN()
}

// GPX namespaces written by encodeGPX.
const (
	nsTrackPointExt = "http://www.garmin.com/xmlschemas/TrackPointExtension/v2"
	nsPowerExt      = "http://www.garmin.com/xmlschemas/PowerExtension/v1"
)

// encodeGPX writes a as GPX 1.1 with gpxgo: one track, one segment, the
// Garmin TrackPointExtension v2 (atemp, hr, cad, speed) and PowerExtension. GPX
// times are whole seconds in UTC; run and walk cadence is written in
// strides per minute, as Garmin does.
func encodeGPX(a *activity.Activity) ([]byte, error) {
	g := &gpx.GPX{Version: "1.1", Creator: "SportHub", Name: a.Name}
	g.RegisterNamespace("gpxtpx", nsTrackPointExt)
	g.RegisterNamespace("gpxpx", nsPowerExt)
	start := a.Start.UTC()
	if !start.IsZero() {
		g.Time = &start
	}
	seg := gpx.GPXTrackSegment{Points: make([]gpx.GPXPoint, 0, len(a.Samples))}
	strides := stepSport(a.Sport)
	for _, s := range a.Samples {
		if !s.HasPos() {
			continue // GPX points need a position
		}
		p := gpx.GPXPoint{Point: gpx.Point{Latitude: s.Lat, Longitude: s.Lon}, Timestamp: s.Time.UTC()}
		if activity.Has(s.Alt) {
			p.Elevation = *gpx.NewNullableFloat64(s.Alt)
		}
		var tpx []gpx.ExtensionNode
		addNode := func(name string, v float64, digits int) {
			if activity.Has(v) {
				tpx = append(tpx, gpx.ExtensionNode{XMLName: xml.Name{Space: nsTrackPointExt, Local: name}, Data: formatNum(v, digits)})
			}
		}
		addNode("atemp", s.Temp, 1)
		addNode("hr", s.HR, 0)
		cad := s.Cadence
		if strides {
			cad /= 2
		}
		addNode("cad", cad, 0)
		addNode("speed", s.Speed, 3)
		if len(tpx) > 0 {
			p.Extensions.Nodes = append(p.Extensions.Nodes, gpx.ExtensionNode{
				XMLName: xml.Name{Space: nsTrackPointExt, Local: "TrackPointExtension"}, Nodes: tpx,
			})
		}
		if activity.Has(s.Power) {
			p.Extensions.Nodes = append(p.Extensions.Nodes, gpx.ExtensionNode{
				XMLName: xml.Name{Space: nsPowerExt, Local: "PowerInWatts"}, Data: formatNum(s.Power, 0),
			})
		}
		seg.Points = append(seg.Points, p)
	}
	if len(seg.Points) == 0 {
		return nil, &Error{Code: CodeNoData, Detail: "GPX needs positions and the activity has none"}
	}
	g.Tracks = []gpx.GPXTrack{{Name: a.Name, Type: string(a.Sport), Segments: []gpx.GPXTrackSegment{seg}}}
	return g.ToXml(gpx.ToXmlParams{Version: "1.1", Indent: false})
}

// formatNum writes v rounded to digits decimals, without trailing zeros.
func formatNum(v float64, digits int) string {
	p := math.Pow10(digits)
	return strconv.FormatFloat(math.Round(v*p)/p, 'f', -1, 64)
}
