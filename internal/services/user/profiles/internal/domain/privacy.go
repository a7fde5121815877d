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

// Visibility values (see profilesapi).
const (
	Public    = profilesapi.VisibilityPublic
	Followers = profilesapi.VisibilityFollowers
	Private   = profilesapi.VisibilityPrivate
)

// IsVisibility reports whether v is a visibility value.
func IsVisibility(v string) bool { return slices.Contains(profilesapi.Visibilities, v) }

// ActivityDefaults say who sees each part of a new activity by default.
type ActivityDefaults struct {
	Map       string
	HeartRate string
	Pace      string
}

// Privacy is a profile's visibility and its activity defaults.
type Privacy struct {
	Visibility string
	Activity   ActivityDefaults
}

// DefaultPrivacy is what a new profile starts with, privacy by default where
// the data is sensitive and open where it is what the community is for:
//   - the profile is public, so friends can find and follow the athlete;
//   - maps are for followers: a route shows where someone lives and trains;
//   - heart rate is private: it is health data (a special category under
//     GDPR and 152-FZ), shared only when the athlete decides to;
//   - pace is public: it is the performance the sport is compared by.
func DefaultPrivacy() Privacy {
	return Privacy{Visibility: Public, Activity: ActivityDefaults{Map: Followers, HeartRate: Private, Pace: Public}}
}

// Validate checks every value.
func (p Privacy) Validate() error {
	var f apperr.Fields
	for _, c := range []struct{ field, v string }{
		{"visibility", p.Visibility}, {"activity_defaults.map", p.Activity.Map},
		{"activity_defaults.heart_rate", p.Activity.HeartRate}, {"activity_defaults.pace", p.Activity.Pace},
	} {
		if !IsVisibility(c.v) {
			f.Add(c.field, "not_allowed", "must be one of: "+strings.Join(profilesapi.Visibilities, ", "))
		}
	}
	return f.Err()
}

// Zone is a privacy zone: routes are hidden within RadiusM metres of the point.
type Zone struct {
	ID        string
	UserID    string
	Name      *string
	Lat, Lon  float64
	RadiusM   int
	CreatedAt time.Time
}

// Zone limits.
const (
	MaxZones      = 10
	MinZoneRadius = 100
	MaxZoneRadius = 2000
	MaxZoneName   = 60
)

// Validate checks the zone's point, radius and name.
func (z *Zone) Validate() error {
	var f apperr.Fields
	if z.Name != nil {
		n := strings.TrimSpace(*z.Name)
		z.Name = &n
		if n == "" {
			z.Name = nil
		} else if utf8.RuneCountInString(n) > MaxZoneName || hasControl(n, false) {
			f.Add("name", "invalid", fmt.Sprintf("at most %d characters, no control characters", MaxZoneName))
		}
	}
	if math.IsNaN(z.Lat) || z.Lat < -90 || z.Lat > 90 {
		f.Add("lat", "out_of_range", "must be between -90 and 90")
	}
	if math.IsNaN(z.Lon) || z.Lon < -180 || z.Lon > 180 {
		f.Add("lon", "out_of_range", "must be between -180 and 180")
	}
	if z.RadiusM < MinZoneRadius || z.RadiusM > MaxZoneRadius {
		f.Add("radius_m", "out_of_range", fmt.Sprintf("must be between %d and %d metres", MinZoneRadius, MaxZoneRadius))
	}
	return f.Err()
}
