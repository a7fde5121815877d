package notify_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/bus/bustest"
	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/platform/sqldb/sqldbtest"
	"github.com/sporthub/sporthub/internal/platform/testkit"
	"github.com/sporthub/sporthub/internal/services/platform/notify"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/channeltest"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
)

// subscribe registers a browser of the push service for a user over HTTP.
func (h *harness) subscribe(ps *channeltest.PushService, token string) channeltest.Subscriber {
	h.t.Helper()
	s := ps.Subscribe()
	r := h.do("POST", "/push/subscriptions", token, notifyapi.PushSubscription{Endpoint: s.Endpoint,
		Keys: notifyapi.PushKeys{P256dh: s.P256dh, Auth: s.Auth}})
	if r.Status != 204 {
		h.t.Fatalf("subscribe: %d %s", r.Status, r.Body)
	}
	return s
}

// vapidKey reads the application server key and makes ps expect it.
func (h *harness) vapidKey(ps *channeltest.PushService) string {
	h.t.Helper()
	var k notifyapi.VAPIDKey
	r := h.do("GET", "/push/vapid-public-key", "", nil)
	if r.Status != 200 {
		h.t.Fatalf("vapid key: %d %s", r.Status, r.Body)
	}
	r.decode(h.t, &k)
	ps.ExpectVAPIDKey(k.Key)
	return k.Key
}

// TestRequestsReachEveryChannel sends one request to a Russian user in
// Moscow and one to an English user in New York: each gets the in-app
// item, a web push and an email in their language, with the time in their
// zone, and notify reports every outcome.
func TestRequestsReachEveryChannel(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachEngine(t, notify.Name, nil, func(t *testing.T, db *sqldb.DB) {
		h := start(t, withDB(db))
		ps := channeltest.NewPushService(t)
		h.vapidKey(ps)
		ru := user{id: "0190a1b2-0000-7000-8000-000000000001", email: "boris@example.com", lang: "ru", tz: "Europe/Moscow"}
		en := user{id: "0190a1b2-0000-7000-8000-000000000002", email: "ann@example.com", lang: "en", tz: "America/New_York"}
		h.register(ru)
		h.register(en)
		h.publish("user.profiles.profile_updated.v1", "profiles", en.id, map[string]any{"user_id": en.id, "display_name": "Ann Lee"})
		h.idle("notify-users", "USER")
		ruTok, enTok := h.token(ru.id), h.token(en.id)
		ruSub, enSub := h.subscribe(ps, ruTok), h.subscribe(ps, enTok)

		ruReq := h.request(notifyapi.RequestedV1{Type: followTpl.Type, UserID: ru.id, Data: map[string]string{"who": "Анна", "id": "a1"}})
		enReq := h.request(notifyapi.RequestedV1{Type: followTpl.Type, UserID: en.id, Data: map[string]string{"who": "Boris <b>", "id": "b2"}})

		// In-app, in each user's language and time zone.
		eventually(t, "inbox items", func() bool { return len(h.inbox(ruTok).Items) == 1 && len(h.inbox(enTok).Items) == 1 })
		ri, ei := h.inbox(ruTok), h.inbox(enTok)
		if it := ri.Items[0]; it.Title != "Новый подписчик" || !strings.HasPrefix(it.Body, "boris@example.com, на вас подписался Анна. Время: ") ||
			!strings.Contains(it.Body, "(Europe/Moscow)") || it.Link == nil || *it.Link != "/p/a1" || it.ReadAt != nil || ri.Unread != 1 {
			t.Fatalf("ru item %+v (unread %d)", it, ri.Unread)
		}
		if it := ei.Items[0]; it.Title != "New follower" || !strings.HasPrefix(it.Body, "Ann Lee, Boris <b> now follows you. Time: ") ||
			!strings.Contains(it.Body, "(America/New_York)") {
			t.Fatalf("en item %+v", it)
		}
		// The Russian date names a Russian month.
		if !strings.ContainsAny(ri.Items[0].Body, "января февраля марта апреля мая июня июля августа сентября октября ноября декабря") {
			t.Fatalf("no Russian month in %q", ri.Items[0].Body)
		}

		// Web push to each browser, decrypted by the push service.
		got := map[string]notifyapi.PushPayload{}
		for range 2 {
			m, ok := ps.Next(10 * time.Second)
			if !ok {
				t.Fatalf("push missing; refused: %v", ps.Refused())
			}
			var p notifyapi.PushPayload
			if err := json.Unmarshal(m.Payload, &p); err != nil {
				t.Fatal(err)
			}
			got[m.Endpoint] = p
		}
		if p := got[ruSub.Endpoint]; p.Title != "Новый подписчик" || p.Link != "https://app.sporthub.test/p/a1" || !strings.Contains(p.Body, "Анна") {
			t.Fatalf("ru push %+v", p)
		}
		if p := got[enSub.Endpoint]; p.Title != "New follower" || p.Link != "https://app.sporthub.test/p/b2" {
			t.Fatalf("en push %+v", p)
		}

		// Email (into files: no SMTP configured), text and HTML.
		eventually(t, "emails", func() bool { return len(h.mails(ru.email)) == 1 && len(h.mails(en.email)) == 1 })
		enMail := h.mails(en.email)[0]
		for _, want := range []string{"Subject: Boris <b> follows you", "text/plain", "text/html",
			`<p>Boris &lt;b&gt; follows you. <a href="https://app.sporthub.test/p/b2">Open</a></p>`} {
			if !strings.Contains(enMail, want) {
				t.Fatalf("en email lacks %q:\n%s", want, enMail)
			}
		}
		if ruMail := h.mails(ru.email)[0]; !strings.Contains(ruMail, "=?UTF-8?q?") || !strings.Contains(ruMail, "на вас подписался Анна") {
			t.Fatalf("ru email:\n%s", ruMail)
		}
		if !strings.Contains(h.logs.String(), "email written to a file") {
			t.Fatal("the file's path is not logged")
		}

		// Every channel's outcome: in the log and as events.
		eventually(t, "deliveries sent", func() bool {
			for _, tc := range []struct{ tok, id string }{{ruTok, ruReq.ID}, {enTok, enReq.ID}} {
				log := h.deliveries(tc.tok)
				for _, ch := range []string{"in_app", "push", "email"} {
					if d := log[tc.id+"/"+ch]; d.Status != "sent" || d.Attempts != 1 || d.Error != nil {
						return false
					}
				}
			}
			return true
		})
		evs := bustest.WaitEvents(t, h.bus, notifyapi.EventDelivered, 6)
		sent := map[string]int{}
		for _, ev := range evs {
			var d notifyapi.DeliveredV1
			if err := ev.Decode(&d); err != nil {
				t.Fatal(err)
			}
			if ev.Subject != d.UserID || d.Type != followTpl.Type || d.Status != "sent" {
				t.Fatalf("delivered event %+v about %s", d, ev.Subject)
			}
			sent[d.UserID+"/"+d.Channel]++
		}
		if len(sent) != 6 {
			t.Fatalf("delivered events %v", sent)
		}
	})
}

