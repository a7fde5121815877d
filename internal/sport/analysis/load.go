package analysis

import (
	"math"

	"github.com/sporthub/sporthub/internal/sport/activity"
)

// Banister's TRIMP weighting y = a * e^(b * x) of the heart-rate reserve
// fraction x (Banister 1991; Morton, Fitz-Clarke & Banister 1990).
const (
	trimpMaleA, trimpMaleB     = 0.64, 1.92
	trimpFemaleA, trimpFemaleB = 0.86, 1.67
)

// trimpWeights returns the weighting constants for a sex (1 male, 2
// female); for an unknown sex both curves are averaged (a2, b2 non-zero).
func trimpWeights(sex int) (a, b, a2, b2 float64) {
	switch sex {
	case 1:
		return trimpMaleA, trimpMaleB, 0, 0
	case 2:
		return trimpFemaleA, trimpFemaleB, 0, 0
	}
	return trimpMaleA, trimpMaleB, trimpFemaleA, trimpFemaleB
}

// trimpHour is the TRIMP of one hour at heart-rate reserve fraction x.
func trimpHour(x float64, sex int) float64 {
	a, b, a2, b2 := trimpWeights(sex)
	w := a * math.Exp(b*x)
	if a2 != 0 {
		w = (w + a2*math.Exp(b2*x)) / 2
	}
	return 60 * x * w
}

// TRIMP is Banister's training impulse of a steady effort: minutes x HRr x
// a x e^(b x HRr) with HRr = (hr - rest) / (max - rest) and the sex's
// constants (male 0.64 and 1.92, female 0.86 and 1.67, unknown: the mean
// of both curves).
func TRIMP(minutes, hr, rest, max float64, sex string) float64 {
	if !(max > rest) || minutes <= 0 {
		return 0
	}
	x := math.Min(1, math.Max(0, (hr-rest)/(max-rest)))
	return trimpHour(x, Athlete{Sex: sex}.sexKind()) * minutes / 60
}

// assumedThresholdHRR is the heart-rate reserve fraction taken as the
// lactate threshold when the athlete has not set a threshold heart rate.
const assumedThresholdHRR = 0.85

// trimpPerTSS converts TRIMP into TSS-like units: one hour at the assumed
// threshold of an athlete of unknown sex is 100.
var trimpPerTSS = trimpHour(assumedThresholdHRR, 0) / 100

// Score is the activity's load in TSS units: the TSS when there is one,
// else the TRIMP scaled so that an hour at the assumed threshold (85 % of
// the heart-rate reserve) is 100, else 0.
func (l Load) Score() float64 {
	if l.TSS != nil && valid(*l.TSS) {
		return *l.TSS
	}
	if l.TRIMP != nil && valid(*l.TRIMP) {
		return *l.TRIMP / trimpPerTSS
	}
	return 0
}

type loadInput struct {
	family    string
	ath       Athlete
	np        *float64
	npTimeS   float64
	trimp     float64
	doTRIMP   bool
	rest, max float64
	gradedM   float64
	movingS   float64
	nonGapS   float64
}

// loadOf fills the TSS of an activity: from power (rides with an FTP),
// else from heart rate (hrTSS), else from pace (rTSS for runs and walks).
func loadOf(l Load, in loadInput) Load {
	ath := in.ath
	if in.family == activity.FamilyRide && in.np != nil && valid(ath.FTP) && ath.FTP > 0 && in.npTimeS > 0 {
		intensity := *in.np / ath.FTP
		tss := in.npTimeS * *in.np * intensity / (ath.FTP * 3600) * 100
		l.TSS, l.IF, l.TSSMethod = ptr(round1(tss)), ptr(round3(intensity)), "power"
		return l
	}
	if in.doTRIMP {
		x := assumedThresholdHRR
		if lt := ath.ThresholdHR; valid(lt) && lt > in.rest && lt < in.max {
			x = (lt - in.rest) / (in.max - in.rest)
		}
		hour := trimpHour(x, ath.sexKind())
		if hour > 0 {
			tss := 100 * in.trimp / hour
			l.TSS, l.TSSMethod = ptr(round1(tss)), "hr"
			if h := in.nonGapS / 3600; h > 0 {
				l.IF = ptr(round3(math.Sqrt(tss / 100 / h)))
			}
			return l
		}
	}
	if (in.family == activity.FamilyRun || in.family == activity.FamilyWalk) &&
		valid(ath.ThresholdPaceSPerKM) && ath.ThresholdPaceSPerKM > 0 && in.gradedM > 0 && in.movingS > 0 {
		ngs := in.gradedM / in.movingS
		intensity := ngs / (1000 / ath.ThresholdPaceSPerKM)
		tss := in.movingS / 3600 * intensity * intensity * 100
		l.TSS, l.IF, l.TSSMethod = ptr(round1(tss)), ptr(round3(intensity)), "pace"
	}
	return l
}

