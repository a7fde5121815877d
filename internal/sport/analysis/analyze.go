package analysis

import (
	"math"
	"sync"
	"time"

	"github.com/sporthub/sporthub/internal/sport/activity"
	"github.com/sporthub/sporthub/internal/sport/route"
)

// Tuning constants; docs/analytics.md explains each.
const (
	// minGapS is the shortest interval between two samples that counts as
	// a pause (the device stopped recording, auto-pause, signal loss).
	minGapS = 10.0
	// gapFactor makes the pause threshold at least this many typical
	// sampling intervals, so "smart recording" (a sample every few seconds)
	// is not taken for pauses.
	gapFactor = 3.0
	// speedWindowS is the window over which speed is derived from distance
	// when the device gives none.
	speedWindowS = 5.0
	// altWindowS is the trailing window of the altitude moving average.
	// The climb or descent that must accumulate before it counts (the
	// hysteresis) is altHysteresisM plus altNoiseFactor times the
	// altitude's sample-to-sample noise, at most altHysteresisMaxM: about
	// 1.8 m for a barometric altimeter, 5-6 m for GPS altitude. Together
	// they keep sensor noise out of the elevation gain.
	altWindowS        = 10.0
	altHysteresisM    = 1.5
	altNoiseFactor    = 4.0
	altHysteresisMaxM = 6.0
	// distResetM is how far a device's cumulative distance must drop to be
	// taken as a counter reset rather than noise.
	distResetM = 50.0
	// minStepM is the least movement between two counted positions when
	// distance comes from GPS fixes.
	minStepM = 3.0
	// maxSplits bounds the splits of one activity.
	maxSplits = 2000
)

// movingSpeed is the speed (m/s) below which a sport family counts as
// stopped, like a watch's auto-pause.
func movingSpeed(family string) float64 {
	switch family {
	case activity.FamilyRun:
		return 0.5
	case activity.FamilyWalk:
		return 0.3
	case activity.FamilyRide:
		return 1.0
	case activity.FamilySwim:
		return 0.05
	}
	return 0.3
}

// Plausible ranges of sample channels; values outside are treated as
// missing (sensor glitches, unset fields).
func okHR(v float64) bool    { return v >= 20 && v <= 250 }
func okCad(v float64) bool   { return v > 0 && v <= 300 } // zeros are left out of cadence
func okPower(v float64) bool { return v >= 0 && v <= 3000 }
func okSpeed(v float64) bool { return v >= 0 && v <= 100 }
func okAlt(v float64) bool   { return v >= -500 && v <= 9000 }

// interval flags
const (
	flGap    = 1 << iota // the interval ending at this sample is a pause
	flMoving             // the interval ending at this sample is moving
)

