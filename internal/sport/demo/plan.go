package demo

import (
	"fmt"
	"math"

	"github.com/sporthub/sporthub/internal/sport/activity"
)

// segment is one part of a workout. It lasts dist metres or dur seconds;
// the last segment of a route-bound workout runs to the end of the route.
// level is a fraction of the threshold speed (runs, swims) or of FTP
// (rides); rest is standing still (between swim sets).
type segment struct {
	dist, dur float64
	level     float64
	rest      bool
}

// plan is one planned workout.
type plan struct {
	day   int     // 0 = Monday
	hour  float64 // local start hour
	sport activity.Sport
	kind  string // easy, recovery, long, tempo, intervals, race, endurance, vo2, sweetspot, swim
	segs  []segment
	distM float64 // planned distance, to choose a route
	name  string  // "%s" is replaced by the route's name
	race  string
}

func (g *season) hour(weekend bool) float64 {
	if weekend {
		return 8 + 1.5*g.r.Float64()
	}
	if g.r.Float64() < 0.6 {
		return 6.5 + 0.5*g.r.Float64()
	}
	return 18.5 + g.r.Float64()
}

func clampInt(v, lo, hi int) int { return max(lo, min(hi, v)) }

// Run workouts. Distances in metres.
func easyRun(g *season, day int, m float64, kind string) plan {
	name := "Easy run · %s"
	level := 0.8
	switch kind {
	case "recovery":
		name, level = "Recovery run", 0.72
	case "shakeout":
		name, level, kind = "Shakeout run", 0.78, "easy"
	}
	return plan{day: day, hour: g.hour(day >= 5), sport: activity.Running, kind: kind,
		segs: []segment{{dist: m, level: level}}, distM: m, name: name}
}

func longRun(g *season, day int, m float64, progression bool) plan {
	segs := []segment{{dist: m, level: 0.78}}
	name := "Long run · %s"
	if progression {
		segs = []segment{{dist: m - 3000, level: 0.78}, {dist: 3000, level: 0.92}}
		name = "Progression long run · %s"
	}
	return plan{day: day, hour: g.hour(true), sport: activity.Running, kind: "long", segs: segs, distM: m, name: name}
}

func tempoRun(g *season, day int, tempoKM int) plan {
	t := float64(tempoKM) * 1000
	return plan{day: day, hour: g.hour(false), sport: activity.Running, kind: "tempo",
		segs:  []segment{{dist: 2500, level: 0.76}, {dist: t, level: 0.98}, {dist: 2000, level: 0.72}},
		distM: 4500 + t, name: fmt.Sprintf("Tempo %d km", tempoKM)}
}

func intervalRun(g *season, day int, reps int) plan {
	segs := []segment{{dist: 2500, level: 0.76}}
	for i := 0; i < reps; i++ {
		segs = append(segs, segment{dist: 800, level: 1.08}, segment{dist: 400, level: 0.62})
	}
	segs = append(segs, segment{dist: 2000, level: 0.72})
	return plan{day: day, hour: g.hour(false), sport: activity.Running, kind: "intervals", segs: segs,
		distM: 4500 + float64(reps)*1200, name: fmt.Sprintf("Intervals %d×800 m", reps)}
}

var raceDist = map[string]float64{"5k": 5000, "10k": 10000, "half": 21097.5, "tt40": 40000}
var raceName = map[string]string{"5k": "Race · Luzhniki 5K", "10k": "Race · Moscow 10K",
	"half": "Race · Moscow Half Marathon", "tt40": "Race · Krylatskoye 40 km TT"}
var raceLevel = map[string]float64{"5k": 1.06, "10k": 1.02, "half": 0.97, "tt40": 0.98}

func racePlan(kind string) plan {
	sp := activity.Running
	if kind == "tt40" {
		sp = activity.Cycling
	}
	m := raceDist[kind]
	return plan{day: 6, hour: 9, sport: sp, kind: "race", race: kind,
		segs: []segment{{dist: m, level: raceLevel[kind]}}, distM: m, name: raceName[kind]}
}

// Ride workouts: durations in seconds; distM estimates the distance.
func ride(g *season, day int, kind string, m float64) plan {
	p := plan{day: day, hour: g.hour(day >= 5), sport: activity.Cycling, kind: kind, distM: m}
	switch kind {
	case "vo2":
		p.segs = []segment{{dur: 900, level: 0.6}}
		for i := 0; i < 5; i++ {
			p.segs = append(p.segs, segment{dur: 240, level: 1.12}, segment{dur: 240, level: 0.5})
		}
		p.segs = append(p.segs, segment{dur: 600, level: 0.58})
		p.name = "VO2max 5×4 min"
	case "sweetspot":
		p.segs = []segment{{dur: 900, level: 0.62}}
		for i := 0; i < 3; i++ {
			p.segs = append(p.segs, segment{dur: 720, level: 0.9}, segment{dur: 300, level: 0.55})
		}
		p.segs = append(p.segs, segment{dur: 600, level: 0.6})
		p.name = "Sweet spot 3×12 min"
	case "recovery":
		p.segs = []segment{{dur: 3600, level: 0.5}}
		p.name = "Recovery spin"
	case "long":
		p.segs = []segment{{dur: 1e6, level: 0.64}}
		p.name = "Long ride · %s"
	default:
		p.segs = []segment{{dur: 1e6, level: 0.68}}
		p.name = "Endurance ride · %s"
	}
	return p
}

