package demo

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/sporthub/sporthub/internal/sport/activity"
)

// Cycling physics (Martin et al. 1998 power model): air density, drag
// area, rolling resistance and drivetrain efficiency of a road bike.
const (
	rho  = 1.2
	cdA  = 0.32
	crr  = 0.005
	eta  = 0.975
	grav = 9.81
)

// rideSpeed solves the power equation for the steady speed (m/s) at power
// p (W) on the given grade for total mass m (kg). The power needed is a
// convex cubic in v that is negative at 0, so Newton's method started to
// the right of the root converges monotonically.
func rideSpeed(p, grade, m float64) float64 {
	a, b := 0.5*rho*cdA/eta, (crr+grade)*m*grav/eta
	f := func(v float64) float64 { return a*v*v*v + b*v - p }
	v := 12.0
	for f(v) < 0 && v < 100 {
		v *= 2
	}
	for i := 0; i < 30; i++ {
		fv := f(v)
		if fv < 1e-6 {
			break
		}
		v -= fv / (3*a*v*v + b)
	}
	return math.Max(0, v)
}

// pick chooses the course and lap count whose total comes nearest to m
// metres, choosing at random among those within 4 % of the best.
func (g *season) pick(cs []*course, m float64) (*course, int) {
	if len(cs) == 0 {
		return nil, 0
	}
	errs := make([]float64, len(cs))
	best := math.Inf(1)
	for i, c := range cs {
		_, tot := c.laps(m)
		errs[i] = math.Abs(tot-m) / m
		best = math.Min(best, errs[i])
	}
	var ok []int
	for i, e := range errs {
		if e <= best+0.04 {
			ok = append(ok, i)
		}
	}
	c := cs[ok[g.r.IntN(len(ok))]]
	n, _ := c.laps(m)
	return c, n
}

// ar is a first-order autoregressive noise with the given standard
// deviation and correlation per step.
type ar struct{ v, phi, sd float64 }

func (a *ar) next(g *season) float64 {
	a.v = a.phi*a.v + a.sd*math.Sqrt(1-a.phi*a.phi)*g.r.NormFloat64()
	return a.v
}

// temperature is a plausible Moscow air temperature for the day and hour.
func (g *season) temperature(t time.Time) float64 {
	local := t.In(moscow)
	doy := float64(local.YearDay())
	base := 6 - 14*math.Cos(2*math.Pi*(doy-15)/365.25)
	diurnal := -3 * math.Cos(2*math.Pi*(float64(local.Hour())-4)/24)
	return base + diurnal + 2*g.r.NormFloat64()
}

// play records one planned workout as an activity starting at start.
func (g *season) play(pl plan, wk week, start time.Time) *activity.Activity {
	a := g.a
	var pa *path
	routeName := ""
	switch {
	case pl.race == "tt40" && len(a.rides) > 0:
		pa, routeName = racePath(a.rides[0].loop, raceDist[pl.race]), a.rides[0].name
	case pl.race != "":
		pa, routeName = racePath(a.race, raceDist[pl.race]), "Luzhniki"
	case pl.sport == activity.Running:
		c, n := g.pick(a.runs, pl.distM)
		pa, routeName = c.path(n), c.name
	case pl.sport == activity.Cycling:
		c, n := g.pick(a.rides, pl.distM)
		pa, routeName = c.path(n), c.name
	}
	name := pl.name
	if strings.Contains(name, "%s") {
		name = fmt.Sprintf(name, routeName)
	}
	act := &activity.Activity{Sport: pl.sport, Name: name, Start: start, Device: a.device, Totals: activity.NoTotals()}
	if pl.sport == activity.Swimming {
		act.SubSport = "lap_swimming"
	}
	s := sim{g: g, pl: pl, wk: wk, pa: pa, form: 1 + 0.015*g.r.NormFloat64(), temp: g.temperature(start)}
	if pa != nil {
		s.cur = cursor{p: pa}
	}
	act.Samples, act.Laps = s.run(start)
	if len(act.Samples) < 60 {
		return nil
	}
	fillTotals(act, a.p.WeightKG)
	return act
}

