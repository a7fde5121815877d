package profilesapi_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"text/template"

	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
)

func TestNullableTellsAbsentNullAndValue(t *testing.T) {
	var p profilesapi.ProfilePatch
	if err := json.Unmarshal([]byte(`{"birth_year": 1990, "height_cm": null, "bio": ""}`), &p); err != nil {
		t.Fatal(err)
	}
	if !p.BirthYear.Set || p.BirthYear.Null || *p.BirthYear.Ptr() != 1990 {
		t.Errorf("birth_year: %+v", p.BirthYear)
	}
	if !p.HeightCM.Set || !p.HeightCM.Null || p.HeightCM.Ptr() != nil {
		t.Errorf("height_cm: %+v", p.HeightCM)
	}
	if p.WeightKG.Set || p.DisplayName.Set {
		t.Errorf("absent fields read as set: %+v %+v", p.WeightKG, p.DisplayName)
	}
	if !p.Bio.Set || p.Bio.Null || p.Bio.Value != "" {
		t.Errorf("bio: %+v", p.Bio)
	}
	out, err := json.Marshal(profilesapi.ProfilePatch{BirthYear: profilesapi.Of(1985), Region: profilesapi.Null[string]()})
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != `{"birth_year":1985,"region":null}` {
		t.Fatalf("encoded %s", out)
	}
}

func TestRoutesDoNotCollide(t *testing.T) {
	mux := http.NewServeMux()
	for _, r := range profilesapi.Routes {
		if !strings.Contains(r.Pattern, " "+profilesapi.BasePath+"/") {
			t.Fatalf("route %s outside %s", r.Pattern, profilesapi.BasePath)
		}
		mux.Handle(r.Pattern, http.NotFoundHandler()) // panics on a conflict
	}
	for path, want := range map[string]string{
		"/avatars/512/x.jpg":                    "GET " + profilesapi.BasePath + "/avatars/{size}/{name}",
		"/me":                                   "GET " + profilesapi.BasePath + "/me",
		"/0190b3c4-0000-7000-8000-000000000001": "GET " + profilesapi.BasePath + "/{user_id}",
		"/avatars/followers":                    "GET " + profilesapi.BasePath + "/{user_id}/followers",
	} {
		req, _ := http.NewRequest("GET", profilesapi.BasePath+path, nil)
		if _, pattern := mux.Handler(req); pattern != want {
			t.Errorf("%s routed to %q, want %q", path, pattern, want)
		}
	}
}

func TestNotificationTemplates(t *testing.T) {
	data := map[string]string{profilesapi.DataFollowerID: "u-1", profilesapi.DataFollowerName: "Анна",
		profilesapi.DataCode: "first_follower", profilesapi.DataTitleRU: "Первый подписчик", profilesapi.DataTitleEN: "First follower"}
	types := map[string]bool{}
	for _, tpl := range profilesapi.Notifications() {
		if err := tpl.Validate(); err != nil {
			t.Errorf("%s: %v", tpl.Type, err)
		}
		types[tpl.Type] = true
		for _, lang := range []string{"ru", "en"} {
			for field, m := range map[string]map[string]string{"title": tpl.Title, "subject": tpl.Subject, "text": tpl.Text} {
				src, ok := m[lang]
				if !ok {
					t.Errorf("%s: no %s in %s", tpl.Type, field, lang)
					continue
				}
				var b bytes.Buffer
				err := template.Must(template.New(field).Option("missingkey=error").Parse(src)).Execute(&b,
					map[string]any{"Data": data, "Name": "Анна", "AppURL": "https://sporthub.example", "Time": "now"})
				if err != nil || strings.Contains(b.String(), "<no value>") {
					t.Errorf("%s %s[%s]: %v %q", tpl.Type, field, lang, err, b.String())
				}
			}
		}
	}
	for _, want := range []string{profilesapi.NotifyFollowRequested, profilesapi.NotifyNewFollower, profilesapi.NotifyAchievementAwarded} {
		if !types[want] {
			t.Errorf("no template for %s", want)
		}
	}
}

func TestVocabulary(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range profilesapi.Sports {
		if seen[s.ID] || s.Name.RU == "" || s.Name.EN == "" {
			t.Errorf("sport %+v duplicated or unnamed", s)
		}
		seen[s.ID] = true
	}
	for _, id := range []string{"running", "cycling", "swimming", "triathlon", "trail_running", "skiing", "walking", "hiking", "fitness", "football", "tennis"} {
		if !profilesapi.IsSport(id) {
			t.Errorf("%s missing", id)
		}
	}
	if profilesapi.IsSport("quidditch") {
		t.Error("unknown sport accepted")
	}
}
