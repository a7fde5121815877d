package actfile

import (
	"compress/gzip"
	"encoding/csv"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/sport/activity"
)

// The FIT SDK's example files ship with CSV decodes made by the SDK's own
// FitCSVTool (testdata/csv/*.csv.gz, gzip-compressed copies). These tests
// hold Decode to them record by record.

// csvMesg is one data row of a FitCSVTool decode: message name and its
// fields' values (first occurrence of each name).
type csvMesg struct {
	name   string
	fields map[string]string
}

func (m csvMesg) num(t *testing.T, field string) float64 {
	t.Helper()
	v, ok := m.fields[field]
	if !ok || v == "" {
		return math.NaN()
	}
	v, _, _ = strings.Cut(v, "|") // arrays: the first element
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		t.Fatalf("%s.%s = %q: %v", m.name, field, v, err)
	}
	return f
}

func readSDKCSV(t *testing.T, name string) []csvMesg {
	t.Helper()
	f, err := os.Open("testdata/csv/" + name + ".csv.gz")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(zr)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var out []csvMesg
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if len(rec) < 3 || rec[0] != "Data" {
			continue
		}
		m := csvMesg{name: rec[2], fields: map[string]string{}}
		for i := 3; i+1 < len(rec); i += 3 {
			if rec[i] == "" {
				continue
			}
			if _, seen := m.fields[rec[i]]; !seen {
				m.fields[rec[i]] = rec[i+1]
			}
		}
		out = append(out, m)
	}
	return out
}

var fitEpoch = time.Date(1989, 12, 31, 0, 0, 0, 0, time.UTC)

// expectedSamples builds the samples the CSV's record rows call for, with
// Decode's documented rules: records of the same second merge, records
// earlier than the one before are dropped, enhanced fields win, strides
// double for the sessions that are runs or walks.
func expectedSamples(t *testing.T, mesgs []csvMesg) []activity.Sample {
	t.Helper()
	var out []activity.Sample
	var runFrom []time.Time // start times of run/walk sessions
	var sessStarts []time.Time
	for _, m := range mesgs {
		if m.name != "session" {
			continue
		}
		st := fitEpoch.Add(time.Duration(m.num(t, "start_time")) * time.Second)
		sessStarts = append(sessStarts, st)
		switch m.fields["sport"] {
		case "1", "11", "17": // running, walking, hiking
			runFrom = append(runFrom, st)
		}
	}
	strides := func(ts time.Time) bool {
		for i, st := range sessStarts {
			if !containsTime(runFrom, st) {
				continue
			}
			if len(sessStarts) == 1 {
				return true
			}
			end := time.Time{}
			if i+1 < len(sessStarts) {
				end = sessStarts[i+1]
			}
			if !ts.Before(st) && (end.IsZero() || ts.Before(end)) {
				return true
			}
		}
		return false
	}
	for _, m := range mesgs {
		if m.name != "record" {
			continue
		}
		tsv := m.num(t, "timestamp")
		if math.IsNaN(tsv) {
			continue
		}
		s := activity.NewSample(fitEpoch.Add(time.Duration(tsv) * time.Second))
		lat, lon := m.num(t, "position_lat"), m.num(t, "position_long")
		if activity.Has(lat) && activity.Has(lon) {
			s.Lat, s.Lon = lat*180/math.Pow(2, 31), lon*180/math.Pow(2, 31)
		}
		s.Alt = pick(m.num(t, "enhanced_altitude"), m.num(t, "altitude"))
		s.Speed = pick(m.num(t, "enhanced_speed"), m.num(t, "speed"))
		s.Dist = m.num(t, "distance")
		s.HR = m.num(t, "heart_rate")
		s.Cadence = m.num(t, "cadence")
		if fc := m.num(t, "fractional_cadence"); activity.Has(fc) && activity.Has(s.Cadence) {
			s.Cadence += fc
		}
		if strides(s.Time) {
			s.Cadence *= 2
		}
		s.Power = m.num(t, "power")
		s.Temp = m.num(t, "temperature")
		if n := len(out); n > 0 {
			if s.Time.Before(out[n-1].Time) {
				continue
			}
			if s.Time.Equal(out[n-1].Time) {
				merge(&out[n-1], &s)
				continue
			}
		}
		out = append(out, s)
	}
	return out
}

func containsTime(ts []time.Time, t time.Time) bool {
	for _, x := range ts {
		if x.Equal(t) {
			return true
		}
	}
	return false
}

func sameValue(a, b, tol float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= tol
}

func decodeFile(t *testing.T, name string) Result {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Decode(name, data)
	if err != nil {
		t.Fatalf("Decode(%s): %v", name, err)
	}
	if res.Format != FIT {
		t.Fatalf("format %q", res.Format)
	}
	return res
}