// sim plays a workout second by second.
type sim struct {
	g    *season
	pl   plan
	wk   week
	pa   *path
	cur  cursor
	form float64 // the day's form
	temp float64
}

func (s *sim) run(start time.Time) ([]activity.Sample, []activity.Lap) {
	g, a, pl := s.g, s.g.a, s.pl
	p := a.p
	family := pl.sport.Family()
	vT := 1000 / float64(p.ThresholdPaceSPerKM) * s.wk.fitness * s.form
	ftp := float64(p.FTP) * s.wk.fitness * s.form
	if ftp <= 0 {
		ftp = 3 * p.WeightKG
	}
	css := a.cssMS * s.wk.fitness * s.form
	mass := p.WeightKG + a.bikeKG
	rest, maxHR := float64(p.RestingHR), float64(p.MaxHR)
	hrr := maxHR - rest

	total := math.Inf(1)
	if s.pa != nil {
		total = s.pa.length()
	} else {
		total = 0
		for _, sg := range pl.segs {
			total += sg.dist
		}
	}
	lapDist := map[string]float64{activity.FamilyRun: 1000, activity.FamilyRide: 5000, activity.FamilySwim: 100}[family]

	// Room for the samples: the distance at a little under the usual speed.
	vEst := map[string]float64{activity.FamilyRun: 0.65 * vT, activity.FamilyRide: 6, activity.FamilySwim: 0.7 * css}[family]
	n := 600
	if vEst > 0 && !math.IsInf(total, 0) {
		n += int(total / vEst)
	}
	samples := make([]activity.Sample, 0, n)
	var laps []activity.Lap
	lapStart, lapT0, lapD0, lapMoving := start, 0, 0.0, 0

	var (
		d, v     float64
		hr       = rest + 0.25*hrr
		pSmooth  float64
		segI     int
		segD0    float64
		segT0    int
		light    int
		stopTill = -1
		speedN   = ar{phi: 0.97, sd: 0.02}
		powerN   = ar{phi: 0.6, sd: 0.09}
		cadN     = ar{phi: 0.8, sd: 1.5}
		gpsX     = ar{phi: 0.95, sd: 1.2}
		gpsY     = ar{phi: 0.95, sd: 1.2}
		movingS  float64
	)
	maxT := 8 * 3600
	for t := 0; t < maxT; t++ {
		// Advance through the plan.
		for segI+1 < len(pl.segs) {
			sg := pl.segs[segI]
			if (sg.dist > 0 && d-segD0 >= sg.dist) || (sg.dur > 0 && float64(t-segT0) >= sg.dur) {
				segI++
				segD0, segT0 = d, t
				continue
			}
			break
		}
		sg := pl.segs[segI]

		var pos xy
		grade, radius, alt := 0.0, math.Inf(1), 0.0
		if s.pa != nil {
			pos, radius = s.cur.at(d)
			alt = altitude(pos)
			ahead := cursor{p: s.pa, i: s.cur.i}
			p2, _ := ahead.at(d + 10)
			if dd := dist(pos, p2); dd > 1 {
				grade = (altitude(p2) - alt) / dd
			}
		}

		// Target speed and power.
		target, power := 0.0, math.NaN()
		switch family {
		case activity.FamilyRun:
			gf := 1 - 2.5*grade
			if grade < 0 {
				gf = 1 - 1.0*grade
			}
			target = vT * sg.level * math.Max(0.6, math.Min(1.15, gf)) * (1 + speedN.next(g))
		case activity.FamilyRide:
			power = ftp * sg.level * (1 + powerN.next(g))
			if grade < -0.025 || (sg.level < 0.55 && grade < -0.01) {
				power = 0 // coasting downhill
			}
			target = math.Min(rideSpeed(power, grade, mass), 16.5)
		case activity.FamilySwim:
			if !sg.rest {
				target = css * sg.level * (1 + speedN.next(g))
			}
		}
		// Turns: no faster than the grip allows (3-4 m/s² sideways).
		target = math.Min(target, math.Sqrt(3.5*radius))
		// Traffic lights: about a third are red, for 10-40 s.
		if s.pa != nil && light < len(s.pa.lights) && d >= s.pa.lights[light]-4 {
			if g.r.Float64() < 0.35 {
				stopTill = t + 10 + g.r.IntN(30)
			}
			light++
		}
		if t < stopTill {
			target = 0
		}
		// Inertia.
		accel, brake := 1.2, 3.0
		if family == activity.FamilySwim {
			accel, brake = 2, 2
		}
		dv := math.Max(-brake, math.Min(accel, target-v))
		v = math.Max(0, v+dv)
		if family == activity.FamilyRide && v < 0.5 {
			power = 0
		}

		// Heart rate follows the effort with a lag and drifts upwards.
		var eff float64
		switch family {
		case activity.FamilyRun:
			eff = v / vT * (1 + 3*grade)
		case activity.FamilyRide:
			pw := power
			if math.IsNaN(pw) {
				pw = 0
			}
			pSmooth += (pw - pSmooth) / 20
			eff = pSmooth / ftp
		case activity.FamilySwim:
			if v > 0.1 {
				eff = sg.level - 0.06
			}
		}
		frac := 0.88 + (eff-1)*0.85
		if family == activity.FamilyRide {
			frac = 0.88 + (eff-1)*0.65
		}
		if v < 0.3 {
			frac = 0.3
		}
		frac = math.Max(0.3, math.Min(1, frac))
		hrTarget := rest + hrr*frac + 0.035*hrr*movingS/3600
		tau := 25.0
		if hrTarget < hr {
			tau = 40
		}
		hr += (hrTarget - hr) * (1 - math.Exp(-1/tau))
		hrOut := math.Max(rest, math.Min(maxHR, math.Round(hr+0.6*g.r.NormFloat64())))

		// Cadence.
		cad := 0.0
		switch family {
		case activity.FamilyRun:
			if v > 0.8 {
				cad = math.Max(150, math.Min(198, 150+7.5*v)) + cadN.next(g)
			}
		case activity.FamilyRide:
			if power > 0 && v > 1 {
				cad = math.Max(60, math.Min(118, 84+18*(sg.level-0.65))) + 2*cadN.next(g)
			}
		case activity.FamilySwim:
			if v > 0.1 {
				cad = 28 + 8*(sg.level-0.85) + cadN.next(g)/2
			}
		}
		if family == activity.FamilyRun && a.runPower {
			power = math.Max(0, p.WeightKG*v*(1.02+0.5*grav*grade)) * (1 + 0.03*g.r.NormFloat64())
			if v < 0.3 {
				power = 0
			}
		}

		smp := activity.NewSample(start.Add(time.Duration(t) * time.Second))
		if s.pa != nil {
			lat, lon := toLatLon(xy{pos.x + gpsX.next(g), pos.y + gpsY.next(g)})
			smp.Lat, smp.Lon = math.Round(lat*1e7)/1e7, math.Round(lon*1e7)/1e7
			smp.Alt = math.Round((alt+0.3*g.r.NormFloat64())*10) / 10
			smp.Temp = math.Round((s.temp+float64(t)/3600)*10) / 10
		} else {
			smp.Temp = math.Round((28+0.2*g.r.NormFloat64())*10) / 10
		}
		smp.Dist = math.Round(d*100) / 100
		smp.Speed = math.Round(v*1000) / 1000
		smp.HR = hrOut
		smp.Cadence = math.Round(cad)
		if !math.IsNaN(power) {
			smp.Power = math.Round(power)
		}
		samples = append(samples, smp)

		if v > 0.3 {
			movingS++
			lapMoving++
		}
		d += v
		end := false
		if d >= total {
			d, end = total, true
		}
		if lapDist > 0 && (math.Floor(d/lapDist) > math.Floor(lapD0/lapDist) || end) {
			trig := "distance"
			if end {
				trig = "session_end"
			}
			laps = append(laps, activity.Lap{Start: lapStart, ElapsedS: float64(t + 1 - lapT0), TimerS: float64(lapMoving),
				DistanceM: math.Round((d-lapD0)*100) / 100, Trigger: trig})
			lapStart, lapT0, lapD0, lapMoving = start.Add(time.Duration(t+1)*time.Second), t+1, d, 0
		}
		if end {
			// The watch records the moment of arrival too.
			last := smp
			last.Time = start.Add(time.Duration(t+1) * time.Second)
			last.Dist = math.Round(d*100) / 100
			if s.pa != nil {
				p, _ := s.cur.at(d)
				last.Lat, last.Lon = toLatLon(p)
				last.Lat, last.Lon = math.Round(last.Lat*1e7)/1e7, math.Round(last.Lon*1e7)/1e7
			}
			samples = append(samples, last)
			break
		}
	}
	return samples, laps
}

