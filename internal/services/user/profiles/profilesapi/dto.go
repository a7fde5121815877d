package profilesapi

import (
	"time"

	"github.com/sporthub/sporthub/internal/platform/web"
)

// SportLevel is one sport an athlete does and how well.
type SportLevel struct {
	Sport string `json:"sport"`
	Level string `json:"level"`
}

// Achievement is an award a user has earned.
type Achievement struct {
	Code      string    `json:"code"`
	AwardedAt time.Time `json:"awarded_at"`
}

// Profile is the owner's own profile (GET /me): every field, body metrics
// included.
type Profile struct {
	UserID              string        `json:"user_id"`
	DisplayName         string        `json:"display_name"`
	AvatarURL           *string       `json:"avatar_url"`
	BirthYear           *int          `json:"birth_year"`
	Sex                 *string       `json:"sex"`
	HeightCM            *int          `json:"height_cm"`
	WeightKG            *float64      `json:"weight_kg"`
	RestingHR           *int          `json:"resting_hr"`
	MaxHR               *int          `json:"max_hr"`
	ThresholdHR         *int          `json:"threshold_hr"`
	ThresholdPaceSPerKM *int          `json:"threshold_pace_s_per_km"`
	ThresholdPowerW     *int          `json:"threshold_power_w"`
	HRZones             []int         `json:"hr_zones"`
	Region              *string       `json:"region"`
	Bio                 string        `json:"bio"`
	Sports              []SportLevel  `json:"sports"`
	Visibility          string        `json:"visibility"`
	FollowersCount      int           `json:"followers_count"`
	FollowingCount      int           `json:"following_count"`
	Achievements        []Achievement `json:"achievements"`
	UpdatedAt           time.Time     `json:"updated_at"`
}

// ProfilePatch changes some fields of the owner's profile (PATCH /me). A
// field left out stays as it is; null clears a nullable field.
type ProfilePatch struct {
	DisplayName         Nullable[string]       `json:"display_name,omitzero"`
	BirthYear           Nullable[int]          `json:"birth_year,omitzero"`
	Sex                 Nullable[string]       `json:"sex,omitzero"`
	HeightCM            Nullable[int]          `json:"height_cm,omitzero"`
	WeightKG            Nullable[float64]      `json:"weight_kg,omitzero"`
	RestingHR           Nullable[int]          `json:"resting_hr,omitzero"`
	MaxHR               Nullable[int]          `json:"max_hr,omitzero"`
	ThresholdHR         Nullable[int]          `json:"threshold_hr,omitzero"`
	ThresholdPaceSPerKM Nullable[int]          `json:"threshold_pace_s_per_km,omitzero"`
	ThresholdPowerW     Nullable[int]          `json:"threshold_power_w,omitzero"`
	Region              Nullable[string]       `json:"region,omitzero"`
	Bio                 Nullable[string]       `json:"bio,omitzero"`
	Sports              Nullable[[]SportLevel] `json:"sports,omitzero"`
	Visibility          Nullable[string]       `json:"visibility,omitzero"`
	// HRZones: four ascending bounds, or [] or null to remove them.
	HRZones Nullable[[]int] `json:"hr_zones,omitzero"`
}

// PublicProfile is a profile as another caller sees it (GET /{user_id}):
// only the fields the owner's privacy allows that caller. Restricted views
// carry the display name and avatar only; body metrics and sex appear only
// when the caller is the owner (Relationship "self").
type PublicProfile struct {
	UserID       string  `json:"user_id"`
	DisplayName  string  `json:"display_name"`
	AvatarURL    *string `json:"avatar_url"`
	Visibility   string  `json:"visibility"`
	Relationship string  `json:"relationship"`
	Restricted   bool    `json:"restricted"`

	Bio            *string       `json:"bio,omitempty"`
	Region         *string       `json:"region,omitempty"`
	Sports         []SportLevel  `json:"sports,omitempty"`
	FollowersCount *int          `json:"followers_count,omitempty"`
	FollowingCount *int          `json:"following_count,omitempty"`
	Achievements   []Achievement `json:"achievements,omitempty"`
	UpdatedAt      *time.Time    `json:"updated_at,omitempty"`

	BirthYear           *int     `json:"birth_year,omitempty"`
	Sex                 *string  `json:"sex,omitempty"`
	HeightCM            *int     `json:"height_cm,omitempty"`
	WeightKG            *float64 `json:"weight_kg,omitempty"`
	RestingHR           *int     `json:"resting_hr,omitempty"`
	MaxHR               *int     `json:"max_hr,omitempty"`
	ThresholdHR         *int     `json:"threshold_hr,omitempty"`
	ThresholdPaceSPerKM *int     `json:"threshold_pace_s_per_km,omitempty"`
	ThresholdPowerW     *int     `json:"threshold_power_w,omitempty"`
	HRZones             []int    `json:"hr_zones,omitempty"`
}

