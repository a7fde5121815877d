package demo_test

import (
	"encoding/binary"
	"hash/fnv"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/sport/activity"
	"github.com/sporthub/sporthub/internal/sport/demo"
	"github.com/sporthub/sporthub/internal/sport/route"
)

// A Sunday evening, Moscow time.
var seasonEnd = time.Date(2025, 6, 15, 20, 0, 0, 0, time.UTC)

func moscowDay(t time.Time) time.Time {
	l := t.In(time.FixedZone("MSK", 3*3600))
	return time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, time.UTC)
}

// fingerprint hashes everything an activity holds (NaN-safe, unlike
// reflect.DeepEqual).
func fingerprint(acts []*activity.Activity) uint64 {
	h := fnv.New64a()
	f := func(vs ...float64) {
		for _, v := range vs {
			var b [8]byte
			binary.LittleEndian.PutUint64(b[:], math.Float64bits(v))
			h.Write(b[:])
		}
	}
	for _, a := range acts {
		h.Write([]byte(string(a.Sport) + a.SubSport + a.Name + a.Device.Product))
		f(float64(a.Start.UnixNano()))
		for _, s := range a.Samples {
			f(float64(s.Time.UnixNano()), s.Lat, s.Lon, s.Alt, s.Dist, s.Speed, s.HR, s.Cadence, s.Power, s.Temp)
		}
		for _, l := range a.Laps {
			f(float64(l.Start.UnixNano()), l.ElapsedS, l.TimerS, l.DistanceM)
		}
		t := a.Totals
		f(t.DistanceM, t.ElapsedS, t.TimerS, t.AscentM, t.DescentM, t.Calories, t.AvgHR, t.MaxHR, t.AvgSpeed, t.MaxSpeed, t.AvgCadence, t.AvgPower, t.MaxPower)
	}
	return h.Sum64()
}

func TestPersonas(t *testing.T) {
	ps := demo.Personas()
	if len(ps) != 3 {
		t.Fatalf("%d personas", len(ps))
	}
	keys := map[string]bool{}
	moscow := route.Point{Lat: 55.7520, Lon: 37.6175}
	var runner, cyclist, multi bool
	for _, p := range ps {
		if p.Key == "" || p.Name == "" || !strings.Contains(p.Email, "@") || keys[p.Key] || keys[p.Email] {
			t.Errorf("persona %+v: bad or duplicate identity", p)
		}
		keys[p.Key], keys[p.Email] = true, true
		if p.Sex != "female" && p.Sex != "male" {
			t.Errorf("%s: sex %q", p.Key, p.Sex)
		}
		if !slices.Contains([]string{"beginner", "intermediate", "advanced", "elite"}, p.Level) {
			t.Errorf("%s: level %q", p.Key, p.Level)
		}
		if p.RestingHR < 35 || p.RestingHR > 70 || p.MaxHR < 170 || p.MaxHR > 200 || p.WeightKG < 45 || p.WeightKG > 95 ||
			p.ThresholdPaceSPerKM < 200 || p.ThresholdPaceSPerKM > 400 || p.BirthYear < 1960 || p.BirthYear > 2005 {
			t.Errorf("%s: implausible physiology %+v", p.Key, p)
		}
		if d := route.Distance(moscow, route.Point{Lat: p.HomeLat, Lon: p.HomeLon}); d > 25000 {
			t.Errorf("%s: home %.0f m from the centre of Moscow", p.Key, d)
		}
		switch {
		case len(p.Sports) >= 3:
			multi = true
		case p.Sports[0] == activity.Running:
			runner = true
		case p.Sports[0] == activity.Cycling:
			cyclist = p.FTP > 0
		}
	}
	if !runner || !cyclist || !multi {
		t.Errorf("want a runner, a cyclist with a power meter and a multi-sport athlete")
	}
}

func TestSeasonIsDeterministic(t *testing.T) {
	p := demo.Personas()[2]
	a := demo.Season(p, 3, seasonEnd, 42)
	b := demo.Season(p, 3, seasonEnd, 42)
	if len(a) == 0 || fingerprint(a) != fingerprint(b) {
		t.Fatal("the same seed gave different seasons")
	}
	if c := demo.Season(p, 3, seasonEnd, 43); fingerprint(c) == fingerprint(a) {
		t.Error("another seed gave the same season")
	}
	if got := demo.Season(p, 0, seasonEnd, 42); got != nil {
		t.Errorf("0 weeks: %d activities", len(got))
	}
}

// season is generated once: it is the bulk of this package's test time.
var season, seasonTook = func() (map[string][]*activity.Activity, time.Duration) {
	start := time.Now()
	m := map[string][]*activity.Activity{}
	for _, p := range demo.Personas() {
		m[p.Key] = demo.Season(p, 12, seasonEnd, 1)
	}
	return m, time.Since(start)
}()

func persona(key string) demo.Persona {
	for _, p := range demo.Personas() {
		if p.Key == key {
			return p
		}
	}
	panic(key)
}

