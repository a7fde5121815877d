package profiles_test

import (
	"image/color"
	"strings"
	"testing"

	"github.com/sporthub/sporthub/api/apitest"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/avatar/avatartest"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
)

func TestOpenAPIFragmentMatchesRoutes(t *testing.T) {
	doc := apitest.Fragment(t, "profiles.json")
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for method, op := range ops {
			anon := false
			for _, s := range op.Security {
				anon = anon || len(s) == 0
			}
			documented[strings.ToUpper(method)+" "+path] = anon
		}
	}
	for _, r := range profilesapi.Routes {
		anon, ok := documented[r.Pattern]
		if !ok || anon != r.Anonymous {
			t.Errorf("%s (anonymous %v) documented=%v anonymous=%v", r.Pattern, r.Anonymous, ok, anon)
		}
		delete(documented, r.Pattern)
	}
	for k := range documented {
		t.Errorf("%s documented but not served", k)
	}
	for name := range doc.Schemas {
		if name != "Problem" && !strings.HasPrefix(name, "Profile") {
			t.Errorf("schema %s: prefix Profile keeps it apart from other services' names", name)
		}
	}
}

// TestResponsesMatchTheDocument drives every JSON route with real data and
// checks each answer against its documented schema (success and error).
func TestResponsesMatchTheDocument(t *testing.T) {
	t.Parallel()
	f := start(t)
	owner := f.user(t, "owner", "Ольга")
	fan := f.user(t, "follower", "Фёдор")
	doc := apitest.Fragment(t, "profiles.json")
	check := func(who, method, template string, body any, vars ...string) response {
		t.Helper()
		path := template
		for i := 0; i+1 < len(vars); i += 2 {
			path = strings.ReplaceAll(path, "{"+vars[i]+"}", vars[i+1])
		}
		r := f.do(t, who, method, base+path, body)
		if err := doc.CheckResponse(method, base+strings.SplitN(template, "?", 2)[0], r.status, r.header.Get("Content-Type"), r.body); err != nil {
			t.Errorf("%s %s (%d) does not match the document:\n%v\n%s", method, path, r.status, err, r.body)
		}
		return r
	}
	check("owner", "GET", "/me", nil)
	check("anonymous", "GET", "/me", nil)
	check("owner", "PATCH", "/me", map[string]any{"birth_year": 1990, "sex": "female", "height_cm": 170, "weight_kg": 60,
		"resting_hr": 50, "max_hr": 190, "threshold_pace_s_per_km": 280, "threshold_power_w": 230, "region": "RU",
		"bio": "Бегаю", "sports": []map[string]string{{"sport": "running", "level": "elite"}}})
	check("owner", "PATCH", "/me", map[string]any{"birth_year": 1800})
	r := check("owner", "PUT", "/me/avatar", raw{"image/webp", avatartest.WebP(64, 64, color.NRGBA{9, 9, 9, 255})})
	check("owner", "PUT", "/me/avatar", raw{"text/plain", []byte("x")})
	url := avatarOf(t, r)
	check("anonymous", "GET", "/avatars/{size}/{name}", nil, "size", "512", "name", url[strings.LastIndex(url, "/")+1:])
	check("anonymous", "GET", "/avatars/{size}/{name}", nil, "size", "128", "name", "0123456789abcdef0123456789abcdef.jpg")
	check("owner", "GET", "/me/privacy", nil)
	check("owner", "PUT", "/me/privacy", map[string]any{"activity_defaults": map[string]string{"map": "private"}})
	var z profilesapi.Zone
	check("owner", "POST", "/me/privacy-zones", map[string]any{"name": "Дом", "lat": 1, "lon": 2, "radius_m": 300}).json(t, &z)
	check("owner", "POST", "/me/privacy-zones", map[string]any{"lat": 100, "lon": 2, "radius_m": 300})
	check("owner", "GET", "/me/privacy", nil)
	check("owner", "DELETE", "/me/privacy-zones/{id}", nil, "id", z.ID)
	check("owner", "DELETE", "/me/privacy-zones/{id}", nil, "id", z.ID)
	var g profilesapi.Goal
	check("owner", "POST", "/me/goals", map[string]any{"kind": "race", "target": 3600, "race_name": "10K", "race_date": "2027-05-01"}).json(t, &g)
	check("owner", "POST", "/me/goals", map[string]any{"kind": "distance", "target": 5000, "period": "week", "sport": "running"})
	check("owner", "GET", "/me/goals", nil)
	check("owner", "PUT", "/me/goals/{id}", map[string]any{"kind": "time", "target": 3600, "period": "month"}, "id", g.ID)
	check("follower", "PUT", "/me/goals/{id}", map[string]any{"kind": "time", "target": 3600, "period": "month"}, "id", g.ID)
	check("owner", "DELETE", "/me/goals/{id}", nil, "id", g.ID)
	check("follower", "POST", "/{user_id}/follow", nil, "user_id", owner)
	check("owner", "POST", "/{user_id}/follow", nil, "user_id", owner)
	check("owner", "PUT", "/me/privacy", map[string]any{"visibility": "followers"})
	check("owner", "POST", "/{user_id}/follow", nil, "user_id", fan)
	f.mustDo(t, "follower", "PUT", base+"/me/privacy", map[string]any{"visibility": "private"}, 200)
	check("owner", "POST", "/{user_id}/follow", nil, "user_id", fan+"0")
	f.users["third"] = "0190b3c4-0000-7000-8000-000000000003"
	check("third", "POST", "/{user_id}/follow", nil, "user_id", fan)
	check("follower", "GET", "/me/follow-requests", nil)
	check("follower", "POST", "/me/follow-requests/{follower_id}/accept", nil, "follower_id", owner)
	check("follower", "POST", "/me/follow-requests/{follower_id}/decline", nil, "follower_id", f.users["third"])
	check("follower", "POST", "/me/follow-requests/{follower_id}/decline", nil, "follower_id", owner)
	for _, who := range []string{"owner", "follower", "anonymous"} {
		check(who, "GET", "/{user_id}", nil, "user_id", owner)
		check(who, "GET", "/{user_id}", nil, "user_id", fan)
		check(who, "GET", "/{user_id}/followers", nil, "user_id", owner)
		check(who, "GET", "/{user_id}/following", nil, "user_id", fan)
	}
	check("anonymous", "GET", "/{user_id}", nil, "user_id", "nobody")
	check("anonymous", "GET", "/{user_id}/followers?limit=0", nil, "user_id", owner)
	check("owner", "DELETE", "/{user_id}/follow", nil, "user_id", fan)
	check("owner", "DELETE", "/me/avatar", nil)
}
