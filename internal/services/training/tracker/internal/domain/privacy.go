package domain

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
	"github.com/sporthub/sporthub/internal/sport/activity"
	"github.com/sporthub/sporthub/internal/sport/analysis"
	"github.com/sporthub/sporthub/internal/sport/route"
)

// Visibility values (the profiles service's).
const (
	Public    = profilesapi.VisibilityPublic
	Followers = profilesapi.VisibilityFollowers
	Private   = profilesapi.VisibilityPrivate
)

// IsVisibility reports whether v is a visibility value.
func IsVisibility(v string) bool { return slices.Contains(profilesapi.Visibilities, v) }

// Privacy is what the tracker knows of a user's privacy, projected from
// the profiles service's events. A user the tracker has heard nothing of
// has the profiles service's defaults.
type Privacy struct {
	UserID string
	// ProfileVisibility is the default visibility of new activities.
	ProfileVisibility string
	// Map, HeartRate and Pace say who sees each part of the user's
	// activities and live sessions: public, followers or private.
	Map, HeartRate, Pace string
	// Zones are the user's privacy zones; ZonesHash identifies the list.
	Zones     []route.Zone
	ZonesHash string
	// DisplayName names the athlete in safety notifications.
	DisplayName string
	// Athlete is the analytics data (only the owner's own analyses use it).
	Athlete analysis.Athlete
}

// DefaultPrivacy is what profiles gives a new profile: a public profile,
// maps for followers, heart rate private, pace public, no zones.
func DefaultPrivacy(userID string) Privacy {
	return Privacy{UserID: userID, ProfileVisibility: Public, Map: Followers, HeartRate: Private, Pace: Public}
}

// ZonesFrom converts zones as events carry them.
func ZonesFrom(zs []profilesapi.ZoneV1) []route.Zone {
	out := make([]route.Zone, 0, len(zs))
	for _, z := range zs {
		out = append(out, route.Zone{Lat: z.Lat, Lon: z.Lon, RadiusM: float64(z.RadiusM)})
	}
	return out
}

// HashZones identifies a list of zones ("" for none), so masked routes
// computed under one list are recomputed when it changes.
func HashZones(zs []route.Zone) string {
	if len(zs) == 0 {
		return ""
	}
	parts := make([]string, len(zs))
	for i, z := range zs {
		parts[i] = fmt.Sprintf("%.7f,%.7f,%.1f", z.Lat, z.Lon, z.RadiusM)
	}
	slices.Sort(parts)
	h := sha256.Sum256([]byte(strings.Join(parts, ";")))
	return hex.EncodeToString(h[:12])
}

// Relation is how a viewer stands to the owner of what they look at.
type Relation int

// Relations.
const (
	// Stranger is any other signed-in user.
	Stranger Relation = iota
	// Follower follows the owner (an active follow).
	Follower
	// ShareLink is whoever holds an unexpired share link of a live session.
	ShareLink
	// Owner is the owner.
	Owner
)

// allows reports whether a part with visibility level is shown to rel.
func allows(level string, rel Relation) bool {
	switch {
	case rel == Owner:
		return true
	case level == Public:
		return true
	case level == Followers:
		return rel == Follower
	}
	return false
}

// View is what one viewer may see of a session or an activity.
type View struct {
	Owner                bool
	Map, HeartRate, Pace bool
	// Zones are the owner's privacy zones, masked for everyone else.
	Zones []route.Zone
}

// OwnerView sees everything.
func OwnerView() View { return View{Owner: true, Map: true, HeartRate: true, Pace: true} }

// Hidden names the parts the view hides (trackerapi.Part*), never nil.
func (v View) Hidden() []string {
	out := []string{}
	if !v.Map {
		out = append(out, trackerapi.PartMap)
	}
	if !v.HeartRate {
		out = append(out, trackerapi.PartHeartRate)
	}
	if !v.Pace {
		out = append(out, trackerapi.PartPace)
	}
	return out
}

// ActivityView decides what rel sees of an activity with the given
// visibility whose owner has privacy p; ok is false when the activity is
// hidden from rel altogether. The owner's current settings apply to every
// activity, old ones included, so a stricter setting hides at once.
func ActivityView(p Privacy, visibility string, rel Relation) (View, bool) {
	if rel == Owner {
		return OwnerView(), true
	}
	if rel == ShareLink || !allows(visibility, rel) {
		return View{}, false
	}
	return View{Map: allows(p.Map, rel), HeartRate: allows(p.HeartRate, rel), Pace: allows(p.Pace, rel), Zones: p.Zones}, true
}