func swim(g *season, day int, m float64, structured bool) plan {
	p := plan{day: day, hour: 7, sport: activity.Swimming, kind: "swim", distM: m}
	if structured {
		p.segs = []segment{{dist: 300, level: 0.85}}
		for i := 0; i < 8; i++ {
			p.segs = append(p.segs, segment{dist: 100, level: 1.0}, segment{dur: 20, rest: true})
		}
		p.segs = append(p.segs, segment{dist: 400, level: 0.88}, segment{dur: 60, rest: true})
		for i := 0; i < 6; i++ {
			p.segs = append(p.segs, segment{dist: 50, level: 1.06}, segment{dur: 15, rest: true})
		}
		rest := math.Max(200, m-2000)
		p.segs = append(p.segs, segment{dist: rest, level: 0.8})
		p.name = "Pool swim · 8×100 m"
		return p
	}
	for left := m; left > 0; left -= 500 {
		p.segs = append(p.segs, segment{dist: math.Min(500, left), level: 0.87}, segment{dur: 30, rest: true})
	}
	p.segs = p.segs[:len(p.segs)-1]
	p.name = "Pool swim · endurance"
	return p
}

// runnerWeek: intervals Tuesday, easy Wednesday, tempo Thursday, an
// extra recovery run Friday in big weeks, easy Saturday, long run or race
// Sunday.
func runnerWeek(g *season, w week) []plan {
	f := w.load
	var ps []plan
	if w.recovery {
		ps = append(ps, easyRun(g, 1, 6500*f, "easy"))
	} else {
		reps := clampInt(int(math.Round(5+3*(f-1)/0.4)), 4, 8)
		if w.race != "" {
			reps -= 2
		}
		ps = append(ps, intervalRun(g, 1, reps))
	}
	ps = append(ps, easyRun(g, 2, 8000*f, "easy"))
	if w.recovery {
		ps = append(ps, easyRun(g, 3, 6000, "recovery"))
	} else {
		ps = append(ps, tempoRun(g, 3, clampInt(int(math.Round(5+4*(f-1)/0.4)), 4, 9)))
	}
	if f >= 1.1 && w.race == "" {
		ps = append(ps, easyRun(g, 4, 5000, "recovery"))
	}
	if w.race != "" {
		ps = append(ps, easyRun(g, 5, 4500, "shakeout"), racePlan(w.race))
	} else {
		ps = append(ps, easyRun(g, 5, 7000*f, "easy"), longRun(g, 6, math.Min(15000*f, 26000), !w.recovery && w.index%2 == 1))
	}
	return ps
}

// cyclistWeek: VO2max ride Tuesday, easy run Wednesday, sweet spot
// Thursday, recovery spin Friday in big weeks, long ride Saturday,
// endurance ride (or a race) Sunday.
func cyclistWeek(g *season, w week) []plan {
	f := w.load
	var ps []plan
	if w.recovery {
		ps = append(ps, ride(g, 1, "endurance", 30000))
	} else {
		ps = append(ps, ride(g, 1, "vo2", 36000))
	}
	ps = append(ps, easyRun(g, 2, 6000*math.Min(f, 1.2), "easy"))
	if w.recovery {
		ps = append(ps, easyRun(g, 3, 5000, "recovery"))
	} else {
		ps = append(ps, ride(g, 3, "sweetspot", 45000))
	}
	if f >= 1.1 && w.race == "" {
		ps = append(ps, ride(g, 4, "recovery", 25000))
	}
	long := 75000 * f
	if w.race != "" {
		long = 40000
	}
	ps = append(ps, ride(g, 5, "long", long))
	switch {
	case w.race != "":
		ps = append(ps, racePlan(w.race))
	case w.recovery:
		ps = append(ps, easyRun(g, 6, 8000, "easy"))
	default:
		ps = append(ps, ride(g, 6, "endurance", 40000*f))
	}
	return ps
}

// triathleteWeek: swim Monday, run intervals Tuesday, ride Wednesday,
// endurance swim Thursday (not in recovery weeks), long ride Saturday,
// long run or race Sunday.
func triathleteWeek(g *season, w week) []plan {
	f := w.load
	ps := []plan{swim(g, 0, math.Round(2000*f/100)*100, true)}
	if w.recovery {
		ps = append(ps, easyRun(g, 1, 6000, "easy"))
	} else {
		reps := clampInt(int(math.Round(4+2*(f-1)/0.4)), 4, 6)
		if w.race != "" {
			reps = 3
		}
		ps = append(ps, intervalRun(g, 1, reps))
	}
	ps = append(ps, ride(g, 2, "endurance", 40000*f))
	if !w.recovery {
		ps = append(ps, swim(g, 3, math.Round(2200*f/100)*100, false))
	}
	long := 60000 * f
	if w.race != "" {
		long = 30000
	}
	ps = append(ps, ride(g, 5, "long", long))
	if w.race != "" {
		ps = append(ps, racePlan(w.race))
	} else {
		ps = append(ps, longRun(g, 6, math.Min(13000*f, 20000), false))
	}
	return ps
}
