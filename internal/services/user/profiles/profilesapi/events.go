package profilesapi

import "time"

// Event types the profiles service publishes. The envelope's subject is the
// user the event is about: the profile's owner, and for follow events the
// followee (the profile whose followers changed).
const (
	EventProfileUpdated      = "user.profiles.profile_updated.v1"
	EventPrivacyChanged      = "user.profiles.privacy_changed.v1"
	EventPrivacyZonesChanged = "user.profiles.privacy_zones_changed.v1"
	EventFollowRequested     = "user.profiles.follow_requested.v1"
	EventFollowAccepted      = "user.profiles.follow_accepted.v1"
	EventFollowed            = "user.profiles.followed.v1"
	EventUnfollowed          = "user.profiles.unfollowed.v1"
	EventAchievementAwarded  = "user.profiles.achievement_awarded.v1"
	EventAthleteChanged      = "user.profiles.athlete_changed.v1"
)

// AthleteChangedV1 carries the athlete data training analytics need (heart
// rate, thresholds, weight, age and sex for zones, load, calories and
// comparisons). It is published when a profile is created and whenever one
// of these fields changes, always whole. It is the only event that carries
// body metrics: only the training services consume it, and they never show
// it to anyone but the owner.
type AthleteChangedV1 struct {
	UserID              string   `json:"user_id"`
	BirthYear           *int     `json:"birth_year"`
	Sex                 *string  `json:"sex"`
	WeightKG            *float64 `json:"weight_kg"`
	RestingHR           *int     `json:"resting_hr"`
	MaxHR               *int     `json:"max_hr"`
	ThresholdHR         *int     `json:"threshold_hr"`
	ThresholdPaceSPerKM *int     `json:"threshold_pace_s_per_km"`
	ThresholdPowerW     *int     `json:"threshold_power_w"`
	// HRZones are the athlete's own heart-rate zones: the lower bounds in
	// bpm of zones 2..5 (empty: Karvonen from resting and maximum).
	HRZones []int `json:"hr_zones"`
}

// ProfileUpdatedV1 is published when a profile is created or any of its
// fields, its avatar or its visibility changes; it carries the public
// part of the profile as it now is (body metrics never travel in events).
type ProfileUpdatedV1 struct {
	UserID      string       `json:"user_id"`
	DisplayName string       `json:"display_name"`
	AvatarURL   *string      `json:"avatar_url"`
	Visibility  string       `json:"visibility"`
	Sports      []SportLevel `json:"sports"`
	Region      *string      `json:"region"`
}

// PrivacyChangedV1 is published when the profile visibility or an activity
// default changes; it carries both as they now are.
type PrivacyChangedV1 struct {
	UserID            string           `json:"user_id"`
	ProfileVisibility string           `json:"profile_visibility"`
	ActivityDefaults  ActivityDefaults `json:"activity_defaults"`
}

// ZoneV1 is a privacy zone as events carry it.
type ZoneV1 struct {
	ID      string  `json:"id"`
	Lat     float64 `json:"lat"`
	Lon     float64 `json:"lon"`
	RadiusM int     `json:"radius_m"`
}

// PrivacyZonesChangedV1 is published on every change of a user's privacy
// zones with the full list as it now is (empty when the last was removed).
type PrivacyZonesChangedV1 struct {
	UserID string   `json:"user_id"`
	Zones  []ZoneV1 `json:"zones"`
}

// FollowV1 is the payload of every follow event. FollowRequested: a request
// awaits the followee's answer. FollowAccepted: the followee accepted it
// (a Followed event follows). Followed: the follow is active, at once for a
// public profile or on acceptance. Unfollowed: an active follow ended.
type FollowV1 struct {
	FollowerID string    `json:"follower_id"`
	FolloweeID string    `json:"followee_id"`
	At         time.Time `json:"at"`
}

// AchievementAwardedV1 is published once per user and achievement code.
type AchievementAwardedV1 struct {
	UserID    string    `json:"user_id"`
	Code      string    `json:"code"`
	AwardedAt time.Time `json:"awarded_at"`
}
