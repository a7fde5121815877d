package actfile

import (
	"bytes"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/sport/activity"
)

// synthRun is a 10-minute 1 Hz run with every channel, gaps, laps, a
// developer field and stated totals.
func synthRun() *activity.Activity {
	start := time.Date(2024, 9, 15, 6, 30, 0, 0, time.UTC)
	a := &activity.Activity{
		Sport:    activity.Running,
		SubSport: "street",
		Name:     "Sunday tempo",
		Start:    start,
		Device:   activity.Device{Manufacturer: "garmin", Product: "fr255", Serial: "3420897194"},
		Totals:   activity.NoTotals(),
	}
	dist := 0.0
	ext := activity.Channel{Key: "dev.0.7", Name: "Form Power", Units: "W"}
	for i := range 600 {
		s := activity.NewSample(start.Add(time.Duration(i) * time.Second))
		speed := 3.2 + 0.4*math.Sin(float64(i)/30)
		dist += speed
		s.Lat = 55.75 + float64(i)*2.1e-5
		s.Lon = 37.61 + 0.001*math.Sin(float64(i)/50)
		s.Alt = 150 + 5*math.Sin(float64(i)/80)
		s.Dist = math.Round(dist*100) / 100
		s.Speed = math.Round(speed*1000) / 1000
		s.HR = float64(130 + i%25)
		s.Cadence = 170 + float64(i%4)*0.5 // halves to strides with a quarter fraction
		s.Power = float64(240 + i%30)
		s.Temp = 18
		if i >= 100 && i < 110 {
			s.HR = math.NaN()
		}
		if i >= 200 && i < 206 {
			s.Lat, s.Lon = math.NaN(), math.NaN()
		}
		a.Samples = append(a.Samples, s)
		v := math.NaN()
		if i%7 != 0 {
			v = float64(float32(60 + float64(i%11)*0.5))
		}
		ext.Values = append(ext.Values, v)
	}
	a.Extra = []activity.Channel{ext}
	a.Laps = []activity.Lap{
		{Start: start, ElapsedS: 300, TimerS: 298.5, DistanceM: 1000, Trigger: "distance"},
		{Start: start.Add(300 * time.Second), ElapsedS: 299, TimerS: 299, DistanceM: a.Samples[599].Dist - 1000, Trigger: "manual"},
	}
	a.Totals.DistanceM = a.Samples[599].Dist
	a.Totals.ElapsedS = 599
	a.Totals.TimerS = 597.5
	a.Totals.AscentM = 12
	a.Totals.DescentM = 11
	a.Totals.Calories = 150
	a.Totals.AvgHR = 142
	a.Totals.MaxHR = 154
	a.Totals.AvgSpeed = 3.25
	a.Totals.MaxSpeed = 3.6
	a.Totals.AvgCadence = 170.5
	a.Totals.AvgPower = 254
	a.Totals.MaxPower = 269
	return a
}

func roundTrip(t *testing.T, f Format, a *activity.Activity) (Result, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := Encode(&buf, f, a); err != nil {
		t.Fatalf("Encode %s: %v", f, err)
	}
	res, err := Decode("export."+string(f), buf.Bytes())
	if err != nil {
		t.Fatalf("Decode(Encode %s): %v", f, err)
	}
	if res.Format != f {
		t.Fatalf("format %s", res.Format)
	}
	return res, buf.Bytes()
}

type tol struct{ lat, alt, dist, speed, hr, cad, power, temp float64 }

func compareSamples(t *testing.T, f Format, got, want []activity.Sample, tl tol, noTemp bool) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d samples, want %d", f, len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if !g.Time.Equal(w.Time) {
			t.Fatalf("%s sample %d time %v want %v", f, i, g.Time, w.Time)
		}
		wTemp := w.Temp
		if noTemp {
			wTemp = math.NaN()
		}
		for _, c := range []struct {
			name string
			g, w float64
			tol  float64
		}{
			{"lat", g.Lat, w.Lat, tl.lat}, {"lon", g.Lon, w.Lon, tl.lat}, {"alt", g.Alt, w.Alt, tl.alt},
			{"dist", g.Dist, w.Dist, tl.dist}, {"speed", g.Speed, w.Speed, tl.speed}, {"hr", g.HR, w.HR, tl.hr},
			{"cadence", g.Cadence, w.Cadence, tl.cad}, {"power", g.Power, w.Power, tl.power}, {"temp", g.Temp, wTemp, tl.temp},
		} {
			if !sameValue(c.g, c.w, c.tol) {
				t.Fatalf("%s sample %d %s = %v, want %v (±%v)", f, i, c.name, c.g, c.w, c.tol)
			}
		}
	}
}

