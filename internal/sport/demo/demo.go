// Package demo generates realistic, deterministic training seasons for
// demo athletes, so that a newcomer to an empty platform sees a living
// dashboard, activity pages and records at once.
//
// A season is a plan (progressive weekly load in four-week blocks, every
// fourth week a recovery week, a few races with a taper) played out as 1 Hz
// recordings: routes from the athlete's home along streets (straights,
// turns, traffic lights) to a park or road loop and back, the same
// favourite routes again and again; altitude from a smooth terrain; speed
// that follows the workout (easy, long, tempo, intervals, race), the grade
// and the turns; heart rate that lags the effort and drifts upwards over
// long sessions; cadence; power for rides (from the cycling power-speed
// equation) and for the runs of athletes with a running power meter; pool
// swims without positions. Everything comes from one seeded generator:
// the same arguments give the same season.
package demo

import (
	"hash/fnv"
	"math"
	"math/rand/v2"
	"time"

	"github.com/sporthub/sporthub/internal/sport/activity"
)

// Persona is a demo athlete.
type Persona struct {
	Key, Name, Email string
	// Sex is "female" or "male" (profilesapi.Sexes).
	Sex       string
	BirthYear int
	WeightKG  float64
	RestingHR int
	MaxHR     int
	// FTP is the functional threshold power in watts; 0 when the athlete
	// has no power meter.
	FTP                 int
	ThresholdPaceSPerKM int
	Sports              []activity.Sport
	HomeLat, HomeLon    float64
	// Level is one of profilesapi.Levels.
	Level string
}

// Personas returns the demo athletes: a runner, a cyclist who also runs,
// and a triathlete. Their homes are in Moscow.
func Personas() []Persona {
	return []Persona{
		{
			Key: "anna", Name: "Anna Sokolova", Email: "anna.sokolova@demo.sporthub.example",
			Sex: "female", BirthYear: 1992, WeightKG: 56, RestingHR: 46, MaxHR: 189, FTP: 0,
			ThresholdPaceSPerKM: 258, Sports: []activity.Sport{activity.Running},
			HomeLat: 55.7893, HomeLon: 37.6786, Level: "advanced",
		},
		{
			Key: "dmitry", Name: "Dmitry Volkov", Email: "dmitry.volkov@demo.sporthub.example",
			Sex: "male", BirthYear: 1985, WeightKG: 74, RestingHR: 52, MaxHR: 184, FTP: 265,
			ThresholdPaceSPerKM: 300, Sports: []activity.Sport{activity.Cycling, activity.Running},
			HomeLat: 55.7566, HomeLon: 37.4302, Level: "intermediate",
		},
		{
			Key: "olga", Name: "Olga Petrova", Email: "olga.petrova@demo.sporthub.example",
			Sex: "female", BirthYear: 1988, WeightKG: 61, RestingHR: 50, MaxHR: 186, FTP: 205,
			ThresholdPaceSPerKM: 282, Sports: []activity.Sport{activity.Running, activity.Cycling, activity.Swimming},
			HomeLat: 55.7268, HomeLon: 37.5946, Level: "intermediate",
		},
	}
}

// moscow is the demo athletes' time zone (UTC+3 all year).
var moscow = time.FixedZone("MSK", 3*3600)

// athlete is a persona with its world: favourite courses and gear.
type athlete struct {
	p        Persona
	home     xy
	runs     []*course
	rides    []*course
	race     []xy // the race loop at Luzhniki
	cssMS    float64
	runPower bool
	device   activity.Device
	bikeKG   float64
	template func(g *season, w week) []plan
}

// site is a loop centre and perimeter.
type site struct {
	name      string
	lat, lon  float64
	perimeter float64
}

