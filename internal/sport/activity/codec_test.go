package activity

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// hourRide is a realistic 1-hour, 1 Hz ride: GPS wandering along a road,
// noisy altitude, speed, heart rate, cadence and power, dropouts, laps and
// a developer field.
func hourRide() *Activity {
	rng := rand.New(rand.NewPCG(1, 2))
	start := time.Date(2024, 6, 1, 7, 0, 0, 123e6, time.UTC)
	a := &Activity{
		Sport: Cycling, SubSport: "road", Name: "Утренний заезд", Start: start,
		Device: Device{Manufacturer: "garmin", Product: "edge_1040", Serial: "3999999999"},
		Totals: NoTotals(),
	}
	lat, lon, alt, dist := 55.7, 37.5, 150.0, 0.0
	heading := 0.3
	ext := Channel{Key: "dev.0.3", Name: "Core Temp", Units: "C"}
	ext2 := Channel{Key: "dev.1.0", Name: "Balance", Units: "%"}
	for i := range 3600 {
		s := NewSample(start.Add(time.Duration(i) * time.Second))
		speed := 8 + 2*math.Sin(float64(i)/200) + rng.NormFloat64()*0.3
		heading += rng.NormFloat64() * 0.02
		lat += speed * math.Cos(heading) / 111_320
		lon += speed * math.Sin(heading) / (111_320 * math.Cos(lat*math.Pi/180))
		alt += rng.NormFloat64() * 0.3
		dist += speed
		s.Lat = math.Round(lat*1e7) / 1e7
		s.Lon = math.Round(lon*1e7) / 1e7
		s.Alt = math.Round(alt*5) / 5
		s.Dist = math.Round(dist*100) / 100
		s.Speed = math.Round(speed*1000) / 1000
		s.HR = float64(120 + i/60 + rng.IntN(3))
		s.Cadence = float64(85 + rng.IntN(6))
		s.Power = float64(200 + rng.IntN(80))
		s.Temp = float64(18 + i/900)
		if i%600 < 5 {
			s.Power = 0
			s.Cadence = 0
		}
		if i >= 1000 && i < 1030 {
			s.Lat, s.Lon = math.NaN(), math.NaN()
		}
		if i >= 2000 && i < 2100 {
			s.HR = math.NaN()
		}
		a.Samples = append(a.Samples, s)
		ext.Values = append(ext.Values, math.Round((37+float64(i)/3600)*100)/100)
		v := math.NaN()
		if i%10 == 0 {
			v = float64(float32(50 + rng.Float64()))
		}
		ext2.Values = append(ext2.Values, v)
	}
	a.Extra = []Channel{ext, ext2}
	for k := range 4 {
		a.Laps = append(a.Laps, Lap{Start: start.Add(time.Duration(k*900) * time.Second), ElapsedS: 900, TimerS: 899.5, DistanceM: 7123.45, Trigger: "distance"})
	}
	a.Totals.DistanceM = dist
	a.Totals.ElapsedS = 3599
	a.Totals.AvgHR = 150.25
	a.Totals.Calories = 900
	return a
}

func closeTo(a, b, tol float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= tol
}

