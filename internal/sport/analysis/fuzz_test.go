package analysis

import (
	"math"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/sport/activity"
)

// fuzzActivity turns bytes into an activity: 8 bytes per sample (time
// step, distance step, speed, heart rate, cadence, power, altitude step,
// position step); a byte of 255 makes that channel missing, and a
// time-step byte of 254 goes back in time.
func fuzzActivity(sport byte, data []byte) *activity.Activity {
	sports := activity.Sports
	a := &activity.Activity{Sport: sports[int(sport)%len(sports)], Start: t0, Totals: activity.NoTotals()}
	at, dist, alt, lat := t0, 0.0, 100.0, 55.0
	ch := func(b byte, v float64) float64 {
		if b == 255 {
			return math.NaN()
		}
		return v
	}
	for len(data) >= 8 {
		b := data[:8]
		data = data[8:]
		switch b[0] {
		case 254:
			at = at.Add(-3 * time.Second)
		default:
			at = at.Add(time.Duration(b[0]) * 100 * time.Millisecond)
		}
		s := activity.NewSample(at)
		dist += float64(b[1]) / 10
		alt += float64(int8(b[6])) / 4
		lat += float64(int8(b[7])) * 1e-5
		s.Dist = ch(b[1], dist)
		s.Speed = ch(b[2], float64(b[2])/10)
		s.HR = ch(b[3], float64(b[3]))
		s.Cadence = ch(b[4], float64(b[4]))
		s.Power = ch(b[5], float64(b[5])*4)
		s.Alt = ch(b[6], alt)
		s.Lat, s.Lon = ch(b[7], lat), ch(b[7], 37)
		a.Samples = append(a.Samples, s)
	}
	if len(a.Samples) > 3 {
		a.Laps = []activity.Lap{
			{Start: t0, ElapsedS: 5, DistanceM: math.NaN()},
			{Start: a.Samples[len(a.Samples)/2].Time, ElapsedS: math.NaN(), DistanceM: 10},
		}
	}
	return a
}

func FuzzAnalyze(f *testing.F) {
	f.Add(byte(0), []byte{10, 30, 30, 140, 170, 50, 1, 3, 10, 30, 30, 141, 171, 50, 1, 3, 10, 30, 30, 142, 172, 50, 255, 3})
	f.Add(byte(2), []byte{10, 80, 80, 130, 90, 60, 0, 10, 254, 80, 80, 255, 90, 255, 0, 10, 200, 0, 0, 0, 0, 0, 0, 0, 10, 255, 255, 255, 255, 255, 255, 255})
	f.Add(byte(4), []byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, sport byte, data []byte) {
		if len(data) > 8*5000 {
			return
		}
		a := fuzzActivity(sport, data)
		r := Analyze(a, Athlete{Age: 35, Sex: "female", WeightKG: 60, RestingHR: 48, MaxHR: 188, ThresholdPaceSPerKM: 270, FTP: 200})
		mustJSON(t, r)
		if r.ElapsedS < 0 || r.MovingS < 0 || r.MovingS > r.ElapsedS+1e-6 || r.DistanceM < 0 {
			t.Fatalf("elapsed %v moving %v distance %v", r.ElapsedS, r.MovingS, r.DistanceM)
		}
		if r.ElevGainM < 0 || r.ElevLossM < 0 {
			t.Fatalf("elevation %v %v", r.ElevGainM, r.ElevLossM)
		}
		for _, e := range r.BestEfforts {
			if e.ElapsedS <= 0 || e.StartS < 0 || e.StartS+e.ElapsedS > r.ElapsedS+1e-3 {
				t.Fatalf("effort %+v (elapsed %v)", e, r.ElapsedS)
			}
		}
		var d float64
		for _, sp := range r.SplitsKM {
			d += sp.DistanceM
		}
		if r.DistanceM > 0 && len(r.SplitsKM) > 0 && math.Abs(d-r.DistanceM) > 1+1e-6*r.DistanceM {
			t.Fatalf("splits %v, distance %v", d, r.DistanceM)
		}
		if r.Load.Score() < 0 {
			t.Fatalf("negative load %+v", r.Load)
		}
	})
}
