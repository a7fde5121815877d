package actfile

import (
	"math"
	"testing"
	"time"

	"github.com/tkrajina/gpxgo/gpx"

	"github.com/sporthub/sporthub/internal/sport/activity"
)

func decodeOK(t *testing.T, name string) Result {
	t.Helper()
	res, err := Decode(name, readTestdata(t, name))
	if err != nil {
		t.Fatalf("Decode(%s): %v", name, err)
	}
	return res
}

func TestGPXGarminRun(t *testing.T) {
	res := decodeOK(t, "gpx/garmin_run.gpx")
	a := res.Activity
	if res.Format != GPX || a.Sport != activity.Running || a.Name != "Sokolniki Park Run" {
		t.Errorf("format %s sport %s name %q", res.Format, a.Sport, a.Name)
	}
	if a.Device.Manufacturer != "garmin" || a.Device.Product != "Garmin Connect" {
		t.Errorf("device %+v", a.Device)
	}
	// Four timed points (one without time dropped), the +03:00 point
	// lands at 07:00:03Z, the fraction of a second is kept.
	if len(a.Samples) != 4 {
		t.Fatalf("%d samples", len(a.Samples))
	}
	t0 := time.Date(2024, 5, 1, 7, 0, 0, 0, time.UTC)
	wantT := []time.Time{t0, t0.Add(1500 * time.Millisecond), t0.Add(3 * time.Second), t0.Add(time.Minute)}
	for i, w := range wantT {
		if !a.Samples[i].Time.Equal(w) {
			t.Errorf("sample %d at %v, want %v", i, a.Samples[i].Time, w)
		}
	}
	s := a.Samples[0]
	if s.Lat != 55.793633 || s.Lon != 37.676812 || s.Alt != 152.4 || s.HR != 96 || s.Temp != 14 {
		t.Errorf("first sample %+v", s)
	}
	// Garmin writes a run's cadence in strides per minute: doubled.
	if s.Cadence != 160 || a.Samples[3].Cadence != 172 {
		t.Errorf("cadence %v %v, want steps per minute", s.Cadence, a.Samples[3].Cadence)
	}
	if !activity.Has(a.Samples[2].Temp) || a.Samples[3].HR != 120 {
		t.Errorf("samples %+v", a.Samples)
	}
	// The metadata time is two seconds before the first point.
	if !a.Start.Equal(t0.Add(-2 * time.Second)) {
		t.Errorf("start %v", a.Start)
	}
	if !hasWarning(res.Warnings, "dropped 1 point without time") {
		t.Errorf("warnings %q", res.Warnings)
	}
}

func TestGPXStravaRidePower(t *testing.T) {
	res := decodeOK(t, "gpx/strava_ride_power.gpx")
	a := res.Activity
	// <type>1</type> says nothing; the name "Morning Ride" does.
	if a.Sport != activity.Cycling || a.Device.Manufacturer != "strava" {
		t.Errorf("sport %s device %+v", a.Sport, a.Device)
	}
	if len(a.Samples) != 3 {
		t.Fatalf("%d samples", len(a.Samples))
	}
	// Zero watts and zero cadence are readings, not gaps; ride cadence is
	// not doubled.
	p := []float64{a.Samples[0].Power, a.Samples[1].Power, a.Samples[2].Power}
	c := []float64{a.Samples[0].Cadence, a.Samples[1].Cadence, a.Samples[2].Cadence}
	if p[0] != 180 || p[1] != 0 || p[2] != 240 || c[0] != 85 || c[1] != 0 || c[2] != 90 {
		t.Errorf("power %v cadence %v", p, c)
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings %q", res.Warnings)
	}
}

func TestGPX10Speed(t *testing.T) {
	res := decodeOK(t, "gpx/gpx10_speed.gpx")
	a := res.Activity
	if a.Sport != activity.Hiking || len(a.Samples) != 3 || a.Samples[1].Speed != 1.3 || a.Samples[2].Alt != 1123 {
		t.Errorf("%s %+v", a.Sport, a.Samples)
	}
	if a.Device.Product != "OldLogger 2.1" || a.Device.Manufacturer != "" {
		t.Errorf("device %+v", a.Device)
	}
}

