package notify_test

import (
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/channeltest"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
)

// TestAccountDeletion: user_deleted erases the contact, inbox and push
// subscriptions and anonymises the delivery log; later requests and
// events about the user change nothing.
func TestAccountDeletion(t *testing.T) {
	t.Parallel()
	h := start(t)
	ps := channeltest.NewPushService(t)
	h.vapidKey(ps)
	u := user{id: "0190a1b2-0000-7000-8000-0000000000x1", email: "gone@example.com", lang: "en", tz: "UTC"}
	keep := user{id: "0190a1b2-0000-7000-8000-0000000000x2", email: "stays@example.com", lang: "en", tz: "UTC"}
	h.register(u)
	h.register(keep)
	tok, keepTok := h.token(u.id), h.token(keep.id)
	staff := h.token("staff", notifyapi.PermDeliveriesRead)
	h.subscribe(ps, tok)
	first := h.request(notifyapi.RequestedV1{Type: followTpl.Type, UserID: u.id, Data: map[string]string{"who": "A"}})
	h.request(notifyapi.RequestedV1{Type: followTpl.Type, UserID: keep.id, Data: map[string]string{"who": "B"}})
	eventually(t, "delivered", func() bool {
		return h.deliveries(tok)[first.ID+"/email"].Status == "sent" && len(h.inbox(keepTok).Items) == 1
	})
	if _, ok := ps.Next(5 * time.Second); !ok {
		t.Fatal("no push before deletion")
	}

	h.publish("user.auth.user_deleted.v1", "auth", u.id, map[string]any{"user_id": u.id, "deleted_at": time.Now()})
	h.idle("notify-users", "USER")
	if p := h.inbox(tok); len(p.Items) != 0 || p.Unread != 0 {
		t.Fatalf("inbox kept: %+v", p)
	}
	if log := h.deliveries(tok); len(log) != 0 {
		t.Fatalf("the log still names the user: %+v", log)
	}
	var all notifyapi.DeliveryPage
	h.do("GET", "/admin/deliveries?limit=100", staff, nil).decode(t, &all)
	anon := 0
	for _, d := range all.Items {
		if d.NotificationID == first.ID {
			anon++
			if d.UserID != "" || d.Type != followTpl.Type || d.Status == "" {
				t.Fatalf("not anonymised: %+v", d)
			}
		}
	}
	if anon != 3 {
		t.Fatalf("%d anonymised deliveries kept, want 3", anon)
	}

	// Late events and requests about the deleted user change nothing.
	h.publish("user.settings.settings_changed.v1", "settings", u.id, map[string]any{"user_id": u.id, "language": "ru", "time_zone": "UTC"})
	h.idle("notify-users", "USER")
	late := h.request(notifyapi.RequestedV1{Type: securityTpl.Type, UserID: u.id, Data: map[string]string{"device": "x"}})
	h.idle("notify-requests", "PLATFORM")
	time.Sleep(100 * time.Millisecond)
	if len(h.inbox(tok).Items) != 0 || len(h.mails(u.email)) != 1 || len(h.deliveries(tok)) != 0 {
		t.Fatalf("a request after deletion was sent (%s)", late.ID)
	}
	if m, ok := ps.Next(200 * time.Millisecond); ok {
		t.Fatalf("pushed after deletion: %s", m.Payload)
	}
	if len(h.inbox(keepTok).Items) != 1 {
		t.Fatal("another user's inbox changed")
	}
}
