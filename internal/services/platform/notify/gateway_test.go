package notify_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/sporthub/sporthub/internal/app"
	"github.com/sporthub/sporthub/internal/app/apptest"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
)

// TestThroughTheGateway runs notify as the platform does, behind the
// gateway: the composition root registers every service's notification
// types, and the live inbox WebSocket passes through.
func TestThroughTheGateway(t *testing.T) {
	t.Parallel()
	p := apptest.Start(t, func(c *app.Config) {
		c.Target = []string{"platform"}
		c.Notify.Delivery.ContactWait = 100 * time.Millisecond
	})
	r := p.Do(t, "GET", notifyapi.BasePath+"/types", "", nil)
	var types notifyapi.TypeList
	r.JSON(t, &types)
	names := map[string]bool{}
	for _, it := range types.Items {
		names[it.Type] = true
	}
	if r.Status != 200 || !names["auth.verify_email"] || !names["profiles.new_follower"] {
		t.Fatalf("types through the gateway: %d %s", r.Status, r.Body)
	}
	if r := p.Do(t, "GET", notifyapi.BasePath+"/inbox", "", nil); r.Status != 401 {
		t.Fatalf("anonymous inbox: %d", r.Status)
	}

	userID := "0190a1b2-0000-7000-8000-0000000000z1"
	tok := p.Issuer.Mint(t, userID)
	r = p.Do(t, "POST", notifyapi.BasePath+"/inbox/ticket", tok, nil)
	var tk notifyapi.Ticket
	r.JSON(t, &tk)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(p.URL, "http")+notifyapi.BasePath+"/inbox/live?ticket="+tk.Ticket, nil)
	if err != nil {
		t.Fatalf("live inbox through the gateway: %v", err)
	}
	defer c.CloseNow()
	_, b, err := c.Read(ctx)
	var m notifyapi.LiveMessage
	if err != nil || json.Unmarshal(b, &m) != nil || m.Kind != "unread" {
		t.Fatalf("first message %s %v", b, err)
	}
	ev, _ := notifyapi.NewRequest("tests", notifyapi.RequestedV1{Type: "auth.password_changed", UserID: userID})
	if err := p.App.Bus().Publish(ctx, ev); err != nil {
		t.Fatal(err)
	}
	// The recipient is unknown to notify; after the wait for the contact
	// the in-app item arrives.
	for {
		_, b, err = c.Read(ctx)
		if err != nil {
			t.Fatalf("no item through the gateway: %v", err)
		}
		if json.Unmarshal(b, &m) == nil && m.Kind == "item" {
			break
		}
	}
	if m.Item.Type != "auth.password_changed" || m.Item.Title != "Пароль изменён" {
		t.Fatalf("item %+v", m.Item)
	}
}
