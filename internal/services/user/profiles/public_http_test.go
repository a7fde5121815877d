package profiles_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
)

// bodyMetrics are the fields only the owner ever sees.
var bodyMetrics = []string{"birth_year", "sex", "height_cm", "weight_kg", "resting_hr", "max_hr",
	"threshold_pace_s_per_km", "threshold_power_w"}

// publicFields are what a viewer with full access sees beyond the basics.
var publicFields = []string{"bio", "region", "sports", "followers_count", "following_count", "achievements", "updated_at"}

func TestPublicPagesFollowPrivacy(t *testing.T) {
	t.Parallel()
	f := start(t)
	f.user(t, "owner", "Ольга")
	f.user(t, "follower", "Фёдор")
	f.user(t, "requester", "Рита")
	f.user(t, "stranger", "Семён")
	f.mustDo(t, "owner", "PATCH", base+"/me", map[string]any{"bio": "Бегаю", "region": "RU", "birth_year": 1990,
		"sex": "female", "height_cm": 170, "weight_kg": 60, "resting_hr": 50, "max_hr": 190, "threshold_pace_s_per_km": 280,
		"threshold_power_w": 230, "sports": []map[string]string{{"sport": "running", "level": "elite"}}}, 200)
	f.mustDo(t, "follower", "POST", base+"/"+f.users["owner"]+"/follow", nil, 200)
	f.mustDo(t, "owner", "POST", base+"/"+f.users["follower"]+"/follow", nil, 200) // the owner follows back
	eventually(t, "first_follower awarded", func() bool { return len(f.me(t, "owner").Achievements) == 1 })

	type view struct {
		status       int
		restricted   bool
		relationship string
		metrics      bool // body metrics shown
		lists        bool // followers and following lists readable
	}
	full := func(rel string) view { return view{200, false, rel, false, true} }
	restricted := func(rel string) view { return view{200, true, rel, false, false} }
	self := view{200, false, "self", true, true}
	matrix := map[string]map[string]view{
		"public": {"owner": self, "follower": full("following"), "requester": full("none"), "stranger": full("none"), "anonymous": full("none")},
		"followers": {"owner": self, "follower": full("following"), "requester": restricted("requested"),
			"stranger": restricted("none"), "anonymous": restricted("none")},
		"private": {"owner": self, "follower": restricted("following"), "requester": restricted("requested"),
			"stranger": restricted("none"), "anonymous": restricted("none")},
	}
	for _, vis := range []string{"public", "followers", "private"} {
		f.mustDo(t, "owner", "PUT", base+"/me/privacy", map[string]any{"visibility": vis}, 200)
		if vis == "followers" {
			f.mustDo(t, "requester", "POST", base+"/"+f.users["owner"]+"/follow", nil, 200)
		}
		for _, who := range []string{"owner", "follower", "requester", "stranger", "anonymous"} {
			want := matrix[vis][who]
			if vis == "public" && who == "requester" {
				want.relationship = "none" // not asked yet
			}
			t.Run(vis+"/"+who, func(t *testing.T) {
				r := f.mustDo(t, who, "GET", base+"/"+f.users["owner"], nil, want.status)
				var fields map[string]json.RawMessage
				r.json(t, &fields)
				var p profilesapi.PublicProfile
				r.json(t, &p)
				if p.UserID != f.users["owner"] || p.DisplayName != "Ольга" || p.Visibility != vis ||
					p.Restricted != want.restricted || p.Relationship != want.relationship {
					t.Fatalf("%s", r.body)
				}
				for _, m := range bodyMetrics {
					if _, shown := fields[m]; shown != want.metrics {
						t.Errorf("%s shown=%v, want %v: %s", m, shown, want.metrics, r.body)
					}
				}
				for _, pf := range publicFields {
					if _, shown := fields[pf]; shown == want.restricted {
						t.Errorf("%s shown=%v to a restricted=%v viewer", pf, shown, want.restricted)
					}
				}
				if !want.restricted && (*p.FollowersCount != 1 || *p.FollowingCount != 1 || len(p.Achievements) != 1) {
					t.Errorf("counts or achievements missing: %s", r.body)
				}
				if cc := r.header.Get("Cache-Control"); !strings.Contains(cc, "private") {
					t.Errorf("Cache-Control %q on a per-viewer page", cc)
				}
				for _, list := range []string{"followers", "following"} {
					lr := f.do(t, who, "GET", base+"/"+f.users["owner"]+"/"+list, nil)
					if want.lists && lr.status != 200 || !want.lists && lr.status != 403 {
						t.Fatalf("%s: %d %s", list, lr.status, lr.body)
					}
					if !want.lists {
						if !strings.Contains(string(lr.body), "profile_restricted") {
							t.Fatalf("%s: %s", list, lr.body)
						}
						continue
					}
					var page profilesapi.UserPage
					lr.json(t, &page)
					if len(page.Items) != 1 || page.Items[0].UserID != f.users["follower"] || page.Items[0].DisplayName != "Фёдор" || page.NextCursor != nil {
						t.Fatalf("%s: %s", list, lr.body)
					}
				}
			})
		}
	}
	t.Run("unknown and malformed users", func(t *testing.T) {
		for _, id := range []string{"0190b3c4-0000-7000-8000-000000000999", "nobody", "..%2f..%2fetc"} {
			r := f.do(t, "stranger", "GET", base+"/"+id, nil)
			if r.status != 404 || !strings.Contains(string(r.body), "profile_not_found") {
				t.Fatalf("%s: %d %s", id, r.status, r.body)
			}
		}
	})
}

func TestFollowerListPages(t *testing.T) {
	t.Parallel()
	f := start(t)
	f.user(t, "star", "Звезда")
	var fans []string
	for i := 0; i < 7; i++ {
		who := fmt.Sprintf("fan%d", i)
		fans = append(fans, f.user(t, who, "Фанат "+who))
		f.mustDo(t, who, "POST", base+"/"+f.users["star"]+"/follow", nil, 200)
	}
	var seen []string
	path := base + "/" + f.users["star"] + "/followers?limit=3"
	for pages := 0; ; pages++ {
		var page profilesapi.UserPage
		f.mustDo(t, "anonymous", "GET", path, nil, 200).json(t, &page)
		for _, it := range page.Items {
			seen = append(seen, it.UserID)
		}
		if page.NextCursor == nil {
			if pages != 2 {
				t.Fatalf("%d pages", pages+1)
			}
			break
		}
		path = base + "/" + f.users["star"] + "/followers?limit=3&cursor=" + *page.NextCursor
	}
	slices.Reverse(fans)
	if !slices.Equal(seen, fans) {
		t.Fatalf("walked %v, want newest first %v", seen, fans)
	}
	for _, q := range []string{"limit=0", "limit=101", "cursor=forged", "colour=red"} {
		if r := f.do(t, "anonymous", "GET", base+"/"+f.users["star"]+"/followers?"+q, nil); r.status != 400 {
			t.Fatalf("%s: %d", q, r.status)
		}
	}
}
