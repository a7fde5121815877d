package httpapi

import (
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/app"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/domain"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
)

// avatarURL is the public URL of an avatar in one size, or nil without one.
func avatarURL(name string, size int) *string {
	if name == "" {
		return nil
	}
	u := profilesapi.AvatarPath(size, name)
	return &u
}

func toSports(s []domain.SportLevel) []profilesapi.SportLevel {
	out := make([]profilesapi.SportLevel, len(s))
	for i, x := range s {
		out[i] = profilesapi.SportLevel{Sport: x.Sport, Level: x.Level}
	}
	return out
}

func toAchievements(as []domain.Achievement) []profilesapi.Achievement {
	out := make([]profilesapi.Achievement, len(as))
	for i, a := range as {
		out[i] = profilesapi.Achievement{Code: a.Code, AwardedAt: a.AwardedAt}
	}
	return out
}

// toProfile is the owner's view of their profile.
func toProfile(v app.ProfileView) profilesapi.Profile {
	p := v.Profile
	return profilesapi.Profile{
		UserID: p.UserID, DisplayName: p.DisplayName, AvatarURL: avatarURL(p.Avatar, profilesapi.AvatarLarge),
		BirthYear: p.BirthYear, Sex: p.Sex, HeightCM: p.HeightCM, WeightKG: p.WeightKG, RestingHR: p.RestingHR,
		MaxHR: p.MaxHR, ThresholdHR: p.ThresholdHR, ThresholdPaceSPerKM: p.ThresholdPace, ThresholdPowerW: p.ThresholdPower,
		HRZones: zones(p.HRZones), Region: p.Region, Bio: p.Bio, Sports: toSports(p.Sports), Visibility: p.Privacy.Visibility,
		FollowersCount: v.Followers, FollowingCount: v.Following, Achievements: toAchievements(v.Achievements),
		UpdatedAt: p.UpdatedAt,
	}
}

// toPublic keeps of a profile what the viewer's access allows.
func toPublic(v app.PublicView) profilesapi.PublicProfile {
	p := v.Profile
	out := profilesapi.PublicProfile{
		UserID: p.UserID, DisplayName: p.DisplayName, AvatarURL: avatarURL(p.Avatar, profilesapi.AvatarLarge),
		Visibility: p.Privacy.Visibility, Relationship: string(v.Relationship),
		Restricted: v.Access == domain.AccessRestricted,
	}
	if v.Access == domain.AccessRestricted {
		return out
	}
	bio, updated := p.Bio, p.UpdatedAt
	out.Bio, out.Region, out.Sports, out.UpdatedAt = &bio, p.Region, toSports(p.Sports), &updated
	out.FollowersCount, out.FollowingCount = &v.Followers, &v.Following
	out.Achievements = toAchievements(v.Achievements)
	if v.Access == domain.AccessOwner {
		out.BirthYear, out.Sex, out.HeightCM, out.WeightKG = p.BirthYear, p.Sex, p.HeightCM, p.WeightKG
		out.RestingHR, out.MaxHR, out.ThresholdHR = p.RestingHR, p.MaxHR, p.ThresholdHR
		out.ThresholdPaceSPerKM, out.ThresholdPowerW = p.ThresholdPace, p.ThresholdPower
		out.HRZones = p.HRZones
	}
	return out
}

func toZone(z domain.Zone) profilesapi.Zone {
	return profilesapi.Zone{ID: z.ID, Name: z.Name, Lat: z.Lat, Lon: z.Lon, RadiusM: z.RadiusM}
}

func toPrivacy(v app.PrivacyView) profilesapi.Privacy {
	a := v.Privacy.Activity
	out := profilesapi.Privacy{Visibility: v.Privacy.Visibility,
		ActivityDefaults: profilesapi.ActivityDefaults{Map: a.Map, HeartRate: a.HeartRate, Pace: a.Pace},
		Zones:            make([]profilesapi.Zone, len(v.Zones))}
	for i, z := range v.Zones {
		out.Zones[i] = toZone(z)
	}
	return out
}

func toGoal(g domain.Goal) profilesapi.Goal {
	return profilesapi.Goal{ID: g.ID, Kind: g.Kind, Sport: g.Sport, Period: g.Period, Target: g.Target,
		RaceName: g.RaceName, RaceDate: g.RaceDate, RaceDistanceM: g.RaceDistanceM, Progress: g.Progress,
		CreatedAt: g.CreatedAt}
}

// zones is a list of zone bounds, never null in JSON.
func zones(z []int) []int {
	if z == nil {
		return []int{}
	}
	return z
}
