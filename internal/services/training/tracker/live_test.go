package tracker_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
	"github.com/sporthub/sporthub/internal/services/user/profiles/profilesapi"
	"github.com/sporthub/sporthub/internal/sport/route"
)

const zoneRadius = 200

// inZone reports whether a point lies in the test athletes' home zone.
func inZone(p trackerapi.Point) bool {
	if p.Lat == nil || p.Lon == nil {
		return false
	}
	return route.Distance(route.Point{Lat: *p.Lat, Lon: *p.Lon}, route.Point{Lat: homeLat, Lon: homeLon}) <= zoneRadius
}

// TestLiveView watches a session as its owner, a follower and a share
// link: each sees what privacy allows, positions in the owner's zone only
// the owner, and access ends when it is taken away.
func TestLiveView(t *testing.T) {
	t.Parallel()
	f := start(t)
	f.user("ann")
	f.user("cat") // follows Ann
	f.user("dan") // a stranger
	f.zone(t, "ann", homeLat, homeLon, zoneRadius)
	f.follow(t, "cat", "ann")
	s := f.startSession(t, "ann")

	owner := f.watch(t, "ann", s.ID)
	if m := next(t, owner); m.Type != trackerapi.LiveState || m.Session == nil || m.Session.ID != s.ID || len(m.Session.Hidden) != 0 {
		t.Fatalf("owner's first message %+v", m)
	}
	fan := f.watch(t, "cat", s.ID)
	if m := next(t, fan); m.Type != trackerapi.LiveState || m.Session == nil ||
		len(m.Session.Hidden) != 1 || m.Session.Hidden[0] != trackerapi.PartHeartRate {
		t.Fatalf("follower's first message %+v", m)
	}
	f.wantProblem(t, "dan", "POST", base+"/sessions/"+s.ID+"/watch-tickets", nil, 404, "session_not_found")
	f.wantProblem(t, "dan", "GET", base+"/sessions/"+s.ID, nil, 404, "session_not_found")
	var seen trackerapi.Session
	f.mustDo(t, "cat", "GET", base+"/sessions/"+s.ID, nil, 200).json(t, &seen)

	var share trackerapi.Share
	f.mustDo(t, "ann", "POST", base+"/sessions/"+s.ID+"/shares", map[string]int{"expires_in_s": 600}, 201).json(t, &share)
	if share.Token == "" || share.URL != "/live/"+share.Token || share.Purpose != "link" {
		t.Fatalf("share %+v", share)
	}
	f.wantProblem(t, "ann", "POST", base+"/sessions/"+s.ID+"/shares", map[string]int{"expires_in_s": 59}, 400, "validation_failed")
	f.wantProblem(t, "cat", "POST", base+"/sessions/"+s.ID+"/shares", map[string]int{"expires_in_s": 600}, 404, "session_not_found")
	f.wantProblem(t, "cat", "GET", base+"/sessions/"+s.ID+"/shares", nil, 404, "session_not_found")
	linked, _, err := f.dial(t, base+"/shared/"+share.Token+"/live")
	if err != nil {
		t.Fatal(err)
	}
	if m := next(t, linked); m.Type != trackerapi.LiveState || m.Session == nil {
		t.Fatalf("share link's first message %+v", m)
	}

	// Samples from home eastwards: the first ~65 s are inside the zone.
	f.ingest(t, "ann", s.ID, track(time.Now().Add(-2*time.Minute), 120))
	om, fm, lm := next(t, owner), next(t, fan), next(t, linked)
	for _, m := range []trackerapi.LiveMessage{om, fm, lm} {
		if m.Type != trackerapi.LivePoints || len(m.Points) != 120 || m.Totals == nil || m.AutoPaused == nil {
			t.Fatalf("points message %+v", m)
		}
	}
	inside := 0
	for i := range om.Points {
		if inZone(om.Points[i]) {
			inside++
		}
		if om.Points[i].HR == nil || om.Points[i].Lat == nil {
			t.Fatalf("owner's point %d lacks data", i)
		}
		for who, m := range map[string]trackerapi.LiveMessage{"follower": fm, "share link": lm} {
			p := m.Points[i]
			if inZone(om.Points[i]) && p.Lat != nil {
				t.Fatalf("%s sees point %d inside the zone", who, i)
			}
			if !inZone(om.Points[i]) && p.Lat == nil {
				t.Fatalf("%s lost point %d outside the zone", who, i)
			}
			if p.HR != nil {
				t.Fatalf("%s sees private heart rate", who)
			}
			if p.Speed == nil {
				t.Fatalf("%s lost public pace", who)
			}
		}
	}
	if inside < 50 || inside > 80 {
		t.Fatalf("%d points inside the zone: the test track is wrong", inside)
	}
	var shared trackerapi.Session
	r := f.mustDo(t, "", "GET", base+"/shared/"+share.Token, nil, 200)
	r.json(t, &shared)
	if shared.LastPoint == nil || shared.LastPoint.Lat == nil || shared.LastPoint.HR != nil || shared.DeviceID != nil ||
		r.header.Get("Cache-Control") != "no-store" {
		t.Fatalf("shared view %+v", shared)
	}

	// The watch ticket was spent; a ticket works for its own session only.
	if _, resp, err := f.dial(t, base+"/sessions/"+s.ID+"/live?ticket=spent"); err == nil || resp.StatusCode != 401 {
		t.Fatalf("bad ticket: %v %v", err, resp)
	}
	if r := f.do(t, "", "GET", base+"/sessions/"+s.ID+"/live?ticket=x", nil); r.status != 400 ||
		r.problem(t).Code != "websocket_required" {
		t.Fatalf("plain GET of the live view: %d %s", r.status, r.body)
	}
	hdr := http.Header{"Origin": {"https://evil.example"}}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, resp, err := websocket.Dial(ctx, "ws"+f.url[4:]+base+"/shared/"+share.Token+"/live",
		&websocket.DialOptions{HTTPHeader: hdr}); err == nil || resp.StatusCode != 403 {
		t.Fatalf("foreign origin: %v %v", err, resp)
	}

	// Unfollowing ends the follower's view at once; deleting the link ends
	// the link's.
	f.unfollow(t, "cat", "ann")
	if st := closed(t, fan); st != websocket.StatusPolicyViolation {
		t.Fatalf("former follower's view closed with %v", st)
	}
	f.wantProblem(t, "cat", "POST", base+"/sessions/"+s.ID+"/watch-tickets", nil, 404, "session_not_found")
	f.mustDo(t, "ann", "DELETE", base+"/sessions/"+s.ID+"/shares/"+share.ID, nil, 204)
	if st := closed(t, linked); st != websocket.StatusPolicyViolation {
		t.Fatalf("revoked link's view closed with %v", st)
	}
	f.wantProblem(t, "", "GET", base+"/shared/"+share.Token, nil, 404, "share_not_found")

	// An expired link answers 410.
	var old trackerapi.Share
	f.mustDo(t, "ann", "POST", base+"/sessions/"+s.ID+"/shares", nil, 201).json(t, &old)
	f.exec(t, `UPDATE shares SET expires_at = $1 WHERE id = $2`, time.Now().Add(-time.Second).UnixMilli(), old.ID)
	f.wantProblem(t, "", "GET", base+"/shared/"+old.Token, nil, 410, "share_expired")
	if _, resp, err := f.dial(t, base+"/shared/"+old.Token+"/live"); err == nil || resp.StatusCode != 410 {
		t.Fatalf("expired link's live view: %v %v", err, resp)
	}
	var list trackerapi.ShareList
	f.mustDo(t, "ann", "GET", base+"/sessions/"+s.ID+"/shares", nil, 200).json(t, &list)
	if len(list.Items) != 1 || !list.Items[0].Expired || list.Items[0].Token != "" {
		t.Fatalf("shares %+v", list)
	}

	// A pause reaches the owner as a state message; the finish ends it.
	f.mustDo(t, "ann", "POST", base+"/sessions/"+s.ID+"/pause", nil, 200)
	if m := next(t, owner); m.Type != trackerapi.LiveState || m.Session.Status != trackerapi.StatusPaused {
		t.Fatalf("pause message %+v", m)
	}
	f.mustDo(t, "ann", "POST", base+"/sessions/"+s.ID+"/finish", nil, 200)
	if m := next(t, owner); m.Type != trackerapi.LiveEnded || m.Status != trackerapi.StatusFinished {
		t.Fatalf("end message %+v", m)
	}
	if st := closed(t, owner); st != websocket.StatusNormalClosure {
		t.Fatalf("owner's view closed with %v", st)
	}
	// Watching an ended session: its state, then the end.
	late := f.watch(t, "ann", s.ID)
	if m := next(t, late); m.Type != trackerapi.LiveState || m.Session.Status != trackerapi.StatusFinished {
		t.Fatalf("late first message %+v", m)
	}
	if m := next(t, late); m.Type != trackerapi.LiveEnded {
		t.Fatalf("late second message %+v", m)
	}
}

// TestLiveViewPrivateMap: with maps private, followers cannot watch and
// those watching are dropped when the owner makes the map private.
func TestLiveViewPrivateMap(t *testing.T) {
	t.Parallel()
	f := start(t)
	f.user("ann")
	f.user("cat")
	f.follow(t, "cat", "ann")
	s := f.startSession(t, "ann")
	fan := f.watch(t, "cat", s.ID)
	next(t, fan)
	f.privacy(t, "ann", profilesapi.VisibilityPrivate, profilesapi.VisibilityFollowers, profilesapi.VisibilityPublic)
	if st := closed(t, fan); st != websocket.StatusPolicyViolation {
		t.Fatalf("follower's view closed with %v", st)
	}
	f.wantProblem(t, "cat", "POST", base+"/sessions/"+s.ID+"/watch-tickets", nil, 404, "session_not_found")
	// The owner's share link still works: the owner made it for the purpose.
	var share trackerapi.Share
	f.mustDo(t, "ann", "POST", base+"/sessions/"+s.ID+"/shares", nil, 201).json(t, &share)
	f.mustDo(t, "", "GET", base+"/shared/"+share.Token, nil, 200)
}
