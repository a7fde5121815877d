package domain

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
	"github.com/sporthub/sporthub/internal/sport/analysis"
	"github.com/sporthub/sporthub/internal/sport/route"
)

// Activity is a stored activity: its summary, analysis and route, and the
// blob keys of its samples.
type Activity struct {
	ID, UserID                    string
	Sport, Name, Description      string
	Visibility                    string
	GearID                        *string
	Source                        string
	ImportID, SessionID, DeviceID string
	StartedAt, EndedAt            time.Time
	TimeZone                      string
	Analysis                      analysis.Result
	HasRoute, HasHR               bool
	Route                         Route // the owner's simplified route
	StreamsKey, ArchiveKey        string
	OriginalKey                   string
	CreatedAt, UpdatedAt          time.Time
	MaskedRoute                   *Route // the route others see, nil until computed
	MaskedZonesHash               string // the zones MaskedRoute was computed under
}

// Route is a simplified route: the encoded polyline (Google, 1e5) and its
// first and last positions as [lat, lon] (nil without a route).
type Route struct {
	Polyline string    `json:"polyline"`
	Start    []float64 `json:"start,omitempty"`
	End      []float64 `json:"end,omitempty"`
}

// SimplifyToleranceM is how far the simplified route may stray from the
// recorded positions.
const SimplifyToleranceM = 5

// RouteOf simplifies a track.
func RouteOf(pts []route.Point) Route {
	if len(pts) == 0 {
		return Route{}
	}
	simple := route.Simplify(pts, SimplifyToleranceM)
	if len(simple) == 0 {
		simple = pts
	}
	first, last := pts[0], pts[len(pts)-1]
	return Route{Polyline: route.EncodePolyline(simple),
		Start: []float64{first.Lat, first.Lon}, End: []float64{last.Lat, last.Lon}}
}

// Activity limits.
const (
	MaxNameLength        = 100
	MaxDescriptionLength = 2000
	// DuplicateWindow: an activity starting within it of another of the
	// same user, and overlapping it, is the same activity recorded twice.
	DuplicateWindow = 60 * time.Second
)

var gearIDRe = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// Patch is a change of an activity's editable fields; nil leaves a field.
type Patch struct {
	Name           *string
	Description    *string
	DescriptionSet bool
	Sport          *string
	Visibility     *string
	GearID         *string
	GearIDSet      bool
}

// Apply checks the patch and applies it to a, reporting whether anything
// changed and whether the sport did (the analysis depends on it).
func (p Patch) Apply(a *Activity) (changed, sportChanged bool, err error) {
	var f apperr.Fields
	next := *a
	if p.Name != nil {
		n := strings.TrimSpace(*p.Name)
		if n == "" || utf8.RuneCountInString(n) > MaxNameLength || hasControl(n, false) {
			f.Add("name", "invalid", fmt.Sprintf("1 to %d characters, no control characters", MaxNameLength))
		}
		next.Name = n
	}
	if p.DescriptionSet {
		d := ""
		if p.Description != nil {
			d = strings.TrimSpace(*p.Description)
		}
		if utf8.RuneCountInString(d) > MaxDescriptionLength || hasControl(d, true) {
			f.Add("description", "invalid", fmt.Sprintf("at most %d characters, no control characters", MaxDescriptionLength))
		}
		next.Description = d
	}
	if p.Sport != nil {
		if !IsSport(*p.Sport) {
			f.Add("sport", "not_allowed", "must be an activity sport, e.g. running, cycling, swimming, walking, hiking")
		} else {
			next.Sport = string(SportOf(*p.Sport))
		}
	}
	if p.Visibility != nil {
		if !IsVisibility(*p.Visibility) {
			f.Add("visibility", "not_allowed", "must be one of: "+strings.Join(profilesapi.Visibilities, ", "))
		}
		next.Visibility = *p.Visibility
	}
	if p.GearIDSet {
		if p.GearID != nil && !gearIDRe.MatchString(*p.GearID) {
			f.Add("gear_id", "invalid", "1 to 64 letters, digits, - or _")
		}
		next.GearID = p.GearID
	}
	if err := f.Err(); err != nil {
		return false, false, err
	}
	changed = next.Name != a.Name || next.Description != a.Description || next.Sport != a.Sport ||
		next.Visibility != a.Visibility || !sameString(next.GearID, a.GearID)
	sportChanged = next.Sport != a.Sport
	*a = next
	return changed, sportChanged, nil
}

