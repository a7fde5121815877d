package profiles_test

import (
	"testing"

	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
)

const (
	privacyChanged = profilesapi.EventPrivacyChanged
	zonesChanged   = profilesapi.EventPrivacyZonesChanged
)

func TestPrivacyAndZones(t *testing.T) {
	t.Parallel()
	f := start(t)
	f.user(t, "owner", "Ольга")
	f.user(t, "stranger", "Семён")
	var home profilesapi.Zone
	zone := func(t *testing.T, r response) {
		r.json(t, &home)
		if home.ID == "" || *home.Name != "Дом" || home.Lat != 59.9343 || home.Lon != 30.3351 || home.RadiusM != 400 {
			t.Fatalf("zone %s", r.body)
		}
	}
	run(t, f, []scenario{
		{name: "defaults", who: "owner", method: "GET", path: base + "/me/privacy", status: 200, check: func(t *testing.T, r response) {
			var p profilesapi.Privacy
			r.json(t, &p)
			if p.Visibility != "public" || p.ActivityDefaults != (profilesapi.ActivityDefaults{Map: "followers", HeartRate: "private", Pace: "public"}) ||
				p.Zones == nil || len(p.Zones) != 0 {
				t.Fatalf("defaults %s", r.body)
			}
		}},
		{name: "one activity default", who: "owner", method: "PUT", path: base + "/me/privacy",
			body: map[string]any{"activity_defaults": map[string]string{"pace": "followers"}}, status: 200,
			events: []string{privacyChanged}, check: func(t *testing.T, r response) {
				var p profilesapi.Privacy
				r.json(t, &p)
				if p.ActivityDefaults != (profilesapi.ActivityDefaults{Map: "followers", HeartRate: "private", Pace: "followers"}) {
					t.Fatalf("after %s", r.body)
				}
			}},
		{name: "the same again publishes nothing", who: "owner", method: "PUT", path: base + "/me/privacy",
			body: map[string]any{"activity_defaults": map[string]string{"pace": "followers"}}, status: 200},
		{name: "visibility moves the profile too", who: "owner", method: "PUT", path: base + "/me/privacy",
			body: map[string]any{"visibility": "followers"}, status: 200, events: []string{privacyChanged, profileUpdated},
			check: func(t *testing.T, r response) {
				if p := f.me(t, "owner"); p.Visibility != "followers" {
					t.Fatalf("visibility %s", p.Visibility)
				}
			}},
		{name: "bad values", who: "owner", method: "PUT", path: base + "/me/privacy",
			body:   map[string]any{"visibility": "everyone", "activity_defaults": map[string]string{"map": "friends"}},
			status: 400, code: "validation_failed"},
		{name: "anonymous", who: "anonymous", method: "GET", path: base + "/me/privacy", status: 401, code: "unauthenticated"},
		{name: "add a zone", who: "owner", method: "POST", path: base + "/me/privacy-zones",
			body: map[string]any{"name": "Дом", "lat": 59.9343, "lon": 30.3351, "radius_m": 400}, status: 201,
			events: []string{zonesChanged}, check: zone},
		{name: "zone out of range", who: "owner", method: "POST", path: base + "/me/privacy-zones",
			body: map[string]any{"lat": 91, "lon": -181, "radius_m": 99}, status: 400, code: "validation_failed"},
		{name: "zone radius over 2 km", who: "owner", method: "POST", path: base + "/me/privacy-zones",
			body: map[string]any{"lat": 1, "lon": 1, "radius_m": 2001}, status: 400, code: "validation_failed"},
		{name: "zone without a point", who: "owner", method: "POST", path: base + "/me/privacy-zones",
			body: map[string]any{"radius_m": 500}, status: 400, code: "validation_failed"},
		{name: "the zone is still there", who: "owner", method: "GET", path: base + "/me/privacy", status: 200,
			check: func(t *testing.T, r response) {
				var p profilesapi.Privacy
				r.json(t, &p)
				if len(p.Zones) != 1 || p.Zones[0].ID != home.ID {
					t.Fatalf("zones %s", r.body)
				}
			}},
		{name: "a malformed zone id", who: "owner", method: "DELETE", path: base + "/me/privacy-zones/nope", status: 404, code: "privacy_zone_not_found"},
	})

	// Nine more fill the ten; the eleventh is refused.
	for i := 0; i < 9; i++ {
		f.mustDo(t, "owner", "POST", base+"/me/privacy-zones", map[string]any{"lat": 10 + i, "lon": 20, "radius_m": 100}, 201)
	}
	f.users["zone"] = home.ID
	run(t, f, []scenario{
		{name: "an eleventh zone", who: "owner", method: "POST", path: base + "/me/privacy-zones",
			body: map[string]any{"lat": 1, "lon": 1, "radius_m": 100}, status: 409, code: "too_many_privacy_zones"},
		{name: "a stranger cannot delete the owner's zone", who: "stranger", method: "DELETE", path: base + "/me/privacy-zones/{zone}",
			status: 404, code: "privacy_zone_not_found"},
		{name: "the owner can", who: "owner", method: "DELETE", path: base + "/me/privacy-zones/{zone}", status: 204,
			events: []string{zonesChanged}},
		{name: "twice is not found", who: "owner", method: "DELETE", path: base + "/me/privacy-zones/{zone}",
			status: 404, code: "privacy_zone_not_found"},
	})

	// The last event carries the full list: nine zones, without home.
	evs := f.events(t, zonesChanged)
	var last profilesapi.PrivacyZonesChangedV1
	if err := evs[len(evs)-1].Decode(&last); err != nil {
		t.Fatal(err)
	}
	if last.UserID != f.users["owner"] || len(last.Zones) != 9 || evs[len(evs)-1].Subject != f.users["owner"] {
		t.Fatalf("last zones event %+v", last)
	}
	for _, z := range last.Zones {
		if z.ID == home.ID || z.RadiusM != 100 {
			t.Fatalf("zone %+v in the list", z)
		}
	}
	if !profilesapi.InPrivacyZone(last.Zones, 10.0005, 20) || profilesapi.InPrivacyZone(last.Zones, 59.9343, 30.3351) {
		t.Fatal("the published zones do not hide what they should")
	}
	if n := len(evs); n != 11 {
		t.Fatalf("%d zone events, want one per change (11)", n)
	}
	var pc profilesapi.PrivacyChangedV1
	pcs := f.events(t, privacyChanged)
	if err := pcs[len(pcs)-1].Decode(&pc); err != nil {
		t.Fatal(err)
	}
	if pc.ProfileVisibility != "followers" || pc.ActivityDefaults.Pace != "followers" || pc.ActivityDefaults.HeartRate != "private" {
		t.Fatalf("privacy_changed %+v", pc)
	}
}
