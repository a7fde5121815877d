package progressapi

import "time"

// Dates in the API are calendar days, "YYYY-MM-DD", in the athlete's own
// time: an activity belongs to the day it started on where it started.

// FitnessDay is one day of the performance management chart: the day's
// load (TSS units) and the chronic (CTL, 42-day) and acute (ATL, 7-day)
// training loads and the training stress balance TSB = CTL - ATL.
type FitnessDay struct {
	Date string  `json:"date"`
	Load float64 `json:"load"`
	CTL  float64 `json:"ctl"`
	ATL  float64 `json:"atl"`
	TSB  float64 `json:"tsb"`
}

// Fitness is GET /me/fitness: every day from From to To.
type Fitness struct {
	From  string       `json:"from"`
	To    string       `json:"to"`
	Items []FitnessDay `json:"items"`
}

// Form labels of the training stress balance (descriptive bands, see
// docs/progress.md).
const (
	FormTransition   = "transition"   // TSB above 25: fitness is fading
	FormFresh        = "fresh"        // 5 to 25
	FormNeutral      = "neutral"      // -10 to 5
	FormProductive   = "productive"   // -30 to -10
	FormOverreaching = "overreaching" // below -30
)

// FitnessToday is today's fitness with its form label.
type FitnessToday struct {
	Date string  `json:"date"`
	CTL  float64 `json:"ctl"`
	ATL  float64 `json:"atl"`
	TSB  float64 `json:"tsb"`
	Form string  `json:"form"`
}

// Volume is the training done in one period (week from Monday, or month)
// in one sport.
type Volume struct {
	PeriodStart string  `json:"period_start"`
	Sport       string  `json:"sport"`
	Count       int     `json:"count"`
	DistanceM   float64 `json:"distance_m"`
	MovingS     float64 `json:"moving_s"`
	ElevGainM   float64 `json:"elev_gain_m"`
	Load        float64 `json:"load"`
}

// VolumeList is GET /me/volume.
type VolumeList struct {
	Period string   `json:"period"` // week | month
	From   string   `json:"from"`
	To     string   `json:"to"`
	Items  []Volume `json:"items"`
}

// ACWRNote is said with every acute:chronic workload ratio.
const ACWRNote = "Descriptive only: the mean daily load of the last 7 days against that of the 21 days before. " +
	"It is not an injury predictor (the ratio has a built-in spurious correlation)."

// ACWR is GET /me/acwr: the acute load (mean daily load of the 7 days
// ending today) and the chronic load (mean daily load of the 21 days
// before them), and their ratio (null without a chronic load).
// Descriptive, never a risk.
type ACWR struct {
	Date    string   `json:"date"`
	Acute   float64  `json:"acute"`
	Chronic float64  `json:"chronic"`
	Ratio   *float64 `json:"ratio"`
	Note    string   `json:"note"`
}

// RecordEntry is one best effort: the activity it was run in, its time and
// when (the activity's start).
type RecordEntry struct {
	ActivityID string    `json:"activity_id"`
	ElapsedS   float64   `json:"elapsed_s"`
	AchievedAt time.Time `json:"achieved_at"`
	// ImprovementS is how much it beat the record before it (null for the
	// first).
	ImprovementS *float64 `json:"improvement_s"`
}

// Record is the current best over one standard distance of a family, and
// every improvement that led to it, oldest first.
type Record struct {
	Family    string        `json:"family"`
	Effort    string        `json:"effort"`
	DistanceM float64       `json:"distance_m"`
	Best      RecordEntry   `json:"best"`
	History   []RecordEntry `json:"history"`
}

// Records is GET /me/records.
type Records struct {
	Items []Record `json:"items"`
}

// RecentRecord is a recent improvement, for the summary.
type RecentRecord struct {
	Family    string  `json:"family"`
	Effort    string  `json:"effort"`
	DistanceM float64 `json:"distance_m"`
	RecordEntry
}

// EffortRef names the effort a prediction or comparison stands on.
type EffortRef struct {
	ActivityID string    `json:"activity_id"`
	Effort     string    `json:"effort"`
	DistanceM  float64   `json:"distance_m"`
	ElapsedS   float64   `json:"elapsed_s"`
	AchievedAt time.Time `json:"achieved_at"`
}

// Prediction is a race time predicted for a standard distance by Riegel's
// formula and by Daniels' VDOT tables (null when not computable).
type Prediction struct {
	Effort    string   `json:"effort"`
	DistanceM float64  `json:"distance_m"`
	RiegelS   *float64 `json:"riegel_s"`
	VDOTS     *float64 `json:"vdot_s"`
}