// normPower computes Coggan's normalized power: the power resampled to
// 1 s, averaged over a rolling 30 s, raised to the 4th power, averaged and
// the 4th root taken.
type normPower struct {
	ring      [30]float64
	idx, bins int
	sum       float64 // of the ring
	sum4      float64
	n4        int
	acc, accT float64 // the 1 s bin being filled
}

func (np *normPower) init() { *np = normPower{} }

// add adds dt seconds at power p.
func (np *normPower) add(p, dt float64) {
	for dt > 1e-9 {
		take := math.Min(dt, 1-np.accT)
		np.acc += p * take
		np.accT += take
		dt -= take
		if np.accT >= 1-1e-9 {
			np.emit(np.acc / np.accT)
			np.acc, np.accT = 0, 0
		}
	}
}

func (np *normPower) emit(v float64) {
	np.sum += v - np.ring[np.idx]
	np.ring[np.idx] = v
	np.idx = (np.idx + 1) % len(np.ring)
	np.bins++
	if np.bins >= len(np.ring) {
		avg := np.sum / float64(len(np.ring))
		if avg < 0 {
			avg = 0 // rounding of the running sum
		}
		a2 := avg * avg
		np.sum4 += a2 * a2
		np.n4++
	}
}

func (np *normPower) value() (float64, bool) {
	if np.n4 == 0 {
		return 0, false
	}
	return math.Pow(np.sum4/float64(np.n4), 0.25), true
}

// seconds is the duration of the power series.
func (np *normPower) seconds() float64 { return float64(np.bins) + np.accT }

// gradedDistance is the moving distance of a run or walk weighted by the
// energy cost of its gradient (Minetti et al. 2002), so that a hilly run
// counts like the flat run of the same cost. Gradients are taken over
// chunks of at least gradeChunkM of distance.
type gradedDistance struct {
	dist     float64
	chunkD   float64
	chunkAlt float64
}

const (
	gradeChunkM = 50.0
	maxGrade    = 0.45 // the range Minetti et al. measured
)

func (g *gradedDistance) add(sr *series, i int) {
	dd := sr.d[i] - sr.d[i-1]
	if dd <= 0 {
		return
	}
	g.chunkD += dd
	if sr.hasAl {
		g.chunkAlt += sr.alt[i] - sr.alt[i-1]
	}
	if g.chunkD >= gradeChunkM {
		g.flush()
	}
}

func (g *gradedDistance) flush() {
	if g.chunkD > 0 {
		g.dist += g.chunkD * gradeFactor(g.chunkAlt/g.chunkD)
	}
	g.chunkD, g.chunkAlt = 0, 0
}

func (g *gradedDistance) finish() { g.flush() }

// gradeFactor is the energy cost of running at gradient i relative to the
// flat: Minetti et al. (2002) Cr(i) = 155.4i^5 - 30.4i^4 - 43.3i^3 +
// 46.3i^2 + 19.5i + 3.6 J/kg/m, divided by Cr(0) = 3.6.
func gradeFactor(i float64) float64 {
	i = math.Max(-maxGrade, math.Min(maxGrade, i))
	cr := ((((155.4*i-30.4)*i-43.3)*i+46.3)*i+19.5)*i + 3.6
	return cr / 3.6
}