func newAthlete(p Persona, r *rand.Rand) *athlete {
	a := &athlete{p: p, home: toXY(p.HomeLat, p.HomeLon), cssMS: 1.1, bikeKG: 9}
	var runs, rides []site
	switch p.Key {
	case "anna":
		runs = []site{{"Sokolniki", 55.7972, 37.6742, 3200}, {"Sokolniki big loop", 55.8020, 37.6690, 5600},
			{"Yauza embankment", 55.7805, 37.6960, 2600}, {"Izmailovsky Park", 55.7745, 37.7500, 6200}}
		a.device = activity.Device{Manufacturer: "garmin", Product: "forerunner_965", Serial: "3391026612"}
		a.template = runnerWeek
	case "dmitry":
		runs = []site{{"Krylatskoye Hills", 55.7612, 37.4360, 3000}, {"Filyovsky Park", 55.7475, 37.4790, 4200}}
		rides = []site{{"Krylatskoye circuit", 55.7655, 37.4150, 13500}, {"Rublyovo loop", 55.7840, 37.3600, 22000},
			{"Strogino loop", 55.7990, 37.4010, 16000}, {"Minskaya loop", 55.7230, 37.4200, 9000}}
		a.device = activity.Device{Manufacturer: "wahoo_fitness", Product: "elemnt_roam", Serial: "WR2-10457"}
		a.template = cyclistWeek
	default:
		runs = []site{{"Neskuchny Garden", 55.7185, 37.5905, 3000}, {"Vorobyovy Gory", 55.7110, 37.5590, 5200},
			{"Frunzenskaya embankment", 55.7300, 37.5870, 2400}}
		rides = []site{{"Vorobyovy Gory loop", 55.7085, 37.5400, 12000}, {"Krylatskoye circuit", 55.7655, 37.4150, 13500},
			{"Kolomenskoye loop", 55.6700, 37.6700, 15000}}
		a.device = activity.Device{Manufacturer: "garmin", Product: "forerunner_955", Serial: "3387710945"}
		a.template = triathleteWeek
		a.cssMS = 1.3
		a.runPower = true
	}
	for _, s := range runs {
		a.runs = append(a.runs, newCourse(r, s.name, a.home, toXY(s.lat, s.lon), s.perimeter))
	}
	for _, s := range rides {
		a.rides = append(a.rides, newCourse(r, s.name, a.home, toXY(s.lat, s.lon), s.perimeter))
	}
	// The race loop round Luzhniki is the same for everyone.
	rr := rand.New(rand.NewPCG(7, 7))
	a.race = loop(rr, toXY(55.7155, 37.5545), 5000, toXY(55.7200, 37.5600), false)
	return a
}

// Season returns p's activities over the given number of weeks up to end
// (nothing after end), oldest first: 4 to 6 a week. The same arguments
// give the same season. The last full week ends with the season's goal
// race; weeks are Monday to Sunday in Moscow time.
func Season(p Persona, weeks int, end time.Time, seed int64) []*activity.Activity {
	if weeks <= 0 {
		return nil
	}
	h := fnv.New64a()
	h.Write([]byte(p.Key))
	r := rand.New(rand.NewPCG(uint64(seed), h.Sum64()))
	a := newAthlete(p, r)
	endDay := end.In(moscow)
	endDay = time.Date(endDay.Year(), endDay.Month(), endDay.Day(), 0, 0, 0, 0, moscow)
	// Monday of the first week.
	monday := endDay.AddDate(0, 0, -((int(endDay.Weekday())+6)%7)-7*(weeks-1))
	// The last week whose Sunday is not after end's day.
	lastFull := weeks - 1
	if endDay.Weekday() != time.Sunday {
		lastFull--
	}
	g := &season{a: a, r: r, weeks: weeks, races: raceWeeks(p.Key, weeks, lastFull)}
	var out []*activity.Activity
	for w := 0; w < weeks; w++ {
		wk := g.week(w)
		for _, pl := range a.template(g, wk) {
			day := monday.AddDate(0, 0, 7*w+pl.day)
			start := day.Add(time.Duration(pl.hour*float64(time.Hour)) + time.Duration(r.IntN(40))*time.Minute +
				time.Duration(r.IntN(60))*time.Second)
			act := g.play(pl, wk, start.UTC())
			if act == nil || act.End().After(end) {
				continue
			}
			out = append(out, act)
		}
	}
	return out
}

// raceWeeks places races: the goal race in the last full week, others
// about a third and two thirds in.
func raceWeeks(key string, weeks, lastFull int) map[int]string {
	races := map[int]string{}
	if lastFull < 0 {
		return races
	}
	goal, early, mid := "half", "5k", "10k"
	switch key {
	case "dmitry":
		goal, early, mid = "tt40", "5k", "10k"
	case "olga":
		goal, early, mid = "half", "10k", "5k"
	}
	races[lastFull] = goal
	if lastFull >= 5 {
		races[int(math.Round(float64(lastFull)*0.3))] = early
		races[int(math.Round(float64(lastFull)*0.65))] = mid
	} else if lastFull >= 2 {
		races[lastFull/2] = mid
	}
	return races
}

// season carries the state of one generation.
type season struct {
	a     *athlete
	r     *rand.Rand
	weeks int
	races map[int]string
}

// week is what the plan says about one week.
type week struct {
	index    int
	load     float64 // volume factor, 1 = the athlete's base week
	recovery bool
	race     string  // the race on Sunday, or ""
	fitness  float64 // threshold speed and FTP relative to the persona's (end of season) values
}

func (g *season) week(w int) week {
	block, pos := w/4, w%4
	load := (1 + 0.05*float64(block)) * []float64{1.0, 1.08, 1.16, 0.68}[pos]
	wk := week{index: w, load: math.Min(load, 1.4), recovery: pos == 3, race: g.races[w]}
	if wk.race != "" {
		wk.load *= 0.8 // taper
	}
	if g.races[w-1] == "half" || g.races[w-1] == "tt40" {
		wk.recovery, wk.load = true, 0.65
	}
	wk.fitness = 0.96 + 0.04*float64(w+1)/float64(g.weeks)
	return wk
}