// Predictions is GET /me/predictions: predictions for 5k, 10k, half
// marathon and marathon from the best recent running effort (Source; nil,
// with no items, when there is none in the window). AgeGradePct is the
// source's age grade, when the athlete's age and sex are known and a
// grading table is available.
type Predictions struct {
	WindowDays  int          `json:"window_days"`
	Source      *EffortRef   `json:"source"`
	VDOT        *float64     `json:"vdot"`
	AgeGradePct *float64     `json:"age_grade_pct"`
	Items       []Prediction `json:"items"`
}

// PeriodVolume is one period's volume per sport.
type PeriodVolume struct {
	PeriodStart string   `json:"period_start"`
	Items       []Volume `json:"items"`
}

// Summary is GET /me/summary: today's fitness (null before any activity),
// this week's and this month's volume per sport, the latest record
// improvements and the predictions.
type Summary struct {
	Date          string         `json:"date"`
	Fitness       *FitnessToday  `json:"fitness"`
	Week          PeriodVolume   `json:"week"`
	Month         PeriodVolume   `json:"month"`
	RecentRecords []RecentRecord `json:"recent_records"`
	Predictions   Predictions    `json:"predictions"`
}

// ActivityRef is one of the athlete's activities in a comparison.
type ActivityRef struct {
	ActivityID string    `json:"activity_id"`
	Name       string    `json:"name"`
	Sport      string    `json:"sport"`
	StartedAt  time.Time `json:"started_at"`
	DistanceM  float64   `json:"distance_m"`
	MovingS    float64   `json:"moving_s"`
	ElapsedS   float64   `json:"elapsed_s"`
	// AvgSpeed is metres per second over moving time.
	AvgSpeed float64 `json:"avg_speed"`
}

// OwnComparison compares the activity with the athlete's own earlier
// activities of the same family: Items, most recent first (at most 20),
// and the activity's Rank by average moving speed among itself and all
// Count of them (1 = fastest).
type OwnComparison struct {
	Count int           `json:"count"`
	Rank  int           `json:"rank"`
	Items []ActivityRef `json:"items"`
}

// EffortStandard is one best effort of the activity against reference
// standards: its VDOT and age grade (null when not computable).
type EffortStandard struct {
	Effort      string   `json:"effort"`
	DistanceM   float64  `json:"distance_m"`
	ElapsedS    float64  `json:"elapsed_s"`
	VDOT        *float64 `json:"vdot"`
	AgeGradePct *float64 `json:"age_grade_pct"`
}

// Reference holds the activity's efforts against reference standards and
// the race times its best effort predicts (running only; empty otherwise).
type Reference struct {
	Efforts     []EffortStandard `json:"efforts"`
	Predictions []Prediction     `json:"predictions"`
}

// Reasons a percentile is null.
const (
	ReasonTooFew         = "too_few_athletes" // fewer than MinCohort share comparable efforts
	ReasonUnknownAthlete = "unknown_athlete"  // the caller's sex or birth year is not known
)

// MinCohort is the fewest other athletes a percentile is computed among.
const MinCohort = 5

// EffortPercentile places one best effort of the activity among the
// recent bests of other athletes of the same family, sex and age band who
// allow comparisons: the share of them it is faster than (0-100), or null
// (with Reason) when there are fewer than MinCohort of them. CohortSize is
// given only when the percentile is.
type EffortPercentile struct {
	Effort     string   `json:"effort"`
	DistanceM  float64  `json:"distance_m"`
	ElapsedS   float64  `json:"elapsed_s"`
	Percentile *float64 `json:"percentile"`
	CohortSize *int     `json:"cohort_size"`
	Reason     *string  `json:"reason"`
}

// Cohort describes who an activity is compared with.
type Cohort struct {
	Family  string  `json:"family"`
	Sex     *string `json:"sex"`
	AgeBand *string `json:"age_band"` // e.g. "30-39", "70+"
}

// Others is the comparison with other athletes.
type Others struct {
	Cohort  Cohort             `json:"cohort"`
	Efforts []EffortPercentile `json:"efforts"`
}

// Comparisons is GET /me/activities/{id}/comparisons.
type Comparisons struct {
	Activity     ActivityRef   `json:"activity"`
	Family       string        `json:"family"`
	SameDistance OwnComparison `json:"same_distance"`
	SameRoute    OwnComparison `json:"same_route"`
	Reference    Reference     `json:"reference"`
	Others       Others        `json:"others"`
}

// Settings are the athlete's progress settings (GET and PUT /me/settings).
// ShareInComparisons lets other athletes' percentiles count this
// athlete's best efforts (anonymously); off by default.
type Settings struct {
	ShareInComparisons bool `json:"share_in_comparisons"`
}

// SettingsInput is the body of PUT /me/settings.
type SettingsInput struct {
	ShareInComparisons *bool `json:"share_in_comparisons"`
}
