package analysis

import (
	"math"
	"time"
)

// Day is one day's training load (the sum of its activities' Load.Score).
type Day struct {
	// Date is the day; only its UTC calendar date counts.
	Date time.Time
	Load float64
}

// Fitness is one day of the performance management chart.
type Fitness struct {
	Date time.Time `json:"date"`
	Load float64   `json:"load"`
	// CTL (fitness) and ATL (fatigue) are exponentially weighted averages
	// of the daily load with time constants of 42 and 7 days, including
	// the day's own load.
	CTL float64 `json:"ctl"`
	ATL float64 `json:"atl"`
	// TSB (form) is the previous day's CTL minus its ATL: how fresh the
	// athlete starts the day.
	TSB float64 `json:"tsb"`
}

// Time constants of the performance management chart, days.
const (
	ctlDays = 42
	atlDays = 7
	// warmUpDays is how much history before from is replayed so the
	// averages start warm; older loads weigh under e^-17 and are ignored.
	warmUpDays = 730
	// maxSeriesDays bounds the length of one series.
	maxSeriesDays = 366 * 20
)

const secondsPerDay = 86400

func dayIndex(t time.Time) int64 {
	return int64(math.Floor(float64(t.Unix()) / secondsPerDay))
}

func dayTime(i int64) time.Time { return time.Unix(i*secondsPerDay, 0).UTC() }

// FitnessSeries returns one Fitness per day from from to to (inclusive,
// UTC days): CTL_d = CTL_{d-1} + (load_d - CTL_{d-1}) / 42, ATL likewise
// with 7, TSB_d = CTL_{d-1} - ATL_{d-1}. Loads before from (up to two
// years) warm the averages up; loads of the same day add up; days without
// a load count as zero. It returns nil when to is before from.
func FitnessSeries(days []Day, from, to time.Time) []Fitness {
	f, l := dayIndex(from), dayIndex(to)
	if l < f {
		return nil
	}
	if l-f >= maxSeriesDays {
		f = l - maxSeriesDays + 1
	}
	start := f
	for _, d := range days {
		if i := dayIndex(d.Date); i < start && i >= f-warmUpDays {
			start = i
		}
	}
	loads := make([]float64, l-start+1)
	for _, d := range days {
		if i := dayIndex(d.Date); i >= start && i <= l && valid(d.Load) {
			loads[i-start] += d.Load
		}
	}
	out := make([]Fitness, 0, l-f+1)
	var ctl, atl float64
	for k, load := range loads {
		tsb := ctl - atl
		ctl += (load - ctl) / ctlDays
		atl += (load - atl) / atlDays
		if i := start + int64(k); i >= f {
			out = append(out, Fitness{Date: dayTime(i), Load: round2(load), CTL: round2(ctl), ATL: round2(atl), TSB: round2(tsb)})
		}
	}
	return out
}

// ACWR returns the acute:chronic workload ratio on a day, as a description
// of how the last week compares with the three weeks before it: acute is
// the mean daily load of the 7 days ending on that day, chronic the mean
// daily load of the 21 days before them (the "uncoupled" form), ratio
// acute/chronic (0 without chronic load). It is not an injury predictor:
// see docs/analytics.md.
func ACWR(days []Day, on time.Time) (acute, chronic, ratio float64) {
	end := dayIndex(on)
	var a, c float64
	for _, d := range days {
		if !valid(d.Load) {
			continue
		}
		switch i := dayIndex(d.Date); {
		case i > end:
		case i > end-7:
			a += d.Load
		case i > end-28:
			c += d.Load
		}
	}
	acute, chronic = a/7, c/21
	if chronic > 0 {
		ratio = acute / chronic
	}
	return round2(acute), round2(chronic), round2(ratio)
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }
