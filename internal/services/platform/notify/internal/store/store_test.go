package store_test

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/domain"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/store"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
)

func TestContacts(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *store.Store) {
		if c, err := s.Contact(ctx, "u1"); err != nil || c != nil {
			t.Fatalf("unknown contact: %+v %v", c, err)
		}
		// Settings may arrive before the registration: the registration keeps their language.
		must(t, s.SetSettings(ctx, domain.Contact{UserID: "u1", Language: "en", TimeZone: "Europe/Moscow", Units: "imperial",
			Phone: "+79990001122", Overrides: map[string]map[string]bool{"a.b": {"email": false}},
			QuietHours: domain.QuietHours{Enabled: true, Start: "22:00", End: "07:00"}}, t0))
		must(t, s.SetRegistered(ctx, "u1", "u1@example.com", "ru", t0))
		must(t, s.SetName(ctx, "u1", "Ann", t0))
		c, err := s.Contact(ctx, "u1")
		must(t, err)
		if c.Email != "u1@example.com" || c.EmailVerified || c.Language != "en" || c.TimeZone != "Europe/Moscow" ||
			c.Units != "imperial" || c.Phone != "+79990001122" || c.Name != "Ann" || !c.QuietHours.Enabled ||
			c.QuietHours.Start != "22:00" || c.QuietHours.End != "07:00" || c.Overrides["a.b"]["email"] != false || len(c.Overrides["a.b"]) != 1 {
			t.Fatalf("contact: %+v", c)
		}
		must(t, s.SetVerified(ctx, "u1", "new@example.com", t0))
		must(t, s.SetRegistered(ctx, "u2", "u2@example.com", "ru", t0))
		c, _ = s.Contact(ctx, "u1")
		c2, _ := s.Contact(ctx, "u2")
		if !c.EmailVerified || c.Email != "new@example.com" || c2.Language != "ru" || c2.EmailVerified {
			t.Fatalf("after verify: %+v / %+v", c, c2)
		}
	})
}

func TestNotificationsArePlannedOnce(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *store.Store) {
		r := domain.Request{ID: id(), Type: "a.b", UserID: "u1", Email: "x@example.com", Data: map[string]string{"link": "L"},
			Critical: true, CreatedAt: t0}
		ok, err := s.InsertNotification(ctx, r)
		must(t, err)
		again, err := s.InsertNotification(ctx, r)
		must(t, err)
		if !ok || again {
			t.Fatalf("insert %v, again %v: the id de-duplicates", ok, again)
		}
		// Waiting for the contact: not listed until it is known or the wait is over.
		waiting, err := s.Unplanned(ctx, t0.Add(-time.Second), 10)
		must(t, err)
		if len(waiting) != 0 {
			t.Fatalf("listed before its contact: %+v", waiting)
		}
		if waiting, _ = s.Unplanned(ctx, t0, 10); len(waiting) != 1 {
			t.Fatalf("not listed once the wait is over: %+v", waiting)
		}
		must(t, s.SetRegistered(ctx, "u1", "u1@example.com", "ru", t0))
		waiting, err = s.Unplanned(ctx, t0.Add(-time.Hour), 10)
		must(t, err)
		if len(waiting) != 1 || waiting[0].Data["link"] != "L" || !waiting[0].Critical || waiting[0].Email != "x@example.com" ||
			!waiting[0].CreatedAt.Equal(t0) {
			t.Fatalf("waiting: %+v", waiting)
		}
		c := domain.Rendered{Lang: "ru", Title: "T", Subject: "S", Text: "X", HTML: "<p>X</p>", Link: "/l"}
		ok, err = s.SavePlan(ctx, r.ID, c)
		must(t, err)
		again, err = s.SavePlan(ctx, r.ID, domain.Rendered{Title: "other"})
		must(t, err)
		if !ok || again {
			t.Fatalf("plan %v, again %v: planned once", ok, again)
		}
		n, err := s.Notification(ctx, r.ID)
		must(t, err)
		if !n.Planned || n.Content != c {
			t.Fatalf("stored %+v", n)
		}
		if waiting, _ = s.Unplanned(ctx, t0.Add(time.Hour), 10); len(waiting) != 0 {
			t.Fatalf("planned but still listed: %+v", waiting)
		}
	})
}

