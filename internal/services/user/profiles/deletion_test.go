package profiles_test

import (
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/platform/sqldb/sqldbtest"
	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/avatar/avatartest"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/store/migrations"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
	"github.com/sporthub/sporthub/internal/sport/analysis"
)

// TestUserDeletedErasesEverything deletes an account through auth's event
// on embedded JetStream and checks that nothing of the user is left: rows
// in every table, follows both ways, avatar files; others keep their data.
func TestUserDeletedErasesEverything(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachEngine(t, "profiles", migrations.FS, func(t *testing.T, db *sqldb.DB) {
		f := startOn(t, db)
		gone := f.user(t, "gone", "Уходящий")
		stays := f.user(t, "stays", "Остающийся")
		f.user(t, "other", "Другой")
		url := avatarOf(t, f.mustDo(t, "gone", "PUT", base+"/me/avatar", raw{"image/png", avatartest.PNG(avatartest.Quadrants(80, 80))}, 200))
		f.mustDo(t, "gone", "POST", base+"/me/privacy-zones", map[string]any{"lat": 55.7, "lon": 37.6, "radius_m": 300}, 201)
		f.mustDo(t, "gone", "POST", base+"/me/goals", map[string]any{"kind": "count", "period": "week", "target": 3}, 201)
		f.mustDo(t, "stays", "POST", base+"/me/goals", map[string]any{"kind": "count", "period": "week", "target": 4}, 201)
		f.mustDo(t, "gone", "POST", base+"/"+stays+"/follow", nil, 200)  // gone follows stays
		f.mustDo(t, "other", "POST", base+"/"+stays+"/follow", nil, 200) // other follows stays
		f.mustDo(t, "gone", "PUT", base+"/me/privacy", map[string]any{"visibility": "private"}, 200)
		f.mustDo(t, "stays", "POST", base+"/"+gone+"/follow", nil, 200) // stays asks to follow gone
		f.mustDo(t, "stays", "PUT", base+"/me/privacy", map[string]any{"visibility": "followers"}, 200)
		f.mustDo(t, "gone", "DELETE", base+"/"+stays+"/follow", nil, 204) // and back, as a request
		f.mustDo(t, "gone", "POST", base+"/"+stays+"/follow", nil, 200)
		f.publish(t, authapi.EventEmailVerified, gone, authapi.EmailVerifiedV1{UserID: gone, Email: "g@example.com", VerifiedAt: time.Now()})
		eventually(t, "gone has an achievement", func() bool { return len(f.me(t, "gone").Achievements) > 0 })
		for _, uid := range []string{gone, stays} {
			f.publishEvent(t, activityEvent(t, trackerapi.EventActivityCompleted, trackerapi.ActivityV1{ActivityID: uuid.NewString(),
				UserID: uid, Sport: "running", StartedAt: time.Now().UTC(), Analysis: analysis.Result{DistanceM: 5000}}))
		}
		eventually(t, "both runs are projected", func() bool {
			var n int
			if err := f.db.SQL.QueryRow(`SELECT COUNT(*) FROM training_activities`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n == 2
		})
		if n := rows(t, f, gone); n == 0 {
			t.Fatal("nothing to erase")
		}

		f.drained(t)
		before := len(f.events(t, "user.profiles.>"))
		f.publish(t, authapi.EventUserDeleted, gone, authapi.UserDeletedV1{UserID: gone, DeletedAt: time.Now()})
		eventually(t, "the profile is gone", func() bool { return f.do(t, "anonymous", "GET", base+"/"+gone, nil).status == 404 })
		if n := rows(t, f, gone); n != 0 {
			t.Fatalf("%d rows of the deleted user left", n)
		}
		for _, k := range blobKeys(url) {
			if f.blobExists(t, k) {
				t.Fatalf("avatar file %s left", k)
			}
		}
		var reqs profilesapi.FollowRequests
		f.mustDo(t, "stays", "GET", base+"/me/follow-requests", nil, 200).json(t, &reqs)
		if len(reqs.Items) != 0 {
			t.Fatalf("a request from the deleted user: %+v", reqs.Items)
		}
		p := f.me(t, "stays")
		if p.FollowersCount != 1 || p.FollowingCount != 0 {
			t.Fatalf("counts of the remaining user %d/%d", p.FollowersCount, p.FollowingCount)
		}
		var goals profilesapi.Goals
		f.mustDo(t, "stays", "GET", base+"/me/goals", nil, 200).json(t, &goals)
		if len(goals.Items) != 1 || goals.Items[0].Progress != 1 {
			t.Fatalf("the remaining user's goals: %+v", goals.Items)
		}
		// Erasure publishes nothing of its own: the deletion speaks for itself.
		f.drained(t)
		if after := f.events(t, "user.profiles.>"); len(after) != before {
			t.Fatalf("erasure published %s", after[len(after)-1].Type)
		}
	})
}

// rows counts the rows that mention the user in every table.
func rows(t *testing.T, f *fixture, uid string) int {
	t.Helper()
	total := 0
	for _, q := range []string{
		`SELECT COUNT(*) FROM profiles WHERE user_id = $1`,
		`SELECT COUNT(*) FROM privacy_zones WHERE user_id = $1`,
		`SELECT COUNT(*) FROM goals WHERE user_id = $1`,
		`SELECT COUNT(*) FROM achievements WHERE user_id = $1`,
		`SELECT COUNT(*) FROM follows WHERE follower_id = $1 OR followee_id = $1`,
		`SELECT COUNT(*) FROM training_activities WHERE user_id = $1`,
	} {
		var n int
		if err := f.db.SQL.QueryRow(q, uid).Scan(&n); err != nil {
			t.Fatal(err)
		}
		total += n
	}
	return total
}
