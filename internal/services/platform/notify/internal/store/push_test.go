package store_test

import (
	"errors"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/domain"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/store"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
)

func TestPushSubscriptions(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *store.Store) {
		sub := func(user, ep string, at time.Duration) domain.PushSubscription {
			return domain.PushSubscription{Endpoint: "https://push.example/" + ep, UserID: user, P256dh: "k-" + ep, Auth: "a-" + ep, CreatedAt: t0.Add(at)}
		}
		for i, ep := range []string{"a", "b", "c"} {
			must(t, s.SaveSubscription(ctx, sub("u1", ep, time.Duration(i)*time.Second), 3))
		}
		must(t, s.SaveSubscription(ctx, sub("u1", "d", 10*time.Second), 3)) // the oldest (a) goes
		list, _ := s.Subscriptions(ctx, "u1")
		if len(list) != 3 || list[0].Endpoint != "https://push.example/d" || list[2].Endpoint != "https://push.example/b" || list[0].P256dh != "k-d" {
			t.Fatalf("trimmed list %+v", list)
		}
		// Another account signs in on browser b: the endpoint moves.
		must(t, s.SaveSubscription(ctx, sub("u2", "b", 20*time.Second), 3))
		if l1, _ := s.Subscriptions(ctx, "u1"); len(l1) != 2 {
			t.Fatalf("u1 keeps %d", len(l1))
		}
		// u1 cannot delete u2's endpoint.
		must(t, s.DeleteSubscription(ctx, "u1", "https://push.example/b"))
		if l2, _ := s.Subscriptions(ctx, "u2"); len(l2) != 1 {
			t.Fatalf("u2's subscription was deleted by u1")
		}
		must(t, s.DeleteSubscription(ctx, "u2", "https://push.example/b"))
		must(t, s.DropEndpoint(ctx, "https://push.example/c"))
		if l1, _ := s.Subscriptions(ctx, "u1"); len(l1) != 1 || l1[0].Endpoint != "https://push.example/d" {
			t.Fatalf("after deletes %+v", l1)
		}
	})
}

func TestTicketsAndKeys(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *store.Store) {
		must(t, s.InsertTicket(ctx, "h1", "u1", t0.Add(time.Minute)))
		must(t, s.InsertTicket(ctx, "h2", "u1", t0.Add(time.Minute)))
		if u, err := s.UseTicket(ctx, "h1", t0); err != nil || u != "u1" {
			t.Fatalf("use: %q %v", u, err)
		}
		if _, err := s.UseTicket(ctx, "h1", t0); !errors.Is(err, domain.ErrInvalidTicket) {
			t.Fatalf("reuse: %v", err)
		}
		if _, err := s.UseTicket(ctx, "h2", t0.Add(time.Minute)); !errors.Is(err, domain.ErrInvalidTicket) {
			t.Fatalf("expired: %v", err)
		}
		must(t, s.InsertTicket(ctx, "h3", "u1", t0))
		if n, err := s.PruneTickets(ctx, t0); err != nil || n != 1 {
			t.Fatalf("prune %d %v", n, err)
		}

		if v, err := s.Key(ctx, "vapid"); err != nil || v != "" {
			t.Fatalf("unset key %q %v", v, err)
		}
		v1, err := s.KeyOrSet(ctx, "vapid", "first")
		must(t, err)
		v2, err := s.KeyOrSet(ctx, "vapid", "second")
		must(t, err)
		if v1 != "first" || v2 != "first" {
			t.Fatalf("first stored wins: %q %q", v1, v2)
		}
	})
}

func TestEraseUser(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s *store.Store) {
		must(t, s.SetRegistered(ctx, "u1", "u1@example.com", "ru", t0))
		must(t, s.SetRegistered(ctx, "u2", "u2@example.com", "ru", t0))
		n := notification(t, s, "u1", "a.b")
		sent := delivery(t, s, n, notifyapi.ChannelEmail, "u1@example.com", t0)
		_, _ = s.Finish(ctx, sent.ID, notifyapi.StatusFailed, "550 <u1@example.com> unknown", t0)
		skipped := domain.Delivery{ID: id(), NotificationID: n.ID, UserID: "u1", Type: n.Type, Channel: notifyapi.ChannelSMS,
			Status: notifyapi.StatusSkipped, Reason: domain.ReasonNoPhone, NextAttemptAt: t0, CreatedAt: t0, UpdatedAt: t0}
		must(t, s.InsertDelivery(ctx, skipped))
		pending := delivery(t, s, n, notifyapi.ChannelPush, "", t0.Add(time.Hour))
		must(t, s.InsertItem(ctx, domain.InboxItem{ID: id(), UserID: "u1", NotificationID: n.ID, Type: n.Type, Title: "T", Body: "B", CreatedAt: t0}))
		must(t, s.SaveSubscription(ctx, domain.PushSubscription{Endpoint: "https://p/1", UserID: "u1", P256dh: "k", Auth: "a", CreatedAt: t0}, 5))
		must(t, s.InsertTicket(ctx, "h", "u1", t0.Add(time.Hour)))
		other := notification(t, s, "u2", "a.b")
		delivery(t, s, other, notifyapi.ChannelEmail, "u2@example.com", t0)

		must(t, s.EraseUser(ctx, "u1", t0))
		must(t, s.EraseUser(ctx, "u1", t0)) // a redelivery changes nothing

		if c, _ := s.Contact(ctx, "u1"); c != nil {
			t.Fatalf("contact kept: %+v", c)
		}
		if del, _ := s.Deleted(ctx, "u1"); !del {
			t.Fatal("deletion not recorded")
		}
		if items, _ := s.Items(ctx, "u1", false, "", 10); len(items) != 0 {
			t.Fatalf("inbox kept: %+v", items)
		}
		if subs, _ := s.Subscriptions(ctx, "u1"); len(subs) != 0 {
			t.Fatalf("subscriptions kept: %+v", subs)
		}
		if _, err := s.UseTicket(ctx, "h", t0); err == nil {
			t.Fatal("ticket kept")
		}
		if mine, _ := s.Deliveries(ctx, "u1", "", 10); len(mine) != 0 {
			t.Fatalf("log still names the user: %+v", mine)
		}
		for _, want := range []struct {
			id, status, reason string
		}{{sent.ID, "failed", ""}, {skipped.ID, "skipped", domain.ReasonNoPhone}, {pending.ID, "skipped", domain.ReasonAccountDeleted}} {
			d, err := s.Delivery(ctx, want.id)
			must(t, err)
			if d.UserID != "" || d.Address != "" || d.Status != want.status || d.Reason != want.reason || d.Type != "a.b" || d.Channel == "" {
				t.Fatalf("anonymised delivery %+v, want %+v", d, want)
			}
		}
		nn, _ := s.Notification(ctx, n.ID)
		if nn.UserID != "" || len(nn.Data) != 0 || nn.Content != (domain.Rendered{}) || nn.Type != "a.b" {
			t.Fatalf("notification keeps personal data: %+v", nn)
		}
		if c, _ := s.Contact(ctx, "u2"); c == nil {
			t.Fatal("another user's contact was erased")
		}
		if theirs, _ := s.Deliveries(ctx, "u2", "", 10); len(theirs) != 1 || theirs[0].Address != "u2@example.com" {
			t.Fatalf("another user's log changed: %+v", theirs)
		}
	})
}
