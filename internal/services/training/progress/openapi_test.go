package progress_test

import (
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/sporthub/sporthub/api/apitest"
	"github.com/sporthub/sporthub/internal/services/training/progress/progressapi"
)

func TestOpenAPIFragmentMatchesRoutes(t *testing.T) {
	doc := apitest.Fragment(t, "progress.json")
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
	for _, r := range progressapi.Routes {
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
		if name != "Problem" && !strings.HasPrefix(name, "Progress") {
			t.Errorf("schema %s: prefix Progress keeps it apart from other services' names", name)
		}
	}
}

// TestResponsesMatchTheDocument drives every route with real data and
// checks each answer against its documented schema.
func TestResponsesMatchTheDocument(t *testing.T) {
	t.Parallel()
	f := start(t)
	me, empty := newUser(), newUser()
	route, startLL := loop(55.75, 37.61, 5000)
	first, second := uuid.NewString(), uuid.NewString()
	f.athlete(t, me, "male", 1988)
	f.complete(t, activity{id: first, user: me, sport: "running", start: at(4), km: 5, movingS: 1500, tss: 40,
		efforts: map[string]float64{"1k": 280, "5k": 1500}, polyline: route, startLL: startLL})
	f.complete(t, activity{id: second, user: me, sport: "running", start: at(1), km: 5, movingS: 1450, tss: 45,
		efforts: map[string]float64{"1k": 270, "5k": 1450}, polyline: route, startLL: startLL})
	f.settled(t)
	doc := apitest.Fragment(t, "progress.json")
	check := func(user, method, template string, body any, vars ...string) {
		t.Helper()
		path := template
		for i := 0; i+1 < len(vars); i += 2 {
			path = strings.ReplaceAll(path, "{"+vars[i]+"}", vars[i+1])
		}
		r := f.do(t, user, method, base+path, body)
		if err := doc.CheckResponse(method, base+strings.SplitN(template, "?", 2)[0], r.status, r.header.Get("Content-Type"), r.body); err != nil {
			t.Errorf("%s %s (%d) does not match the document:\n%v\n%s", method, path, r.status, err, r.body)
		}
	}
	for _, user := range []string{me, empty} {
		check(user, "GET", "/me/summary", nil)
		check(user, "GET", "/me/fitness?from="+day(6)+"&to="+day(0), nil)
		check(user, "GET", "/me/volume?period=month", nil)
		check(user, "GET", "/me/acwr", nil)
		check(user, "GET", "/me/records", nil)
		check(user, "GET", "/me/predictions", nil)
		check(user, "GET", "/me/settings", nil)
	}
	check(me, "GET", "/me/activities/{id}/comparisons", nil, "id", second)
	check(empty, "GET", "/me/activities/{id}/comparisons", nil, "id", second)
	check("", "GET", "/me/summary", nil)
	check(me, "GET", "/me/fitness?from=x", nil)
	check(me, "PUT", "/me/settings", map[string]any{"share_in_comparisons": true})
	check(me, "PUT", "/me/settings", map[string]any{})
}
