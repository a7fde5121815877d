package notify_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/bus/bustest"
	"github.com/sporthub/sporthub/internal/services/platform/notify"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/channeltest"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
)

// TestDuplicateRequestSendsOnce delivers the same request event twice (as
// JetStream may after a crash): one inbox item, one email, one delivery
// per channel.
func TestDuplicateRequestSendsOnce(t *testing.T) {
	t.Parallel()
	h := start(t)
	u := user{id: "0190a1b2-0000-7000-8000-0000000000d1", email: "dup@example.com", lang: "en", tz: "UTC"}
	h.register(u)
	ev, err := notifyapi.NewRequest("tests", notifyapi.RequestedV1{Type: followTpl.Type, UserID: u.id, Data: map[string]string{"who": "X"}})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := json.Marshal(ev)
	// Published without a message id, so JetStream stores both copies.
	for range 2 {
		if _, err := h.bus.JetStream().Publish(context.Background(), h.bus.Subject(ev.Type), body); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(bustest.Events(t, h.bus, notifyapi.EventRequested)); n != 2 {
		t.Fatalf("the stream holds %d copies", n)
	}
	h.idle("notify-requests", "PLATFORM")
	tok := h.token(u.id)
	eventually(t, "email", func() bool { return len(h.mails(u.email)) > 0 })
	time.Sleep(200 * time.Millisecond) // a second email would be written by now
	if items := h.inbox(tok).Items; len(items) != 1 {
		t.Fatalf("%d inbox items", len(items))
	}
	if n := len(h.mails(u.email)); n != 1 {
		t.Fatalf("%d emails", n)
	}
	log := h.deliveries(tok)
	if len(log) != 3 || log[ev.ID+"/in_app"].Status != "sent" || log[ev.ID+"/push"].Error == nil ||
		*log[ev.ID+"/push"].Error != "no_push_subscription" {
		t.Fatalf("log %+v", log)
	}
}

// TestPreferencesQuietHoursAndCritical: a channel the user turned off is
// skipped; during quiet hours push waits while in-app and email go at
// once; critical requests ignore both.
func TestPreferencesQuietHoursAndCritical(t *testing.T) {
	t.Parallel()
	h := start(t)
	ps := channeltest.NewPushService(t)
	h.vapidKey(ps)
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	now := time.Now().In(tokyo)
	u := user{id: "0190a1b2-0000-7000-8000-0000000000q1", email: "quiet@example.com", lang: "en", tz: "Asia/Tokyo",
		overrides: map[string]map[string]bool{followTpl.Type: {"email": false, "in_app": true}},
		quiet:     map[string]any{"enabled": true, "start": now.Add(-time.Hour).Format("15:04"), "end": now.Add(time.Hour).Format("15:04")}}
	h.register(u)
	tok := h.token(u.id)
	h.subscribe(ps, tok)

	quiet := h.request(notifyapi.RequestedV1{Type: followTpl.Type, UserID: u.id, Data: map[string]string{"who": "Q"}})
	eventually(t, "in-app item during quiet hours", func() bool { return len(h.inbox(tok).Items) == 1 })
	log := h.deliveries(tok)
	if d := log[quiet.ID+"/email"]; d.Status != "skipped" || d.Error == nil || *d.Error != "disabled_by_user" {
		t.Fatalf("email the user turned off: %+v", d)
	}
	if d := log[quiet.ID+"/push"]; d.Status != "pending" || d.Attempts != 0 {
		t.Fatalf("push during quiet hours: %+v", d)
	}
	if m, ok := ps.Next(300 * time.Millisecond); ok {
		t.Fatalf("a push went out during quiet hours: %s", m.Payload)
	}

	// Critical: by the template, and by the request's flag.
	alert := h.request(notifyapi.RequestedV1{Type: securityTpl.Type, UserID: u.id, Data: map[string]string{"device": "Firefox"}})
	flagged := h.request(notifyapi.RequestedV1{Type: followTpl.Type, UserID: u.id, Critical: true, Data: map[string]string{"who": "C"}})
	var titles []string
	for range 2 {
		m, ok := ps.Next(10 * time.Second)
		if !ok {
			t.Fatalf("critical push held back; refused %v", ps.Refused())
		}
		var p notifyapi.PushPayload
		_ = json.Unmarshal(m.Payload, &p)
		titles = append(titles, p.Title)
		if m.Urgency != "high" {
			t.Fatalf("critical push urgency %q", m.Urgency)
		}
	}
	eventually(t, "critical emails", func() bool { return len(h.mails(u.email)) == 2 })
	eventually(t, "critical requests sent on every channel", func() bool {
		log = h.deliveries(tok)
		for _, id := range []string{alert.ID, flagged.ID} {
			for _, ch := range []string{"in_app", "push", "email"} {
				if d := log[id+"/"+ch]; d.Status != "sent" {
					return false
				}
			}
		}
		return true
	})
	if d := log[quiet.ID+"/push"]; d.Status != "pending" {
		t.Fatalf("the quiet push went out with the critical ones: %+v", d)
	}
	if strings.Join(titles, ",") != "New sign-in,New follower" && strings.Join(titles, ",") != "New follower,New sign-in" {
		t.Fatalf("pushed %v", titles)
	}
}

// TestSMSRetries: a gateway failing twice then accepting sends after three
// attempts with back-off; a 4xx fails at once; 5xx beyond the attempts
// fails.
func TestSMSRetries(t *testing.T) {
	t.Parallel()
	gw := channeltest.NewSMSGateway(t, "sms-token")
	h := start(t, withConfig(func(c *notify.Config) {
		c.SMS.URL, c.SMS.Token, c.SMS.From = gw.URL, "sms-token", "SportHub"
		c.Delivery.MaxAttempts = 4
	}))
	phone := "+79991234567"
	u := user{id: "0190a1b2-0000-7000-8000-0000000000s1", email: "sms@example.com", lang: "ru", tz: "Europe/Moscow", phone: &phone}
	h.register(u)
	tok, staff := h.token(u.id), h.token("staff", notifyapi.PermDeliveriesRead)

	gw.Answer(503, 503)
	start := time.Now()
	ok := h.request(notifyapi.RequestedV1{Type: smsTpl.Type, UserID: u.id, Data: map[string]string{"at": "07:00"}})
	msg := <-gw.Arrived()
	if msg.To != phone || msg.From != "SportHub" || msg.Text != "Тренировка\nТренировка в 07:00" {
		t.Fatalf("sms %+v", msg)
	}
	// Back-off: 50ms then 100ms before the third attempt.
	if took := time.Since(start); took < 150*time.Millisecond {
		t.Fatalf("three attempts within %v: no back-off", took)
	}
	eventually(t, "sent after 3 attempts", func() bool {
		d := h.deliveries(tok)[ok.ID+"/sms"]
		return d.Status == "sent" && d.Attempts == 3
	})
	if gw.Requests() != 3 {
		t.Fatalf("gateway saw %d requests", gw.Requests())
	}

	gw.Answer(400)
	refused := h.request(notifyapi.RequestedV1{Type: smsTpl.Type, UserID: u.id, Data: map[string]string{"at": "08:00"}})
	eventually(t, "failed without retry", func() bool { return h.deliveries(tok)[refused.ID+"/sms"].Status == "failed" })
	time.Sleep(200 * time.Millisecond)
	d := h.deliveries(tok)[refused.ID+"/sms"]
	if d.Attempts != 1 || gw.Requests() != 4 || d.Error == nil || *d.Error != "delivery_failed" {
		t.Fatalf("after a 400: %+v, %d requests", d, gw.Requests())
	}
	// Staff see the gateway's answer; the user only that it failed.
	r := h.do("GET", "/admin/deliveries?user_id="+u.id, staff, nil)
	var page notifyapi.DeliveryPage
	r.decode(t, &page)
	found := false
	for _, it := range page.Items {
		if it.NotificationID == refused.ID && it.Error != nil && strings.Contains(*it.Error, "sms gateway answered 400") {
			found = true
		}
	}
	if r.Status != 200 || !found {
		t.Fatalf("staff view %d %+v", r.Status, page)
	}

	gw.Answer(503, 503, 503, 503)
	gaveUp := h.request(notifyapi.RequestedV1{Type: smsTpl.Type, UserID: u.id, Data: map[string]string{"at": "09:00"}})
	eventually(t, "failed after max attempts", func() bool {
		d := h.deliveries(tok)[gaveUp.ID+"/sms"]
		return d.Status == "failed" && d.Attempts == 4
	})
	evs := bustest.WaitEvents(t, h.bus, notifyapi.EventDelivered, 3)
	statuses := map[string]bool{}
	for _, ev := range evs {
		var p notifyapi.DeliveredV1
		_ = ev.Decode(&p)
		statuses[p.Status] = true
	}
	if !statuses["sent"] || !statuses["failed"] {
		t.Fatalf("delivered events %v", statuses)
	}
}

// TestRequestWaitsForTheRecipient: a request that arrives before the
// user's registration event is planned once it comes, in the user's
// language; for a user notify never hears of, it goes out with defaults
// when the wait is over.
func TestRequestWaitsForTheRecipient(t *testing.T) {
	t.Parallel()
	h := start(t, withConfig(func(c *notify.Config) { c.Delivery.ContactWait = 4 * time.Second }))
	early := "0190a1b2-0000-7000-8000-0000000000w1"
	h.request(notifyapi.RequestedV1{Type: followTpl.Type, UserID: early, Data: map[string]string{"who": "W"}})
	h.idle("notify-requests", "PLATFORM")
	tok := h.token(early)
	if items := h.inbox(tok).Items; len(items) != 0 {
		t.Fatalf("planned before the contact was known: %+v", items)
	}
	h.register(user{id: early, email: "early@example.com", lang: "en", tz: "UTC"})
	eventually(t, "planned in English", func() bool {
		items := h.inbox(tok).Items
		return len(items) == 1 && items[0].Title == "New follower"
	})

	stranger := "0190a1b2-0000-7000-8000-0000000000w2"
	h.request(notifyapi.RequestedV1{Type: securityTpl.Type, UserID: stranger, Email: "stranger@example.com",
		Data: map[string]string{"device": "curl"}})
	eventually(t, "sent with defaults", func() bool { return len(h.mails("stranger@example.com")) == 1 })
	if m := h.mails("stranger@example.com")[0]; !strings.Contains(m, "Вход с curl") {
		t.Fatalf("default language is Russian:\n%s", m)
	}
}

// TestUnknownTypeIsDeadLettered: a request of a type nobody registered is
// not retried but dead-lettered, and nothing is sent.
func TestUnknownTypeIsDeadLettered(t *testing.T) {
	t.Parallel()
	h := start(t)
	ev := h.request(notifyapi.RequestedV1{Type: "nobody.knows", UserID: "u-x"})
	var msgs int
	eventually(t, "dead-lettered", func() bool {
		ms := bustest.Messages(t, h.bus, h.bus.DLQStream(), h.bus.DLQSubject(notifyapi.EventRequested))
		msgs = len(ms)
		return msgs == 1 && ms[0].Headers().Get(bus.HeaderDLQPermanent) == "true" &&
			ms[0].Headers().Get(bus.HeaderDLQEventID) == ev.ID && strings.Contains(ms[0].Headers().Get(bus.HeaderDLQError), "unknown_notification_type")
	})
	if d := h.deliveries(h.token("u-x")); len(d) != 0 {
		t.Fatalf("deliveries for an unknown type: %+v", d)
	}
}
