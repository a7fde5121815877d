package domain_test

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/domain"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
)

var now = time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)

func ptr[T any](v T) *T { return &v }

// fields returns the fields a validation error names.
func fields(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Kind != apperr.Invalid || ae.Code != "validation_failed" {
		t.Fatalf("not a validation error: %v", err)
	}
	var out []string
	for _, f := range ae.Fields {
		out = append(out, f.Field)
	}
	return out
}

func TestProfileValidate(t *testing.T) {
	cases := []struct {
		name   string
		change func(p *domain.Profile)
		want   []string // fields with errors
	}{
		{"defaults", func(p *domain.Profile) {}, nil},
		{"every field at its limits", func(p *domain.Profile) {
			p.DisplayName = strings.Repeat("я", 60)
			p.Bio = strings.Repeat("b", 500)
			p.BirthYear, p.HeightCM, p.WeightKG = ptr(2021), ptr(250), ptr(25.0)
			p.RestingHR, p.MaxHR, p.ThresholdPace, p.ThresholdPower = ptr(120), ptr(121), ptr(1200), ptr(50)
			p.Sex, p.Region = ptr("other"), ptr("RU-MOW")
			p.Sports = []domain.SportLevel{{Sport: "running", Level: "elite"}, {Sport: "tennis", Level: "beginner"}}
		}, nil},
		{"emoji and joiners are a name", func(p *domain.Profile) { p.DisplayName = "Аня 🏃‍♀️" }, nil},
		{"blank name", func(p *domain.Profile) { p.DisplayName = "   " }, []string{"display_name"}},
		{"long name", func(p *domain.Profile) { p.DisplayName = strings.Repeat("x", 61) }, []string{"display_name"}},
		{"name with a line break", func(p *domain.Profile) { p.DisplayName = "a\nb" }, []string{"display_name"}},
		{"name with a bidi override", func(p *domain.Profile) { p.DisplayName = "abc\u202Egpj.exe" }, []string{"display_name"}},
		{"bio too long", func(p *domain.Profile) { p.Bio = strings.Repeat("b", 501) }, []string{"bio"}},
		{"bio lines are fine, NUL is not", func(p *domain.Profile) { p.Bio = "line\nline\x00" }, []string{"bio"}},
		{"birth year too old", func(p *domain.Profile) { p.BirthYear = ptr(1899) }, []string{"birth_year"}},
		{"younger than five", func(p *domain.Profile) { p.BirthYear = ptr(2022) }, []string{"birth_year"}},
		{"height", func(p *domain.Profile) { p.HeightCM = ptr(99) }, []string{"height_cm"}},
		{"weight", func(p *domain.Profile) { p.WeightKG = ptr(300.1) }, []string{"weight_kg"}},
		{"weight NaN", func(p *domain.Profile) { p.WeightKG = ptr(math.NaN()) }, []string{"weight_kg"}},
		{"resting hr", func(p *domain.Profile) { p.RestingHR = ptr(24) }, []string{"resting_hr"}},
		{"max hr", func(p *domain.Profile) { p.MaxHR = ptr(231) }, []string{"max_hr"}},
		{"max hr not above resting", func(p *domain.Profile) { p.RestingHR, p.MaxHR = ptr(110), ptr(110) }, []string{"max_hr"}},
		{"pace", func(p *domain.Profile) { p.ThresholdPace = ptr(119) }, []string{"threshold_pace_s_per_km"}},
		{"power", func(p *domain.Profile) { p.ThresholdPower = ptr(601) }, []string{"threshold_power_w"}},
		{"sex", func(p *domain.Profile) { p.Sex = ptr("unknown") }, []string{"sex"}},
		{"region", func(p *domain.Profile) { p.Region = ptr("Russia") }, []string{"region"}},
		{"unknown sport and level", func(p *domain.Profile) {
			p.Sports = []domain.SportLevel{{Sport: "quidditch", Level: "beginner"}, {Sport: "running", Level: "god"}}
		}, []string{"sports[0].sport", "sports[1].level"}},
		{"duplicate sport", func(p *domain.Profile) {
			p.Sports = []domain.SportLevel{{Sport: "running", Level: "beginner"}, {Sport: "running", Level: "elite"}}
		}, []string{"sports[1].sport"}},
		{"visibility", func(p *domain.Profile) { p.Privacy.Visibility = "friends" }, []string{"visibility"}},
		{"threshold hr and zones", func(p *domain.Profile) {
			p.RestingHR, p.MaxHR, p.ThresholdHR, p.HRZones = ptr(50), ptr(190), ptr(172), []int{118, 137, 156, 175}
		}, nil},
		{"zones alone", func(p *domain.Profile) { p.HRZones = []int{40, 41, 42, 230} }, nil},
		{"threshold hr range", func(p *domain.Profile) { p.ThresholdHR = ptr(221) }, []string{"threshold_hr"}},
		{"threshold hr not below max", func(p *domain.Profile) { p.MaxHR, p.ThresholdHR = ptr(180), ptr(180) }, []string{"threshold_hr"}},
		{"threshold hr not above resting", func(p *domain.Profile) { p.RestingHR, p.ThresholdHR = ptr(90), ptr(90) }, []string{"threshold_hr"}},
		{"zones: not four", func(p *domain.Profile) { p.HRZones = []int{120, 140, 160, 170, 180} }, []string{"hr_zones"}},
		{"zones: out of range", func(p *domain.Profile) { p.HRZones = []int{120, 140, 160, 231} }, []string{"hr_zones[3]"}},
		{"zones: not ascending", func(p *domain.Profile) { p.HRZones = []int{120, 119, 160, 170} }, []string{"hr_zones[1]"}},
		{"zones: under resting, over max", func(p *domain.Profile) {
			p.RestingHR, p.MaxHR, p.HRZones = ptr(60), ptr(170), []int{60, 130, 150, 170}
		}, []string{"hr_zones[0]", "hr_zones[3]"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := domain.NewProfile("0190b3c4-0000-7000-8000-000000000001", "Анна", now)
			tc.change(&p)
			p.Normalize()
			got := fields(t, p.Validate(now))
			if !slices.Equal(got, tc.want) {
				t.Fatalf("errors on %v, want %v", got, tc.want)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	p := domain.NewProfile("u", "x", now)
	p.DisplayName, p.Region, p.WeightKG = "  Анна  ", ptr(" ru-mow "), ptr(72.349)
	p.Normalize()
	if p.DisplayName != "Анна" || *p.Region != "RU-MOW" || *p.WeightKG != 72.3 {
		t.Fatalf("%q %q %v", p.DisplayName, *p.Region, *p.WeightKG)
	}
}

func TestNames(t *testing.T) {
	for email, want := range map[string]string{
		"anna.petrova@example.com":     "anna.petrova",
		"ivan+runs@example.com":        "ivan",
		"@example.com":                 "",
		strings.Repeat("a", 70) + "@x": strings.Repeat("a", 60),
	} {
		if got := domain.NameFromEmail(email); got != want {
			t.Errorf("%s: %q, want %q", email, got, want)
		}
	}
	p := domain.NewProfile("0190b3c4-0000-7000-8000-00000000abcd", "", now)
	if p.DisplayName != "athlete-00abcd" || p.DisplayName != domain.DefaultDisplayName(p.UserID) {
		t.Fatalf("generated name %q", p.DisplayName)
	}
}

func TestDefaultPrivacy(t *testing.T) {
	p := domain.DefaultPrivacy()
	if p.Visibility != "public" || p.Activity.Map != "followers" || p.Activity.HeartRate != "private" || p.Activity.Pace != "public" {
		t.Fatalf("defaults %+v", p)
	}
	p.Activity.Map = "everyone"
	if got := fields(t, p.Validate()); !slices.Equal(got, []string{"activity_defaults.map"}) {
		t.Fatalf("%v", got)
	}
}

func TestZoneValidate(t *testing.T) {
	cases := []struct {
		zone domain.Zone
		want []string
	}{
		{domain.Zone{Lat: 55.75, Lon: 37.61, RadiusM: 100}, nil},
		{domain.Zone{Lat: -90, Lon: 180, RadiusM: 2000, Name: ptr(" Дом ")}, nil},
		{domain.Zone{Lat: 90.01, Lon: -180.01, RadiusM: 99}, []string{"lat", "lon", "radius_m"}},
		{domain.Zone{Lat: math.NaN(), Lon: 0, RadiusM: 2001}, []string{"lat", "radius_m"}},
		{domain.Zone{Lat: 0, Lon: 0, RadiusM: 500, Name: ptr(strings.Repeat("n", 61))}, []string{"name"}},
	}
	for i, tc := range cases {
		if got := fields(t, tc.zone.Validate()); !slices.Equal(got, tc.want) {
			t.Errorf("%d: %v, want %v", i, got, tc.want)
		}
	}
	z := domain.Zone{Lat: 0, Lon: 0, RadiusM: 500, Name: ptr("  ")}
	if err := z.Validate(); err != nil || z.Name != nil {
		t.Fatalf("blank name should be dropped: %v %v", err, z.Name)
	}
}

func TestGoalValidate(t *testing.T) {
	cases := []struct {
		name string
		goal domain.Goal
		want []string
	}{
		{"weekly distance", domain.Goal{Kind: "distance", Period: ptr("week"), Target: 42195.5, Sport: ptr("running")}, nil},
		{"yearly count", domain.Goal{Kind: "count", Period: ptr("year"), Target: 100}, nil},
		{"race", domain.Goal{Kind: "race", Target: 3 * 3600, RaceName: ptr("Московский марафон"), RaceDate: ptr("2026-09-20")}, nil},
		{"unknown kind", domain.Goal{Kind: "weight", Target: 1}, []string{"kind"}},
		{"no period", domain.Goal{Kind: "time", Target: 3600}, []string{"period"}},
		{"bad period and sport", domain.Goal{Kind: "time", Target: 3600, Period: ptr("day"), Sport: ptr("chess")}, []string{"sport", "period"}},
		{"zero target", domain.Goal{Kind: "distance", Period: ptr("month"), Target: 0}, []string{"target"}},
		{"fractional count", domain.Goal{Kind: "count", Period: ptr("month"), Target: 1.5}, []string{"target"}},
		{"race fields on a distance goal", domain.Goal{Kind: "distance", Period: ptr("year"), Target: 1000, RaceName: ptr("x"), RaceDate: ptr("2026-01-01")}, []string{"race_name", "race_date"}},
		{"race without name and date", domain.Goal{Kind: "race", Target: 3600, Period: ptr("week")}, []string{"period", "race_name", "race_date"}},
		{"race with a bad date", domain.Goal{Kind: "race", Target: 3600, RaceName: ptr("x"), RaceDate: ptr("20.09.2026")}, []string{"race_date"}},
		{"race too far ahead", domain.Goal{Kind: "race", Target: 3600, RaceName: ptr("x"), RaceDate: ptr("2037-01-01")}, []string{"race_date"}},
		{"race with its distance", domain.Goal{Kind: "race", Target: 3600, RaceName: ptr("x"), RaceDate: ptr("2026-09-20"), RaceDistanceM: ptr(10000.0)}, nil},
		{"race distance out of range", domain.Goal{Kind: "race", Target: 3600, RaceName: ptr("x"), RaceDate: ptr("2026-09-20"), RaceDistanceM: ptr(99.0)}, []string{"race_distance_m"}},
		{"race distance on a distance goal", domain.Goal{Kind: "distance", Period: ptr("year"), Target: 1000, RaceDistanceM: ptr(5000.0)}, []string{"race_distance_m"}},
	}
	for _, tc := range cases {
		if got := fields(t, tc.goal.Validate(now)); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestAccess(t *testing.T) {
	active := &domain.Follow{Status: domain.FollowActive}
	pending := &domain.Follow{Status: domain.FollowPending}
	rels := map[string]domain.Relationship{
		"owner":     domain.RelationshipOf("u1", "u1", nil),
		"follower":  domain.RelationshipOf("u2", "u1", active),
		"requester": domain.RelationshipOf("u3", "u1", pending),
		"stranger":  domain.RelationshipOf("u4", "u1", nil),
		"anonymous": domain.RelationshipOf("", "u1", nil),
	}
	want := map[string]string{"owner": "self", "follower": "following", "requester": "requested", "stranger": "none", "anonymous": "none"}
	for who, rel := range rels {
		if string(rel) != want[who] {
			t.Errorf("%s: relationship %s", who, rel)
		}
	}
	table := map[string]map[string]domain.Access{
		profilesapi.VisibilityPublic: {"owner": domain.AccessOwner, "follower": domain.AccessFull, "requester": domain.AccessFull,
			"stranger": domain.AccessFull, "anonymous": domain.AccessFull},
		profilesapi.VisibilityFollowers: {"owner": domain.AccessOwner, "follower": domain.AccessFull, "requester": domain.AccessRestricted,
			"stranger": domain.AccessRestricted, "anonymous": domain.AccessRestricted},
		profilesapi.VisibilityPrivate: {"owner": domain.AccessOwner, "follower": domain.AccessRestricted, "requester": domain.AccessRestricted,
			"stranger": domain.AccessRestricted, "anonymous": domain.AccessRestricted},
	}
	for vis, byWho := range table {
		for who, want := range byWho {
			if got := domain.AccessOf(vis, rels[who]); got != want {
				t.Errorf("%s profile, %s: access %d, want %d", vis, who, got, want)
			}
		}
	}
	if domain.StatusFor("public") != domain.FollowActive || domain.StatusFor("followers") != domain.FollowPending || domain.StatusFor("private") != domain.FollowPending {
		t.Fatal("follow status by visibility")
	}
}

func TestComplete(t *testing.T) {
	p := domain.NewProfile("u", "Анна", now)
	if p.Complete() {
		t.Fatal("a new profile is not complete")
	}
	p.Avatar, p.BirthYear, p.Sports = "a.jpg", ptr(1990), []domain.SportLevel{{Sport: "running", Level: "beginner"}}
	if !p.Complete() {
		t.Fatal("name, avatar, birth year and a sport make it complete")
	}
}