func checkEqual(t *testing.T, got, want *Activity) {
	t.Helper()
	if got.Sport != want.Sport || got.SubSport != want.SubSport || got.Name != want.Name || got.Device != want.Device {
		t.Fatalf("header %q %q %q %+v, want %q %q %q %+v", got.Sport, got.SubSport, got.Name, got.Device, want.Sport, want.SubSport, want.Name, want.Device)
	}
	if !got.Start.Equal(want.Start.Truncate(time.Millisecond)) && !(got.Start.IsZero() && want.Start.IsZero()) {
		t.Fatalf("start %v want %v", got.Start, want.Start)
	}
	gt, wt := totalsSlice(&got.Totals), totalsSlice(&want.Totals)
	for i := range gt {
		if !closeTo(*gt[i], *wt[i], 0) {
			t.Fatalf("totals %d = %v want %v", i, *gt[i], *wt[i])
		}
	}
	if len(got.Samples) != len(want.Samples) {
		t.Fatalf("%d samples want %d", len(got.Samples), len(want.Samples))
	}
	tols := [9]float64{0.5e-7, 0.5e-7, 0.005, 0.005, 0.0005, 0.05, 0.05, 0.05, 0.05}
	for i := range want.Samples {
		g, w := &got.Samples[i], &want.Samples[i]
		if d := g.Time.Sub(w.Time); d < -time.Millisecond || d > time.Millisecond {
			t.Fatalf("sample %d time %v want %v", i, g.Time, w.Time)
		}
		for c := range tols {
			if !closeTo(*sampleField(g, c), *sampleField(w, c), tols[c]+1e-12) {
				t.Fatalf("sample %d channel %d = %v want %v", i, c, *sampleField(g, c), *sampleField(w, c))
			}
		}
	}
	if len(got.Extra) != len(want.Extra) {
		t.Fatalf("%d extra channels want %d", len(got.Extra), len(want.Extra))
	}
	for k, ch := range want.Extra {
		g := got.Extra[k]
		if g.Key != ch.Key || g.Name != ch.Name || g.Units != ch.Units || len(g.Values) != len(want.Samples) {
			t.Fatalf("extra %d = %q %q %q (%d values)", k, g.Key, g.Name, g.Units, len(g.Values))
		}
		for i := range want.Samples {
			w := math.NaN()
			if i < len(ch.Values) {
				w = ch.Values[i]
			}
			if !closeTo(g.Values[i], w, 0) {
				t.Fatalf("extra %d value %d = %v want %v (extra channels are exact)", k, i, g.Values[i], w)
			}
		}
	}
	if len(got.Laps) != len(want.Laps) {
		t.Fatalf("%d laps want %d", len(got.Laps), len(want.Laps))
	}
	for i, w := range want.Laps {
		g := got.Laps[i]
		if !g.Start.Equal(w.Start.Truncate(time.Millisecond)) || !closeTo(g.ElapsedS, w.ElapsedS, 0.0005) || !closeTo(g.TimerS, w.TimerS, 0.0005) ||
			!closeTo(g.DistanceM, w.DistanceM, 0.005) || g.Trigger != w.Trigger {
			t.Fatalf("lap %d = %+v want %+v", i, g, w)
		}
	}
}

func roundTrip(t *testing.T, a *Activity) []byte {
	t.Helper()
	b, err := a.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var got Activity
	if err := got.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	checkEqual(t, &got, a)
	return b
}

func TestCodecHourRide(t *testing.T) {
	a := hourRide()
	b := roundTrip(t, a)
	t.Logf("1-hour 1 Hz ride: %d bytes (%.1f bytes per sample)", len(b), float64(len(b))/3600)
	if len(b) > 100_000 {
		t.Errorf("%d bytes: a 1-hour 1 Hz activity should be well under 100 KB", len(b))
	}
	// Stable: the same activity encodes to the same bytes.
	b2, _ := a.MarshalBinary()
	if !bytes.Equal(b, b2) {
		t.Error("encoding is not deterministic")
	}
}

func TestCodecPrecision(t *testing.T) {
	start := time.Date(2024, 1, 2, 3, 4, 5, 678_000_000, time.FixedZone("MSK", 3*3600))
	a := &Activity{Sport: Running, Start: start, Totals: NoTotals()}
	s := NewSample(start.Add(1500 * time.Millisecond))
	s.Lat, s.Lon = -33.8567844, 151.2152967
	s.Alt, s.Dist, s.Speed = -412.37, 42195.01, 5.432
	s.HR, s.Cadence, s.Power, s.Temp = 171.5, 181.3, 0, -12.4
	a.Samples = []Sample{s, NewSample(start.Add(2 * time.Second))}
	var got Activity
	b, _ := a.MarshalBinary()
	if err := got.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	g := got.Samples[0]
	if g.Lat != s.Lat || g.Lon != s.Lon || g.Alt != s.Alt || g.Dist != s.Dist || g.Speed != s.Speed ||
		g.HR != s.HR || g.Cadence != s.Cadence || g.Power != 0 || g.Temp != s.Temp {
		t.Errorf("got %+v want %+v", g, s)
	}
	if !got.Start.Equal(start) || !g.Time.Equal(s.Time) {
		t.Errorf("times %v %v", got.Start, g.Time)
	}
	g1 := got.Samples[1]
	for c := range 9 {
		if !math.IsNaN(*sampleField(&g1, c)) {
			t.Errorf("channel %d of an empty sample = %v", c, *sampleField(&g1, c))
		}
	}
}

