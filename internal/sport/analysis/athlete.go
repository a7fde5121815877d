package analysis

import "math"

// Athlete is what the analysis knows about the person who did an activity.
// Zero means unknown for every field; the analysis then skips or falls back
// to what needs it (see docs/analytics.md).
type Athlete struct {
	Age int
	// Sex is "male" or "female" (anything else is unknown).
	Sex                 string
	WeightKG            float64
	RestingHR           float64
	MaxHR               float64
	ThresholdHR         float64
	ThresholdPaceSPerKM float64
	// FTP is the cycling functional threshold power in watts.
	FTP float64
	// HRZones are the athlete's own lower bounds of heart-rate zones 2..5
	// (bpm, ascending); empty to derive the zones.
	HRZones []float64
}

// sexKind is 1 for male, 2 for female, 0 for unknown.
func (ath Athlete) sexKind() int {
	switch ath.Sex {
	case "male", "m", "M", "Male":
		return 1
	case "female", "f", "F", "Female":
		return 2
	}
	return 0
}

// maxHR is the athlete's maximum heart rate, or when unknown an estimate
// from age (Tanaka, Monahan & Seals 2001: 208 - 0.7 x age), or 0.
func (ath Athlete) maxHR() (hr float64, estimated bool) {
	if valid(ath.MaxHR) && ath.MaxHR >= 100 && ath.MaxHR <= 250 {
		return ath.MaxHR, false
	}
	if ath.Age >= 10 && ath.Age <= 100 {
		return 208 - 0.7*float64(ath.Age), true
	}
	return 0, false
}

// restHR is the resting heart rate when plausible, else 0.
func (ath Athlete) restHR() float64 {
	if valid(ath.RestingHR) && ath.RestingHR >= 25 && ath.RestingHR <= 120 {
		return ath.RestingHR
	}
	return 0
}

// KarvonenZones returns the lower bounds of heart-rate zones 2..5 by the
// Karvonen (heart-rate reserve) method: rest + p x (max - rest) for p =
// 60, 70, 80 and 90 %. Zone 1 is everything below 60 %. It returns nil when
// max is not above rest.
func KarvonenZones(rest, max float64) []float64 {
	if !valid(rest) || !valid(max) || max <= rest || rest < 0 {
		return nil
	}
	out := make([]float64, len(zonePcts))
	for i, p := range zonePcts {
		out[i] = round1(rest + p*(max-rest))
	}
	return out
}

// MaxHRZones returns the lower bounds of heart-rate zones 2..5 as 60, 70,
// 80 and 90 % of the maximum heart rate.
func MaxHRZones(max float64) []float64 {
	if !valid(max) || max <= 0 {
		return nil
	}
	out := make([]float64, len(zonePcts))
	for i, p := range zonePcts {
		out[i] = round1(p * max)
	}
	return out
}

var zonePcts = [...]float64{0.6, 0.7, 0.8, 0.9}

// powerZonePcts are the lower bounds of Coggan's power zones 2..7 as
// fractions of FTP: endurance above 55 %, tempo above 75 %, threshold above
// 90 %, VO2max above 105 %, anaerobic above 120 %, neuromuscular above 150 %.
var powerZonePcts = [...]float64{0.55, 0.75, 0.90, 1.05, 1.20, 1.50}

// PowerZones returns the lower bounds of Coggan's power zones 2..7 for ftp.
func PowerZones(ftp float64) []float64 {
	if !valid(ftp) || ftp <= 0 {
		return nil
	}
	out := make([]float64, len(powerZonePcts))
	for i, p := range powerZonePcts {
		out[i] = round1(p * ftp)
	}
	return out
}

// hrZones picks the athlete's heart-rate zones: their own, else Karvonen,
// else percentages of the maximum.
func (ath Athlete) hrZones() (bounds []float64, method string) {
	if z := ath.HRZones; len(z) > 0 {
		ok := true
		for i, v := range z {
			if !valid(v) || v <= 0 || v > 250 || (i > 0 && v <= z[i-1]) {
				ok = false
				break
			}
		}
		if ok {
			return append([]float64(nil), z...), "custom"
		}
	}
	max, _ := ath.maxHR()
	if max == 0 {
		return nil, ""
	}
	if rest := ath.restHR(); rest > 0 && rest < max {
		return KarvonenZones(rest, max), "karvonen"
	}
	return MaxHRZones(max), "max_hr"
}

// zoneOf returns the zone index (0-based) of v for lower bounds of zones
// 2..n.
func zoneOf(bounds []float64, v float64) int {
	z := 0
	for z < len(bounds) && v >= bounds[z] {
		z++
	}
	return z
}

// valid reports whether v is a finite number (NaN and ±Inf minus
// themselves are NaN).
func valid(v float64) bool { return v-v == 0 }

func round1(v float64) float64 { return math.Round(v*10) / 10 }
