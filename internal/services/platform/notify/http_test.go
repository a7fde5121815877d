package notify_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/sporthub/sporthub/internal/platform/web"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/channeltest"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
)

// scenario is one request to the API and what must come back.
type scenario struct {
	name   string
	method string
	path   string
	token  string
	body   any
	status int
	code   string // problem code for errors
	check  func(t *testing.T, r response)
}

func run(t *testing.T, h *harness, cases []scenario) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := h.do(tc.method, tc.path, tc.token, tc.body)
			if r.Status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.Status, tc.status, r.Body)
			}
			if tc.status >= 400 {
				var p web.Problem
				r.decode(t, &p)
				if r.Header.Get("Content-Type") != web.ProblemContentType || p.Code != tc.code || p.RequestID == "" {
					t.Fatalf("problem %s, want code %s", r.Body, tc.code)
				}
			}
			if tc.check != nil {
				tc.check(t, r)
			}
		})
	}
}

func TestHTTPAPI(t *testing.T) {
	t.Parallel()
	h := start(t)
	ps := channeltest.NewPushService(t)
	h.vapidKey(ps)
	sub := ps.Subscribe()
	validSub := notifyapi.PushSubscription{Endpoint: sub.Endpoint, Keys: notifyapi.PushKeys{P256dh: sub.P256dh, Auth: sub.Auth}}
	me := h.token("0190a1b2-0000-7000-8000-0000000000h1")
	run(t, h, []scenario{
		{name: "types are public", method: "GET", path: "/types", status: 200, check: func(t *testing.T, r response) {
			var l notifyapi.TypeList
			r.decode(t, &l)
			if len(l.Items) != 3 || l.Items[0].Type != securityTpl.Type || !l.Items[0].Critical || l.Items[0].Category != "security" ||
				l.Items[1].Title["ru"] != "Новый подписчик" || l.Items[1].Title["en"] != "New follower" ||
				strings.Join(l.Items[1].Channels, ",") != "in_app,push,email" {
				t.Fatalf("types %+v", l.Items)
			}
		}},
		{name: "vapid key is public", method: "GET", path: "/push/vapid-public-key", status: 200, check: func(t *testing.T, r response) {
			var k notifyapi.VAPIDKey
			r.decode(t, &k)
			if len(k.Key) != 87 {
				t.Fatalf("key %q", k.Key)
			}
		}},
		{name: "inbox needs a caller", method: "GET", path: "/inbox", status: 401, code: "unauthenticated"},
		{name: "ticket needs a caller", method: "POST", path: "/inbox/ticket", status: 401, code: "unauthenticated"},
		{name: "subscribe needs a caller", method: "POST", path: "/push/subscriptions", body: validSub, status: 401, code: "unauthenticated"},
		{name: "empty inbox", method: "GET", path: "/inbox?unread=true&limit=5", token: me, status: 200, check: func(t *testing.T, r response) {
			var p notifyapi.InboxPage
			r.decode(t, &p)
			if p.Items == nil || len(p.Items) != 0 || p.NextCursor != nil || p.Unread != 0 {
				t.Fatalf("page %s", r.Body)
			}
		}},
		{name: "bad inbox parameters", method: "GET", path: "/inbox?limit=0&unread=maybe", token: me, status: 400, code: "validation_failed"},
		{name: "unknown parameter", method: "GET", path: "/inbox?colour=red", token: me, status: 400, code: "validation_failed"},
		{name: "forged cursor", method: "GET", path: "/deliveries?cursor=" + url.QueryEscape("not-ours"), token: me, status: 400, code: "validation_failed"},
		{name: "unread count", method: "GET", path: "/inbox/unread-count", token: me, status: 200, check: func(t *testing.T, r response) {
			if strings.TrimSpace(string(r.Body)) != `{"unread":0}` {
				t.Fatalf("%s", r.Body)
			}
		}},
		{name: "read a missing item", method: "POST", path: "/inbox/nope/read", token: me, status: 404, code: "item_not_found"},
		{name: "read all when empty", method: "POST", path: "/inbox/read-all", token: me, status: 204},
		{name: "subscribe", method: "POST", path: "/push/subscriptions", token: me, body: validSub, status: 204},
		{name: "subscribe again", method: "POST", path: "/push/subscriptions", token: me, body: validSub, status: 204},
		{name: "subscription on an unknown push service", method: "POST", path: "/push/subscriptions", token: me, status: 400, code: "validation_failed",
			body: notifyapi.PushSubscription{Endpoint: "https://internal.example/hook", Keys: validSub.Keys}},
		{name: "subscription with bad keys", method: "POST", path: "/push/subscriptions", token: me, status: 400, code: "validation_failed",
			body: notifyapi.PushSubscription{Endpoint: sub.Endpoint, Keys: notifyapi.PushKeys{P256dh: "abc", Auth: sub.Auth}},
			check: func(t *testing.T, r response) {
				if !strings.Contains(string(r.Body), `"field":"keys.p256dh"`) {
					t.Fatalf("%s", r.Body)
				}
			}},
		{name: "subscription with an unknown field", method: "POST", path: "/push/subscriptions", token: me, status: 400, code: "validation_failed",
			body: `{"endpoint":"x","keys":{"p256dh":"a","auth":"b"},"extra":1}`, check: func(t *testing.T, r response) {
				if !strings.Contains(string(r.Body), `"field":"extra"`) {
					t.Fatalf("%s", r.Body)
				}
			}},
		{name: "subscription as the browser's toJSON", method: "POST", path: "/push/subscriptions", token: me, status: 204,
			body: map[string]any{"endpoint": sub.Endpoint, "expirationTime": nil, "keys": map[string]string{"p256dh": sub.P256dh, "auth": sub.Auth}}},
		{name: "subscription that is not JSON", method: "POST", path: "/push/subscriptions", token: me, body: `{"endpoint":`, status: 400, code: "malformed_json"},
		{name: "unsubscribe", method: "DELETE", path: "/push/subscriptions", token: me, body: notifyapi.PushUnsubscribe{Endpoint: sub.Endpoint}, status: 204},
		{name: "unsubscribe without an endpoint", method: "DELETE", path: "/push/subscriptions", token: me, body: notifyapi.PushUnsubscribe{}, status: 400, code: "validation_failed"},
		{name: "admin log needs the permission", method: "GET", path: "/admin/deliveries", token: me, status: 403, code: "permission_denied"},
		{name: "admin log", method: "GET", path: "/admin/deliveries?user_id=x", token: h.token("staff", notifyapi.PermDeliveriesRead), status: 200},
		{name: "wrong method", method: "PUT", path: "/inbox/read-all", token: me, status: 405, code: "method_not_allowed"},
	})
}