// LiveView decides what rel sees of a live session whose owner has privacy
// p. A live session is a map: followers may watch unless the owner keeps
// maps private; strangers never; a share link, made by the owner for the
// purpose, shows the map and pace, and heart rate only when that is public.
// Privacy zones are masked for everyone but the owner.
func LiveView(p Privacy, rel Relation) (View, bool) {
	switch rel {
	case Owner:
		return OwnerView(), true
	case ShareLink:
		return View{Map: true, Pace: true, HeartRate: p.HeartRate == Public, Zones: p.Zones}, true
	case Follower:
		if p.Map == Private {
			return View{}, false
		}
		return View{Map: true, HeartRate: allows(p.HeartRate, rel), Pace: allows(p.Pace, rel), Zones: p.Zones}, true
	}
	return View{}, false
}

// ExportAllowed reports whether the view may download the activity as a
// file: an export is a route with times, so others need the map and pace.
func (v View) ExportAllowed() bool { return v.Owner || (v.Map && v.Pace) }

// Point is one live sample; missing channels are NaN.
type Point struct {
	T                                                int64
	Lat, Lon, Alt, Dist, Speed, HR, Cad, Power, Temp float64
}

// NaNPoint returns a point at t without any value.
func NaNPoint(t int64) Point {
	n := math.NaN()
	return Point{T: t, Lat: n, Lon: n, Alt: n, Dist: n, Speed: n, HR: n, Cad: n, Power: n, Temp: n}
}

// HasPos reports whether the point has a position.
func (p Point) HasPos() bool { return activity.Has(p.Lat) && activity.Has(p.Lon) }

// Point returns p as the view may see it: no position when the map is
// hidden or the position lies in one of the owner's zones, no heart rate
// or speed and distance when those are hidden.
func (v View) Point(p Point) Point {
	if v.Owner {
		return p
	}
	if !v.Map || (p.HasPos() && route.InZones(route.Point{Lat: p.Lat, Lon: p.Lon}, v.Zones)) {
		p.Lat, p.Lon = math.NaN(), math.NaN()
	}
	if !v.HeartRate {
		p.HR = math.NaN()
	}
	if !v.Pace {
		p.Speed, p.Dist = math.NaN(), math.NaN()
	}
	return p
}

// Samples masks a copy of samples for the view: positions inside the
// owner's zones (and before the first exit from a zone the route starts
// in, after the last entry into one it ends in) are removed, as are hidden
// channels.
func (v View) Samples(in []activity.Sample) []activity.Sample {
	out := slices.Clone(in)
	if v.Owner {
		return out
	}
	if !v.Map {
		for i := range out {
			out[i].Lat, out[i].Lon = math.NaN(), math.NaN()
		}
	} else if len(v.Zones) > 0 {
		route.MaskZones(out, v.Zones)
		// Whatever MaskZones does at the ends, no point inside a zone leaves.
		for i := range out {
			if out[i].HasPos() && route.InZones(route.Point{Lat: out[i].Lat, Lon: out[i].Lon}, v.Zones) {
				out[i].Lat, out[i].Lon = math.NaN(), math.NaN()
			}
		}
	}
	for i := range out {
		if !v.HeartRate {
			out[i].HR = math.NaN()
		}
		if !v.Pace {
			out[i].Speed, out[i].Dist = math.NaN(), math.NaN()
		}
	}
	return out
}

// Analysis returns r without what the view hides: heart-rate values and
// the loads computed from heart rate; speed, pace, splits, laps and best
// efforts (distance and durations stay).
func (v View) Analysis(r analysis.Result) analysis.Result {
	if v.Owner {
		return r
	}
	if !v.HeartRate {
		r.AvgHR, r.MaxHR, r.HRZones = nil, nil, nil
		r.Load.TRIMP = nil
		if r.Load.TSSMethod == "hr" {
			r.Load.TSS, r.Load.IF, r.Load.TSSMethod = nil, nil, ""
		}
		r.SplitsKM = withoutHR(r.SplitsKM)
		r.SplitsMile = withoutHR(r.SplitsMile)
		r.Laps = withoutHR(r.Laps)
	}
	if !v.Pace {
		r.AvgSpeed, r.MaxSpeed, r.AvgPaceSPerKM = 0, 0, nil
		r.SplitsKM, r.SplitsMile, r.Laps, r.BestEfforts = nil, nil, nil, nil
	}
	return r
}

func withoutHR(splits []analysis.Split) []analysis.Split {
	if splits == nil {
		return nil
	}
	out := slices.Clone(splits)
	for i := range out {
		out[i].AvgHR = nil
	}
	return out
}
