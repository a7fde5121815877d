package analysis

import (
	"math"
	"testing"

	"github.com/sporthub/sporthub/internal/sport/activity"
)

// hourRide is a realistic one-hour 1 Hz ride with every channel.
func hourRide() *activity.Activity {
	d := 0.0
	return synth(activity.Cycling, 3601, func(i int, s *activity.Sample) {
		x := float64(i)
		v := 8 + 2*math.Sin(x/120)
		d += v
		s.Lat = 55.75 + 0.01*math.Sin(x/600)
		s.Lon = 37.6 + 0.01*math.Cos(x/600)
		s.Alt = 150 + 30*math.Sin(x/300) + 0.3*math.Sin(x*1.7)
		s.Dist, s.Speed = d, v
		s.HR = 140 + 15*math.Sin(x/200)
		s.Cadence = 85 + 5*math.Sin(x/30)
		s.Power = 200 + 80*math.Sin(x/45)
		s.Temp = 18
	})
}

func BenchmarkAnalyze(b *testing.B) {
	a := hourRide()
	ath := Athlete{Age: 40, Sex: "male", WeightKG: 75, RestingHR: 50, MaxHR: 185, FTP: 250}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		Analyze(a, ath)
	}
}

func BenchmarkAnalyzeGPSOnly(b *testing.B) {
	a := hourRide()
	for i := range a.Samples {
		a.Samples[i].Dist, a.Samples[i].Speed = math.NaN(), math.NaN()
	}
	ath := Athlete{Age: 40, Sex: "male", WeightKG: 75, RestingHR: 50, MaxHR: 185, FTP: 250}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		Analyze(a, ath)
	}
}

func TestHourRideSanity(t *testing.T) {
	r := Analyze(hourRide(), Athlete{Age: 40, Sex: "male", WeightKG: 75, RestingHR: 50, MaxHR: 185, FTP: 250})
	mustJSON(t, r)
	near(t, "distance", r.DistanceM, 28800, 300)
	near(t, "moving", r.MovingS, 3600, 0)
	near(t, "avg power", val(r.AvgPower), 200, 2)
	if np := val(r.NormalizedPower); np <= 200 || np > 230 {
		t.Errorf("NP %v", np)
	}
}
