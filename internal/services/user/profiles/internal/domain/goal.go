package domain

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
)

// Goal kinds.
const (
	GoalDistance = "distance"
	GoalTime     = "time"
	GoalCount    = "count"
	GoalRace     = "race"
)

// Goal is a training goal. Target is metres (distance), seconds (time, and
// for a race the finish time aimed at) or a count. Progress is kept by a
// consumer of training events in the same unit; it starts at 0.
type Goal struct {
	ID       string
	UserID   string
	Kind     string
	Sport    *string
	Period   *string
	Target   float64
	RaceName *string
	RaceDate *string // YYYY-MM-DD
	// RaceDistanceM is the race's distance in metres (race goals; nil
	// when not given: progress then stays 0).
	RaceDistanceM *float64
	Progress      float64
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// MaxGoals is how many goals a user may keep.
const MaxGoals = 50

// goalTargetMax is the largest target per kind: 100,000 km, 10,000 hours,
// 10,000 times, a 7-day race.
var goalTargetMax = map[string]float64{GoalDistance: 1e8, GoalTime: 3.6e7, GoalCount: 1e4, GoalRace: 7 * 24 * 3600}

// Validate checks the goal's rules: distance, time and count goals have a
// period and no race fields; race goals have a name and a date and no period.
func (g *Goal) Validate(now time.Time) error {
	var f apperr.Fields
	if !slices.Contains(profilesapi.GoalKinds, g.Kind) {
		f.Add("kind", "not_allowed", "must be one of: "+strings.Join(profilesapi.GoalKinds, ", "))
		return f.Err()
	}
	if g.Sport != nil && !profilesapi.IsSport(*g.Sport) {
		f.Add("sport", "not_allowed", "not a known sport")
	}
	if limit := goalTargetMax[g.Kind]; math.IsNaN(g.Target) || g.Target <= 0 || g.Target > limit {
		f.Add("target", "out_of_range", fmt.Sprintf("must be above 0 and at most %g", limit))
	} else if g.Kind != GoalDistance && g.Target != math.Trunc(g.Target) {
		f.Add("target", "invalid", "must be a whole number")
	}
	if g.Kind == GoalRace {
		g.checkRace(&f, now)
		return f.Err()
	}
	if g.Period == nil {
		f.Add("period", "required", "give week, month or year")
	} else if !slices.Contains(profilesapi.GoalPeriods, *g.Period) {
		f.Add("period", "not_allowed", "must be one of: "+strings.Join(profilesapi.GoalPeriods, ", "))
	}
	if g.RaceName != nil {
		f.Add("race_name", "not_allowed", "only race goals have a race name")
	}
	if g.RaceDate != nil {
		f.Add("race_date", "not_allowed", "only race goals have a race date")
	}
	if g.RaceDistanceM != nil {
		f.Add("race_distance_m", "not_allowed", "only race goals have a race distance")
	}
	return f.Err()
}

func (g *Goal) checkRace(f *apperr.Fields, now time.Time) {
	if g.Period != nil {
		f.Add("period", "not_allowed", "race goals have a date, not a period")
	}
	if g.RaceName == nil || strings.TrimSpace(*g.RaceName) == "" {
		f.Add("race_name", "required", "name the race")
	} else {
		n := strings.TrimSpace(*g.RaceName)
		g.RaceName = &n
		if utf8.RuneCountInString(n) > 120 || hasControl(n, false) {
			f.Add("race_name", "invalid", "at most 120 characters, no control characters")
		}
	}
	if d := g.RaceDistanceM; d != nil && (math.IsNaN(*d) || *d < 100 || *d > 1e6) {
		f.Add("race_distance_m", "out_of_range", "must be between 100 and 1000000 metres")
	}
	if g.RaceDate == nil {
		f.Add("race_date", "required", "give the race date, YYYY-MM-DD")
		return
	}
	d, err := time.Parse(time.DateOnly, *g.RaceDate)
	if err != nil {
		f.Add("race_date", "invalid", "a date, YYYY-MM-DD")
		return
	}
	if d.Year() < 2000 || d.After(now.AddDate(10, 0, 0)) {
		f.Add("race_date", "out_of_range", "between 2000 and ten years from now")
	}
}