func TestGoldenRecordsAgainstSDKDecode(t *testing.T) {
	for _, name := range []string{"Activity", "ActivityDevFields", "activity_developerdata", "activity_lowbattery",
		"activity_multisport", "activity_poolswim", "activity_truncated"} {
		t.Run(name, func(t *testing.T) {
			mesgs := readSDKCSV(t, name)
			want := expectedSamples(t, mesgs)
			res := decodeFile(t, name+".fit")
			got := res.Activity.Samples
			if len(got) != len(want) {
				t.Fatalf("%d samples, SDK decode has %d", len(got), len(want))
			}
			if len(want) == 0 {
				t.Fatal("no records in the SDK decode")
			}
			for i := range want {
				g, w := got[i], want[i]
				if !g.Time.Equal(w.Time) {
					t.Fatalf("sample %d time %v, want %v", i, g.Time, w.Time)
				}
				for _, c := range []struct {
					name string
					g, w float64
					tol  float64
				}{
					{"lat", g.Lat, w.Lat, 1e-9}, {"lon", g.Lon, w.Lon, 1e-9}, {"alt", g.Alt, w.Alt, 1e-6},
					{"dist", g.Dist, w.Dist, 1e-6}, {"speed", g.Speed, w.Speed, 1e-6}, {"hr", g.HR, w.HR, 0},
					{"cadence", g.Cadence, w.Cadence, 1e-9}, {"power", g.Power, w.Power, 0}, {"temp", g.Temp, w.Temp, 0},
				} {
					if !sameValue(c.g, c.w, c.tol) {
						t.Fatalf("sample %d (%v) %s = %v, SDK decode says %v", i, g.Time, c.name, c.g, c.w)
					}
				}
			}
			if !res.Activity.Start.Equal(want[0].Time) && res.Activity.Start.After(want[0].Time) {
				t.Errorf("start %v after the first record %v", res.Activity.Start, want[0].Time)
			}
		})
	}
}

func TestGoldenSessionTotals(t *testing.T) {
	for _, name := range []string{"Activity", "activity_lowbattery", "activity_poolswim"} {
		t.Run(name, func(t *testing.T) {
			mesgs := readSDKCSV(t, name)
			var sess csvMesg
			laps := 0
			for _, m := range mesgs {
				switch m.name {
				case "session":
					sess = m
				case "lap":
					laps++
				}
			}
			res := decodeFile(t, name+".fit")
			a := res.Activity
			tot := a.Totals
			for _, c := range []struct {
				name  string
				got   float64
				field string
			}{
				{"distance", tot.DistanceM, "total_distance"},
				{"timer", tot.TimerS, "total_timer_time"},
				{"elapsed", tot.ElapsedS, "total_elapsed_time"},
				{"ascent", tot.AscentM, "total_ascent"},
				{"descent", tot.DescentM, "total_descent"},
				{"calories", tot.Calories, "total_calories"},
				{"avg hr", tot.AvgHR, "avg_heart_rate"},
				{"max hr", tot.MaxHR, "max_heart_rate"},
				{"avg power", tot.AvgPower, "avg_power"},
				{"max power", tot.MaxPower, "max_power"},
				{"max speed", tot.MaxSpeed, "enhanced_max_speed"},
			} {
				want := sess.num(t, c.field)
				if c.field == "enhanced_max_speed" && math.IsNaN(want) {
					want = sess.num(t, "max_speed")
				}
				if !sameValue(c.got, want, 1e-6) {
					t.Errorf("%s = %v, SDK decode says %v", c.name, c.got, want)
				}
			}
			if len(a.Laps) != laps {
				t.Errorf("%d laps, SDK decode has %d", len(a.Laps), laps)
			}
		})
	}
}

func TestGoldenLowBattery(t *testing.T) {
	// A Garmin Edge 1030 Plus road ride whose battery ran low.
	res := decodeFile(t, "activity_lowbattery.fit")
	a := res.Activity
	if a.Sport != activity.Cycling || a.SubSport != "road" {
		t.Errorf("sport %q/%q, want cycling/road", a.Sport, a.SubSport)
	}
	if a.Device.Manufacturer != "garmin" || a.Device.Product != "edge_1030_plus" || a.Device.Serial != "3313379353" {
		t.Errorf("device %+v", a.Device)
	}
	if got := a.Totals.AvgCadence; math.Abs(got-(82+14.0/128)) > 1e-9 {
		t.Errorf("avg cadence %v, want 82 + 14/128 (avg_cadence with avg_fractional_cadence)", got)
	}
	wantLaps := []activity.Lap{
		{ElapsedS: 1152.211, TimerS: 1152.211, DistanceM: 8046.72},
		{ElapsedS: 1008.791, TimerS: 1008.791, DistanceM: 8046.72},
		{ElapsedS: 1095.604, TimerS: 1095.604, DistanceM: 8046.72},
		{ElapsedS: 718.47, TimerS: 718.47, DistanceM: 4016.53},
	}
	if len(a.Laps) != len(wantLaps) {
		t.Fatalf("%d laps", len(a.Laps))
	}
	for i, w := range wantLaps {
		l := a.Laps[i]
		if !sameValue(l.ElapsedS, w.ElapsedS, 1e-9) || !sameValue(l.TimerS, w.TimerS, 1e-9) || !sameValue(l.DistanceM, w.DistanceM, 1e-9) {
			t.Errorf("lap %d = %+v, want %+v", i, l, w)
		}
	}
	if !a.Laps[0].Start.Equal(fitEpoch.Add(959692662 * time.Second)) {
		t.Errorf("lap 0 start %v", a.Laps[0].Start)
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings %v", res.Warnings)
	}
}

