package analysis

import (
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/sport/activity"
	"github.com/sporthub/sporthub/internal/sport/route"
)

var t0 = time.Date(2024, 5, 1, 6, 0, 0, 0, time.UTC)

// synth builds a 1 Hz activity of n samples; f fills sample i.
func synth(sport activity.Sport, n int, f func(i int, s *activity.Sample)) *activity.Activity {
	a := &activity.Activity{Sport: sport, Start: t0, Totals: activity.NoTotals()}
	a.Samples = make([]activity.Sample, n)
	for i := range a.Samples {
		s := activity.NewSample(t0.Add(time.Duration(i) * time.Second))
		f(i, &s)
		a.Samples[i] = s
	}
	return a
}

func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.IsNaN(got) || math.Abs(got-want) > tol {
		t.Errorf("%s = %v, want %v ± %v", what, got, want, tol)
	}
}

func val(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

// mustJSON checks the result encodes (no NaN or Inf anywhere).
func mustJSON(t *testing.T, r Result) {
	t.Helper()
	if _, err := json.Marshal(r); err != nil {
		t.Fatalf("result does not encode: %v", err)
	}
}

func TestEmptyAndDegenerate(t *testing.T) {
	r := Analyze(nil, Athlete{})
	mustJSON(t, r)
	if r.SplitsKM == nil || r.Laps == nil || r.BestEfforts == nil {
		t.Fatal("slices must be empty, not nil")
	}
	a := &activity.Activity{Sport: activity.Running, Start: t0, Totals: activity.NoTotals()}
	mustJSON(t, Analyze(a, Athlete{}))

	one := synth(activity.Running, 1, func(i int, s *activity.Sample) { s.HR = 120 })
	r = Analyze(one, Athlete{MaxHR: 190, RestingHR: 50})
	mustJSON(t, r)
	if r.ElapsedS != 0 || r.DistanceM != 0 {
		t.Fatalf("one sample: %+v", r)
	}

	// Every channel missing, timestamps out of order, garbage values.
	bad := synth(activity.Cycling, 50, func(i int, s *activity.Sample) {
		if i%7 == 3 {
			s.Time = t0.Add(-time.Hour)
		}
		switch i % 5 {
		case 0:
			s.HR, s.Power, s.Speed = math.Inf(1), -5, -1
		case 1:
			s.Dist, s.Alt = math.Inf(-1), 1e9
		case 2:
			s.Lat, s.Lon = 91, 200
		}
	})
	r = Analyze(bad, Athlete{FTP: 250, MaxHR: 190, RestingHR: 50, WeightKG: 70, Age: 40})
	mustJSON(t, r)
	if r.ElapsedS < 0 || r.MovingS > r.ElapsedS {
		t.Fatalf("bad input: elapsed %v moving %v", r.ElapsedS, r.MovingS)
	}
}

func TestTotalsFallbackWithoutSamples(t *testing.T) {
	a := &activity.Activity{Sport: activity.Swimming, Start: t0, Totals: activity.NoTotals()}
	a.Totals.DistanceM, a.Totals.ElapsedS, a.Totals.TimerS = 1700, 3504.649, 3485.293
	r := Analyze(a, Athlete{})
	near(t, "distance", r.DistanceM, 1700, 1e-9)
	near(t, "elapsed", r.ElapsedS, 3504.649, 1e-9)
	near(t, "moving", r.MovingS, 3485.293, 1e-9)
}

// A run at constant pace: 5.5 km at 5:00/km with the device's distance.
func constantRun(km float64) *activity.Activity {
	v := 1000.0 / 300
	n := int(km*300) + 1
	return synth(activity.Running, n, func(i int, s *activity.Sample) {
		s.Dist = v * float64(i)
		s.Speed = v
		s.HR = 150
		s.Cadence = 170
		s.Alt = 100
	})
}

func TestSplitsConstantPace(t *testing.T) {
	r := Analyze(constantRun(5.5), Athlete{})
	mustJSON(t, r)
	near(t, "distance", r.DistanceM, 5500, 0.01)
	near(t, "elapsed", r.ElapsedS, 1650, 1e-9)
	near(t, "moving", r.MovingS, 1650, 1e-9)
	near(t, "pace", val(r.AvgPaceSPerKM), 300, 0.05)
	if len(r.SplitsKM) != 6 {
		t.Fatalf("km splits = %d, want 6: %+v", len(r.SplitsKM), r.SplitsKM)
	}
	for i, sp := range r.SplitsKM[:5] {
		if sp.Index != i+1 {
			t.Errorf("split %d index %d", i, sp.Index)
		}
		near(t, "split distance", sp.DistanceM, 1000, 1e-9)
		near(t, "split time", sp.ElapsedS, 300, 0.001)
		near(t, "split moving", sp.MovingS, 300, 0.001)
		near(t, "split speed", sp.AvgSpeed, 1000.0/300, 0.001)
		near(t, "split hr", val(sp.AvgHR), 150, 1e-9)
		near(t, "split cadence", val(sp.AvgCadence), 170, 1e-9)
		if sp.AvgPower != nil {
			t.Error("split power without power data")
		}
	}
	rem := r.SplitsKM[5]
	near(t, "remainder distance", rem.DistanceM, 500, 0.01)
	near(t, "remainder time", rem.ElapsedS, 150, 0.001)

	if len(r.SplitsMile) != 4 {
		t.Fatalf("mile splits = %d, want 4", len(r.SplitsMile))
	}
	for _, sp := range r.SplitsMile[:3] {
		near(t, "mile distance", sp.DistanceM, mileM, 0.01)
		near(t, "mile time", sp.ElapsedS, mileM*0.3, 0.001)
	}
	near(t, "mile remainder", r.SplitsMile[3].DistanceM, 5500-3*mileM, 0.01)

	// Exactly 5 km: no remainder split.
	r = Analyze(constantRun(5), Athlete{})
	if len(r.SplitsKM) != 5 {
		t.Fatalf("5 km: %d splits", len(r.SplitsKM))
	}
}

func TestBestEffortsFastMiddleKM(t *testing.T) {
	// 2 km at 5:00/km, 1 km at 3:30/km, 2 km at 5:00/km.
	slow, fast := 1000.0/300, 1000.0/210
	total := 600 + 210 + 600
	a := synth(activity.Running, total+1, func(i int, s *activity.Sample) {
		t := float64(i)
		switch {
		case t <= 600:
			s.Dist = slow * t
		case t <= 810:
			s.Dist = 2000 + fast*(t-600)
		default:
			s.Dist = 3000 + slow*(t-810)
		}
	})
	r := Analyze(a, Athlete{})
	mustJSON(t, r)
	want := map[string][2]float64{ // elapsed, start
		"400m":  {84, -1},
		"1k":    {210, 600},
		"1mile": {210 + (mileM-1000)*0.3, -1},
		"5k":    {1410, 0},
	}
	if len(r.BestEfforts) != len(want) {
		t.Fatalf("efforts = %+v", r.BestEfforts)
	}
	for _, e := range r.BestEfforts {
		w, ok := want[e.Name]
		if !ok {
			t.Errorf("unexpected effort %s", e.Name)
			continue
		}
		near(t, e.Name+" time", e.ElapsedS, w[0], 0.01)
		if w[1] >= 0 {
			near(t, e.Name+" start", e.StartS, w[1], 0.01)
		}
	}
	// The mile contains the fast kilometre; the 400 m lies within it.
	for _, e := range r.BestEfforts {
		if e.Name == "400m" && (e.StartS < 600-0.01 || e.StartS+e.ElapsedS > 810+0.01) {
			t.Errorf("400 m %+v outside the fast km", e)
		}
		if e.Name == "1mile" && (e.StartS > 600 || e.StartS+e.ElapsedS < 810) {
			t.Errorf("mile %+v misses the fast km", e)
		}
	}
}

func TestRideEffortsAndPlausibility(t *testing.T) {
	v := 10.0
	a := synth(activity.Cycling, 2501, func(i int, s *activity.Sample) { s.Dist = v * float64(i) })
	r := Analyze(a, Athlete{})
	names := []string{}
	for _, e := range r.BestEfforts {
		names = append(names, e.Name)
		near(t, e.Name, e.ElapsedS, e.DistanceM/v, 0.01)
	}
	if len(names) != 2 || names[0] != "10k" || names[1] != "20k" {
		t.Fatalf("ride efforts %v", names)
	}
	// A distance jump (broken data) must not make a record.
	jump := synth(activity.Running, 1201, func(i int, s *activity.Sample) {
		s.Dist = 3 * float64(i)
		if i > 600 {
			s.Dist += 1000
		}
	})
	for _, e := range Analyze(jump, Athlete{}).BestEfforts {
		if e.DistanceM/e.ElapsedS > 11 {
			t.Errorf("implausible effort kept: %+v", e)
		}
	}
}

func TestMovingTimePausesAndGaps(t *testing.T) {
	// 600 s running, 60 s standing (samples continue, speed 0), 600 s
	// running, then a 120 s gap without samples (auto-pause), 300 s more.
	var samples []activity.Sample
	d := 0.0
	add := func(at int, speed float64) {
		s := activity.NewSample(t0.Add(time.Duration(at) * time.Second))
		d += speed
		s.Dist, s.Speed = d, speed
		samples = append(samples, s)
	}
	at := 0
	for ; at <= 600; at++ {
		add(at, 3)
	}
	for ; at <= 660; at++ {
		add(at, 0)
	}
	for ; at <= 1260; at++ {
		add(at, 3)
	}
	for at += 120; at <= 1680; at++ {
		add(at, 3)
	}
	a := &activity.Activity{Sport: activity.Running, Start: t0, Samples: samples, Totals: activity.NoTotals()}
	r := Analyze(a, Athlete{})
	near(t, "elapsed", r.ElapsedS, 1680, 1e-9)
	// Moving: everything but the 60 s stand and the 121 s gap interval.
	near(t, "moving", r.MovingS, 1680-60-121, 1.01)
	near(t, "avg speed", r.AvgSpeed, r.DistanceM/r.MovingS, 0.001)
}

func TestMovingFromPositionsOnly(t *testing.T) {
	// No device distance or speed: 2 m/s north along a meridian, 100 s
	// standing still with GPS jitter of about a metre.
	const mPerDeg = 111194.9
	lat := 55.75
	a := synth(activity.Running, 801, func(i int, s *activity.Sample) {
		switch {
		case i <= 300:
			lat = 55.75 + float64(i)*2/mPerDeg
		case i <= 400:
			j := 0.6
			if i%2 == 0 {
				j = -0.6
			}
			lat = 55.75 + (600+j)/mPerDeg
		default:
			lat = 55.75 + (600+float64(i-400)*2)/mPerDeg
		}
		s.Lat, s.Lon = lat, 37.6
	})
	r := Analyze(a, Athlete{})
	// The jitter adds no distance: 600 m + 800 m.
	want := route.Distance(route.Point{Lat: 55.75, Lon: 37.6}, route.Point{Lat: lat, Lon: 37.6}) - 0
	near(t, "distance", r.DistanceM, want, 4)
	near(t, "distance", r.DistanceM, 1400, 4)
	near(t, "moving", r.MovingS, 700, 6)
	if len(r.SplitsKM) != 2 {
		t.Errorf("splits %d", len(r.SplitsKM))
	}
}

func TestDistanceCounterReset(t *testing.T) {
	a := synth(activity.Cycling, 201, func(i int, s *activity.Sample) {
		s.Dist = 5 * float64(i%101) // restarts at sample 101
	})
	r := Analyze(a, Athlete{})
	near(t, "distance", r.DistanceM, 500+495, 0.01) // the metres across the restart are unknown
}

func TestElevationNoise(t *testing.T) {
	// 100 m climb over 1000 s then 100 m descent, with ±1.5 m noise.
	seed := uint32(1)
	rnd := func() float64 {
		seed = seed*1664525 + 1013904223
		return float64(seed>>8)/float64(1<<24)*3 - 1.5
	}
	a := synth(activity.Running, 2001, func(i int, s *activity.Sample) {
		base := float64(i) / 10
		if i > 1000 {
			base = 200 - float64(i)/10
		}
		s.Alt = 150 + base + rnd()
		s.Dist = 3 * float64(i)
	})
	r := Analyze(a, Athlete{})
	near(t, "gain", r.ElevGainM, 100, 5)
	near(t, "loss", r.ElevLossM, 100, 5)

	// Pure noise on the flat counts (almost) nothing.
	flat := synth(activity.Running, 3601, func(i int, s *activity.Sample) {
		s.Alt = 150 + rnd()
		s.Dist = 3 * float64(i)
	})
	r = Analyze(flat, Athlete{})
	if r.ElevGainM > 5 || r.ElevLossM > 5 {
		t.Errorf("noise counted as climbing: gain %v loss %v", r.ElevGainM, r.ElevLossM)
	}
	// Elevation of a split is its net difference.
	if len(r.SplitsKM) == 0 {
		t.Fatal("no splits")
	}
}

func TestZones(t *testing.T) {
	if got := KarvonenZones(50, 190); len(got) != 4 || got[0] != 134 || got[1] != 148 || got[2] != 162 || got[3] != 176 {
		t.Fatalf("KarvonenZones = %v", got)
	}
	if KarvonenZones(190, 50) != nil {
		t.Fatal("max below rest")
	}
	// 10 minutes in each of 5 heart rates.
	hrs := []float64{120, 140, 155, 170, 185}
	a := synth(activity.Running, 3001, func(i int, s *activity.Sample) {
		s.HR = hrs[min(i/600, 4)]
		if i > 0 {
			s.HR = hrs[min((i-1)/600, 4)]
		}
		s.Dist = 3 * float64(i)
	})
	r := Analyze(a, Athlete{RestingHR: 50, MaxHR: 190})
	if r.HRZones == nil || r.HRZones.Method != "karvonen" {
		t.Fatalf("zones %+v", r.HRZones)
	}
	for z, v := range r.HRZones.TimeS {
		near(t, "time in zone", v, 600, 1e-9)
		_ = z
	}
	r = Analyze(a, Athlete{MaxHR: 200})
	if r.HRZones.Method != "max_hr" || r.HRZones.Bounds[0] != 120 {
		t.Fatalf("max zones %+v", r.HRZones)
	}
	r = Analyze(a, Athlete{MaxHR: 200, RestingHR: 50, HRZones: []float64{100, 130, 150, 180}})
	if r.HRZones.Method != "custom" {
		t.Fatalf("custom zones %+v", r.HRZones)
	}
	want := []float64{0, 600, 600, 1200, 600}
	for z, v := range r.HRZones.TimeS {
		near(t, "custom zone", v, want[z], 1e-9)
	}
	// Unordered custom zones fall back to Karvonen.
	r = Analyze(a, Athlete{MaxHR: 200, RestingHR: 50, HRZones: []float64{150, 130}})
	if r.HRZones.Method != "karvonen" {
		t.Fatalf("bad custom zones accepted: %+v", r.HRZones)
	}
	// Age alone estimates the maximum (Tanaka: 208 - 0.7 x 40 = 180).
	r = Analyze(a, Athlete{Age: 40})
	if r.HRZones == nil || r.HRZones.Bounds[3] != 162 {
		t.Fatalf("age zones %+v", r.HRZones)
	}
	if r = Analyze(a, Athlete{}); r.HRZones != nil {
		t.Fatal("zones without any athlete data")
	}

	// Power zones: 250 W FTP, 60 s at each of 7 levels.
	levels := []float64{100, 150, 200, 250, 280, 350, 400}
	ride := synth(activity.Cycling, 7*60+1, func(i int, s *activity.Sample) {
		s.Power = levels[min(max(i-1, 0)/60, 6)]
		s.Dist = 8 * float64(i)
	})
	r = Analyze(ride, Athlete{FTP: 250})
	if r.PowerZones == nil || r.PowerZones.Method != "ftp" || len(r.PowerZones.TimeS) != 7 {
		t.Fatalf("power zones %+v", r.PowerZones)
	}
	for _, v := range r.PowerZones.TimeS {
		near(t, "power zone", v, 60, 1e-9)
	}
	wantB := []float64{137.5, 187.5, 225, 262.5, 300, 375}
	for i, b := range r.PowerZones.Bounds {
		near(t, "power bound", b, wantB[i], 0.05)
	}
}

func TestNormalizedPower(t *testing.T) {
	constant := synth(activity.Cycling, 3601, func(i int, s *activity.Sample) { s.Power = 200; s.Dist = 8 * float64(i) })
	r := Analyze(constant, Athlete{FTP: 200})
	near(t, "NP constant", val(r.NormalizedPower), 200, 1e-6)
	near(t, "avg power", val(r.AvgPower), 200, 1e-9)
	near(t, "TSS one hour at FTP", val(r.Load.TSS), 100, 0.05)
	near(t, "IF", val(r.Load.IF), 1, 1e-9)
	if r.Load.TSSMethod != "power" {
		t.Fatalf("method %q", r.Load.TSSMethod)
	}
	near(t, "kcal from work", val(r.Calories), 720/(0.24*4.184), 0.1)

	// 30 s at 100 W, 30 s at 300 W, repeated: the 30 s average is a
	// triangle wave between 100 and 300; NP by a direct computation.
	p := func(i int) float64 {
		if ((i-1)/30)%2 == 0 {
			return 100
		}
		return 300
	}
	alt := synth(activity.Cycling, 3601, func(i int, s *activity.Sample) { s.Power = p(i); s.Dist = 8 * float64(i) })
	var sum4 float64
	var cnt int
	for end := 30; end <= 3600; end++ {
		var s float64
		for k := end - 29; k <= end; k++ {
			s += p(k)
		}
		a := s / 30
		sum4 += a * a * a * a
		cnt++
	}
	want := math.Pow(sum4/float64(cnt), 0.25)
	r = Analyze(alt, Athlete{})
	near(t, "NP alternating", val(r.NormalizedPower), want, 0.05)
	// The continuous triangle wave: ((300^5 - 100^5) / (5 * 200))^(1/4).
	near(t, "NP alternating (analytic)", val(r.NormalizedPower), math.Pow((math.Pow(300, 5)-math.Pow(100, 5))/1000, 0.25), 1)
	near(t, "avg power alternating", val(r.AvgPower), 200, 1e-9)

	// Too short for a 30 s average: no NP.
	short := synth(activity.Cycling, 20, func(i int, s *activity.Sample) { s.Power = 200 })
	if r := Analyze(short, Athlete{}); r.NormalizedPower != nil {
		t.Fatal("NP from 20 s")
	}
}

func TestTRIMPConstantHour(t *testing.T) {
	// One hour at 150 bpm, rest 50, max 190: x = 100/140.
	x := 100.0 / 140
	male := 60 * x * 0.64 * math.Exp(1.92*x)
	female := 60 * x * 0.86 * math.Exp(1.67*x)
	near(t, "TRIMP male formula", TRIMP(60, 150, 50, 190, "male"), male, 1e-9)
	near(t, "TRIMP male value", male, 108.10, 0.01)
	near(t, "TRIMP female value", TRIMP(60, 150, 50, 190, "female"), 121.49, 0.01)
	near(t, "TRIMP unknown", TRIMP(60, 150, 50, 190, ""), (male+female)/2, 1e-9)

	a := synth(activity.Running, 3601, func(i int, s *activity.Sample) { s.HR = 150; s.Dist = 3 * float64(i) })
	r := Analyze(a, Athlete{Sex: "male", RestingHR: 50, MaxHR: 190})
	near(t, "TRIMP via Analyze", val(r.Load.TRIMP), male, 0.05)
	// hrTSS with the assumed threshold (85 % HRR).
	hour := 60 * 0.85 * 0.64 * math.Exp(1.92*0.85)
	near(t, "hrTSS", val(r.Load.TSS), 100*male/hour, 0.05)
	if r.Load.TSSMethod != "hr" {
		t.Fatalf("method %q", r.Load.TSSMethod)
	}
	near(t, "Score", r.Load.Score(), val(r.Load.TSS), 1e-9)
	// One hour at the athlete's threshold heart rate is 100.
	r = Analyze(a, Athlete{Sex: "female", RestingHR: 50, MaxHR: 190, ThresholdHR: 150})
	near(t, "hrTSS at LTHR", val(r.Load.TSS), 100, 0.05)
	near(t, "hrTSS IF", val(r.Load.IF), 1, 0.001)

	// Score of a TRIMP-only load.
	l := Load{TRIMP: ptr(trimpHour(0.85, 0))}
	near(t, "Score from TRIMP", l.Score(), 100, 1e-9)
	near(t, "Score empty", Load{}.Score(), 0, 0)
}

func TestRTSS(t *testing.T) {
	// One hour on the flat at threshold pace (4:00/km) is 100.
	v := 1000.0 / 240
	a := synth(activity.Running, 3601, func(i int, s *activity.Sample) { s.Dist = v * float64(i); s.Alt = 50 })
	r := Analyze(a, Athlete{ThresholdPaceSPerKM: 240})
	near(t, "rTSS", val(r.Load.TSS), 100, 0.1)
	near(t, "IF", val(r.Load.IF), 1, 0.001)
	if r.Load.TSSMethod != "pace" {
		t.Fatalf("method %q", r.Load.TSSMethod)
	}
	// Uphill at the same speed costs more.
	up := synth(activity.Running, 3601, func(i int, s *activity.Sample) { s.Dist = v * float64(i); s.Alt = 50 + 0.05*v*float64(i) })
	if ru := Analyze(up, Athlete{ThresholdPaceSPerKM: 240}); val(ru.Load.TSS) <= 130 {
		t.Fatalf("uphill rTSS %v", val(ru.Load.TSS))
	}
	if gradeFactor(0) != 1 || gradeFactor(-0.1) >= 1 || gradeFactor(0.1) <= 1 {
		t.Fatal("grade factor")
	}
}

func TestCalories(t *testing.T) {
	// Keytel: one hour at 150 bpm, male, 70 kg, 30 years.
	a := synth(activity.Running, 3601, func(i int, s *activity.Sample) { s.HR = 150; s.Dist = 10000.0 / 3600 * float64(i) })
	r := Analyze(a, Athlete{Sex: "male", WeightKG: 70, Age: 30})
	want := (-55.0969 + 0.6309*150 + 0.1988*70 + 0.2017*30) / 4.184 * 60
	near(t, "Keytel", val(r.Calories), want, 0.1)
	r = Analyze(a, Athlete{Sex: "female", WeightKG: 70, Age: 30})
	want = (-20.4022 + 0.4472*150 - 0.1263*70 + 0.074*30) / 4.184 * 60
	near(t, "Keytel female", val(r.Calories), want, 0.1)

	// ACSM running: 10 km flat in 3000 s moving, 70 kg.
	run := synth(activity.Running, 3001, func(i int, s *activity.Sample) { s.Dist = 10000.0 / 3000 * float64(i) })
	r = Analyze(run, Athlete{WeightKG: 70})
	near(t, "ACSM run", val(r.Calories), (0.2*10000+3.5*50)*70/1000*5, 0.1)
	// Without weight: the file's own figure, else nothing.
	if r = Analyze(run, Athlete{}); r.Calories != nil {
		t.Fatal("calories without any data")
	}
	run.Totals.Calories = 640
	near(t, "stated", val(Analyze(run, Athlete{}).Calories), 640, 0)
}

func TestLaps(t *testing.T) {
	a := constantRun(3)
	a.Laps = []activity.Lap{
		{Start: t0, ElapsedS: 300, TimerS: 300, DistanceM: 1000, Trigger: "distance"},
		{Start: t0.Add(300 * time.Second), ElapsedS: 600, TimerS: 600, DistanceM: math.NaN(), Trigger: "manual"},
	}
	r := Analyze(a, Athlete{})
	if len(r.Laps) != 2 {
		t.Fatalf("laps %+v", r.Laps)
	}
	near(t, "lap 1 distance", r.Laps[0].DistanceM, 1000, 1e-9)
	near(t, "lap 2 distance (computed)", r.Laps[1].DistanceM, 2000, 0.01)
	near(t, "lap 2 time", r.Laps[1].ElapsedS, 600, 1e-9)
	near(t, "lap 2 moving", r.Laps[1].MovingS, 600, 0.001)
	near(t, "lap 2 hr", val(r.Laps[1].AvgHR), 150, 1e-9)
	if r.Laps[1].Index != 2 {
		t.Fatal("lap index")
	}
}

func TestRiegel(t *testing.T) {
	// quality.md: a 45:30 10 km predicts 12,559 s for the marathon.
	if got := math.Round(Riegel(10000, 45*60+30, 42195)); got != 12559 {
		t.Fatalf("Riegel = %v, want 12559", got)
	}
	if Riegel(0, 100, 10) != 0 || Riegel(10, math.NaN(), 10) != 0 {
		t.Fatal("invalid input")
	}
}

func TestVDOT(t *testing.T) {
	// quality.md: 20:00 for 5 km is VDOT 49.8.
	if got := math.Round(VDOT(5000, 1200)*10) / 10; got != 49.8 {
		t.Fatalf("VDOT = %v, want 49.8", got)
	}
	// PredictVDOT inverts VDOT.
	for _, c := range [][2]float64{{5000, 1200}, {10000, 2730}, {21097.5, 5400}, {42195, 12000}, {1609.344, 300}} {
		v := VDOT(c[0], c[1])
		near(t, "PredictVDOT inverse", PredictVDOT(v, c[0]), c[1], 0.01)
	}
	// Daniels' tables: VDOT 50 runs 5 km in 19:57 and the marathon in 3:10:49.
	near(t, "VDOT 50 5k", PredictVDOT(50, 5000), 19*60+57, 1.5)
	near(t, "VDOT 50 marathon", PredictVDOT(50, 42195), 3*3600+10*60+49, 30)
	if PredictVDOT(0, 5000) != 0 || PredictVDOT(500, 5000) != 0 || VDOT(0, 1) != 0 {
		t.Fatal("invalid input")
	}
}

func TestAgeGrade(t *testing.T) {
	// Male 40, 5 km in 20:00: 771 s / 0.9496 / 1200 s.
	pct, ok := AgeGrade(activity.FamilyRun, "male", 40, 5000, 1200)
	if !ok {
		t.Fatal("not graded")
	}
	near(t, "male 40 5k", pct, 771/0.9496/1200*100, 0.01)
	// Female 60, marathon in 4:00:00: 8044 s / 0.7766 / 14400 s.
	pct, ok = AgeGrade(activity.FamilyRun, "female", 60, 42195, 14400)
	near(t, "female 60 marathon", pct, 8044/0.7766/14400*100, 0.01)
	// Female 30 half marathon (factor 0.9997), 1 mile male 70 (0.7406).
	pct, _ = AgeGrade(activity.FamilyRun, "female", 30, 21097.5, 6000)
	near(t, "female 30 half", pct, 3871/0.9997/6000*100, 0.01)
	pct, _ = AgeGrade(activity.FamilyRun, "male", 70, mileM, 420)
	near(t, "male 70 mile", pct, 227/0.7406/420*100, 0.01)
	for _, c := range []struct {
		fam, sex string
		age      int
		d        float64
	}{
		{activity.FamilyRide, "male", 40, 5000}, {activity.FamilyRun, "", 40, 5000},
		{activity.FamilyRun, "male", 101, 5000}, {activity.FamilyRun, "male", 4, 5000},
		{activity.FamilyRun, "male", 40, 7000}, {activity.FamilyRun, "male", 40, 400},
	} {
		if _, ok := AgeGrade(c.fam, c.sex, c.age, c.d, 1200); ok {
			t.Errorf("graded %+v", c)
		}
	}
}

func day(n int) time.Time { return t0.Truncate(24*time.Hour).AddDate(0, 0, n) }

func TestFitnessSeries(t *testing.T) {
	// A single 100-point day, then rest.
	days := []Day{{Date: day(0).Add(7 * time.Hour), Load: 60}, {Date: day(0).Add(19 * time.Hour), Load: 40}}
	fs := FitnessSeries(days, day(0), day(2))
	if len(fs) != 3 {
		t.Fatalf("len %d", len(fs))
	}
	ctl0, atl0 := 100.0/42, 100.0/7
	near(t, "load 0", fs[0].Load, 100, 0)
	near(t, "CTL 0", fs[0].CTL, ctl0, 0.005)
	near(t, "ATL 0", fs[0].ATL, atl0, 0.005)
	near(t, "TSB 0", fs[0].TSB, 0, 0)
	ctl1, atl1 := ctl0*41/42, atl0*6/7
	near(t, "CTL 1", fs[1].CTL, ctl1, 0.005)
	near(t, "ATL 1", fs[1].ATL, atl1, 0.005)
	near(t, "TSB 1 (yesterday's)", fs[1].TSB, ctl0-atl0, 0.005)
	near(t, "TSB 2", fs[2].TSB, ctl1-atl1, 0.005)
	if !fs[1].Date.Equal(day(1)) || fs[1].Date.Location() != time.UTC {
		t.Fatalf("date %v", fs[1].Date)
	}

	// Steady 50 a day for a long time converges to CTL = ATL = 50.
	var steady []Day
	for i := -600; i <= 0; i++ {
		steady = append(steady, Day{Date: day(i), Load: 50})
	}
	fs = FitnessSeries(steady, day(0), day(0))
	near(t, "steady CTL", fs[0].CTL, 50, 0.01)
	near(t, "steady ATL", fs[0].ATL, 50, 0.01)
	near(t, "steady TSB", fs[0].TSB, 0, 0.01)

	// History before from warms the series up.
	fs = FitnessSeries(days, day(1), day(1))
	near(t, "warm CTL", fs[0].CTL, ctl1, 0.005)
	if FitnessSeries(days, day(2), day(1)) != nil {
		t.Fatal("reversed range")
	}
}

func TestACWR(t *testing.T) {
	var days []Day
	for i := -27; i <= 0; i++ {
		l := 40.0
		if i > -7 {
			l = 60
		}
		days = append(days, Day{Date: day(i), Load: l})
	}
	days = append(days, Day{Date: day(1), Load: 1000}) // after the day: ignored
	a, c, r := ACWR(days, day(0))
	near(t, "acute", a, 60, 1e-9)
	near(t, "chronic", c, 40, 1e-9)
	near(t, "ratio", r, 1.5, 1e-9)
	if _, _, r := ACWR(nil, day(0)); r != 0 {
		t.Fatal("ratio without load")
	}
}

func TestEffortDistances(t *testing.T) {
	if got := EffortDistances(activity.FamilyRun); len(got) != 7 || got[6].Name != "marathon" || got[6].DistanceM != 42195 {
		t.Fatalf("run %+v", got)
	}
	if got := EffortDistances(activity.FamilyRide); len(got) != 4 || got[3].DistanceM != 100000 {
		t.Fatalf("ride %+v", got)
	}
	if EffortDistances(activity.FamilySwim) != nil {
		t.Fatal("swim")
	}
	EffortDistances(activity.FamilyRun)[0].DistanceM = 1
	if runEfforts[0].DistanceM != 400 {
		t.Fatal("EffortDistances exposes its table")
	}
}

func TestStepDistance(t *testing.T) {
	for _, c := range [][4]float64{
		{55.75, 37.6, 55.7503, 37.6004}, {0, 0, 0.0001, 0.0001}, {-33.9, 151.2, -33.9004, 151.1997},
		{69.65, 18.95, 69.6503, 18.9508}, {55.75, 37.6, 55.76, 37.62}, {55.75, 179.9999, 55.7501, -179.9999},
	} {
		a, b := route.Point{Lat: c[0], Lon: c[1]}, route.Point{Lat: c[2], Lon: c[3]}
		want := route.Distance(a, b)
		sin, cos := math.Sincos(a.Lat * math.Pi / 180)
		got := stepDistance(a, b, sin, cos)
		if math.Abs(got-want) > 0.001 {
			t.Errorf("%v: %v, haversine %v", c, got, want)
		}
	}
}