// fillTotals states what a watch's session summary would.
func fillTotals(a *activity.Activity, weightKG float64) {
	t := activity.NoTotals()
	ss := a.Samples
	t.ElapsedS = a.ElapsedS()
	t.DistanceM = ss[len(ss)-1].Dist
	var moving, hrSum, hrN, cadSum, cadN, pSum, pN, maxHR, maxV, maxP, asc, desc float64
	prevAlt := math.NaN()
	for _, s := range ss {
		if s.Speed > 0.3 {
			moving++
		}
		if activity.Has(s.HR) {
			hrSum += s.HR
			hrN++
			maxHR = math.Max(maxHR, s.HR)
		}
		if activity.Has(s.Cadence) && s.Cadence > 0 {
			cadSum += s.Cadence
			cadN++
		}
		if activity.Has(s.Power) {
			pSum += s.Power
			pN++
			maxP = math.Max(maxP, s.Power)
		}
		maxV = math.Max(maxV, s.Speed)
		if activity.Has(s.Alt) {
			// Barometric noise is ~0.3 m: count changes of a metre or more.
			if math.IsNaN(prevAlt) {
				prevAlt = s.Alt
			} else if dA := s.Alt - prevAlt; math.Abs(dA) >= 1 {
				if dA > 0 {
					asc += dA
				} else {
					desc -= dA
				}
				prevAlt = s.Alt
			}
		}
	}
	t.TimerS = moving
	if moving > 0 {
		t.AvgSpeed = t.DistanceM / moving
	}
	t.MaxSpeed = maxV
	if hrN > 0 {
		t.AvgHR, t.MaxHR = math.Round(hrSum/hrN), maxHR
	}
	if cadN > 0 {
		t.AvgCadence = math.Round(cadSum / cadN)
	}
	if pN > 0 {
		t.AvgPower, t.MaxPower = math.Round(pSum/pN), maxP
	}
	if a.HasRoute() {
		t.AscentM, t.DescentM = math.Round(asc), math.Round(desc)
	}
	// Calories: rides from the work done (kJ ≈ kcal at ~24 % efficiency);
	// runs and swims ~1 kcal per kg per km (swims four times that).
	switch a.Sport.Family() {
	case activity.FamilyRide:
		if pN > 0 {
			t.Calories = math.Round(pSum / 1000)
		}
	case activity.FamilySwim:
		t.Calories = math.Round(4 * weightKG * t.DistanceM / 1000)
	default:
		t.Calories = math.Round(weightKG * t.DistanceM / 1000)
	}
	a.Totals = t
}
