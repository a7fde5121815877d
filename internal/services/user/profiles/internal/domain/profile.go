// Package domain holds the profiles service's entities and rules: athlete
// profiles with body metrics and sports, privacy settings and zones,
// follows, goals and achievements, and what each viewer may see of a
// profile. It does no I/O.
package domain

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
)

// SportLevel is one sport of a profile and the athlete's level in it.
type SportLevel struct {
	Sport string
	Level string
}

// Profile is an athlete's profile. Nil pointers are fields not filled in.
type Profile struct {
	UserID      string
	DisplayName string
	Bio         string
	BirthYear   *int
	Sex         *string
	HeightCM    *int
	WeightKG    *float64
	RestingHR   *int
	MaxHR       *int
	// ThresholdHR is the lactate threshold heart rate, bpm.
	ThresholdHR *int
	// HRZones are the athlete's own heart-rate zones: the lower bounds
	// (bpm) of zones 2..5, ascending; empty when the athlete has none
	// (analysis then uses Karvonen from resting and maximum).
	HRZones []int
	// ThresholdPace is seconds per kilometre; ThresholdPower watts.
	ThresholdPace  *int
	ThresholdPower *int
	Region         *string
	Sports         []SportLevel
	// Avatar is the stored avatar's name ("" without one).
	Avatar    string
	Privacy   Privacy
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Limits of profile fields.
const (
	MaxDisplayName = 60
	MaxBio         = 500
	MaxSports      = 12
	MinAge         = 5
	// HRZoneCount is how many bounds custom heart-rate zones have (the
	// lower bounds of zones 2..5 of a five-zone model).
	HRZoneCount = 4
)

var regionRe = regexp.MustCompile(`^[A-Z]{2}(-[A-Z0-9]{1,3})?$`)

// NewProfile returns a fresh profile with the default privacy. An unusable
// display name is replaced by a generated one.
func NewProfile(userID, displayName string, now time.Time) Profile {
	name := strings.TrimSpace(displayName)
	if checkName(name) != "" {
		name = DefaultDisplayName(userID)
	}
	return Profile{UserID: userID, DisplayName: name, Sports: []SportLevel{}, HRZones: []int{}, Privacy: DefaultPrivacy(),
		Version: 1, CreatedAt: now, UpdatedAt: now}
}

// DefaultDisplayName is the name of a profile created before its owner's
// email is known: "athlete-" and the last six characters of the user id.
func DefaultDisplayName(userID string) string {
	id := strings.ReplaceAll(userID, "-", "")
	if len(id) > 6 {
		id = id[len(id)-6:]
	}
	return "athlete-" + id
}

// NameFromEmail derives a display name from an email's local part (before
// any "+tag"); "" when nothing usable is left.
func NameFromEmail(email string) string {
	local, _, _ := strings.Cut(email, "@")
	local, _, _ = strings.Cut(local, "+")
	local = strings.TrimSpace(local)
	if utf8.RuneCountInString(local) > MaxDisplayName {
		local = string([]rune(local)[:MaxDisplayName])
	}
	if checkName(local) != "" {
		return ""
	}
	return local
}

// Normalize trims the text fields, upper-cases the region and rounds the
// weight to 0.1 kg, before Validate.
func (p *Profile) Normalize() {
	p.DisplayName = strings.TrimSpace(p.DisplayName)
	p.Bio = strings.TrimSpace(p.Bio)
	if p.Region != nil {
		r := strings.ToUpper(strings.TrimSpace(*p.Region))
		p.Region = &r
	}
	if p.WeightKG != nil {
		w := math.Round(*p.WeightKG*10) / 10
		p.WeightKG = &w
	}
	if p.Sports == nil {
		p.Sports = []SportLevel{}
	}
	if p.HRZones == nil {
		p.HRZones = []int{}
	}
}

// Validate checks every field; now gives the current year for the birth year.
func (p *Profile) Validate(now time.Time) error {
	var f apperr.Fields
	if msg := checkName(p.DisplayName); msg != "" {
		f.Add("display_name", "invalid", msg)
	}
	if n := utf8.RuneCountInString(p.Bio); n > MaxBio {
		f.Add("bio", "too_long", fmt.Sprintf("at most %d characters", MaxBio))
	} else if hasControl(p.Bio, true) {
		f.Add("bio", "invalid", "must not hold control characters")
	}
	intRange(&f, "birth_year", p.BirthYear, 1900, now.UTC().Year()-MinAge)
	if p.Sex != nil && !slices.Contains(profilesapi.Sexes, *p.Sex) {
		f.Add("sex", "not_allowed", "must be one of: "+strings.Join(profilesapi.Sexes, ", "))
	}
	intRange(&f, "height_cm", p.HeightCM, 100, 250)
	if w := p.WeightKG; w != nil && (math.IsNaN(*w) || *w < 25 || *w > 300) {
		f.Add("weight_kg", "out_of_range", "must be between 25 and 300")
	}
	intRange(&f, "resting_hr", p.RestingHR, 25, 120)
	intRange(&f, "max_hr", p.MaxHR, 100, 230)
	if p.RestingHR != nil && p.MaxHR != nil && *p.MaxHR <= *p.RestingHR {
		f.Add("max_hr", "out_of_range", "must be above the resting heart rate")
	}
	intRange(&f, "threshold_hr", p.ThresholdHR, 80, 220)
	if t := p.ThresholdHR; t != nil && *t >= 80 && *t <= 220 {
		if p.MaxHR != nil && *t >= *p.MaxHR {
			f.Add("threshold_hr", "out_of_range", "must be below the maximum heart rate")
		} else if p.RestingHR != nil && *t <= *p.RestingHR {
			f.Add("threshold_hr", "out_of_range", "must be above the resting heart rate")
		}
	}
	checkHRZones(&f, p)
	intRange(&f, "threshold_pace_s_per_km", p.ThresholdPace, 120, 1200)
	intRange(&f, "threshold_power_w", p.ThresholdPower, 50, 600)
	if p.Region != nil && !regionRe.MatchString(*p.Region) {
		f.Add("region", "invalid", "an ISO 3166 country code, optionally with a subdivision: RU, KZ, RU-MOW")
	}
	checkSports(&f, p.Sports)
	if !IsVisibility(p.Privacy.Visibility) {
		f.Add("visibility", "not_allowed", "must be one of: "+strings.Join(profilesapi.Visibilities, ", "))
	}
	return f.Err()
}

// checkHRZones checks custom zones: none, or HRZoneCount strictly
// ascending bounds between 40 and 230 bpm, above the resting and below the
// maximum heart rate when those are known.
func checkHRZones(f *apperr.Fields, p *Profile) {
	z := p.HRZones
	if len(z) == 0 {
		return
	}
	if len(z) != HRZoneCount {
		f.Add("hr_zones", "invalid", fmt.Sprintf("give %d lower bounds (zones 2 to 5), or none", HRZoneCount))
		return
	}
	for i, v := range z {
		switch {
		case v < 40 || v > 230:
			f.Add(fmt.Sprintf("hr_zones[%d]", i), "out_of_range", "must be between 40 and 230")
			return
		case i > 0 && v <= z[i-1]:
			f.Add(fmt.Sprintf("hr_zones[%d]", i), "not_ascending", "each bound must be above the one before")
			return
		}
	}
	if p.RestingHR != nil && z[0] <= *p.RestingHR {
		f.Add("hr_zones[0]", "out_of_range", "must be above the resting heart rate")
	}
	if p.MaxHR != nil && z[len(z)-1] >= *p.MaxHR {
		f.Add(fmt.Sprintf("hr_zones[%d]", len(z)-1), "out_of_range", "must be below the maximum heart rate")
	}
}

func checkSports(f *apperr.Fields, sports []SportLevel) {
	if len(sports) > MaxSports {
		f.Add("sports", "too_many", fmt.Sprintf("at most %d sports", MaxSports))
		return
	}
	seen := map[string]bool{}
	for i, s := range sports {
		switch {
		case !profilesapi.IsSport(s.Sport):
			f.Add(fmt.Sprintf("sports[%d].sport", i), "not_allowed", "not a known sport")
		case seen[s.Sport]:
			f.Add(fmt.Sprintf("sports[%d].sport", i), "duplicate", "each sport once")
		}
		seen[s.Sport] = true
		if !slices.Contains(profilesapi.Levels, s.Level) {
			f.Add(fmt.Sprintf("sports[%d].level", i), "not_allowed", "must be one of: "+strings.Join(profilesapi.Levels, ", "))
		}
	}
}

// Complete reports whether the profile earns the profile_complete
// achievement: display name, avatar, birth year and at least one sport.
func (p Profile) Complete() bool {
	return p.DisplayName != "" && p.Avatar != "" && p.BirthYear != nil && len(p.Sports) > 0
}

func checkName(s string) string {
	n := utf8.RuneCountInString(s)
	switch {
	case n == 0:
		return "must not be empty"
	case n > MaxDisplayName:
		return fmt.Sprintf("at most %d characters", MaxDisplayName)
	case hasControl(s, false):
		return "must not hold control characters or line breaks"
	}
	return ""
}

// hasControl reports control or invalid characters; lines allows \n and \t.
func hasControl(s string, lines bool) bool {
	if !utf8.ValidString(s) {
		return true
	}
	for _, r := range s {
		if lines && (r == '\n' || r == '\t') {
			continue
		}
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Cf, r) && r != '\u200d' {
			return true
		}
	}
	return false
}

func intRange(f *apperr.Fields, field string, v *int, lo, hi int) {
	if v != nil && (*v < lo || *v > hi) {
		f.Add(field, "out_of_range", fmt.Sprintf("must be between %d and %d", lo, hi))
	}
}