func TestGoldenMultisport(t *testing.T) {
	// A mountain-bike then trail-run brick: two sessions.
	res := decodeFile(t, "activity_multisport.fit")
	a := res.Activity
	if a.Sport != activity.Other || a.SubSport != "multisport" {
		t.Errorf("sport %q/%q, want other/multisport", a.Sport, a.SubSport)
	}
	if !sameValue(a.Totals.ElapsedS, 55.353+21.519, 1e-9) {
		t.Errorf("elapsed %v, want the sum of both sessions", a.Totals.ElapsedS)
	}
	if !sameValue(a.Totals.MaxHR, 77, 0) || !sameValue(a.Totals.Calories, 2, 0) {
		t.Errorf("totals %+v", a.Totals)
	}
	if len(a.Laps) != 7 {
		t.Errorf("%d laps, want 7", len(a.Laps))
	}
}

func TestGoldenPoolSwim(t *testing.T) {
	res := decodeFile(t, "activity_poolswim.fit")
	a := res.Activity
	if a.Sport != activity.Swimming || a.SubSport != "lap_swimming" {
		t.Errorf("sport %q/%q", a.Sport, a.SubSport)
	}
	if a.HasRoute() {
		t.Error("a pool swim has no route")
	}
	if !sameValue(a.Totals.DistanceM, 457.2, 1e-9) {
		t.Errorf("distance %v", a.Totals.DistanceM)
	}
}

func TestGoldenDeveloperFields(t *testing.T) {
	for _, name := range []string{"Activity", "ActivityDevFields"} {
		t.Run(name, func(t *testing.T) {
			mesgs := readSDKCSV(t, name)
			res := decodeFile(t, name+".fit")
			a := res.Activity
			var ch *activity.Channel
			for i := range a.Extra {
				if a.Extra[i].Name == "Heart Rate" {
					ch = &a.Extra[i]
				}
			}
			if ch == nil {
				t.Fatalf("no Heart Rate developer field in %+v", a.Extra)
			}
			if ch.Units != "bpm" || ch.Key != "dev.0.1" {
				t.Errorf("channel %q %q %q", ch.Key, ch.Name, ch.Units)
			}
			if len(ch.Values) != len(a.Samples) {
				t.Fatalf("%d values for %d samples", len(ch.Values), len(a.Samples))
			}
			i := 0
			for _, m := range mesgs {
				if m.name != "record" {
					continue
				}
				if want := m.num(t, "Heart Rate"); !sameValue(ch.Values[i], want, 0) {
					t.Fatalf("record %d developer heart rate %v, SDK decode says %v", i, ch.Values[i], want)
				}
				i++
			}
		})
	}
}

func TestGoldenSportAndStart(t *testing.T) {
	res := decodeFile(t, "Activity.fit")
	a := res.Activity
	// Sport 37 is stand-up paddleboarding: no SportHub sport of its own.
	if a.Sport != activity.Other || a.SubSport != "stand_up_paddleboarding" {
		t.Errorf("sport %q/%q", a.Sport, a.SubSport)
	}
	if want := fitEpoch.Add(995749880 * time.Second); !a.Start.Equal(want) {
		t.Errorf("start %v, want %v", a.Start, want)
	}
	if want := fitEpoch.Add(995753480 * time.Second); !a.End().Equal(want) {
		t.Errorf("end %v, want %v", a.End(), want)
	}
	if a.Device.Manufacturer != "development" || a.Device.Product != "FIT Cookbook" {
		t.Errorf("device %+v", a.Device)
	}
}

func TestNotAnActivity(t *testing.T) {
	for _, name := range []string{"WeightScaleSingleUser.fit", "Settings.fit", "MonitoringFile.fit", "WorkoutIndividualSteps.fit"} {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Decode(name, data)
		if code := errCode(err); code != CodeNotAnActivity {
			t.Errorf("%s: %v, want %s", name, err, CodeNotAnActivity)
		}
	}
}

func errCode(err error) string {
	if e, ok := err.(*Error); ok {
		return e.Code
	}
	if err == nil {
		return ""
	}
	return "not an *Error: " + err.Error()
}

func hasWarning(ws []string, part string) bool {
	for _, w := range ws {
		if strings.Contains(w, part) {
			return true
		}
	}
	return false
}
