package tracker_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/google/uuid"

	"github.com/sporthub/sporthub/internal/app"
	"github.com/sporthub/sporthub/internal/app/apptest"
	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
)

// TestThroughThePlatform runs the whole process: the gateway mounts the
// tracker's routes (tokens required except on the live views and shared
// state), passes the live WebSockets through, and notify accepts the
// tracker's notification types.
func TestThroughThePlatform(t *testing.T) {
	t.Parallel()
	p := apptest.Start(t, func(c *app.Config) { c.Catalog.Demo = false })
	uid := uuid.Must(uuid.NewV7()).String()
	token := p.Issuer.Mint(t, uid)

	if r := p.Do(t, "POST", base+"/sessions", "", map[string]string{"sport": "running"}); r.Status != 401 {
		t.Fatalf("anonymous start: %d", r.Status)
	}
	var s trackerapi.Session
	r := p.Do(t, "POST", base+"/sessions", token, map[string]string{"sport": "running"})
	if r.Status != 201 {
		t.Fatalf("start: %d %s", r.Status, r.Body)
	}
	r.JSON(t, &s)
	var share trackerapi.Share
	p.Do(t, "POST", base+"/sessions/"+s.ID+"/shares", token, map[string]int{"expires_in_s": 120}).JSON(t, &share)
	if r := p.Do(t, "GET", base+"/shared/"+share.Token, "", nil); r.Status != 200 {
		t.Fatalf("shared view through the gateway: %d %s", r.Status, r.Body)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(p.URL, "http")+base+"/shared/"+share.Token+"/live", nil)
	if err != nil {
		t.Fatalf("live view through the gateway: %v", err)
	}
	defer c.CloseNow()
	if m := next(t, c); m.Type != trackerapi.LiveState || m.Session.ID != s.ID {
		t.Fatalf("first message %+v", m)
	}
	if r := p.Do(t, "POST", base+"/sessions/"+s.ID+"/discard", token, nil); r.Status != 200 {
		t.Fatalf("discard: %d", r.Status)
	}
	if m := next(t, c); m.Type != trackerapi.LiveEnded {
		t.Fatalf("end %+v", m)
	}

	var types struct {
		Items []struct {
			Type     string `json:"type"`
			Critical bool   `json:"critical"`
		} `json:"items"`
	}
	if err := json.Unmarshal(p.Do(t, "GET", "/api/v1/platform/notify/types", "", nil).Body, &types); err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, ty := range types.Items {
		if (ty.Type == trackerapi.NotifySOS || ty.Type == trackerapi.NotifyStopped) && ty.Critical {
			found++
		}
	}
	if found != 2 {
		t.Fatalf("notify knows %d of the tracker's notification types", found)
	}
}