// Relationships of the caller to a profile.
const (
	RelationshipSelf      = "self"
	RelationshipFollowing = "following"
	RelationshipRequested = "requested"
	RelationshipNone      = "none"
)

// ActivityDefaults say who sees each part of a new activity by default.
type ActivityDefaults struct {
	Map       string `json:"map"`
	HeartRate string `json:"heart_rate"`
	Pace      string `json:"pace"`
}

// Privacy is the owner's privacy settings (GET /me/privacy).
type Privacy struct {
	Visibility       string           `json:"visibility"`
	ActivityDefaults ActivityDefaults `json:"activity_defaults"`
	Zones            []Zone           `json:"zones"`
}

// ActivityDefaultsInput changes some of the activity defaults.
type ActivityDefaultsInput struct {
	Map       *string `json:"map,omitempty"`
	HeartRate *string `json:"heart_rate,omitempty"`
	Pace      *string `json:"pace,omitempty"`
}

// PrivacyInput changes the privacy settings (PUT /me/privacy); fields left
// out stay as they are.
type PrivacyInput struct {
	Visibility       *string                `json:"visibility,omitempty"`
	ActivityDefaults *ActivityDefaultsInput `json:"activity_defaults,omitempty"`
}

// Zone is a privacy zone: routes are hidden within RadiusM of the point.
type Zone struct {
	ID      string  `json:"id"`
	Name    *string `json:"name"`
	Lat     float64 `json:"lat"`
	Lon     float64 `json:"lon"`
	RadiusM int     `json:"radius_m"`
}

// ZoneInput adds a privacy zone (POST /me/privacy-zones).
type ZoneInput struct {
	Name    *string  `json:"name,omitempty"`
	Lat     *float64 `json:"lat"`
	Lon     *float64 `json:"lon"`
	RadiusM *int     `json:"radius_m"`
}

// Goal is a training goal. Target is metres (distance), seconds (time and
// race: the finish time aimed at) or a count. Progress is in the same unit,
// measured from the athlete's activities: for a race, the best time over
// RaceDistanceM so far (0 while there is none; lower is better).
type Goal struct {
	ID            string    `json:"id"`
	Kind          string    `json:"kind"`
	Sport         *string   `json:"sport"`
	Period        *string   `json:"period"`
	Target        float64   `json:"target"`
	RaceName      *string   `json:"race_name"`
	RaceDate      *string   `json:"race_date"`
	RaceDistanceM *float64  `json:"race_distance_m"`
	Progress      float64   `json:"progress"`
	CreatedAt     time.Time `json:"created_at"`
}

// GoalInput creates or replaces a goal.
type GoalInput struct {
	Kind          string   `json:"kind"`
	Sport         *string  `json:"sport,omitempty"`
	Period        *string  `json:"period,omitempty"`
	Target        *float64 `json:"target"`
	RaceName      *string  `json:"race_name,omitempty"`
	RaceDate      *string  `json:"race_date,omitempty"`
	RaceDistanceM *float64 `json:"race_distance_m,omitempty"`
}

// Goals lists the owner's goals.
type Goals struct {
	Items []Goal `json:"items"`
}

// FollowResult says where a follow ended up.
type FollowResult struct {
	Status string `json:"status"` // FollowStatusFollowing or FollowStatusRequested
}

// Follow outcomes.
const (
	FollowStatusFollowing = "following"
	FollowStatusRequested = "requested"
)

// FollowRequest is a pending request to follow the owner.
type FollowRequest struct {
	FollowerID  string    `json:"follower_id"`
	DisplayName string    `json:"display_name"`
	AvatarURL   *string   `json:"avatar_url"`
	RequestedAt time.Time `json:"requested_at"`
}

// FollowRequests lists the pending requests, newest first.
type FollowRequests struct {
	Items []FollowRequest `json:"items"`
}

// UserRef is a user in a followers or following list; AvatarURL names the
// small avatar.
type UserRef struct {
	UserID      string  `json:"user_id"`
	DisplayName string  `json:"display_name"`
	AvatarURL   *string `json:"avatar_url"`
}

// UserPage is one page of a followers or following list.
type UserPage = web.Page[UserRef]
