package domain

import (
	"math"
	"time"

	"github.com/sporthub/sporthub/internal/sport/activity"
)

// TrainingActivity is the little the service keeps of an activity the
// tracker recorded: enough to measure goals.
type TrainingActivity struct {
	ID        string
	UserID    string
	Sport     string
	StartedAt time.Time
	// TimeZone is the IANA zone of the start ("" when unknown).
	TimeZone  string
	DistanceM float64
	MovingS   float64
	// Efforts are the activity's best efforts over standard distances.
	Efforts []Effort
}

// Effort is the fastest stretch of a standard distance within an activity.
type Effort struct {
	DistanceM float64 `json:"distance_m"`
	ElapsedS  float64 `json:"elapsed_s"`
}

// Location returns the activity's time zone (UTC when unknown or invalid).
func (a TrainingActivity) Location() *time.Location {
	if a.TimeZone == "" {
		return time.UTC
	}
	loc, err := time.LoadLocation(a.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// RaceWindow is how far before a race date activities count towards a
// race goal: the best time of the year leading up to the race.
const RaceWindow = 365 * 24 * time.Hour

// raceDistanceTolerance is how close a best effort's distance must be to
// the race's to stand for it (standard distances match exactly; 0.5%
// allows for a half marathon given as 21,100 m), and wholeActivityOver
// how much longer than the race a whole activity may be to count when
// no best effort matches.
const (
	raceDistanceTolerance = 0.005
	wholeActivityOver     = 0.03
)

// GoalsLocation is the time zone goal periods are measured in: the zone
// of the athlete's most recent activity, UTC without one.
func GoalsLocation(acts []TrainingActivity) *time.Location {
	var latest *TrainingActivity
	for i := range acts {
		if latest == nil || acts[i].StartedAt.After(latest.StartedAt) {
			latest = &acts[i]
		}
	}
	if latest == nil {
		return time.UTC
	}
	return latest.Location()
}

// PeriodBounds returns the current week (from Monday), month or year that
// contains now in loc, as [start, end).
func PeriodBounds(period string, now time.Time, loc *time.Location) (start, end time.Time) {
	n := now.In(loc)
	day := time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, loc)
	switch period {
	case "week":
		start = day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
		return start, start.AddDate(0, 0, 7)
	case "month":
		start = time.Date(n.Year(), n.Month(), 1, 0, 0, 0, 0, loc)
		return start, start.AddDate(0, 1, 0)
	default: // year
		start = time.Date(n.Year(), 1, 1, 0, 0, 0, 0, loc)
		return start, start.AddDate(1, 0, 0)
	}
}

// EarliestNeeded is the earliest start of an activity any goal can count
// at now: the start of this year or a year before the latest race.
func EarliestNeeded(goals []Goal, now time.Time) time.Time {
	// A day of slack covers every time zone's "this year".
	earliest := time.Date(now.UTC().Year(), 1, 1, 0, 0, 0, 0, time.UTC).Add(-24 * time.Hour)
	for _, g := range goals {
		if g.Kind != GoalRace || g.RaceDate == nil {
			continue
		}
		if d, err := time.Parse(time.DateOnly, *g.RaceDate); err == nil {
			if from := d.Add(-RaceWindow - 24*time.Hour); from.Before(earliest) {
				earliest = from
			}
		}
	}
	return earliest
}

// ProgressOf measures a goal at now against the athlete's activities,
// with periods in loc:
//   - distance, time, count: the metres, moving seconds or number of
//     activities (of the goal's sport, when it names one) that started in
//     the current week, month or year;
//   - race: the best time over the race distance in the year up to the
//     end of the race day - a best effort of that distance, else a whole
//     activity of about that distance (at most 3% longer); 0 when none or
//     when the goal names no distance. Activities of the goal sport's
//     family count (a trail run for a running race); a goal without a
//     sport is a running race. Lower is better here.
func ProgressOf(g Goal, acts []TrainingActivity, now time.Time, loc *time.Location) float64 {
	if g.Kind == GoalRace {
		return raceProgress(g, acts, loc)
	}
	if g.Period == nil {
		return 0
	}
	start, end := PeriodBounds(*g.Period, now, loc)
	var sum float64
	for _, a := range acts {
		if g.Sport != nil && a.Sport != *g.Sport || a.StartedAt.Before(start) || !a.StartedAt.Before(end) {
			continue
		}
		switch g.Kind {
		case GoalDistance:
			sum += a.DistanceM
		case GoalTime:
			sum += a.MovingS
		case GoalCount:
			sum++
		}
	}
	if g.Kind == GoalDistance {
		return math.Round(sum*10) / 10
	}
	return math.Round(sum)
}

func raceProgress(g Goal, acts []TrainingActivity, loc *time.Location) float64 {
	if g.RaceDistanceM == nil || g.RaceDate == nil {
		return 0
	}
	day, err := time.ParseInLocation(time.DateOnly, *g.RaceDate, loc)
	if err != nil {
		return 0
	}
	end := day.AddDate(0, 0, 1)
	start := end.Add(-RaceWindow)
	race := *g.RaceDistanceM
	best := 0.0
	better := func(t float64) {
		if t > 0 && (best == 0 || t < best) {
			best = t
		}
	}
	for _, a := range acts {
		if !raceSport(g.Sport, a.Sport) || a.StartedAt.Before(start) || !a.StartedAt.Before(end) {
			continue
		}
		matched := false
		for _, e := range a.Efforts {
			if math.Abs(e.DistanceM-race) <= race*raceDistanceTolerance {
				better(e.ElapsedS)
				matched = true
			}
		}
		if !matched && a.DistanceM >= race*(1-raceDistanceTolerance) && a.DistanceM <= race*(1+wholeActivityOver) {
			better(a.MovingS)
		}
	}
	return math.Round(best)
}

// raceSport reports whether an activity of sport counts for a race goal
// of goalSport (nil: a running race).
func raceSport(goalSport *string, sport string) bool {
	fam := activity.Sport(sport).Family()
	if goalSport == nil {
		return fam == activity.FamilyRun
	}
	if want := activity.Sport(*goalSport).Family(); want != activity.FamilyOther {
		return fam == want
	}
	return sport == *goalSport
}