func TestRoundTripFIT(t *testing.T) {
	a := synthRun()
	res, _ := roundTrip(t, FIT, a)
	b := res.Activity
	compareSamples(t, FIT, b.Samples, a.Samples, tol{lat: 1e-7, alt: 0.1, dist: 0.005, speed: 0.0005, cad: 1e-9}, false)
	if b.Sport != a.Sport || b.SubSport != a.SubSport || !b.Start.Equal(a.Start) {
		t.Errorf("sport %s/%s start %v", b.Sport, b.SubSport, b.Start)
	}
	if b.Device != a.Device {
		t.Errorf("device %+v, want %+v", b.Device, a.Device)
	}
	if len(b.Laps) != 2 {
		t.Fatalf("laps %+v", b.Laps)
	}
	for i, l := range a.Laps {
		g := b.Laps[i]
		if !g.Start.Equal(l.Start) || !sameValue(g.ElapsedS, l.ElapsedS, 1e-3) || !sameValue(g.TimerS, l.TimerS, 1e-3) ||
			!sameValue(g.DistanceM, l.DistanceM, 0.005) || g.Trigger != l.Trigger {
			t.Errorf("lap %d = %+v, want %+v", i, g, l)
		}
	}
	at, bt := a.Totals, b.Totals
	for _, c := range []struct {
		name string
		g, w float64
	}{
		{"distance", bt.DistanceM, at.DistanceM}, {"elapsed", bt.ElapsedS, at.ElapsedS}, {"timer", bt.TimerS, at.TimerS},
		{"ascent", bt.AscentM, at.AscentM}, {"descent", bt.DescentM, at.DescentM}, {"calories", bt.Calories, at.Calories},
		{"avg hr", bt.AvgHR, at.AvgHR}, {"max hr", bt.MaxHR, at.MaxHR}, {"avg speed", bt.AvgSpeed, at.AvgSpeed},
		{"max speed", bt.MaxSpeed, at.MaxSpeed}, {"avg cadence", bt.AvgCadence, at.AvgCadence},
		{"avg power", bt.AvgPower, at.AvgPower}, {"max power", bt.MaxPower, at.MaxPower},
	} {
		if !sameValue(c.g, c.w, 0.01) {
			t.Errorf("totals %s = %v, want %v", c.name, c.g, c.w)
		}
	}
	if len(b.Extra) != 1 || b.Extra[0].Name != "Form Power" || b.Extra[0].Units != "W" {
		t.Fatalf("extra %+v", b.Extra)
	}
	for i, v := range a.Extra[0].Values {
		if !sameValue(b.Extra[0].Values[i], v, 0) {
			t.Fatalf("extra value %d = %v, want %v", i, b.Extra[0].Values[i], v)
		}
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings %q", res.Warnings)
	}
}

func TestRoundTripFITofSDKFile(t *testing.T) {
	// Re-encoding a real file keeps what the decode found.
	orig := decodeFile(t, "activity_lowbattery.fit").Activity
	res, _ := roundTrip(t, FIT, orig)
	b := res.Activity
	compareSamples(t, FIT, b.Samples, orig.Samples, tol{lat: 1e-7, alt: 0.1, dist: 0.005, speed: 0.0005}, false)
	if b.Device != orig.Device || b.Sport != orig.Sport || b.SubSport != orig.SubSport || len(b.Laps) != len(orig.Laps) {
		t.Errorf("%+v %s %s %d", b.Device, b.Sport, b.SubSport, len(b.Laps))
	}
	if !sameValue(b.Totals.DistanceM, orig.Totals.DistanceM, 0.005) || !sameValue(b.Totals.AvgCadence, orig.Totals.AvgCadence, 1.0/128) {
		t.Errorf("totals %+v, want %+v", b.Totals, orig.Totals)
	}
}

func TestRoundTripGPX(t *testing.T) {
	a := synthRun()
	res, data := roundTrip(t, GPX, a)
	b := res.Activity
	// GPX holds positioned points only; cadence travels as whole strides.
	var want []activity.Sample
	for _, s := range a.Samples {
		if s.HasPos() {
			want = append(want, s)
		}
	}
	for i := range want {
		want[i].Dist = math.NaN() // GPX carries no distance
	}
	compareSamples(t, GPX, b.Samples, want, tol{lat: 1e-9, alt: 1e-9, speed: 1e-9, cad: 1, temp: 0.05}, false)
	if b.Sport != activity.Running || b.Name != a.Name {
		t.Errorf("sport %s name %q", b.Sport, b.Name)
	}
	for _, part := range []string{`xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v2"`, "<gpxtpx:hr>130</gpxtpx:hr>", "<gpxpx:PowerInWatts>240</gpxpx:PowerInWatts>", "<time>2024-09-15T06:30:00Z</time>"} {
		if !bytes.Contains(data, []byte(part)) {
			t.Errorf("GPX lacks %s", part)
		}
	}
}

func TestRoundTripTCX(t *testing.T) {
	a := synthRun()
	res, data := roundTrip(t, TCX, a)
	b := res.Activity
	compareSamples(t, TCX, b.Samples, a.Samples, tol{lat: 1e-7, alt: 0.005, dist: 0.005, speed: 0.0005, cad: 1}, true)
	if b.Sport != activity.Running || b.Name != a.Name || b.Device.Product != "fr255" {
		t.Errorf("sport %s name %q device %+v", b.Sport, b.Name, b.Device)
	}
	if len(b.Laps) != 2 {
		t.Fatalf("laps %+v", b.Laps)
	}
	for i, l := range a.Laps {
		g := b.Laps[i]
		if !g.Start.Equal(l.Start) || !sameValue(g.TimerS, l.TimerS, 1e-3) || !sameValue(g.DistanceM, l.DistanceM, 0.005) || g.Trigger != l.Trigger {
			t.Errorf("lap %d = %+v, want %+v", i, g, l)
		}
	}
	if !bytes.Contains(data, []byte("<ns3:RunCadence>85</ns3:RunCadence>")) {
		t.Error("TCX run cadence is not in strides per minute")
	}
}

func TestRoundTripRideKeepsCadence(t *testing.T) {
	a := synthRun()
	a.Sport, a.SubSport = activity.Cycling, ""
	for i := range a.Samples {
		a.Samples[i].Cadence = float64(80 + i%10)
	}
	a.Totals.AvgCadence = 85
	for _, f := range []Format{FIT, GPX, TCX} {
		res, _ := roundTrip(t, f, a)
		if res.Activity.Sport != activity.Cycling {
			t.Errorf("%s: sport %s", f, res.Activity.Sport)
		}
		if c := res.Activity.Samples[3].Cadence; c != 83 {
			t.Errorf("%s: cadence %v, want 83 rpm unchanged", f, c)
		}
	}
}

func TestEncodeRefusals(t *testing.T) {
	a := synthRun()
	for i := range a.Samples {
		a.Samples[i].Lat, a.Samples[i].Lon = math.NaN(), math.NaN()
	}
	var buf bytes.Buffer
	if err := Encode(&buf, GPX, a); errCode(err) != CodeNoData {
		t.Errorf("GPX without positions: %v", err)
	}
	if err := Encode(&buf, Format("kml"), a); errCode(err) != CodeUnsupportedFormat {
		t.Errorf("kml: %v", err)
	}
	if err := Encode(&buf, FIT, nil); errCode(err) != CodeNoData {
		t.Errorf("nil: %v", err)
	}
	if err := Encode(&buf, FIT, &activity.Activity{}); errCode(err) != CodeNoData {
		t.Errorf("no start: %v", err)
	}
	// Values a format cannot hold are left out, not wrapped around.
	b := synthRun()
	b.Samples[0].HR, b.Samples[0].Power, b.Samples[0].Alt, b.Samples[0].Dist = 300, -5, -1000, -1
	b.Samples[1].Temp, b.Samples[1].Speed = 500, math.Inf(1)
	res, _ := roundTrip(t, FIT, b)
	s0, s1 := res.Activity.Samples[0], res.Activity.Samples[1]
	if activity.Has(s0.HR) || activity.Has(s0.Power) || activity.Has(s0.Alt) || activity.Has(s0.Dist) || activity.Has(s1.Temp) || activity.Has(s1.Speed) {
		t.Errorf("out-of-range values came back: %+v %+v", s0, s1)
	}
}

func TestEncodeNamesAndUnicode(t *testing.T) {
	a := synthRun()
	a.Name = "Утренняя пробежка <по парку> & \"мост\""
	for _, f := range []Format{GPX, TCX} {
		res, _ := roundTrip(t, f, a)
		if res.Activity.Name != a.Name {
			t.Errorf("%s name %q", f, res.Activity.Name)
		}
	}
	a.Device = activity.Device{Manufacturer: "wahoo_fitness", Product: "Ёлка-Бегун 3000 with a long, long product name that FIT will trim"}
	res, _ := roundTrip(t, FIT, a)
	if res.Activity.Device.Manufacturer != "wahoo_fitness" || !strings.HasPrefix(a.Device.Product, res.Activity.Device.Product) {
		t.Errorf("device %+v", res.Activity.Device)
	}
}
