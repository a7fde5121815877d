package notify_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/platform/notify"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
)

// ticket asks for a live ticket.
func (h *harness) ticket(token string) string {
	h.t.Helper()
	r := h.do("POST", "/inbox/ticket", token, nil)
	var tk notifyapi.Ticket
	r.decode(h.t, &tk)
	if r.Status != 200 || tk.Ticket == "" || tk.ExpiresIn != int(h.cfg.Live.TicketTTL.Seconds()) {
		h.t.Fatalf("ticket: %d %s", r.Status, r.Body)
	}
	return tk.Ticket
}

// dial opens the live inbox with a ticket, from origin ("" for none).
func (h *harness) dial(ticket, origin string) (*websocket.Conn, *http.Response, error) {
	hdr := http.Header{}
	if origin != "" {
		hdr.Set("Origin", origin)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return websocket.Dial(ctx, "ws"+strings.TrimPrefix(h.url, "http")+notifyapi.BasePath+"/inbox/live?ticket="+ticket,
		&websocket.DialOptions{HTTPHeader: hdr})
}

// next reads one live message.
func next(t *testing.T, c *websocket.Conn) notifyapi.LiveMessage {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, b, err := c.Read(ctx)
	if err != nil {
		t.Fatalf("read live message: %v", err)
	}
	var m notifyapi.LiveMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("live message %s: %v", b, err)
	}
	return m
}

func TestLiveInbox(t *testing.T) {
	t.Parallel()
	h := start(t)
	u := user{id: "0190a1b2-0000-7000-8000-0000000000l1", email: "live@example.com", lang: "en", tz: "UTC"}
	h.register(u)
	tok := h.token(u.id)

	tk := h.ticket(tok)
	c, _, err := h.dial(tk, h.url) // same origin, as the web app
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseNow()
	if m := next(t, c); m.Kind != "unread" || m.Unread == nil || *m.Unread != 0 {
		t.Fatalf("first message %+v", m)
	}

	h.request(notifyapi.RequestedV1{Type: followTpl.Type, UserID: u.id, Data: map[string]string{"who": "Live", "id": "9"}})
	m := next(t, c)
	if m.Kind != "item" || m.Item == nil || m.Item.Title != "New follower" || !strings.Contains(m.Item.Body, "Live now follows you") ||
		m.Item.Link == nil || *m.Item.Link != "/p/9" {
		t.Fatalf("item message %+v", m)
	}
	if m := next(t, c); m.Kind != "unread" || *m.Unread != 1 {
		t.Fatalf("unread after the item %+v", m)
	}
	itemID := m.Item.ID
	if r := h.do("POST", "/inbox/"+itemID+"/read", tok, nil); r.Status != 204 {
		t.Fatalf("mark read: %d %s", r.Status, r.Body)
	}
	if m := next(t, c); m.Kind != "unread" || *m.Unread != 0 {
		t.Fatalf("unread after reading %+v", m)
	}

	// The ticket was spent.
	if _, resp, err := h.dial(tk, ""); err == nil || resp == nil || resp.StatusCode != 401 {
		t.Fatalf("reused ticket: %v %v", err, resp)
	}
	// Another site may not open it, even with a valid ticket.
	if _, resp, err := h.dial(h.ticket(tok), "https://evil.example"); err == nil || resp == nil || resp.StatusCode != 403 {
		t.Fatalf("foreign origin: %v %v", err, resp)
	}
	// Without a WebSocket upgrade, or a ticket, it answers a problem.
	r := h.do("GET", "/inbox/live?ticket="+h.ticket(tok), "", nil)
	var p web.Problem
	r.decode(t, &p)
	if r.Status != 400 || p.Code != "websocket_required" {
		t.Fatalf("plain GET: %d %s", r.Status, r.Body)
	}
	if _, resp, err := h.dial("", ""); err == nil || resp.StatusCode != 401 {
		t.Fatalf("no ticket: %v %v", err, resp)
	}
}

func TestLiveTicketExpires(t *testing.T) {
	t.Parallel()
	h := start(t, withConfig(func(c *notify.Config) {
		c.Live.TicketTTL = time.Second
		c.Live.AllowedOrigins = []string{"app.sporthub.test"}
	}))
	tok := h.token("0190a1b2-0000-7000-8000-0000000000l2")
	tk := h.ticket(tok)
	time.Sleep(1100 * time.Millisecond)
	if _, resp, err := h.dial(tk, ""); err == nil || resp.StatusCode != 401 {
		t.Fatalf("expired ticket: %v %v", err, resp)
	}
	// A configured origin is allowed.
	c, _, err := h.dial(h.ticket(tok), "https://app.sporthub.test")
	if err != nil {
		t.Fatal(err)
	}
	c.CloseNow()
}

// TestLiveAcrossProcesses: two notify processes share the database and
// NATS; a user connected to one hears about changes made through the
// other.
func TestLiveAcrossProcesses(t *testing.T) {
	t.Parallel()
	a := start(t)
	b := start(t, withDB(a.db), withBus(a.bus))
	u := user{id: "0190a1b2-0000-7000-8000-0000000000l3", email: "two@example.com", lang: "en", tz: "UTC"}
	a.register(u)
	c, _, err := b.dial(b.ticket(b.token(u.id)), "")
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseNow()
	next(t, c) // unread 0
	for range 3 {
		a.request(notifyapi.RequestedV1{Type: followTpl.Type, UserID: u.id, Data: map[string]string{"who": "P"}})
	}
	items := 0
	for items < 3 {
		if m := next(t, c); m.Kind == "item" {
			items++
		}
	}
	// Marking read through process a reaches the socket on process b.
	if r := a.do("POST", "/inbox/read-all", a.token(u.id), nil); r.Status != 204 {
		t.Fatalf("read all: %d", r.Status)
	}
	for {
		if m := next(t, c); m.Kind == "unread" && *m.Unread == 0 {
			break
		}
	}
}
