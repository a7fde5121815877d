package analysis

import "math"

// riegelExponent is Riegel's fatigue exponent (Riegel 1981).
const riegelExponent = 1.06

// Riegel predicts the time (s) for distance d2 from a time t1 over d1:
// t2 = t1 x (d2/d1)^1.06. It returns 0 for invalid input.
func Riegel(d1, t1, d2 float64) float64 {
	if !(d1 > 0 && t1 > 0 && d2 > 0) || !valid(d1+t1+d2) {
		return 0
	}
	return t1 * math.Pow(d2/d1, riegelExponent)
}

// VDOT is Daniels and Gilbert's VDOT for running distanceM metres in timeS
// seconds: the oxygen cost of the race speed divided by the fraction of
// VO2max sustainable for the race's duration (Daniels & Gilbert 1979,
// Oxygen Power):
//
//	v = metres per minute, t = minutes
//	VO2 = -4.60 + 0.182258 v + 0.000104 v^2
//	%max = 0.8 + 0.1894393 e^(-0.012778 t) + 0.2989558 e^(-0.1932605 t)
//	VDOT = VO2 / %max
//
// It returns 0 for invalid input or speeds too slow for the model.
func VDOT(distanceM, timeS float64) float64 {
	if !(distanceM > 0 && timeS > 0) || !valid(distanceM+timeS) {
		return 0
	}
	t := timeS / 60
	v := distanceM / t
	vo2 := -4.60 + 0.182258*v + 0.000104*v*v
	pct := 0.8 + 0.1894393*math.Exp(-0.012778*t) + 0.2989558*math.Exp(-0.1932605*t)
	if vo2 <= 0 {
		return 0
	}
	return vo2 / pct
}

// PredictVDOT returns the time (s) in which a runner of the given VDOT
// covers distanceM: the time whose VDOT equals vdot, found by bisection.
// It returns 0 when vdot is outside what the model covers for that
// distance (speeds between 1 and 12 m/s).
func PredictVDOT(vdot, distanceM float64) float64 {
	if !(vdot > 0 && distanceM > 0) || !valid(vdot+distanceM) {
		return 0
	}
	lo, hi := distanceM/12, distanceM/1 // fast and slow bounds, s
	if VDOT(distanceM, lo) < vdot || VDOT(distanceM, hi) > vdot {
		return 0
	}
	for k := 0; k < 200 && hi-lo > 1e-6; k++ {
		mid := (lo + hi) / 2
		if VDOT(distanceM, mid) > vdot {
			lo = mid // too fast
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}
