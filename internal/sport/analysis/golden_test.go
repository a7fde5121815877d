package analysis

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/sporthub/sporthub/internal/sport/actfile"
	"github.com/sporthub/sporthub/internal/sport/activity"
)

// decodeSDK decodes one of the FIT SDK example files kept in actfile's
// testdata (with their licence, LICENSE-FIT-SDK).
func decodeSDK(t testing.TB, name string) *activity.Activity {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "actfile", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	res, err := actfile.Decode(name, b)
	if err != nil {
		t.Fatalf("decode %s: %v", name, err)
	}
	return res.Activity
}

// TestGoldenLowBattery compares the analysis of a real ride (the FIT SDK's
// activity_lowbattery.fit, an Edge with a barometric altimeter and a power
// meter, FTP 250 W in the file) with the session and lap totals the device
// computed (from activity_lowbattery.csv).
func TestGoldenLowBattery(t *testing.T) {
	a := decodeSDK(t, "activity_lowbattery.fit")
	if a.Sport != activity.Cycling {
		t.Fatalf("sport %s", a.Sport)
	}
	r := Analyze(a, Athlete{FTP: 250})
	mustJSON(t, r)
	// session: total_distance 28156.69 m, total_elapsed_time = total_timer_time
	// 3975.076 s, total_ascent 381 m, total_descent 381 m, avg/max heart rate
	// 118/167, avg cadence 82 (fractional .109), avg/max power 138/735 W,
	// normalized_power 207 W, intensity_factor 0.827, training_stress_score
	// 74.9, max_speed 13.996 m/s, total_work 549905 J, total_calories 548.
	near(t, "distance", r.DistanceM, 28156.69, 0.01)
	near(t, "elapsed", r.ElapsedS, 3975.076, 1)
	near(t, "moving", r.MovingS, 3975.076, 0.01*3975) // we leave out 20 s standing
	near(t, "ascent", r.ElevGainM, 381, 0.03*381)
	near(t, "descent", r.ElevLossM, 381, 0.03*381)
	near(t, "avg hr", val(r.AvgHR), 118, 1)
	near(t, "max hr", val(r.MaxHR), 167, 0)
	near(t, "avg cadence", val(r.AvgCadence), 82.109, 1)
	near(t, "avg power", val(r.AvgPower), 138, 1)
	near(t, "max power", val(r.MaxPower), 735, 0)
	near(t, "NP", val(r.NormalizedPower), 207, 1.5)
	near(t, "IF", val(r.Load.IF), 0.827, 0.005)
	near(t, "TSS", val(r.Load.TSS), 74.9, 1.5)
	near(t, "max speed", r.MaxSpeed, 13.996, 0.001)
	near(t, "calories", val(r.Calories), 548, 0.02*548)
	near(t, "avg speed", r.AvgSpeed, 28156.69/r.MovingS, 0.001)

	// laps: elapsed, distance, avg hr, max hr, avg power, normalized power.
	laps := [][5]float64{
		{1152.211, 8046.72, 103, 137, 117},
		{1008.791, 8046.72, 125, 163, 169},
		{1095.604, 8046.72, 128, 167, 155},
		{718.47, 4016.53, 118, 156, 105},
	}
	if len(r.Laps) != len(laps) {
		t.Fatalf("laps %d", len(r.Laps))
	}
	for i, l := range r.Laps {
		w := laps[i]
		near(t, "lap elapsed", l.ElapsedS, w[0], 0.001)
		near(t, "lap distance", l.DistanceM, w[1], 0.001)
		near(t, "lap hr", val(l.AvgHR), w[2], 1.5)
		near(t, "lap power", val(l.AvgPower), w[4], 2)
	}

	// Splits cover the whole ride.
	var d, el float64
	for _, sp := range r.SplitsKM {
		d += sp.DistanceM
		el += sp.ElapsedS
	}
	near(t, "km splits distance", d, r.DistanceM, 0.1)
	near(t, "km splits time", el, r.ElapsedS, 1.5)
	if len(r.SplitsKM) != 29 || len(r.SplitsMile) != 18 {
		t.Errorf("splits %d km, %d mile", len(r.SplitsKM), len(r.SplitsMile))
	}
	// A 28 km ride has 10k and 20k best efforts, each faster than the
	// ride's average.
	if len(r.BestEfforts) != 2 || r.BestEfforts[0].Name != "10k" || r.BestEfforts[1].Name != "20k" {
		t.Fatalf("efforts %+v", r.BestEfforts)
	}
	for _, e := range r.BestEfforts {
		if e.DistanceM/e.ElapsedS < r.DistanceM/r.ElapsedS {
			t.Errorf("%s slower than the average", e.Name)
		}
	}
	if r.PowerZones == nil || r.HRZones != nil {
		t.Fatalf("zones: power %v hr %v", r.PowerZones, r.HRZones)
	}
	var zt float64
	for _, v := range r.PowerZones.TimeS {
		zt += v
	}
	near(t, "time in power zones", zt, r.ElapsedS, 0.01*r.ElapsedS)
}

// TestGoldenActivity checks the FIT SDK's Activity.fit against its session
// message: total_elapsed_time = total_timer_time = 3601 s (from start_time
// to the session's timestamp, one second after the last record), and the
// last record's distance, 3600 m.
func TestGoldenActivity(t *testing.T) {
	a := decodeSDK(t, "Activity.fit")
	r := Analyze(a, Athlete{})
	mustJSON(t, r)
	near(t, "elapsed", r.ElapsedS, 3601, 1)
	near(t, "moving", r.MovingS, 3601, 1)
	near(t, "distance", r.DistanceM, 3600, 0.01)
	near(t, "stated elapsed", a.Totals.ElapsedS, 3601, 0.001)
	if len(r.SplitsKM) != 4 || r.SplitsKM[3].DistanceM != 600 {
		t.Errorf("splits %+v", r.SplitsKM)
	}
}

// TestGoldenPoolSwim: a pool swim with sparse records; the distance comes
// from the records (457.2 m = 18 lengths of 25.4 m, the session's
// total_distance) and the time from the session (840 s).
func TestGoldenPoolSwim(t *testing.T) {
	a := decodeSDK(t, "activity_poolswim.fit")
	r := Analyze(a, Athlete{})
	mustJSON(t, r)
	near(t, "distance", r.DistanceM, 457.2, 0.01)
	near(t, "elapsed", r.ElapsedS, 840, 1)
	if len(r.BestEfforts) != 0 {
		t.Errorf("swim efforts %+v", r.BestEfforts)
	}
}

// Analyze is used from concurrent consumers; its pooled scratch space must
// not leak between calls.
func TestConcurrentAnalyze(t *testing.T) {
	ride := decodeSDK(t, "activity_lowbattery.fit")
	run := constantRun(5.5)
	ath := Athlete{FTP: 250, MaxHR: 190, RestingHR: 50}
	wantRide, _ := json.Marshal(Analyze(ride, ath))
	wantRun, _ := json.Marshal(Analyze(run, ath))
	var wg sync.WaitGroup
	errs := make(chan string, 16)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 5; k++ {
				a, want := ride, wantRide
				if (g+k)%2 == 1 {
					a, want = run, wantRun
				}
				got, _ := json.Marshal(Analyze(a, ath))
				if string(got) != string(want) {
					errs <- "results differ under concurrency"
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
}
