package profiles_test

import (
	"testing"

	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
)

func TestGoals(t *testing.T) {
	t.Parallel()
	f := start(t)
	f.user(t, "owner", "Ольга")
	f.user(t, "stranger", "Семён")
	var g profilesapi.Goal
	run(t, f, []scenario{
		{name: "none yet", who: "owner", method: "GET", path: base + "/me/goals", status: 200, check: func(t *testing.T, r response) {
			if string(r.body) != "{\"items\":[]}\n" {
				t.Fatalf("%s", r.body)
			}
		}},
		{name: "a monthly running distance", who: "owner", method: "POST", path: base + "/me/goals",
			body: map[string]any{"kind": "distance", "sport": "running", "period": "month", "target": 200000}, status: 201,
			check: func(t *testing.T, r response) {
				r.json(t, &g)
				if g.ID == "" || g.Kind != "distance" || *g.Sport != "running" || *g.Period != "month" || g.Target != 200000 ||
					g.Progress != 0 || g.RaceName != nil || g.CreatedAt.IsZero() {
					t.Fatalf("goal %s", r.body)
				}
				if r.header.Get("Location") != base+"/me/goals/"+g.ID {
					t.Fatalf("location %q", r.header.Get("Location"))
				}
			}},
		{name: "a race", who: "owner", method: "POST", path: base + "/me/goals",
			body: map[string]any{"kind": "race", "target": 12600, "race_name": "Белые ночи", "race_date": "2027-06-27"}, status: 201},
		{name: "a race without its date", who: "owner", method: "POST", path: base + "/me/goals",
			body: map[string]any{"kind": "race", "target": 12600, "race_name": "Белые ночи"}, status: 400, code: "validation_failed"},
		{name: "without a target", who: "owner", method: "POST", path: base + "/me/goals",
			body: map[string]any{"kind": "count", "period": "week"}, status: 400, code: "validation_failed"},
		{name: "unknown kind", who: "owner", method: "POST", path: base + "/me/goals",
			body: map[string]any{"kind": "weight", "target": 60}, status: 400, code: "validation_failed"},
		{name: "progress is not the caller's to set", who: "owner", method: "POST", path: base + "/me/goals",
			body: map[string]any{"kind": "count", "period": "week", "target": 3, "progress": 3}, status: 400, code: "validation_failed"},
		{name: "both listed, oldest first", who: "owner", method: "GET", path: base + "/me/goals", status: 200,
			check: func(t *testing.T, r response) {
				var list profilesapi.Goals
				r.json(t, &list)
				if len(list.Items) != 2 || list.Items[0].ID != g.ID || list.Items[1].Kind != "race" || *list.Items[1].RaceDate != "2027-06-27" {
					t.Fatalf("list %s", r.body)
				}
				f.users["goal"] = g.ID
			}},
		{name: "the stranger sees none of them", who: "stranger", method: "GET", path: base + "/me/goals", status: 200,
			check: func(t *testing.T, r response) {
				if string(r.body) != "{\"items\":[]}\n" {
					t.Fatalf("%s", r.body)
				}
			}},
		{name: "the stranger cannot change the owner's goal", who: "stranger", method: "PUT", path: base + "/me/goals/{goal}",
			body: map[string]any{"kind": "count", "period": "week", "target": 1}, status: 404, code: "goal_not_found"},
		{name: "nor delete it", who: "stranger", method: "DELETE", path: base + "/me/goals/{goal}", status: 404, code: "goal_not_found"},
		{name: "the owner changes it", who: "owner", method: "PUT", path: base + "/me/goals/{goal}",
			body: map[string]any{"kind": "distance", "period": "year", "target": 2500000}, status: 200,
			check: func(t *testing.T, r response) {
				var got profilesapi.Goal
				r.json(t, &got)
				if got.ID != g.ID || got.Sport != nil || *got.Period != "year" || got.Target != 2500000 || !got.CreatedAt.Equal(g.CreatedAt) {
					t.Fatalf("updated %s", r.body)
				}
			}},
		{name: "an invalid change", who: "owner", method: "PUT", path: base + "/me/goals/{goal}",
			body: map[string]any{"kind": "distance", "target": 1}, status: 400, code: "validation_failed"},
		{name: "anonymous", who: "anonymous", method: "GET", path: base + "/me/goals", status: 401, code: "unauthenticated"},
		{name: "the owner deletes it", who: "owner", method: "DELETE", path: base + "/me/goals/{goal}", status: 204},
		{name: "gone", who: "owner", method: "PUT", path: base + "/me/goals/{goal}",
			body: map[string]any{"kind": "count", "period": "week", "target": 1}, status: 404, code: "goal_not_found"},
	})
	for i := 0; i < 49; i++ {
		f.mustDo(t, "owner", "POST", base+"/me/goals", map[string]any{"kind": "count", "period": "week", "target": 1 + i}, 201)
	}
	run(t, f, []scenario{
		{name: "the 51st goal", who: "owner", method: "POST", path: base + "/me/goals",
			body: map[string]any{"kind": "count", "period": "week", "target": 1}, status: 409, code: "too_many_goals"},
	})
}