func TestGPXBroken(t *testing.T) {
	res := decodeOK(t, "gpx/truncated.gpx")
	if n := len(res.Activity.Samples); n != 2 {
		t.Errorf("truncated: %d samples, want the 2 timed points before the cut", n)
	}
	if !hasWarning(res.Warnings, "GPX is broken") || !hasWarning(res.Warnings, "kept 2 points") {
		t.Errorf("truncated: warnings %q", res.Warnings)
	}

	res = decodeOK(t, "gpx/broken_middle.gpx")
	if n := len(res.Activity.Samples); n != 4 {
		t.Errorf("broken middle: %d samples, want the 3 before the damage and the one after", n)
	}
	if !hasWarning(res.Warnings, "GPX is damaged (line 7") || !hasWarning(res.Warnings, "skipped 1 damaged part") {
		t.Errorf("broken middle: warnings %q", res.Warnings)
	}
	if res.Activity.Sport != activity.Walking || res.Activity.Name != "Broken walk" {
		t.Errorf("broken middle: %s %q", res.Activity.Sport, res.Activity.Name)
	}
	// gpxgo gives up on it entirely.
	if _, err := gpx.ParseBytes(readTestdata(t, "gpx/broken_middle.gpx")); err == nil {
		t.Log("gpxgo reads the broken file too")
	}

	if _, err := Decode("route.gpx", readTestdata(t, "gpx/route_only.gpx")); errCode(err) != CodeNoData {
		t.Errorf("route only: %v", err)
	}
	for _, c := range []struct {
		name, data, code string
	}{
		{"x.gpx", `<?xml version="1.0"?><gpx><trk><trkseg><trkpt lat="1" lon="2"></trkpt></trkseg></trk></gpx>`, CodeNoData},
		{"x.gpx", `<?xml version="1.0"?><gpx><trk><trkseg><trkpt lat="1" lon="2"><time>2024-01-01T00:00:00Z`, CodeNoData},
		{"x.gpx", `<?xml version="1.0"?><gpx`, CodeCorruptFile},
		{"x.gpx", `not xml at all`, CodeCorruptFile},
		{"x.gpx", ``, CodeCorruptFile},
	} {
		if _, err := Decode(c.name, []byte(c.data)); errCode(err) != c.code {
			t.Errorf("%q: %v, want %s", c.data, err, c.code)
		}
	}
}