func sameString(a, b *string) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// hasControl reports control characters (line breaks allowed when
// multiline) and bidirectional overrides.
func hasControl(s string, multiline bool) bool {
	for _, r := range s {
		if multiline && (r == '\n' || r == '\t') {
			continue
		}
		if unicode.IsControl(r) || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) {
			return true
		}
	}
	return false
}

// ValidID reports whether id looks like a SportHub id (a UUID), so a
// malformed path value is "not found" without a query.
func ValidID(id string) bool {
	_, err := uuid.Parse(id)
	return err == nil && len(id) == 36
}

// Safety are a user's safety settings.
type Safety struct {
	UserID          string
	Enabled         bool
	Contacts        []string
	StopAlertAfterS int
	UpdatedAt       time.Time
}

// Safety limits.
const (
	MaxContacts      = 5
	MinStopAlertS    = 60
	MaxStopAlertS    = 3600
	DefaultStopAlert = 300
)

// Validate checks the settings of their owner.
func (s *Safety) Validate() error {
	var f apperr.Fields
	if len(s.Contacts) > MaxContacts {
		f.Add("contacts", "too_many", fmt.Sprintf("at most %d contacts", MaxContacts))
	}
	seen := map[string]bool{}
	for i, c := range s.Contacts {
		switch {
		case !ValidID(c):
			f.Add(fmt.Sprintf("contacts[%d]", i), "invalid", "must be a user id")
		case c == s.UserID:
			f.Add(fmt.Sprintf("contacts[%d]", i), "self", "you cannot be your own safety contact")
		case seen[c]:
			f.Add(fmt.Sprintf("contacts[%d]", i), "duplicate", "each contact once")
		}
		seen[c] = true
	}
	if s.StopAlertAfterS < MinStopAlertS || s.StopAlertAfterS > MaxStopAlertS {
		f.Add("stop_alert_after_s", "out_of_range", fmt.Sprintf("must be between %d and %d seconds", MinStopAlertS, MaxStopAlertS))
	}
	if s.Contacts == nil {
		s.Contacts = []string{}
	}
	return f.Err()
}

// AthleteFrom converts the profiles service's athlete data for analysis,
// as of now (the age is this year's).
func AthleteFrom(p profilesapi.AthleteChangedV1, now time.Time) analysis.Athlete {
	var a analysis.Athlete
	if p.BirthYear != nil {
		a.Age = now.Year() - *p.BirthYear
	}
	if p.Sex != nil {
		a.Sex = *p.Sex
	}
	f := func(v *int) float64 {
		if v == nil {
			return 0
		}
		return float64(*v)
	}
	if p.WeightKG != nil {
		a.WeightKG = *p.WeightKG
	}
	a.RestingHR, a.MaxHR, a.ThresholdHR = f(p.RestingHR), f(p.MaxHR), f(p.ThresholdHR)
	a.ThresholdPaceSPerKM, a.FTP = f(p.ThresholdPaceSPerKM), f(p.ThresholdPowerW)
	for _, z := range p.HRZones {
		a.HRZones = append(a.HRZones, float64(z))
	}
	return a
}

// Overlaps reports whether an activity from start lasting elapsed repeats
// one stored from s to e: the starts lie within DuplicateWindow and the
// two intervals overlap.
func Overlaps(start time.Time, elapsed time.Duration, s, e time.Time) bool {
	d := start.Sub(s)
	if d < 0 {
		d = -d
	}
	end := start.Add(elapsed)
	return d <= DuplicateWindow && !start.After(e) && !s.After(end)
}
