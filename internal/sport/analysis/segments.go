package analysis

import (
	"math"
	"sort"

	"github.com/sporthub/sporthub/internal/sport/activity"
)

// segAcc accumulates one split or lap from whole or partial intervals.
type segAcc struct {
	elapsed, moving, dist float64
	hr, hrT, pw, pwT      float64
	cad, cadT             float64
}

// add adds the fraction frac of the interval ending at sample i.
func (sr *series) add(acc *segAcc, i int, frac float64) {
	if frac <= 0 {
		return
	}
	dt := sr.dt(i) * frac
	acc.elapsed += dt
	acc.dist += (sr.d[i] - sr.d[i-1]) * frac
	if sr.gap(i) || dt <= 0 {
		return
	}
	if sr.moving(i) {
		acc.moving += dt
	}
	if v := sr.hr[i]; v == v {
		acc.hr += v * dt
		acc.hrT += dt
	}
	if v := sr.pw[i]; v == v {
		acc.pw += v * dt
		acc.pwT += dt
	}
	if v := sr.cad[i]; v == v {
		acc.cad += v * dt
		acc.cadT += dt
	}
}

// altAt is the smoothed altitude a fraction f into the interval ending at
// sample i (0 without altitude).
func (sr *series) altAt(i int, f float64) float64 {
	if !sr.hasAl {
		return 0
	}
	if i <= 0 {
		return sr.alt[0]
	}
	return sr.alt[i-1] + (sr.alt[i]-sr.alt[i-1])*f
}

func (acc *segAcc) split(index int, dist, elev float64) Split {
	sp := Split{
		Index:     index,
		DistanceM: math.Round(dist*100) / 100,
		ElapsedS:  round3(acc.elapsed),
		MovingS:   round3(acc.moving),
		ElevDiffM: round1(elev),
	}
	switch {
	case acc.moving > 0:
		sp.AvgSpeed = round3(dist / acc.moving)
	case acc.elapsed > 0:
		sp.AvgSpeed = round3(dist / acc.elapsed)
	}
	if acc.hrT > 0 {
		sp.AvgHR = ptr(round1(acc.hr / acc.hrT))
	}
	if acc.pwT > 0 {
		sp.AvgPower = ptr(round1(acc.pw / acc.pwT))
	}
	if acc.cadT > 0 {
		sp.AvgCadence = ptr(round1(acc.cad / acc.cadT))
	}
	return sp
}

// minRemainderM is the shortest remainder after the last whole unit that
// still makes a split.
const minRemainderM = 1.0

// splits cuts the activity every unit metres; the last split is the
// remainder.
func (sr *series) splits(unit float64, out []Split) []Split {
	// The first split also holds what the device counted before the
	// first sample (a recording may start at a few metres).
	acc := segAcc{dist: sr.d[0]}
	startAlt := sr.altAt(0, 0)
	boundary := unit
	for i := 1; i < sr.n; i++ {
		dd := sr.d[i] - sr.d[i-1]
		f0 := 0.0
		for dd > 0 && sr.d[i] >= boundary && len(out) < maxSplits {
			f := (boundary - sr.d[i-1]) / dd
			sr.add(&acc, i, f-f0)
			endAlt := sr.altAt(i, f)
			out = append(out, acc.split(len(out)+1, unit, endAlt-startAlt))
			acc, startAlt, f0 = segAcc{}, endAlt, f
			boundary += unit
		}
		sr.add(&acc, i, 1-f0)
	}
	if acc.dist >= minRemainderM && len(out) < maxSplits {
		out = append(out, acc.split(len(out)+1, acc.dist, sr.altAt(sr.n-1, 1)-startAlt))
	}
	return out
}

// laps summarises the device's laps over the samples they span.
func (sr *series) laps(a *activity.Activity, out []Split) []Split {
	for k, l := range a.Laps {
		var acc segAcc
		var elev float64
		if sr.n > 1 && !l.Start.IsZero() {
			from := l.Start.Sub(sr.base).Seconds()
			to := math.Inf(1)
			if valid(l.ElapsedS) && l.ElapsedS > 0 {
				to = from + l.ElapsedS
			} else if k+1 < len(a.Laps) && !a.Laps[k+1].Start.IsZero() {
				to = a.Laps[k+1].Start.Sub(sr.base).Seconds()
			}
			elev = sr.overTime(&acc, from, to)
		}
		dist := acc.dist
		if valid(l.DistanceM) && l.DistanceM > 0 {
			dist = l.DistanceM
		}
		sp := acc.split(k+1, dist, elev)
		if valid(l.ElapsedS) && l.ElapsedS > 0 {
			sp.ElapsedS = round3(l.ElapsedS)
		}
		if acc.elapsed == 0 && valid(l.TimerS) && l.TimerS > 0 {
			sp.MovingS = round3(l.TimerS)
			sp.AvgSpeed = round3(dist / l.TimerS)
		}
		if sp.AvgSpeed == 0 && sp.ElapsedS > 0 {
			sp.AvgSpeed = round3(dist / sp.ElapsedS)
		}
		out = append(out, sp)
	}
	return out
}

// overTime accumulates the intervals between offsets from and to and
// returns the altitude difference over them.
func (sr *series) overTime(acc *segAcc, from, to float64) float64 {
	t := sr.t
	i := sort.SearchFloat64s(t, from) // first sample at or after from
	if i < 1 {
		i = 1
	}
	startAlt, endAlt := math.NaN(), math.NaN()
	for ; i < sr.n && t[i-1] < to; i++ {
		dt := t[i] - t[i-1]
		if dt <= 0 {
			continue
		}
		lo, hi := math.Max(t[i-1], from), math.Min(t[i], to)
		if hi <= lo {
			continue
		}
		f0, f1 := (lo-t[i-1])/dt, (hi-t[i-1])/dt
		if math.IsNaN(startAlt) {
			startAlt = sr.altAt(i, f0)
		}
		endAlt = sr.altAt(i, f1)
		sr.add(acc, i, f1-f0)
	}
	if math.IsNaN(startAlt) {
		return 0
	}
	return endAlt - startAlt
}