// scratch holds the per-sample working arrays of one Analyze call; they are
// pooled so that analysing an activity does not allocate per sample.
type scratch struct {
	f  []float64
	fl []uint8
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// series is an activity prepared for analysis: offsets, cumulative
// distance, smoothed altitude and interval flags, one entry per sample.
type series struct {
	s   []activity.Sample
	n   int
	t   []float64 // seconds from the activity's start, non-decreasing
	d   []float64 // cumulative distance, metres, non-decreasing
	alt []float64 // smoothed altitude, filled; NaN when the activity has none
	spd []float64 // speed of the interval ending at i, m/s (NaN unknown)
	// hr, pw and cad are the heart rate, power and cadence that stand for
	// the interval ending at sample i: the sample's own reading, else the
	// previous sample's; NaN when neither has one.
	hr, pw, cad []float64
	fl          []uint8
	gapS        float64
	hasD        bool // distance is known (device, positions or speed)
	hasAl       bool
	// altHyst is the elevation hysteresis for this activity's altitude.
	altHyst float64
	base    time.Time // time of offset 0
	// maxDerived is the highest speed derived from distance over a window
	// of at least minMaxWindowS.
	maxDerived float64
}

// minMaxWindowS is the shortest window a derived speed must span to count
// as the maximum speed (GPS steps over one second are too noisy).
const minMaxWindowS = 3.0

func (sr *series) dt(i int) float64 { return sr.t[i] - sr.t[i-1] }

func (sr *series) gap(i int) bool    { return sr.fl[i]&flGap != 0 }
func (sr *series) moving(i int) bool { return sr.fl[i]&flMoving != 0 }

// channel fills dst with the value of a channel that stands for the
// interval ending at each sample: the sample's own, else the previous
// sample's, NaN when neither is a plausible reading.
func channel(dst []float64, s []activity.Sample, get func(*activity.Sample) float64, ok func(float64) bool) {
	prev := math.NaN()
	for i := range s {
		v := get(&s[i])
		if !valid(v) || !ok(v) {
			v = math.NaN()
		}
		if v == v {
			dst[i] = v
		} else {
			dst[i] = prev
		}
		prev = v
	}
}

func getHR(s *activity.Sample) float64    { return s.HR }
func getCad(s *activity.Sample) float64   { return s.Cadence }
func getPower(s *activity.Sample) float64 { return s.Power }
func getSpeed(s *activity.Sample) float64 { return s.Speed }

// Analyze computes the Result of an activity for an athlete. It never
// fails: what the data or the athlete's details do not allow stays empty.
// It does not modify the activity.
func Analyze(a *activity.Activity, ath Athlete) Result {
	r := Result{SplitsKM: []Split{}, SplitsMile: []Split{}, Laps: []Split{}, BestEfforts: []Effort{}}
	if a == nil {
		return r
	}
	family := a.Sport.Family()
	n := len(a.Samples)

	sc := scratchPool.Get().(*scratch)
	defer scratchPool.Put(sc)
	if cap(sc.f) < 7*n {
		sc.f = make([]float64, 7*n)
		sc.fl = make([]uint8, n)
	}
	f := sc.f[:7*n]
	col := func(k int) []float64 { return f[k*n : (k+1)*n : (k+1)*n] }
	sr := &series{s: a.Samples, n: n, t: col(0), d: col(1), alt: col(2), spd: col(3),
		hr: col(4), pw: col(5), cad: col(6), fl: sc.fl[:n]}
	if n > 0 {
		sr.prepare(a, family)
	}

	// Whole-activity totals.
	var (
		st                               stats
		maxSpeed                         float64
		work, nonGap, hrTime, powerTime  float64
		trimp                            float64
		hrBounds, pwBounds               []float64
		hrMethod                         string
		hrZoneT, pwZoneT                 []float64
		np                               normPower
		hrRest, hrMax                    float64
		trimpA, trimpB, trimpA2, trimpB2 float64
		doTRIMP                          bool
		hasSpeedCh                       bool
		graded                           gradedDistance
		hrBinT, hrBinS                   [251]float64 // time and HR sum by whole bpm
	)
	hrBounds, hrMethod = ath.hrZones()
	if hrBounds != nil {
		hrZoneT = make([]float64, len(hrBounds)+1)
	}
	if family == activity.FamilyRide || family == activity.FamilyOther {
		if pwBounds = PowerZones(ath.FTP); pwBounds != nil {
			pwZoneT = make([]float64, len(pwBounds)+1)
		}
	}
	hrMax, _ = ath.maxHR()
	hrRest = ath.restHR()
	if hrMax > 0 && hrRest > 0 && hrMax > hrRest {
		doTRIMP = true
		trimpA, trimpB, trimpA2, trimpB2 = trimpWeights(ath.sexKind())
	}
	np.init()
	for i := 0; i < n; i++ {
		s := &a.Samples[i]
		st.sample(s)
		if v := s.Speed; valid(v) && okSpeed(v) {
			hasSpeedCh = true
			if v > maxSpeed {
				maxSpeed = v
			}
		}
		if i == 0 {
			continue
		}
		if sr.gap(i) {
			continue
		}
		dt := sr.dt(i)
		if dt <= 0 {
			continue
		}
		nonGap += dt
		if sr.moving(i) {
			r.MovingS += dt
			if family == activity.FamilyRun || family == activity.FamilyWalk {
				graded.add(sr, i)
			}
		}
		if hr := sr.hr[i]; hr == hr {
			st.hrSum += hr * dt
			hrTime += dt
			if hrZoneT != nil {
				hrZoneT[zoneOf(hrBounds, hr)] += dt
			}
			if doTRIMP {
				// Time per whole bpm (with the mean within it): the TRIMP
				// weighting is then evaluated once per bpm, not per sample.
				b := int(hr)
				hrBinT[b] += dt
				hrBinS[b] += hr * dt
			}
		}
		if c := sr.cad[i]; c == c {
			st.cadSum += c * dt
			st.cadTime += dt
		}
		p, ok := sr.pw[i], sr.pw[i] == sr.pw[i]
		if ok {
			st.powSum += p * dt
			powerTime += dt
			work += p * dt
			if pwZoneT != nil {
				pwZoneT[zoneOf(pwBounds, p)] += dt
			}
		}
		if st.anyPower {
			if !ok {
				p = 0 // a dropout counts as no power
			}
			np.add(p, dt)
		}
	}
	graded.finish()
	if doTRIMP {
		for b, bt := range hrBinT {
			if bt <= 0 {
				continue
			}
			x := (hrBinS[b]/bt - hrRest) / (hrMax - hrRest)
			x = math.Min(1, math.Max(0, x))
			w := trimpA * math.Exp(trimpB*x)
			if trimpA2 != 0 {
				w = (w + trimpA2*math.Exp(trimpB2*x)) / 2
			}
			trimp += bt / 60 * x * w
		}
	}
	if !hasSpeedCh {
		maxSpeed = sr.maxDerived
	}

	// Elapsed time, distance, elevation.
	if n > 0 {
		r.ElapsedS = sr.t[n-1]
		r.DistanceM = sr.d[n-1]
	}
	if n > 1 && sr.hasAl {
		r.ElevGainM, r.ElevLossM = elevation(sr.alt, sr.altHyst)
	}
	tot := a.Totals
	if n < 2 {
		// Nothing recorded sample by sample (a pool swim summary, a manual
		// entry): take what the file states.
		if valid(tot.ElapsedS) && tot.ElapsedS > 0 {
			r.ElapsedS = tot.ElapsedS
		}
		if valid(tot.TimerS) && tot.TimerS > 0 {
			r.MovingS = tot.TimerS
		} else {
			r.MovingS = r.ElapsedS
		}
	}
	if r.DistanceM <= 0 {
		var lapD float64
		for _, l := range a.Laps {
			if valid(l.DistanceM) && l.DistanceM > 0 {
				lapD += l.DistanceM
			}
		}
		switch {
		case lapD > 0:
			r.DistanceM = lapD
		case valid(tot.DistanceM) && tot.DistanceM > 0:
			r.DistanceM = tot.DistanceM
		}
	}
	if !sr.hasAl {
		if valid(tot.AscentM) && tot.AscentM >= 0 {
			r.ElevGainM = tot.AscentM
		}
		if valid(tot.DescentM) && tot.DescentM >= 0 {
			r.ElevLossM = tot.DescentM
		}
	}
	r.ElevGainM, r.ElevLossM = round1(r.ElevGainM), round1(r.ElevLossM)
	r.DistanceM = math.Round(r.DistanceM*100) / 100
	r.ElapsedS = math.Round(r.ElapsedS*1000) / 1000
	r.MovingS = math.Round(r.MovingS*1000) / 1000
	if r.MovingS > 0 && r.DistanceM > 0 {
		r.AvgSpeed = round3(r.DistanceM / r.MovingS)
		r.AvgPaceSPerKM = ptr(round1(1000 / (r.DistanceM / r.MovingS)))
	}
	if maxSpeed < r.AvgSpeed {
		maxSpeed = r.AvgSpeed
	}
	r.MaxSpeed = round3(maxSpeed)

	// Heart rate, cadence, power.
	if hrTime > 0 {
		r.AvgHR = ptr(round1(st.hrSum / hrTime))
	} else if valid(tot.AvgHR) && tot.AvgHR > 0 && st.maxHR == 0 {
		r.AvgHR = ptr(tot.AvgHR)
	}
	if st.maxHR > 0 {
		r.MaxHR = ptr(st.maxHR)
	} else if valid(tot.MaxHR) && tot.MaxHR > 0 {
		r.MaxHR = ptr(tot.MaxHR)
	}
	if st.cadTime > 0 {
		r.AvgCadence = ptr(round1(st.cadSum / st.cadTime))
		r.MaxCadence = ptr(st.maxCad)
	}
	if powerTime > 0 {
		r.AvgPower = ptr(round1(st.powSum / powerTime))
		r.MaxPower = ptr(st.maxPower)
		if v, ok := np.value(); ok {
			r.NormalizedPower = ptr(round1(v))
		}
	}

	// Zones.
	if hrZoneT != nil && hrTime > 0 {
		roundAll(hrZoneT)
		r.HRZones = &Zones{Method: hrMethod, Bounds: hrBounds, TimeS: hrZoneT}
	}
	if pwZoneT != nil && powerTime > 0 {
		roundAll(pwZoneT)
		r.PowerZones = &Zones{Method: "ftp", Bounds: pwBounds, TimeS: pwZoneT}
	}

	// Splits, laps, best efforts.
	if n > 1 && r.DistanceM > 0 && sr.hasD {
		r.SplitsKM = sr.splits(1000, r.SplitsKM)
		r.SplitsMile = sr.splits(mileM, r.SplitsMile)
		r.BestEfforts = sr.bestEfforts(family, r.BestEfforts)
	}
	r.Laps = sr.laps(a, r.Laps)

	// Load.
	if doTRIMP && hrTime > 0 {
		r.Load.TRIMP = ptr(round1(trimp))
	}
	r.Load = loadOf(r.Load, loadInput{
		family: family, ath: ath, np: r.NormalizedPower, npTimeS: np.seconds(),
		trimp: trimp, doTRIMP: doTRIMP && hrTime > 0, rest: hrRest, max: hrMax,
		gradedM: graded.dist, movingS: r.MovingS, nonGapS: nonGap,
	})

	// Calories.
	r.Calories = calories(calorieInput{
		family: family, ath: ath, workJ: work, powerTimeS: powerTime, nonGapS: nonGap,
		avgHR: r.AvgHR, hrTimeS: hrTime, distM: r.DistanceM, gainM: r.ElevGainM,
		movingS: r.MovingS, stated: tot.Calories,
	})
	return r
}

const mileM = 1609.344

// stats accumulates per-sample maxima and time-weighted sums.
type stats struct {
	hrSum, cadSum, cadTime, powSum float64
	maxHR, maxCad, maxPower        float64
	anyPower                       bool
}

func (st *stats) sample(s *activity.Sample) {
	if v := s.HR; valid(v) && okHR(v) && v > st.maxHR {
		st.maxHR = v
	}
	if v := s.Cadence; valid(v) && okCad(v) && v > st.maxCad {
		st.maxCad = v
	}
	if v := s.Power; valid(v) && okPower(v) {
		st.anyPower = true
		if v > st.maxPower {
			st.maxPower = v
		}
	}
}

// prepare fills the series' arrays.
func (sr *series) prepare(a *activity.Activity, family string) {
	s, n := sr.s, sr.n
	base := s[0].Time
	if !a.Start.IsZero() && a.Start.Before(base) && base.Sub(a.Start) < 24*time.Hour {
		base = a.Start
	}
	sr.base = base
	baseNs := base.UnixNano()
	sr.maxDerived = 0
	// Offsets and the typical sampling interval.
	var hist [64]int
	prev := 0.0
	for i := range s {
		v := float64(s[i].Time.UnixNano()-baseNs) / 1e9
		if v < prev || !valid(v) {
			v = prev // out-of-order timestamps add no time
		}
		sr.t[i] = v
		if i > 0 {
			b := int(math.Round(v - prev))
			if b >= len(hist) {
				b = len(hist) - 1
			}
			hist[b]++
		}
		prev = v
	}
	median := 1.0
	if n > 1 {
		half, c := (n-1)/2, 0
		for b, k := range hist {
			c += k
			if c > half {
				median = float64(b)
				break
			}
		}
	}
	sr.gapS = math.Max(minGapS, gapFactor*median)
	for i := range sr.fl {
		sr.fl[i] = 0
		if i > 0 && sr.t[i]-sr.t[i-1] > sr.gapS {
			sr.fl[i] = flGap
		}
	}

	channel(sr.hr, s, getHR, okHR)
	channel(sr.pw, s, getPower, okPower)
	channel(sr.cad, s, getCad, okCad)
	channel(sr.spd, s, getSpeed, okSpeed) // replaced by the interval speeds below
	sr.distance()
	sr.altitude()

	// Interval speeds and the moving flag.
	thr := movingSpeed(family)
	motion := sr.hasD
	for i := range s {
		if valid(s[i].Speed) && okSpeed(s[i].Speed) {
			motion = true
			break
		}
	}
	sr.spd[0] = math.NaN()
	j := 0 // start of the derived-speed window
	for i := 1; i < n; i++ {
		if sr.gap(i) {
			sr.spd[i] = math.NaN()
			j = i
			continue
		}
		for j < i-1 && sr.t[i]-sr.t[j] > speedWindowS {
			j++
		}
		v := math.NaN()
		if sp := s[i].Speed; valid(sp) && okSpeed(sp) {
			v = sp
		} else if sr.hasD && sr.t[i] > sr.t[j] {
			v = (sr.d[i] - sr.d[j]) / (sr.t[i] - sr.t[j])
			if sr.t[i]-sr.t[j] >= minMaxWindowS && v > sr.maxDerived && okSpeed(v) {
				sr.maxDerived = v
			}
		}
		sr.spd[i] = v
		if sr.t[i] <= sr.t[i-1] {
			continue
		}
		if !motion || (valid(v) && v >= thr) || (!valid(v) && !sr.hasD) {
			sr.fl[i] |= flMoving
		}
	}
}

// distance fills sr.d from the device's cumulative distance, else from
// positions, else from speed.
func (sr *series) distance() {
	s, n, d := sr.s, sr.n, sr.d
	count, first := 0, -1
	for i := range s {
		if v := s[i].Dist; valid(v) && v >= 0 {
			if first < 0 {
				first = i
			}
			count++
		}
	}
	if count >= 2 {
		// A recording normally starts at (nearly) zero; a larger first
		// value is a fragment of a longer recording and counts from there.
		start := s[first].Dist
		offset := -start
		if first == 0 && start < distResetM {
			offset = 0
		}
		cum, lastRaw := math.Max(0, offset+start), start
		for i := range s {
			if v := s[i].Dist; valid(v) && v >= 0 && i >= first {
				if v < lastRaw-distResetM {
					offset = cum - v // the counter restarted
				}
				lastRaw = v
				if c := offset + v; c > cum {
					cum = c
				}
			}
			d[i] = cum
		}
		if cum > 0 {
			sr.hasD = true
			return
		}
	}
	// Positions: the path advances once a fix is minStepM away from the
	// last point counted, so GPS jitter around a standing athlete adds
	// nothing.
	var last route.Point
	have, any := false, false
	cum, sinLast, cosLast := 0.0, 0.0, 1.0
	for i := range s {
		if s[i].HasPos() && valid(s[i].Lat) && valid(s[i].Lon) && math.Abs(s[i].Lat) <= 90 && math.Abs(s[i].Lon) <= 180 {
			p := route.Point{Lat: s[i].Lat, Lon: s[i].Lon}
			if !have {
				last, have = p, true
				sinLast, cosLast = math.Sincos(p.Lat * degToRad)
			} else if step := stepDistance(last, p, sinLast, cosLast); step >= minStepM {
				cum += step
				last, any = p, true
				sinLast, cosLast = math.Sincos(p.Lat * degToRad)
			}
		}
		d[i] = cum
	}
	if any && cum > 0 {
		sr.hasD = true
		return
	}
	// Speed (a treadmill or trainer with a speed sensor only).
	cum = 0
	d[0] = 0
	for i := 1; i < n; i++ {
		if !sr.gap(i) {
			if v := sr.spd[i]; v == v {
				cum += v * sr.dt(i)
			}
		}
		d[i] = cum
	}
	sr.hasD = cum > 0
}

// altitude fills sr.alt with a trailing moving average of the valid
// altitudes, carried over samples without one.
func (sr *series) altitude() {
	s, alt := sr.s, sr.alt
	sum, cnt := 0.0, 0
	k := 0
	firstSet := -1
	// Noise: for white noise of deviation sigma the second difference of
	// consecutive readings has variance 6 sigma^2.
	var p1, p2, d2sum float64
	np, d2n := 0, 0
	for i := range s {
		if v := s[i].Alt; valid(v) && okAlt(v) {
			sum += v
			cnt++
			if np >= 2 {
				d := v - 2*p1 + p2
				d2sum += d * d
				d2n++
			}
			p2, p1 = p1, v
			np++
		}
		for k < i && sr.t[i]-sr.t[k] > altWindowS {
			if v := s[k].Alt; valid(v) && okAlt(v) {
				sum -= v
				cnt--
			}
			k++
		}
		if cnt > 0 {
			alt[i] = sum / float64(cnt)
			if firstSet < 0 {
				firstSet = i
			}
		} else if i > 0 {
			alt[i] = alt[i-1]
		} else {
			alt[i] = math.NaN()
		}
	}
	if firstSet < 0 {
		sr.hasAl = false
		return
	}
	sr.hasAl = true
	sr.altHyst = altHysteresisM
	if d2n > 0 {
		sigma := math.Sqrt(d2sum / float64(d2n) / 6)
		sr.altHyst = math.Min(altHysteresisMaxM, altHysteresisM+altNoiseFactor*sigma)
	}
	for i := 0; i < firstSet; i++ {
		alt[i] = alt[firstSet]
	}
}

// elevation returns the gain and loss of a smoothed altitude profile with
// hysteresis h: a climb or descent counts once it reaches h, and then
// counts in full.
func elevation(alt []float64, h float64) (gain, loss float64) {
	state := 0 // 0 undecided, 1 climbing, -1 descending
	base, ext := alt[0], alt[0]
	lo, hi := alt[0], alt[0]
	for _, v := range alt[1:] {
		switch state {
		case 0:
			lo, hi = math.Min(lo, v), math.Max(hi, v)
			if v-lo >= h {
				state, base, ext = 1, lo, v
			} else if hi-v >= h {
				state, base, ext = -1, hi, v
			}
		case 1:
			if v > ext {
				ext = v
			} else if ext-v >= h {
				gain += ext - base
				state, base, ext = -1, ext, v
			}
		case -1:
			if v < ext {
				ext = v
			} else if v-ext >= h {
				loss += base - ext
				state, base, ext = 1, ext, v
			}
		}
	}
	switch state {
	case 1:
		gain += ext - base
	case -1:
		loss += base - ext
	}
	return gain, loss
}

func ptr(v float64) *float64 { return &v }

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }

func roundAll(v []float64) {
	for i := range v {
		v[i] = math.Round(v[i]*10) / 10
	}
}

const degToRad = math.Pi / 180

// stepDistance is the distance in metres between two fixes: the
// equirectangular approximation at the mean latitude for the short steps
// between samples (its error against the great circle is below a
// millimetre under a kilometre), route.Distance (haversine) for longer
// ones. sinA and cosA are of a.Lat.
func stepDistance(a, b route.Point, sinA, cosA float64) float64 {
	dLat := (b.Lat - a.Lat) * degToRad
	dLon := (b.Lon - a.Lon) * degToRad
	if math.Abs(dLat) < 1e-4 && math.Abs(dLon)*cosA < 1e-4 { // under ~640 m
		x := dLon * (cosA - sinA*dLat/2) // cos of the mean latitude
		return route.EarthRadiusM * math.Sqrt(dLat*dLat+x*x)
	}
	return route.Distance(a, b)
}
