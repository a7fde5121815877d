package profiles_test

import (
	"strings"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
)

const profileUpdated = profilesapi.EventProfileUpdated

func TestOwnProfile(t *testing.T) {
	t.Parallel()
	f := start(t)
	f.user(t, "owner", "Ольга")
	f.user(t, "stranger", "Семён")

	// The first GET creates a profile with a generated name.
	f.users["newcomer"] = "0190b3c4-0000-7000-8000-0000000abcde"
	full := map[string]any{
		"display_name": "  Ольга Бегунова ", "birth_year": 1990, "sex": "female", "height_cm": 170, "weight_kg": 61.25,
		"resting_hr": 48, "max_hr": 186, "threshold_pace_s_per_km": 285, "threshold_power_w": 220,
		"region": "ru-spe", "bio": "Марафоны и трейлы", "sports": []map[string]string{{"sport": "running", "level": "advanced"}},
	}
	year := time.Now().UTC().Year()
	run(t, f, []scenario{
		{name: "anonymous has no own profile", who: "anonymous", method: "GET", path: base + "/me", status: 401, code: "unauthenticated"},
		{name: "first look creates the profile", who: "newcomer", method: "GET", path: base + "/me", status: 200,
			events: []string{profileUpdated}, check: func(t *testing.T, r response) {
				var p profilesapi.Profile
				r.json(t, &p)
				if p.DisplayName != "athlete-0abcde" || p.Visibility != "public" || p.AvatarURL != nil || p.BirthYear != nil ||
					len(p.Sports) != 0 || p.Sports == nil || p.Achievements == nil || p.Bio != "" {
					t.Fatalf("new profile %s", r.body)
				}
			}},
		{name: "second look creates nothing", who: "newcomer", method: "GET", path: base + "/me", status: 200},
		{name: "fill in every field", who: "owner", method: "PATCH", path: base + "/me", body: full, status: 200,
			events: []string{profileUpdated}, check: func(t *testing.T, r response) {
				var p profilesapi.Profile
				r.json(t, &p)
				if p.DisplayName != "Ольга Бегунова" || *p.BirthYear != 1990 || *p.Sex != "female" || *p.HeightCM != 170 ||
					*p.WeightKG != 61.3 || *p.RestingHR != 48 || *p.MaxHR != 186 || *p.ThresholdPaceSPerKM != 285 ||
					*p.ThresholdPowerW != 220 || *p.Region != "RU-SPE" || p.Bio != "Марафоны и трейлы" ||
					len(p.Sports) != 1 || p.Sports[0] != (profilesapi.SportLevel{Sport: "running", Level: "advanced"}) {
					t.Fatalf("saved %s", r.body)
				}
			}},
		{name: "the same values again change nothing", who: "owner", method: "PATCH", path: base + "/me", body: full, status: 200},
		{name: "null clears a field, absent keeps it", who: "owner", method: "PATCH", path: base + "/me",
			body: map[string]any{"weight_kg": nil, "region": nil}, status: 200, events: []string{profileUpdated},
			check: func(t *testing.T, r response) {
				var p profilesapi.Profile
				r.json(t, &p)
				if p.WeightKG != nil || p.Region != nil || p.HeightCM == nil || *p.HeightCM != 170 {
					t.Fatalf("after clearing %s", r.body)
				}
			}},
		{name: "every bad value is named and nothing changes", who: "owner", method: "PATCH", path: base + "/me",
			body: map[string]any{"birth_year": year - 4, "height_cm": 99, "weight_kg": 301, "resting_hr": 121,
				"max_hr": 99, "threshold_pace_s_per_km": 1201, "threshold_power_w": 49, "display_name": strings.Repeat("я", 61),
				"bio": strings.Repeat("б", 501), "region": "Russia", "sex": "n/a", "visibility": "friends",
				"sports": []map[string]string{{"sport": "quidditch", "level": "pro"}}},
			status: 400, code: "validation_failed", check: func(t *testing.T, r response) {
				var pr web.Problem
				r.json(t, &pr)
				named := map[string]bool{}
				for _, e := range pr.Errors {
					named[e.Field] = true
				}
				for _, field := range []string{"birth_year", "height_cm", "weight_kg", "resting_hr", "max_hr",
					"threshold_pace_s_per_km", "threshold_power_w", "display_name", "bio", "region", "sex", "visibility",
					"sports[0].sport", "sports[0].level"} {
					if !named[field] {
						t.Errorf("no error for %s: %+v", field, pr.Errors)
					}
				}
				if p := f.me(t, "owner"); *p.BirthYear != 1990 || p.DisplayName != "Ольга Бегунова" {
					t.Fatalf("bad input changed the profile: %+v", p)
				}
			}},
		{name: "max hr must exceed the resting hr already stored", who: "owner", method: "PATCH", path: base + "/me",
			body: map[string]any{"max_hr": 48}, status: 400, code: "validation_failed"},
		{name: "a display name cannot be removed", who: "owner", method: "PATCH", path: base + "/me",
			body: map[string]any{"display_name": nil}, status: 400, code: "validation_failed"},
		{name: "unknown field", who: "owner", method: "PATCH", path: base + "/me",
			body: map[string]any{"email": "x@y.z"}, status: 400, code: "validation_failed"},
		{name: "wrong type", who: "owner", method: "PATCH", path: base + "/me",
			body: map[string]any{"birth_year": "1990"}, status: 400, code: "validation_failed"},
		{name: "not JSON", who: "owner", method: "PATCH", path: base + "/me",
			body: raw{"text/plain", []byte("birth_year=1990")}, status: 400, code: "unsupported_media_type"},
		{name: "anonymous cannot change a profile", who: "anonymous", method: "PATCH", path: base + "/me",
			body: map[string]any{"bio": "x"}, status: 401, code: "unauthenticated"},
		{name: "nobody patches another's profile: there is no such route", who: "stranger", method: "PATCH",
			path: base + "/{owner}", body: map[string]any{"bio": "hacked"}, status: 405, code: "method_not_allowed"},
		{name: "the stranger's own patch changes only the stranger", who: "stranger", method: "PATCH", path: base + "/me",
			body: map[string]any{"bio": "мой"}, status: 200, events: []string{profileUpdated}, check: func(t *testing.T, r response) {
				if p := f.me(t, "owner"); p.Bio != "Марафоны и трейлы" {
					t.Fatalf("owner's bio %q", p.Bio)
				}
			}},
	})

	ev := f.events(t, profileUpdated)
	var last profilesapi.ProfileUpdatedV1
	for _, e := range ev {
		if e.Subject == f.users["owner"] {
			if err := e.Decode(&last); err != nil {
				t.Fatal(err)
			}
		}
	}
	if last.UserID != f.users["owner"] || last.DisplayName != "Ольга Бегунова" || last.Visibility != "public" ||
		len(last.Sports) != 1 || last.Region != nil {
		t.Fatalf("last profile_updated %+v", last)
	}
	for _, e := range ev {
		if strings.Contains(string(e.Data), "birth_year") || strings.Contains(string(e.Data), "weight") {
			t.Fatalf("body metrics in an event: %s", e.Data)
		}
	}
}