// TestEmailThroughSMTP sends a verification email through a real SMTP
// server (mailpit) to the address the request names.
func TestEmailThroughSMTP(t *testing.T) {
	t.Parallel()
	addr, mp := testkit.SMTPAddr(t), channeltest.Mailpit{URL: testkit.MailpitURL(t)}
	h := start(t, withConfig(func(c *notify.Config) {
		c.SMTP.Addr, c.SMTP.TLS, c.SMTP.From = addr, "none", "SportHub <no-reply@sporthub.test>"
	}))
	to := testkit.UniqueName("verify-") + "@example.com"
	u := user{id: "0190a1b2-0000-7000-8000-0000000000m1", email: "old@example.com", lang: "en", tz: "UTC"}
	h.register(u)
	ev := h.request(notifyapi.RequestedV1{Type: securityTpl.Type, UserID: u.id, Email: to, Data: map[string]string{"device": "Safari"}})
	msg := mp.Wait(t, to, 1)[0]
	if msg.Subject != "New sign-in" || msg.From.Address != "no-reply@sporthub.test" || len(msg.To) != 1 || msg.To[0].Address != to ||
		!strings.Contains(msg.Text, "Signed in from Safari") || !strings.Contains(msg.HTML, "Signed in from Safari") ||
		!strings.HasPrefix(strings.Join(msg.Headers["Content-Type"], ""), "multipart/alternative") {
		t.Fatalf("message %+v", msg)
	}
	if len(h.mails(to)) != 0 {
		t.Fatal("written to a file although SMTP is configured")
	}
	eventually(t, "email sent", func() bool { return h.deliveries(h.token(u.id))[ev.ID+"/email"].Status == "sent" })
}
