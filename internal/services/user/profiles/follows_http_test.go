package profiles_test

import (
	"testing"

	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
)

const (
	followed       = profilesapi.EventFollowed
	followReq      = profilesapi.EventFollowRequested
	followAccepted = profilesapi.EventFollowAccepted
	unfollowed     = profilesapi.EventUnfollowed
	awarded        = profilesapi.EventAchievementAwarded
	notifyNew      = profilesapi.NotifyNewFollower
	notifyReq      = profilesapi.NotifyFollowRequested
	notifyAward    = profilesapi.NotifyAchievementAwarded
)

func status(want string) func(t *testing.T, r response) {
	return func(t *testing.T, r response) {
		var out profilesapi.FollowResult
		r.json(t, &out)
		if out.Status != want {
			t.Fatalf("status %q, want %q", out.Status, want)
		}
	}
}

func TestFollows(t *testing.T) {
	t.Parallel()
	f := start(t)
	owner := f.user(t, "owner", "Ольга")
	fan := f.user(t, "follower", "Фёдор")
	f.user(t, "stranger", "Семён")
	f.user(t, "pest", "Пётр")
	requests := func(want ...string) func(t *testing.T, r response) {
		return func(t *testing.T, r response) {
			var list profilesapi.FollowRequests
			f.mustDo(t, "owner", "GET", base+"/me/follow-requests", nil, 200).json(t, &list)
			if len(list.Items) != len(want) {
				t.Fatalf("requests %+v, want %v", list.Items, want)
			}
			for i, who := range want {
				if it := list.Items[i]; it.FollowerID != f.users[who] || it.RequestedAt.IsZero() || it.DisplayName == "" {
					t.Fatalf("request %d: %+v, want %s", i, it, who)
				}
			}
		}
	}
	run(t, f, []scenario{
		{name: "a public profile is followed at once", who: "follower", method: "POST", path: base + "/{owner}/follow",
			status: 200, events: []string{followed, notifyNew, awarded, notifyAward}, check: status("following")},
		{name: "following again changes nothing", who: "follower", method: "POST", path: base + "/{owner}/follow",
			status: 200, check: status("following")},
		{name: "nobody follows themselves", who: "owner", method: "POST", path: base + "/{owner}/follow", status: 400, code: "cannot_follow_self"},
		{name: "an unknown user", who: "owner", method: "POST", path: base + "/0190b3c4-0000-7000-8000-000000000999/follow",
			status: 404, code: "profile_not_found"},
		{name: "a malformed user id", who: "owner", method: "POST", path: base + "/not-a-user/follow", status: 404, code: "profile_not_found"},
		{name: "anonymous cannot follow", who: "anonymous", method: "POST", path: base + "/{owner}/follow", status: 401, code: "unauthenticated"},
		{name: "the owner goes followers-only", who: "owner", method: "PATCH", path: base + "/me",
			body: map[string]any{"visibility": "followers"}, status: 200, events: []string{profileUpdated, privacyChanged}},
		{name: "now following is a request", who: "stranger", method: "POST", path: base + "/{owner}/follow",
			status: 200, events: []string{followReq, notifyReq}, check: status("requested")},
		{name: "asking twice is one request", who: "stranger", method: "POST", path: base + "/{owner}/follow",
			status: 200, check: status("requested")},
		{name: "a second request", who: "pest", method: "POST", path: base + "/{owner}/follow",
			status: 200, events: []string{followReq, notifyReq}, check: requests("pest", "stranger")},
		{name: "the requester cannot accept its own request", who: "stranger", method: "POST",
			path: base + "/me/follow-requests/{stranger}/accept", status: 404, code: "follow_request_not_found"},
		{name: "a follower cannot accept requests to the owner", who: "follower", method: "POST",
			path: base + "/me/follow-requests/{stranger}/accept", status: 404, code: "follow_request_not_found"},
		{name: "nor decline them", who: "follower", method: "POST",
			path: base + "/me/follow-requests/{stranger}/decline", status: 404, code: "follow_request_not_found",
			check: requests("pest", "stranger")},
		{name: "the owner accepts", who: "owner", method: "POST", path: base + "/me/follow-requests/{stranger}/accept",
			status: 204, events: []string{followAccepted, followed}, check: requests("pest")},
		{name: "accepting twice", who: "owner", method: "POST", path: base + "/me/follow-requests/{stranger}/accept",
			status: 404, code: "follow_request_not_found"},
		{name: "the owner declines", who: "owner", method: "POST", path: base + "/me/follow-requests/{pest}/decline",
			status: 204, check: requests()},
		{name: "declining an active follow is not a thing", who: "owner", method: "POST",
			path: base + "/me/follow-requests/{follower}/decline", status: 404, code: "follow_request_not_found"},
		{name: "asking again after a decline", who: "pest", method: "POST", path: base + "/{owner}/follow",
			status: 200, events: []string{followReq, notifyReq}, check: status("requested")},
		{name: "withdrawing the request publishes nothing", who: "pest", method: "DELETE", path: base + "/{owner}/follow",
			status: 204, check: requests()},
		{name: "the stranger unfollows", who: "stranger", method: "DELETE", path: base + "/{owner}/follow",
			status: 204, events: []string{unfollowed}},
		{name: "unfollowing twice is fine", who: "stranger", method: "DELETE", path: base + "/{owner}/follow", status: 204},
		{name: "anonymous cannot see requests", who: "anonymous", method: "GET", path: base + "/me/follow-requests",
			status: 401, code: "unauthenticated"},
		{name: "a request before going public", who: "pest", method: "POST", path: base + "/{owner}/follow",
			status: 200, events: []string{followReq, notifyReq}},
		{name: "going public accepts every request", who: "owner", method: "PUT", path: base + "/me/privacy",
			body: map[string]any{"visibility": "public"}, status: 200,
			events: []string{privacyChanged, profileUpdated, followAccepted, followed}, check: requests()},
	})

	me := f.me(t, "owner")
	if me.FollowersCount != 2 || me.FollowingCount != 0 {
		t.Fatalf("counts %d/%d", me.FollowersCount, me.FollowingCount)
	}
	if got := f.me(t, "follower"); got.FollowingCount != 1 {
		t.Fatalf("the follower follows %d", got.FollowingCount)
	}
	// The owner earned first_follower exactly once, with the first follower.
	if len(me.Achievements) != 1 || me.Achievements[0].Code != "first_follower" {
		t.Fatalf("achievements %+v", me.Achievements)
	}
	// Follow events name both sides and travel under the followee's id.
	first := f.events(t, followed)[0]
	var fv profilesapi.FollowV1
	if err := first.Decode(&fv); err != nil || fv.FollowerID != fan || fv.FolloweeID != owner || first.Subject != owner || fv.At.IsZero() {
		t.Fatalf("followed event %+v %v (subject %s)", fv, err, first.Subject)
	}
	n := f.notifications(t, notifyNew)[0]
	data, _ := n["data"].(map[string]any)
	if n["user_id"] != owner || data["follower_id"] != fan || data["follower_name"] != "Фёдор" {
		t.Fatalf("new follower notification %+v", n)
	}
	r := f.notifications(t, notifyReq)[0]
	if r["user_id"] != owner || r["data"].(map[string]any)["follower_name"] != "Семён" {
		t.Fatalf("request notification %+v", r)
	}
}