// TestNoOneReadsAnotherUsersNotifications: inbox items and delivery logs
// are the owner's alone (IDOR).
func TestNoOneReadsAnotherUsersNotifications(t *testing.T) {
	t.Parallel()
	h := start(t)
	ann := user{id: "0190a1b2-0000-7000-8000-0000000000i1", email: "ann@example.com", lang: "en", tz: "UTC"}
	bob := user{id: "0190a1b2-0000-7000-8000-0000000000i2", email: "bob@example.com", lang: "en", tz: "UTC"}
	h.register(ann)
	h.register(bob)
	annTok, bobTok := h.token(ann.id), h.token(bob.id)
	for range 3 {
		h.request(notifyapi.RequestedV1{Type: followTpl.Type, UserID: ann.id, Data: map[string]string{"who": "x"}})
	}
	h.request(notifyapi.RequestedV1{Type: followTpl.Type, UserID: bob.id, Data: map[string]string{"who": "y"}})
	eventually(t, "items", func() bool { return len(h.inbox(annTok).Items) == 3 && len(h.inbox(bobTok).Items) == 1 })
	annItem := h.inbox(annTok).Items[0].ID

	run(t, h, []scenario{
		{name: "bob cannot mark ann's item read", method: "POST", path: "/inbox/" + annItem + "/read", token: bobTok, status: 404, code: "item_not_found"},
		{name: "bob's read-all leaves ann's items", method: "POST", path: "/inbox/read-all", token: bobTok, status: 204},
		{name: "bob's log is his own", method: "GET", path: "/deliveries", token: bobTok, status: 200, check: func(t *testing.T, r response) {
			var p notifyapi.DeliveryPage
			r.decode(t, &p)
			for _, d := range p.Items {
				if d.UserID != bob.id {
					t.Fatalf("bob sees %+v", d)
				}
			}
			if len(p.Items) != 3 {
				t.Fatalf("bob's log has %d entries", len(p.Items))
			}
		}},
		{name: "ann's log pages", method: "GET", path: "/deliveries?limit=5", token: annTok, status: 200, check: func(t *testing.T, r response) {
			var p notifyapi.DeliveryPage
			r.decode(t, &p)
			if len(p.Items) != 5 || p.NextCursor == nil {
				t.Fatalf("first page %+v", p)
			}
			var rest notifyapi.DeliveryPage
			h.do("GET", "/deliveries?limit=5&cursor="+url.QueryEscape(*p.NextCursor), annTok, nil).decode(t, &rest)
			if len(rest.Items) != 4 || rest.NextCursor != nil || rest.Items[0].ID >= p.Items[4].ID {
				t.Fatalf("second page %+v", rest)
			}
		}},
	})
	if p := h.inbox(annTok); p.Unread != 3 || len(p.Items) != 3 {
		t.Fatalf("bob changed ann's inbox: %+v", p)
	}
	if r := h.do("POST", "/inbox/"+annItem+"/read", annTok, nil); r.Status != 204 {
		t.Fatalf("ann reads her item: %d", r.Status)
	}
	page := h.inbox(annTok)
	var unread notifyapi.InboxPage
	h.do("GET", "/inbox?unread=true", annTok, nil).decode(t, &unread)
	if page.Unread != 2 || len(unread.Items) != 2 || page.Items[0].ReadAt == nil {
		t.Fatalf("after reading: %+v / %+v", page, unread)
	}
}

// TestGoneSubscriptionIsDeleted: a push service answering 410 removes the
// subscription; the next notification skips push.
func TestGoneSubscriptionIsDeleted(t *testing.T) {
	t.Parallel()
	h := start(t)
	ps := channeltest.NewPushService(t)
	h.vapidKey(ps)
	u := user{id: "0190a1b2-0000-7000-8000-0000000000g1", email: "g@example.com", lang: "en", tz: "UTC"}
	h.register(u)
	tok := h.token(u.id)
	s := h.subscribe(ps, tok)
	ps.Respond(s.Endpoint, 410)
	first := h.request(notifyapi.RequestedV1{Type: followTpl.Type, UserID: u.id})
	eventually(t, "push skipped as gone", func() bool {
		d := h.deliveries(tok)[first.ID+"/push"]
		return d.Status == "skipped" && d.Error != nil && *d.Error == "no_push_subscription" && d.Attempts == 1
	})
	second := h.request(notifyapi.RequestedV1{Type: followTpl.Type, UserID: u.id})
	eventually(t, "planned without push", func() bool {
		d := h.deliveries(tok)[second.ID+"/push"]
		return d.Status == "skipped" && d.Attempts == 0
	})
}
