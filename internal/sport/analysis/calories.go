package analysis

import "github.com/sporthub/sporthub/internal/sport/activity"

// grossEfficiency is the share of metabolic energy a cyclist turns into
// work at the pedals (about 20-25 %); at 24 % one kilojoule of work costs
// 1/(0.24 x 4.184) ~= 1 kcal.
const grossEfficiency = 0.24

const kJPerKcal = 4.184

type calorieInput struct {
	family     string
	ath        Athlete
	workJ      float64
	powerTimeS float64
	nonGapS    float64
	avgHR      *float64
	hrTimeS    float64
	distM      float64
	gainM      float64
	movingS    float64
	stated     float64
}

// calories estimates the energy an activity cost, in kcal: from the work
// done when a ride has power, else from heart rate (Keytel et al. 2005),
// else from distance, climb and weight (ACSM running and walking
// equations), else from the sport's MET value, else what the file states.
func calories(in calorieInput) *float64 {
	if in.family == activity.FamilyRide && in.workJ > 0 && in.powerTimeS >= 0.5*in.nonGapS {
		return ptr(round1(in.workJ / 1000 / (grossEfficiency * kJPerKcal)))
	}
	ath := in.ath
	w := ath.WeightKG
	if !valid(w) || w < 20 || w > 300 {
		w = 0
	}
	if in.avgHR != nil && in.hrTimeS >= 0.5*in.nonGapS && in.hrTimeS > 0 && w > 0 && ath.Age >= 10 && ath.Age <= 100 {
		if kcal := keytel(*in.avgHR, w, float64(ath.Age), ath.sexKind()) * in.nonGapS / 60; kcal > 0 {
			return ptr(round1(kcal))
		}
	}
	if w > 0 && in.distM > 0 && in.movingS > 0 && (in.family == activity.FamilyRun || in.family == activity.FamilyWalk) {
		// ACSM: VO2 (ml/kg/min) = horizontal + vertical + 3.5 resting;
		// integrated over the activity: per metre of distance and of climb.
		h, v := 0.2, 0.9 // running
		if in.family == activity.FamilyWalk {
			h, v = 0.1, 1.8
		}
		vo2 := h*in.distM + v*in.gainM + 3.5*in.movingS/60 // ml/kg
		return ptr(round1(vo2 * w / 1000 * 5))             // ~5 kcal per litre of O2
	}
	if w > 0 && in.movingS > 0 {
		if met := metOf(in.family); met > 0 {
			return ptr(round1(met * w * in.movingS / 3600))
		}
	}
	if valid(in.stated) && in.stated > 0 {
		return ptr(in.stated)
	}
	return nil
}

// keytel is the energy expenditure in kcal/min at heart rate hr (Keytel
// et al. 2005, the equations without VO2max); sex 0 averages both.
func keytel(hr, weight, age float64, sex int) float64 {
	male := -55.0969 + 0.6309*hr + 0.1988*weight + 0.2017*age
	female := -20.4022 + 0.4472*hr - 0.1263*weight + 0.074*age
	var kj float64
	switch sex {
	case 1:
		kj = male
	case 2:
		kj = female
	default:
		kj = (male + female) / 2
	}
	return kj / kJPerKcal
}

// metOf is a general MET value per family from the 2011 Compendium of
// Physical Activities (Ainsworth et al. 2011): bicycling, general 7.5;
// running, general 8.0; walking 3.5; swimming laps, light or moderate 5.8;
// other activities 4.0 as a moderate-intensity default.
func metOf(family string) float64 {
	switch family {
	case activity.FamilyRide:
		return 7.5
	case activity.FamilyRun:
		return 8.0
	case activity.FamilyWalk:
		return 3.5
	case activity.FamilySwim:
		return 5.8
	}
	return 4.0
}