func TestSeasonPlausible(t *testing.T) {
	for key, acts := range season {
		p := persona(key)
		home := route.Point{Lat: p.HomeLat, Lon: p.HomeLon}
		thr := float64(p.ThresholdPaceSPerKM)
		for i, a := range acts {
			name := key + " " + a.Start.Format("2006-01-02") + " " + a.Name
			if a.Name == "" || len(a.Samples) < 600 {
				t.Errorf("%s: %d samples", name, len(a.Samples))
				continue
			}
			if i > 0 && !a.Start.After(acts[i-1].End()) {
				t.Errorf("%s: overlaps the previous activity", name)
			}
			if a.End().After(seasonEnd) {
				t.Errorf("%s: ends after the season", name)
			}
			if !slices.Contains(p.Sports, a.Sport) {
				t.Errorf("%s: sport %s is not the persona's", name, a.Sport)
			}
			var prev activity.Sample
			for j, s := range a.Samples {
				if j > 0 {
					if dt := s.Time.Sub(prev.Time); dt != time.Second {
						t.Fatalf("%s: sample %d is %v after the previous", name, j, dt)
					}
					if s.Dist < prev.Dist {
						t.Fatalf("%s: distance goes back at %d", name, j)
					}
					if s.HasPos() && prev.HasPos() {
						if d := route.Distance(route.Point{Lat: prev.Lat, Lon: prev.Lon}, route.Point{Lat: s.Lat, Lon: s.Lon}); d > route.MaxSpeed(a.Sport) {
							t.Fatalf("%s: teleport of %.0f m in a second at %d", name, d, j)
						}
					}
				}
				if s.HR < float64(p.RestingHR) || s.HR > float64(p.MaxHR) {
					t.Fatalf("%s: HR %v outside %d..%d", name, s.HR, p.RestingHR, p.MaxHR)
				}
				if s.Speed < 0 || s.Speed > route.MaxSpeed(a.Sport)*0.8 {
					t.Fatalf("%s: speed %v", name, s.Speed)
				}
				switch a.Sport.Family() {
				case activity.FamilyRun:
					if s.Cadence != 0 && (s.Cadence < 140 || s.Cadence > 205) {
						t.Fatalf("%s: running cadence %v", name, s.Cadence)
					}
				case activity.FamilyRide:
					if s.Cadence != 0 && (s.Cadence < 55 || s.Cadence > 125) || s.Power < 0 || s.Power > 3*float64(p.FTP) {
						t.Fatalf("%s: cadence %v power %v", name, s.Cadence, s.Power)
					}
				}
				if s.HasPos() && (s.Alt < 110 || s.Alt > 250) {
					t.Fatalf("%s: altitude %v", name, s.Alt)
				}
				prev = s
			}
			// No GPS jumps for the outlier filter to find.
			cp := slices.Clone(a.Samples)
			if n := route.RemoveOutliers(cp, a.Sport); n != 0 {
				t.Errorf("%s: %d outliers", name, n)
			}
			// Laps add up; totals agree with the samples.
			var lapSum float64
			for _, l := range a.Laps {
				lapSum += l.DistanceM
			}
			dist := a.Samples[len(a.Samples)-1].Dist
			if math.Abs(lapSum-dist) > 1 || math.Abs(a.Totals.DistanceM-dist) > 0.01 || a.Totals.ElapsedS != a.ElapsedS() {
				t.Errorf("%s: laps %.0f, totals %.0f, samples %.0f m", name, lapSum, a.Totals.DistanceM, dist)
			}
			movingPace := a.Totals.TimerS / (dist / 1000) // s per km while moving
			rideKMH := dist / a.Totals.TimerS * 3.6
			isRace := strings.HasPrefix(a.Name, "Race")
			switch {
			case isRace && a.Sport == activity.Running:
				want := map[string]float64{"5K": 5000, "10K": 10000, "Half Marathon": 21097.5}
				ok := false
				for k, m := range want {
					ok = ok || (strings.HasSuffix(a.Name, k) && math.Abs(dist-m) < 1)
				}
				if !ok || movingPace < 0.88*thr || movingPace > 1.12*thr {
					t.Errorf("%s: %.0f m at %.0f s/km (threshold %.0f)", name, dist, movingPace, thr)
				}
				if a.Totals.AvgHR < float64(p.RestingHR)+0.75*float64(p.MaxHR-p.RestingHR) {
					t.Errorf("%s: race at an average of %v bpm", name, a.Totals.AvgHR)
				}
			case a.Sport == activity.Running:
				easy := strings.Contains(a.Name, "Easy") || strings.Contains(a.Name, "Long") || strings.Contains(a.Name, "Recovery") || strings.Contains(a.Name, "Shakeout")
				if dist < 3000 || dist > 32000 || movingPace < 0.95*thr || movingPace > 1.7*thr || (easy && movingPace < 1.15*thr) {
					t.Errorf("%s: %.0f m at %.0f s/km (threshold %.0f)", name, dist, movingPace, thr)
				}
				// Runs start and end at home (the race course is elsewhere).
				first, last := route.Points(a.Samples[:1]), route.Points(a.Samples[len(a.Samples)-1:])
				if route.Distance(first[0], home) > 30 || route.Distance(last[0], home) > 30 {
					t.Errorf("%s: does not start and end at home", name)
				}
			case a.Sport == activity.Cycling:
				if dist < 15000 || dist > 160000 || rideKMH < 20 || rideKMH > 42 || !activity.Has(a.Totals.AvgPower) {
					t.Errorf("%s: %.0f m at %.1f km/h, power %v", name, dist, rideKMH, a.Totals.AvgPower)
				}
			case a.Sport == activity.Swimming:
				per100 := a.Totals.TimerS / (dist / 100)
				if a.HasRoute() || dist < 1000 || dist > 4500 || per100 < 65 || per100 > 130 {
					t.Errorf("%s: %.0f m at %.0f s/100 m, route %v", name, dist, per100, a.HasRoute())
				}
			}
		}
	}
}