func TestCodecEdgeCases(t *testing.T) {
	// The zero activity.
	roundTrip(t, &Activity{Totals: NoTotals()})
	roundTrip(t, &Activity{})
	// Values beyond what quantizing holds keep their bits; infinities too.
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	a := &Activity{Start: start, Totals: NoTotals()}
	s := NewSample(start)
	s.Dist = 1e300
	s.Speed = math.Inf(1)
	s.HR = -math.MaxFloat64
	a.Samples = []Sample{s}
	a.Extra = []Channel{{Key: "x", Values: []float64{math.Pi}}, {Key: "short"}, {Key: "f32", Values: []float64{float64(float32(0.1))}}}
	a.Laps = []Lap{{Start: start, ElapsedS: math.NaN(), TimerS: math.Inf(-1), DistanceM: 1e300}}
	var got Activity
	b, err := a.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if err := got.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	g := got.Samples[0]
	if g.Dist != 1e300 || !math.IsInf(g.Speed, 1) || g.HR != -math.MaxFloat64 {
		t.Errorf("%+v", g)
	}
	if got.Extra[0].Values[0] != math.Pi || !math.IsNaN(got.Extra[1].Values[0]) || got.Extra[2].Values[0] != float64(float32(0.1)) {
		t.Errorf("extra %+v", got.Extra)
	}
	l := got.Laps[0]
	if !math.IsNaN(l.ElapsedS) || !math.IsInf(l.TimerS, -1) || l.DistanceM != 1e300 {
		t.Errorf("lap %+v", l)
	}
	// Samples out of order and far apart in time.
	a = &Activity{Start: start, Totals: NoTotals()}
	a.Samples = []Sample{NewSample(start.Add(time.Hour)), NewSample(start), NewSample(start.Add(-24 * time.Hour)), NewSample(time.Time{})}
	roundTrip(t, a)
}

func TestCodecRejectsDamage(t *testing.T) {
	a := hourRide()
	a.Samples = a.Samples[:300]
	for i := range a.Extra {
		a.Extra[i].Values = a.Extra[i].Values[:300]
	}
	good, err := a.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	orig := Activity{Name: "untouched"}
	// Every truncation fails cleanly and leaves the target alone.
	for n := 0; n < len(good); n++ {
		got := orig
		if err := got.UnmarshalBinary(good[:n]); err == nil {
			t.Fatalf("truncated to %d bytes: no error", n)
		}
		if got.Name != "untouched" {
			t.Fatal("a failed UnmarshalBinary changed the activity")
		}
	}
	// Flipped bits are caught (or fell on deflate's padding and changed
	// nothing).
	for i := 5; i < len(good); i += 7 {
		bad := bytes.Clone(good)
		bad[i] ^= 0x10
		var got Activity
		if err := got.UnmarshalBinary(bad); err == nil {
			checkEqual(t, &got, a)
		}
	}
	bad := bytes.Clone(good)
	bad[4] = 99
	var got Activity
	if err := got.UnmarshalBinary(bad); err == nil || err == ErrCorrupt {
		t.Errorf("unknown version: %v", err)
	}
	// A payload announcing more than it holds.
	var w writer
	w.str("running")
	for range 5 {
		w.str("")
	}
	w.varint(0)
	for range 13 {
		w.f64(0)
	}
	w.uvarint(1 << 40)
	if _, err := decodePayload(w.b); err == nil {
		t.Error("a huge sample count was accepted")
	}
	if err := got.UnmarshalBinary(wrap(w.b)); err == nil {
		t.Error("a huge sample count was accepted")
	}
}

// wrap frames a raw payload the way MarshalBinary does.
func wrap(payload []byte) []byte {
	var out bytes.Buffer
	out.WriteString(codecMagic)
	out.WriteByte(codecVersion)
	out.Write(binary.AppendUvarint(nil, uint64(len(payload))))
	out.Write(binary.LittleEndian.AppendUint32(nil, crc32.ChecksumIEEE(payload)))
	out.Write(deflate(payload))
	return out.Bytes()
}

func BenchmarkMarshalBinary(b *testing.B) {
	a := hourRide()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := a.MarshalBinary(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkUnmarshalBinary(b *testing.B) {
	data, _ := hourRide().MarshalBinary()
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		var a Activity
		if err := a.UnmarshalBinary(data); err != nil {
			b.Fatal(err)
		}
	}
}
