package access_test

import (
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/services/admin/access/accessapi"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
)

func (f *fixture) search(t *testing.T, query url.Values) accessapi.UserPage {
	t.Helper()
	r := f.do(t, "GET", accessapi.BasePath+"/users?"+query.Encode(), f.token(t, support), nil)
	if r.Status != 200 {
		t.Fatalf("search %v: %d %s", query, r.Status, r.Body)
	}
	var p accessapi.UserPage
	r.json(t, &p)
	return p
}

func userIDs(p accessapi.UserPage) []string {
	var out []string
	for _, u := range p.Items {
		out = append(out, u.UserID)
	}
	return out
}

// TestDirectoryFromEvents builds the directory from auth's and profiles'
// events through real embedded JetStream and searches it over HTTP.
func TestDirectoryFromEvents(t *testing.T) {
	t.Parallel()
	f := start(t)
	f.population(t)
	now := time.Now().UTC()
	f.register(t, "u-anna", "Anna.S@Example.com")
	f.register(t, "u-ivan", "ivan_p@example.com")
	f.publish(t, authapi.EventEmailVerified, "u-anna", authapi.EmailVerifiedV1{UserID: "u-anna", Email: "Anna.S@Example.com", VerifiedAt: now})
	f.publish(t, profilesapi.EventProfileUpdated, "u-anna", profilesapi.ProfileUpdatedV1{UserID: "u-anna", DisplayName: "Анна Смирнова", Visibility: "public"})
	f.publish(t, authapi.EventTwoFactorChanged, "u-ivan", authapi.TwoFactorChangedV1{UserID: "u-ivan", Enabled: true, At: now})
	f.publish(t, authapi.EventAccountLocked, "u-ivan", authapi.AccountLockedV1{UserID: "u-ivan", Until: now.Add(time.Hour), At: now})
	f.publish(t, profilesapi.EventProfileUpdated, "u-ghost", profilesapi.ProfileUpdatedV1{UserID: "u-ghost", DisplayName: "Ghost"})
	f.publish(t, authapi.EventEmailVerified, "", map[string]string{"email": "no-user@example.com"}) // unusable: dead-lettered
	f.publish(t, authapi.EventAccountUnlocked, "u-anna", authapi.AccountUnlockedV1{UserID: "u-anna", By: "expiry", At: now})

	eventually(t, "profile name projected", func() error {
		if p := f.search(t, url.Values{"q": {"СМИРН"}}); !slices.Equal(userIDs(p), []string{"u-anna"}) {
			return errorf("search by name: %v", userIDs(p))
		}
		return nil
	})
	eventually(t, "every event handled", func() error {
		var n int
		if err := f.DB.SQL.QueryRow(`SELECT count(*) FROM bus_inbox`).Scan(&n); err != nil || n != 6+2+6 {
			return errorf("%d events handled (%v)", n, err)
		}
		return nil
	})
	anna := f.search(t, url.Values{"q": {"anna.s@"}}).Items
	if len(anna) != 1 || !anna[0].EmailVerified || anna[0].DisplayName != "Анна Смирнова" || anna[0].Email != "Anna.S@Example.com" ||
		anna[0].Locked || anna[0].Blocked || !slices.Equal(anna[0].Roles, []string{"athlete"}) {
		t.Fatalf("anna: %+v", anna)
	}
	r := f.do(t, "GET", accessapi.BasePath+"/users/u-ivan", f.token(t, support), nil)
	if d := detail(t, r); !d.TwoFactorEnabled || !d.Locked || d.EmailVerified {
		t.Fatalf("ivan: %+v", d)
	}
	if err := f.inDirectory("u-ghost", false); err != nil {
		t.Fatalf("a profile of an unknown user created an entry: %v", err)
	}

	t.Run("search", func(t *testing.T) {
		for _, tc := range []struct {
			query url.Values
			want  []string
		}{
			{url.Values{"q": {"IVAN_"}}, []string{"u-ivan"}},
			{url.Values{"q": {"_p@"}}, []string{"u-ivan"}},
			{url.Values{"q": {"%"}}, nil},
			{url.Values{"status": {"locked"}}, []string{"u-ivan"}},
			{url.Values{"role": {"support"}}, []string{string(support)}},
			{url.Values{"role": {"admin"}, "q": {"staff"}}, []string{string(admin)}},
			{url.Values{"status": {"blocked"}}, nil},
		} {
			if got := userIDs(f.search(t, tc.query)); !slices.Equal(got, tc.want) {
				t.Errorf("%v: %v, want %v", tc.query, got, tc.want)
			}
		}
		var all []string
		q := url.Values{"limit": {"3"}}
		for pages := 0; ; pages++ {
			p := f.search(t, q)
			all = append(all, userIDs(p)...)
			if p.NextCursor == nil || pages > 5 {
				break
			}
			q.Set("cursor", *p.NextCursor)
		}
		if len(all) != 8 || len(slices.Compact(slices.Sorted(slices.Values(all)))) != 8 || all[0] != "u-ivan" {
			t.Fatalf("paging: %v", all)
		}
	})

	t.Run("bad queries", func(t *testing.T) {
		for query, field := range map[string]string{
			"limit=101": "limit", "limit=0": "limit", "status=sleeping": "status", "role=ghost": "role", "role=Bad!": "role",
			"cursor=garbage": "cursor", "sort=name": "sort", "q=" + strings.Repeat("x", 101): "q",
		} {
			r := f.do(t, "GET", accessapi.BasePath+"/users?"+query, f.token(t, support), nil)
			if r.Status != 400 || !strings.Contains(string(r.Body), `"field":"`+field+`"`) {
				t.Errorf("%s: %d %s", query, r.Status, r.Body)
			}
		}
	})

	t.Run("deletion", func(t *testing.T) {
		tok := f.token(t, admin)
		if r := f.do(t, "PUT", accessapi.BasePath+"/users/u-ivan/roles", tok, roles("coach")); r.Status != 200 {
			t.Fatalf("assign: %d %s", r.Status, r.Body)
		}
		if r := f.do(t, "POST", accessapi.BasePath+"/users/u-ivan/block", tok, map[string]string{"reason": "spam"}); r.Status != 200 {
			t.Fatalf("block: %d %s", r.Status, r.Body)
		}
		f.publish(t, authapi.EventUserDeleted, "u-ivan", authapi.UserDeletedV1{UserID: "u-ivan", DeletedAt: time.Now()})
		eventually(t, "deleted from the directory", func() error { return f.inDirectory("u-ivan", false) })
		if r := f.do(t, "GET", accessapi.BasePath+"/users/u-ivan", tok, nil); r.Status != 404 {
			t.Fatalf("deleted user's detail: %d", r.Status)
		}
		var grants, named, tombs int
		db := f.DB.SQL
		if err := db.QueryRow(`SELECT count(*) FROM user_roles WHERE user_id = 'u-ivan'`).Scan(&grants); err != nil {
			t.Fatal(err)
		}
		if err := db.QueryRow(`SELECT count(*) FROM staff_actions WHERE target_user_id = 'u-ivan'`).Scan(&named); err != nil {
			t.Fatal(err)
		}
		if err := db.QueryRow(`SELECT count(*) FROM staff_actions WHERE target_user_id LIKE 'deleted-%' AND reason = 'spam'`).Scan(&tombs); err != nil {
			t.Fatal(err)
		}
		if grants != 0 || named != 0 || tombs != 1 {
			t.Fatalf("after deletion: %d grants, %d actions naming the user, %d under a tombstone", grants, named, tombs)
		}
		roles := roleList(t, f.do(t, "GET", accessapi.BasePath+"/roles", tok, nil))
		if roles["coach"].Members != 0 || roles["athlete"].Members != 7 {
			t.Fatalf("members after deletion: coach %d, athlete %d", roles["coach"].Members, roles["athlete"].Members)
		}
	})
}