// weekOf returns the index of the Monday-to-Sunday week (Moscow time) of t
// counted back from the season's last week.
func weekOf(t time.Time) int {
	end := moscowDay(seasonEnd)
	return int(end.Sub(moscowDay(t)).Hours()/24) / 7
}

func TestSeasonStructure(t *testing.T) {
	for key, acts := range season {
		perWeek := make([]int, 12)
		hours := make([]float64, 12)
		var races []*activity.Activity
		for _, a := range acts {
			w := 11 - weekOf(a.Start)
			if w < 0 {
				t.Fatalf("%s: %s before the season", key, a.Start)
			}
			perWeek[w]++
			hours[w] += a.ElapsedS() / 3600
			if strings.HasPrefix(a.Name, "Race") {
				races = append(races, a)
			}
		}
		for w, n := range perWeek {
			if n < 4 || n > 6 {
				t.Errorf("%s: week %d has %d activities", key, w, n)
			}
		}
		// A goal race in the last week, and others before it.
		if len(races) < 3 || weekOf(races[len(races)-1].Start) != 0 {
			t.Errorf("%s: races %d, last in week %d", key, len(races), weekOf(races[len(races)-1].Start))
		}
		// Every fourth week is easier than the one before it, and the load
		// grows from block to block.
		for _, w := range []int{3, 7} {
			if hours[w] > 0.85*hours[w-1] {
				t.Errorf("%s: recovery week %d has %.1f h after %.1f h", key, w, hours[w], hours[w-1])
			}
		}
		if hours[4]+hours[5]+hours[6] <= hours[0]+hours[1]+hours[2] {
			t.Errorf("%s: no progression: %v", key, hours)
		}
		// Favourite routes come back: some easy or long runs (or rides)
		// are the same route, so route comparisons have something to find.
		simple := make([][]route.Point, len(acts))
		for i, a := range acts {
			simple[i] = route.Simplify(route.Points(a.Samples), 5)
		}
		var same int
		for i, a := range acts {
			for j := i + 1; j < len(acts) && same < 3; j++ {
				b := acts[j]
				if a.Sport == b.Sport && a.HasRoute() && a.Name == b.Name && !strings.HasPrefix(a.Name, "Race") &&
					route.SameRoute(simple[i], simple[j]) {
					same++
				}
			}
		}
		if same < 3 {
			t.Errorf("%s: only %d pairs of activities on the same route", key, same)
		}
	}
}

// A season ending mid-week stops at its end and races the Sunday before.
func TestSeasonEndsMidWeek(t *testing.T) {
	end := time.Date(2025, 6, 18, 5, 0, 0, 0, time.UTC) // Wednesday, 08:00 in Moscow
	acts := demo.Season(demo.Personas()[0], 6, end, 7)
	if len(acts) == 0 {
		t.Fatal("no activities")
	}
	var lastRace *activity.Activity
	for _, a := range acts {
		if a.End().After(end) {
			t.Errorf("%s ends after %s", a.Name, end)
		}
		if strings.HasPrefix(a.Name, "Race") {
			lastRace = a
		}
	}
	if lastRace == nil || moscowDay(lastRace.Start) != time.Date(2025, 6, 15, 0, 0, 0, 0, time.UTC) {
		t.Errorf("last race: %v", lastRace)
	}
}

func TestSeasonIsFast(t *testing.T) {
	n := 0
	for _, acts := range season {
		for _, a := range acts {
			n += len(a.Samples)
		}
	}
	t.Logf("12 weeks x 3 personas: %d samples in %v", n, seasonTook)
	// A few tenths of a second of CPU (BenchmarkSeason); the bound leaves
	// room for the race detector and a busy machine.
	if seasonTook > 30*time.Second {
		t.Errorf("took %v", seasonTook)
	}
}

func BenchmarkSeason(b *testing.B) {
	ps := demo.Personas()
	for b.Loop() {
		for _, p := range ps {
			demo.Season(p, 12, seasonEnd, 1)
		}
	}
}
