package profiles_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
)

const (
	profileUpdated = profilesapi.EventProfileUpdated
	athleteChanged = profilesapi.EventAthleteChanged
)

func TestOwnProfile(t *testing.T) {
	t.Parallel()
	f := start(t)
	f.user(t, "owner", "Ольга")
	f.user(t, "stranger", "Семён")

	// The first GET creates a profile with a generated name.
	f.users["newcomer"] = "0190b3c4-0000-7000-8000-0000000abcde"
	full := map[string]any{
		"display_name": "  Ольга Бегунова ", "birth_year": 1990, "sex": "female", "height_cm": 170, "weight_kg": 61.25,
		"resting_hr": 48, "max_hr": 186, "threshold_hr": 168, "hr_zones": []int{120, 140, 155, 170},
		"threshold_pace_s_per_km": 285, "threshold_power_w": 220,
		"region": "ru-spe", "bio": "Марафоны и трейлы", "sports": []map[string]string{{"sport": "running", "level": "advanced"}},
	}
	year := time.Now().UTC().Year()
	run(t, f, []scenario{
		{name: "anonymous has no own profile", who: "anonymous", method: "GET", path: base + "/me", status: 401, code: "unauthenticated"},
		{name: "first look creates the profile", who: "newcomer", method: "GET", path: base + "/me", status: 200,
			events: []string{profileUpdated, athleteChanged}, check: func(t *testing.T, r response) {
				var p profilesapi.Profile
				r.json(t, &p)
				if p.DisplayName != "athlete-0abcde" || p.Visibility != "public" || p.AvatarURL != nil || p.BirthYear != nil ||
					len(p.Sports) != 0 || p.Sports == nil || p.Achievements == nil || p.Bio != "" ||
					p.ThresholdHR != nil || p.HRZones == nil || len(p.HRZones) != 0 {
					t.Fatalf("new profile %s", r.body)
				}
			}},
		{name: "second look creates nothing", who: "newcomer", method: "GET", path: base + "/me", status: 200},
		{name: "fill in every field", who: "owner", method: "PATCH", path: base + "/me", body: full, status: 200,
			events: []string{profileUpdated, athleteChanged}, check: func(t *testing.T, r response) {
				var p profilesapi.Profile
				r.json(t, &p)
				if p.DisplayName != "Ольга Бегунова" || *p.BirthYear != 1990 || *p.Sex != "female" || *p.HeightCM != 170 ||
					*p.WeightKG != 61.3 || *p.RestingHR != 48 || *p.MaxHR != 186 || *p.ThresholdHR != 168 ||
					fmt.Sprint(p.HRZones) != "[120 140 155 170]" || *p.ThresholdPaceSPerKM != 285 ||
					*p.ThresholdPowerW != 220 || *p.Region != "RU-SPE" || p.Bio != "Марафоны и трейлы" ||
					len(p.Sports) != 1 || p.Sports[0] != (profilesapi.SportLevel{Sport: "running", Level: "advanced"}) {
					t.Fatalf("saved %s", r.body)
				}
			}},
		{name: "the same values again change nothing", who: "owner", method: "PATCH", path: base + "/me", body: full, status: 200},
		{name: "null clears a field, absent keeps it", who: "owner", method: "PATCH", path: base + "/me",
			body: map[string]any{"weight_kg": nil, "region": nil}, status: 200, events: []string{profileUpdated, athleteChanged},
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
				"threshold_hr": 221, "hr_zones": []int{30, 140, 150, 160},
				"bio": strings.Repeat("б", 501), "region": "Russia", "sex": "n/a", "visibility": "friends",
				"sports": []map[string]string{{"sport": "quidditch", "level": "pro"}}},
			status: 400, code: "validation_failed", check: func(t *testing.T, r response) {
				var pr web.Problem
				r.json(t, &pr)
				named := map[string]bool{}
				for _, e := range pr.Errors {
					named[e.Field] = true
				}
				for _, field := range []string{"birth_year", "height_cm", "weight_kg", "resting_hr", "max_hr", "threshold_hr", "hr_zones[0]",
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
		{name: "heart-rate zones: four ascending bounds between resting and maximum", who: "owner", method: "PATCH",
			path: base + "/me", body: map[string]any{"hr_zones": []int{120, 140, 140, 170}}, status: 400, code: "validation_failed",
			check: fields("hr_zones[2]")},
		{name: "heart-rate zones: not three", who: "owner", method: "PATCH", path: base + "/me",
			body: map[string]any{"hr_zones": []int{120, 140, 150}}, status: 400, code: "validation_failed", check: fields("hr_zones")},
		{name: "heart-rate zones: below the maximum", who: "owner", method: "PATCH", path: base + "/me",
			body: map[string]any{"hr_zones": []int{120, 140, 160, 190}}, status: 400, code: "validation_failed", check: fields("hr_zones[3]")},
		{name: "threshold hr below the maximum", who: "owner", method: "PATCH", path: base + "/me",
			body: map[string]any{"threshold_hr": 200}, status: 400, code: "validation_failed", check: fields("threshold_hr")},
		{name: "threshold hr in range", who: "owner", method: "PATCH", path: base + "/me",
			body: map[string]any{"threshold_hr": 79}, status: 400, code: "validation_failed", check: fields("threshold_hr")},
		{name: "a body metric alone changes the athlete", who: "owner", method: "PATCH", path: base + "/me",
			body: map[string]any{"threshold_hr": 170}, status: 200, events: []string{profileUpdated, athleteChanged}},
		{name: "a change of no athlete field publishes no athlete event", who: "owner", method: "PATCH", path: base + "/me",
			body: map[string]any{"height_cm": 171}, status: 200, events: []string{profileUpdated}},
		{name: "null removes the zones", who: "owner", method: "PATCH", path: base + "/me",
			body: map[string]any{"hr_zones": nil}, status: 200, events: []string{profileUpdated, athleteChanged},
			check: func(t *testing.T, r response) {
				var p profilesapi.Profile
				r.json(t, &p)
				if p.HRZones == nil || len(p.HRZones) != 0 {
					t.Fatalf("zones after null: %s", r.body)
				}
			}},
		{name: "so does an empty list, which is then no change", who: "owner", method: "PATCH", path: base + "/me",
			body: map[string]any{"hr_zones": []int{}}, status: 200},
		{name: "the zones again", who: "owner", method: "PATCH", path: base + "/me",
			body: map[string]any{"hr_zones": []int{120, 140, 155, 170}}, status: 200, events: []string{profileUpdated, athleteChanged}},
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

	// athlete_changed carries the athlete data whole, as it now is.
	var athlete profilesapi.AthleteChangedV1
	for _, e := range f.events(t, athleteChanged) {
		if e.Subject == f.users["owner"] {
			athlete = profilesapi.AthleteChangedV1{}
			if err := e.Decode(&athlete); err != nil {
				t.Fatal(err)
			}
		}
	}
	if athlete.UserID != f.users["owner"] || athlete.BirthYear == nil || *athlete.BirthYear != 1990 || athlete.WeightKG != nil ||
		*athlete.Sex != "female" || *athlete.RestingHR != 48 || *athlete.MaxHR != 186 || *athlete.ThresholdHR != 170 ||
		*athlete.ThresholdPaceSPerKM != 285 || *athlete.ThresholdPowerW != 220 || fmt.Sprint(athlete.HRZones) != "[120 140 155 170]" {
		t.Fatalf("last athlete_changed %+v", athlete)
	}
	var newcomer profilesapi.AthleteChangedV1
	for _, e := range f.events(t, athleteChanged) {
		if e.Subject == f.users["newcomer"] {
			if err := e.Decode(&newcomer); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(e.Data), `"hr_zones":[]`) {
				t.Fatalf("zones of a new athlete: %s", e.Data)
			}
		}
	}
	if newcomer.UserID != f.users["newcomer"] || newcomer.BirthYear != nil || newcomer.MaxHR != nil {
		t.Fatalf("a new profile's athlete_changed %+v", newcomer)
	}
}

// fields checks that a problem names each of the fields.
func fields(names ...string) func(t *testing.T, r response) {
	return func(t *testing.T, r response) {
		t.Helper()
		var pr web.Problem
		r.json(t, &pr)
		named := map[string]bool{}
		for _, e := range pr.Errors {
			named[e.Field] = true
		}
		for _, n := range names {
			if !named[n] {
				t.Errorf("no error for %s: %+v", n, pr.Errors)
			}
		}
	}
}