func TestClaimAndFinish(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *store.Store) {
		n := notification(t, s, "u1", "a.b")
		due := delivery(t, s, n, notifyapi.ChannelEmail, "u1@example.com", t0)
		later := delivery(t, s, domainCopy(t, s, n), notifyapi.ChannelEmail, "u1@example.com", t0.Add(time.Hour))
		delivery(t, s, n, notifyapi.ChannelSMS, "+7999", t0)

		jobs, err := s.Claim(ctx, notifyapi.ChannelEmail, t0, time.Minute, 10)
		must(t, err)
		if len(jobs) != 1 || jobs[0].Delivery.ID != due.ID || jobs[0].Delivery.Attempts != 1 ||
			jobs[0].Delivery.Address != "u1@example.com" || jobs[0].Content != n.Content {
			t.Fatalf("claimed %+v", jobs)
		}
		// Leased: nobody else takes it until the lease runs out.
		if again, _ := s.Claim(ctx, notifyapi.ChannelEmail, t0.Add(30*time.Second), time.Minute, 10); len(again) != 0 {
			t.Fatalf("claimed twice: %+v", again)
		}
		must(t, s.Retry(ctx, due.ID, "451 try later", t0.Add(2*time.Minute), t0))
		d, _ := s.Delivery(ctx, due.ID)
		if d.Status != notifyapi.StatusPending || d.Reason != "451 try later" || !d.NextAttemptAt.Equal(t0.Add(2*time.Minute)) {
			t.Fatalf("after retry %+v", d)
		}
		jobs, _ = s.Claim(ctx, notifyapi.ChannelEmail, t0.Add(2*time.Minute), time.Minute, 10)
		if len(jobs) != 1 || jobs[0].Delivery.Attempts != 2 {
			t.Fatalf("second attempt %+v", jobs)
		}
		ok, err := s.Finish(ctx, due.ID, notifyapi.StatusSent, "", t0.Add(3*time.Minute))
		must(t, err)
		again, _ := s.Finish(ctx, due.ID, notifyapi.StatusFailed, "x", t0)
		if !ok || again {
			t.Fatalf("finish %v again %v", ok, again)
		}
		d, _ = s.Delivery(ctx, due.ID)
		if d.Status != notifyapi.StatusSent || !d.UpdatedAt.Equal(t0.Add(3*time.Minute)) {
			t.Fatalf("finished %+v", d)
		}
		if jobs, _ = s.Claim(ctx, notifyapi.ChannelEmail, t0.Add(2*time.Hour), time.Minute, 10); len(jobs) != 1 || jobs[0].Delivery.ID != later.ID {
			t.Fatalf("later one %+v", jobs)
		}
		if n, _ := s.PendingCount(ctx, notifyapi.ChannelSMS); n != 1 {
			t.Fatalf("pending sms %d", n)
		}
	})
}

// domainCopy stores another notification like n.
func domainCopy(t *testing.T, s *store.Store, n domain.Notification) domain.Notification {
	return notification(t, s, n.UserID, n.Type)
}

func TestClaimIsExclusive(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *store.Store) {
		n := notification(t, s, "u1", "a.b")
		for range 5 {
			delivery(t, s, domainCopy(t, s, n), notifyapi.ChannelPush, "", t0)
		}
		var mu sync.Mutex
		seen := map[string]int{}
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				for {
					jobs, err := s.Claim(ctx, notifyapi.ChannelPush, t0, time.Hour, 2)
					if err != nil {
						t.Error(err)
						return
					}
					if len(jobs) == 0 {
						return
					}
					mu.Lock()
					for _, j := range jobs {
						seen[j.Delivery.ID]++
					}
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		if len(seen) != 5 {
			t.Fatalf("claimed %d of 5", len(seen))
		}
		for id, k := range seen {
			if k != 1 {
				t.Fatalf("%s claimed %d times", id, k)
			}
		}
	})
}

