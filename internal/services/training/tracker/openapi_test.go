package tracker_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/sporthub/sporthub/api/apitest"
)

// TestResponsesMatchOpenAPI calls every JSON route of the tracker and
// checks each answer, success and error, against the document the web
// app's client is generated from.
func TestResponsesMatchOpenAPI(t *testing.T) {
	t.Parallel()
	doc := apitest.Load(t)
	f := start(t)
	f.user("ann")
	cat := f.user("cat")
	f.follow(t, "cat", "ann")
	f.zone(t, "ann", homeLat, homeLon, zoneRadius)
	actID, err := f.svc.StoreActivity(context.Background(), f.users["ann"], recorded(time.Now().Add(-time.Hour), 300), "import")
	if err != nil {
		t.Fatal(err)
	}
	f.mustDo(t, "ann", "PUT", base+"/me/safety", map[string]any{"enabled": true, "contacts": []string{cat}}, 200)
	s := f.startSession(t, "ann")
	f.ingest(t, "ann", s.ID, track(time.Now().Add(-time.Minute), 20))
	var share struct{ ID, Token string }
	f.mustDo(t, "ann", "POST", base+"/sessions/"+s.ID+"/shares", map[string]int{"expires_in_s": 300}, 201).json(t, &share)

	calls := []struct {
		who, method, pattern, path string
		body                       any
	}{
		{"ann", "GET", "/sessions/current", "/sessions/current", nil},
		{"ann", "GET", "/sessions/{id}", "/sessions/" + s.ID, nil},
		{"cat", "GET", "/sessions/{id}", "/sessions/" + s.ID, nil},
		{"ann", "POST", "/sessions/{id}/watch-tickets", "/sessions/" + s.ID + "/watch-tickets", nil},
		{"ann", "GET", "/sessions/{id}/shares", "/sessions/" + s.ID + "/shares", nil},
		{"", "GET", "/shared/{token}", "/shared/" + share.Token, nil},
		{"", "GET", "/shared/{token}", "/shared/" + strings.Repeat("x", 43), nil},
		{"ann", "POST", "/sessions/{id}/pause", "/sessions/" + s.ID + "/pause", nil},
		{"ann", "POST", "/sessions/{id}/resume", "/sessions/" + s.ID + "/resume", nil},
		{"ann", "POST", "/sessions/{id}/sos", "/sessions/" + s.ID + "/sos", nil},
		{"ann", "POST", "/sessions", "/sessions", map[string]string{"sport": "running"}},
		{"ann", "POST", "/sessions", "/sessions", map[string]string{"sport": "chess"}},
		{"ann", "POST", "/sessions/{id}/finish", "/sessions/" + s.ID + "/finish", nil},
		{"ann", "GET", "/me/safety", "/me/safety", nil},
		{"ann", "PUT", "/me/safety", "/me/safety", map[string]any{"stop_alert_after_s": 5}},
		{"ann", "GET", "/activities", "/activities", nil},
		{"cat", "GET", "/activities", "/activities?user_id=" + f.users["ann"], nil},
		{"ann", "GET", "/activities/{id}", "/activities/" + actID, nil},
		{"cat", "GET", "/activities/{id}", "/activities/" + actID, nil},
		{"", "GET", "/activities/{id}", "/activities/" + actID, nil},
		{"ann", "GET", "/activities/{id}/streams", "/activities/" + actID + "/streams", nil},
		{"cat", "GET", "/activities/{id}/streams", "/activities/" + actID + "/streams", nil},
		{"ann", "PATCH", "/activities/{id}", "/activities/" + actID, map[string]any{"description": "x", "gear_id": nil}},
		{"ann", "POST", "/activities/{id}/recompute", "/activities/" + actID + "/recompute", nil},
		{"ann", "GET", "/glance", "/glance?tz=Europe/Moscow", nil},
		{"ann", "GET", "/activities/{id}/route", "/activities/" + actID + "/route", nil},
		{"cat", "DELETE", "/activities/{id}", "/activities/" + actID, nil},
	}
	for _, c := range calls {
		r := f.do(t, c.who, c.method, base+c.path, c.body)
		if err := doc.CheckResponse(c.method, base+c.pattern, r.status, r.header.Get("Content-Type"), r.body); err != nil {
			t.Errorf("%s %s (%d): %v\n%s", c.method, c.path, r.status, err, r.body)
		}
	}

	// Live messages.
	live := map[string]any{"$ref": "#/components/schemas/TrackerLiveMessage"}
	s2 := f.startSession(t, "ann")
	c := f.watch(t, "ann", s2.ID)
	f.ingest(t, "ann", s2.ID, track(time.Now(), 3))
	f.mustDo(t, "ann", "POST", base+"/sessions/"+s2.ID+"/discard", nil, 200)
	for range 3 {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		_, b, err := c.Read(ctx)
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatal(err)
		}
		if errs := doc.Validate(live, v, "message"); len(errs) > 0 {
			t.Errorf("live message %s: %v", b, errs)
		}
	}
}