func TestGPXOutOfRangePosition(t *testing.T) {
	doc := `<gpx version="1.1"><trk><trkseg>
	<trkpt lat="95" lon="10"><time>2024-01-01T00:00:00Z</time><extensions><hr>100</hr></extensions></trkpt>
	<trkpt lat="45" lon="10"><time>2024-01-01T00:00:01Z</time></trkpt>
	</trkseg></trk></gpx>`
	res, err := Decode("x.gpx", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	s := res.Activity.Samples
	if len(s) != 2 || s[0].HasPos() || s[0].HR != 100 || !s[1].HasPos() {
		t.Errorf("%+v", s)
	}
	if !hasWarning(res.Warnings, "outside the valid range") {
		t.Errorf("warnings %q", res.Warnings)
	}
}

// The streaming reader agrees with gpxgo on well-formed files (gpxgo keeps
// whole seconds only).
func TestGPXAgreesWithGpxgo(t *testing.T) {
	for _, name := range []string{"gpx/strava_ride_power.gpx", "gpx/gpx10_speed.gpx"} {
		data := readTestdata(t, name)
		g, err := gpx.ParseBytes(data)
		if err != nil {
			t.Fatal(err)
		}
		res := decodeOK(t, name)
		var pts []gpx.GPXPoint
		for _, trk := range g.Tracks {
			for _, seg := range trk.Segments {
				pts = append(pts, seg.Points...)
			}
		}
		if len(pts) != len(res.Activity.Samples) {
			t.Fatalf("%s: %d points, gpxgo has %d", name, len(res.Activity.Samples), len(pts))
		}
		for i, p := range pts {
			s := res.Activity.Samples[i]
			if s.Lat != p.Latitude || s.Lon != p.Longitude || s.Alt != p.Elevation.Value() || !s.Time.Equal(p.Timestamp) {
				t.Errorf("%s point %d: %+v, gpxgo %+v", name, i, s, p)
			}
		}
		if res.Activity.Name != g.Tracks[0].Name {
			t.Errorf("name %q, gpxgo %q", res.Activity.Name, g.Tracks[0].Name)
		}
	}
}

func TestTCXGarminRun(t *testing.T) {
	res := decodeOK(t, "tcx/garmin_run.tcx")
	a := res.Activity
	if res.Format != TCX || a.Sport != activity.Running || a.Name != "Tempo 1.3k" || a.Device.Product != "Forerunner 265" {
		t.Errorf("%s %s %q %+v", res.Format, a.Sport, a.Name, a.Device)
	}
	if len(a.Samples) != 5 {
		t.Fatalf("%d samples", len(a.Samples))
	}
	s := a.Samples[0]
	if s.Lat != 55.7 || s.Lon != 37.5 || s.Alt != 160 || s.Dist != 0 || s.HR != 120 || s.Speed != 3.2 || s.Power != 250 {
		t.Errorf("first sample %+v", s)
	}
	// RunCadence is strides per minute.
	if s.Cadence != 164 {
		t.Errorf("cadence %v, want 164", s.Cadence)
	}
	if l := a.Samples[4]; activity.Has(l.Cadence) || activity.Has(l.Power) || l.Dist != 1300 {
		t.Errorf("last sample %+v", l)
	}
	if len(a.Laps) != 2 {
		t.Fatalf("%d laps", len(a.Laps))
	}
	l0, l1 := a.Laps[0], a.Laps[1]
	if l0.TimerS != 300 || l0.DistanceM != 1000 || l0.Trigger != "distance" || !l0.Start.Equal(a.Start) {
		t.Errorf("lap 0 %+v", l0)
	}
	if l1.TimerS != 100 || l1.DistanceM != 300 || l1.Trigger != "manual" {
		t.Errorf("lap 1 %+v", l1)
	}
	tot := a.Totals
	if tot.DistanceM != 1300 || tot.TimerS != 400 || tot.Calories != 90 || tot.MaxHR != 155 || tot.MaxSpeed != 3.6 || tot.MaxPower != 260 {
		t.Errorf("totals %+v", tot)
	}
	if math.Abs(tot.AvgHR-(140*300+150*100)/400.0) > 1e-9 {
		t.Errorf("avg hr %v: the laps' time-weighted average", tot.AvgHR)
	}
	if tot.AvgCadence != 168 || tot.AvgPower != 252 || math.Abs(tot.AvgSpeed-3.25) > 1e-9 {
		t.Errorf("avg cadence %v power %v speed %v", tot.AvgCadence, tot.AvgPower, tot.AvgSpeed)
	}
	if activity.Has(tot.ElapsedS) || activity.Has(tot.AscentM) {
		t.Errorf("TCX does not state elapsed time or ascent: %+v", tot)
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings %q", res.Warnings)
	}
}

func TestTCXBike(t *testing.T) {
	res := decodeOK(t, "tcx/bike_cadence.tcx")
	a := res.Activity
	if a.Sport != activity.Cycling || len(a.Samples) != 3 || a.Samples[0].Cadence != 86 || a.Samples[2].Power != 220 || a.Totals.AvgCadence != 88 {
		t.Errorf("%s %+v %+v", a.Sport, a.Samples, a.Totals)
	}
	if a.Samples[0].HasPos() {
		t.Error("indoor ride has no positions")
	}
}

func TestTCXBroken(t *testing.T) {
	res := decodeOK(t, "tcx/truncated.tcx")
	if n := len(res.Activity.Samples); n != 2 {
		t.Errorf("truncated: %d samples", n)
	}
	if !hasWarning(res.Warnings, "TCX is broken") || len(res.Activity.Laps) != 1 {
		t.Errorf("truncated: warnings %q laps %d", res.Warnings, len(res.Activity.Laps))
	}
	if _, err := Decode("c.tcx", readTestdata(t, "tcx/course.tcx")); errCode(err) != CodeNotAnActivity {
		t.Errorf("course: %v", err)
	}
	for _, c := range []struct{ data, code string }{
		{`<TrainingCenterDatabase><Activities></Activities></TrainingCenterDatabase>`, CodeNoData},
		{`<TrainingCenterDatabase><Activities><Activity Sport="Running"><Lap><Track><Trackpoint><HeartRateBpm><Value>1</Value></HeartRateBpm></Trackpoint></Track></Lap></Activity></Activities></TrainingCenterDatabase>`, CodeNoData},
		{`<TrainingCenterDatabase><Activities><Activity`, CodeCorruptFile},
	} {
		if _, err := Decode("x.tcx", []byte(c.data)); errCode(err) != c.code {
			t.Errorf("%q: %v, want %s", c.data, err, c.code)
		}
	}
}

func TestDetectByContentNotName(t *testing.T) {
	// A GPX named .tcx and a FIT named .gpx are read for what they are.
	res, err := Decode("wrong.tcx", readTestdata(t, "gpx/gpx10_speed.gpx"))
	if err != nil || res.Format != GPX {
		t.Errorf("%v %s", err, res.Format)
	}
	res, err = Decode("wrong.gpx", readTestdata(t, "activity_poolswim.fit"))
	if err != nil || res.Format != FIT {
		t.Errorf("%v %s", err, res.Format)
	}
	if _, err := Decode("garbage.bin", readTestdata(t, "garbage.bin")); errCode(err) != CodeUnsupportedFormat {
		t.Errorf("garbage: %v", err)
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"fit": FIT, "GPX": GPX, ".tcx": TCX, " Fit ": FIT} {
		if f, err := ParseFormat(in); err != nil || f != want {
			t.Errorf("ParseFormat(%q) = %q, %v", in, f, err)
		}
	}
	if _, err := ParseFormat("kml"); errCode(err) != CodeUnsupportedFormat {
		t.Errorf("kml: %v", err)
	}
}
