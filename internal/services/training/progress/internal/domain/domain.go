// Package domain holds the progress service's model and rules: the
// projection of an athlete's activities (from the tracker's events), their
// best efforts, the athlete's age and sex for comparisons, the athlete's
// settings, and the pure computations on them: calendar days, volume per
// period, record histories, form labels, race predictions and
// percentiles. It does no I/O.
package domain

import (
	"math"
	"strconv"
	"time"

	"github.com/sporthub/sporthub/internal/sport/activity"
)

// DateLayout is how calendar days are written: "2026-03-04".
const DateLayout = time.DateOnly

// Activity is what progress keeps of one activity.
type Activity struct {
	ID     string
	UserID string
	Sport  string
	Family string
	Name   string
	// StartedAt is the start (UTC); TimeZone its IANA zone ("" unknown);
	// Day the calendar day it started on there (UTC when unknown).
	StartedAt time.Time
	TimeZone  string
	Day       string
	DistanceM float64
	MovingS   float64
	ElapsedS  float64
	ElevGainM float64
	// Load is the activity's training load in TSS units.
	Load    float64
	Efforts []Effort
	// Start and End are the first and last positions (nil without a
	// route); Polyline the simplified route (Google encoded, 1e5).
	Start, End *LatLng
	Polyline   string
}

// LatLng is a position in degrees.
type LatLng struct{ Lat, Lng float64 }

// Effort is the fastest stretch of a standard distance in an activity.
type Effort struct {
	Name      string
	DistanceM float64
	ElapsedS  float64
}

// AvgSpeed is metres per second over moving time (0 without either).
func (a Activity) AvgSpeed() float64 {
	if a.MovingS <= 0 || a.DistanceM <= 0 {
		return 0
	}
	return a.DistanceM / a.MovingS
}

// FamilyOf returns the family of a sport id.
func FamilyOf(sport string) string { return activity.Sport(sport).Family() }

// Location returns the IANA zone tz, or UTC when it is empty or unknown.
func Location(tz string) *time.Location {
	if tz == "" {
		return time.UTC
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return time.UTC
	}
	return loc
}

// DayOf is the calendar day t falls on in zone tz.
func DayOf(t time.Time, tz string) string { return t.In(Location(tz)).Format(DateLayout) }

// ParseDay reads a calendar day as midnight UTC (the form analysis uses).
func ParseDay(s string) (time.Time, error) { return time.Parse(DateLayout, s) }

// Finite is v, or 0 for a value no sum may take (NaN, infinite, negative).
func Finite(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		return 0
	}
	return v
}

// Round1 rounds to one decimal (what the API shows of loads and fitness).
func Round1(v float64) float64 { return math.Round(v*10) / 10 }

// Athlete is what comparisons need to know of the athlete: sex and birth
// year (nil when not given).
type Athlete struct {
	UserID    string
	BirthYear *int
	Sex       *string
}

// AgeBand returns the ten-year band of an age: "under 20" is "0-19", then
// "20-29" ... "60-69", and "70+"; ok is false for an unknown birth year.
func (a Athlete) AgeBand(now time.Time) (band string, lo, hi int, ok bool) {
	if a.BirthYear == nil {
		return "", 0, 0, false
	}
	age := now.UTC().Year() - *a.BirthYear
	switch {
	case age < 20:
		return "0-19", 0, 19, true
	case age >= 70:
		return "70+", 70, 200, true
	}
	lo = age / 10 * 10
	return strconv.Itoa(lo) + "-" + strconv.Itoa(lo+9), lo, lo + 9, true
}

// Age is the athlete's age in now's year (0 when unknown).
func (a Athlete) Age(now time.Time) int {
	if a.BirthYear == nil {
		return 0
	}
	return now.UTC().Year() - *a.BirthYear
}

// Settings are an athlete's progress settings.
type Settings struct {
	UserID             string
	ShareInComparisons bool
	UpdatedAt          time.Time
}