func TestDeliveryLog(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *store.Store) {
		var mine []string
		for i := range 5 {
			n := notification(t, s, "u1", "a.b")
			mine = append(mine, delivery(t, s, n, notifyapi.ChannelEmail, "a@b.c", t0).ID)
			if i%2 == 0 {
				delivery(t, s, notification(t, s, "u2", "a.b"), notifyapi.ChannelEmail, "x@y.z", t0)
			}
		}
		page, err := s.Deliveries(ctx, "u1", "", 3)
		must(t, err)
		if len(page) != 3 || page[0].ID != mine[4] || page[2].ID != mine[2] {
			t.Fatalf("first page %+v", page)
		}
		rest, _ := s.Deliveries(ctx, "u1", page[2].ID, 3)
		if len(rest) != 2 || rest[1].ID != mine[0] {
			t.Fatalf("second page %+v", rest)
		}
		for _, d := range append(page, rest...) {
			if d.UserID != "u1" {
				t.Fatalf("someone else's delivery: %+v", d)
			}
		}
		if all, _ := s.Deliveries(ctx, "", "", 100); len(all) != 8 {
			t.Fatalf("all users: %d", len(all))
		}
	})
}

func TestInbox(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *store.Store) {
		var ids []string
		for i := range 4 {
			n := notification(t, s, "u1", "a.b")
			it := domain.InboxItem{ID: id(), UserID: "u1", NotificationID: n.ID, Type: n.Type, Title: "T", Body: "B",
				Link: map[bool]string{true: "/l"}[i == 0], CreatedAt: t0.Add(time.Duration(i) * time.Second)}
			must(t, s.InsertItem(ctx, it))
			ids = append(ids, it.ID)
		}
		other := notification(t, s, "u2", "a.b")
		theirs := domain.InboxItem{ID: id(), UserID: "u2", NotificationID: other.ID, Type: "a.b", Title: "T", Body: "B", CreatedAt: t0}
		must(t, s.InsertItem(ctx, theirs))
		if err := s.InsertItem(ctx, domain.InboxItem{ID: id(), UserID: "u2", NotificationID: other.ID, Type: "a.b", CreatedAt: t0}); err == nil {
			t.Fatal("two items for one notification")
		}

		if err := s.MarkRead(ctx, "u1", theirs.ID, t0); !errors.Is(err, domain.ErrItemNotFound) {
			t.Fatalf("read another user's item: %v", err)
		}
		if err := s.MarkRead(ctx, "u1", "missing", t0); !errors.Is(err, domain.ErrItemNotFound) {
			t.Fatalf("read a missing item: %v", err)
		}
		must(t, s.MarkRead(ctx, "u1", ids[1], t0.Add(time.Minute)))
		must(t, s.MarkRead(ctx, "u1", ids[1], t0.Add(time.Hour))) // again: no change
		if n, _ := s.Unread(ctx, "u1"); n != 3 {
			t.Fatalf("unread %d", n)
		}
		all, _ := s.Items(ctx, "u1", false, "", 10)
		if len(all) != 4 || all[0].ID != ids[3] || all[2].ReadAt == nil || !all[2].ReadAt.Equal(t0.Add(time.Minute)) ||
			all[3].Link != "/l" || all[0].ReadAt != nil {
			t.Fatalf("items %+v", all)
		}
		unread, _ := s.Items(ctx, "u1", true, "", 2)
		more, _ := s.Items(ctx, "u1", true, unread[1].ID, 2)
		if len(unread) != 2 || len(more) != 1 || more[0].ID != ids[0] {
			t.Fatalf("unread pages %+v / %+v", unread, more)
		}
		n, err := s.MarkAllRead(ctx, "u1", t0)
		must(t, err)
		if n != 3 {
			t.Fatalf("marked %d", n)
		}
		if k, _ := s.Unread(ctx, "u1"); k != 0 {
			t.Fatalf("unread after all %d", k)
		}
		if k, _ := s.Unread(ctx, "u2"); k != 1 {
			t.Fatalf("the other user's unread changed: %d", k)
		}
	})
}
