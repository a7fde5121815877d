package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/platform/sqldb/sqldbtest"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/domain"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/store"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/store/migrations"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
)

// forEachEngine runs suite on a fresh store per engine.
func forEachEngine(t *testing.T, suite func(t *testing.T, s *store.Store)) {
	t.Helper()
	sqldbtest.ForEachEngine(t, "notify", migrations.FS, func(t *testing.T, db *sqldb.DB) { suite(t, store.New(db)) })
}

var ctx = context.Background()

// t0 is a fixed instant, whole microseconds, as the store keeps times.
var t0 = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

func id() string { return uuid.Must(uuid.NewV7()).String() }

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// notification stores a planned notification with content and returns it.
func notification(t *testing.T, s *store.Store, userID, typ string) domain.Notification {
	t.Helper()
	n := domain.Notification{Request: domain.Request{ID: id(), Type: typ, UserID: userID, Data: map[string]string{"k": "v"}, CreatedAt: t0}}
	ok, err := s.InsertNotification(ctx, n.Request)
	must(t, err)
	if !ok {
		t.Fatal("not inserted")
	}
	n.Content = domain.Rendered{Lang: "en", Title: "T " + typ, Subject: "S", Text: "body", HTML: "<p>body</p>", Link: "/x"}
	ok, err = s.SavePlan(ctx, n.ID, n.Content)
	must(t, err)
	if !ok {
		t.Fatal("not planned")
	}
	return n
}

// delivery stores a pending delivery of n on ch due at next.
func delivery(t *testing.T, s *store.Store, n domain.Notification, ch, addr string, next time.Time) domain.Delivery {
	t.Helper()
	d := domain.Delivery{ID: id(), NotificationID: n.ID, UserID: n.UserID, Type: n.Type, Channel: ch,
		Status: notifyapi.StatusPending, Address: addr, NextAttemptAt: next, CreatedAt: t0, UpdatedAt: t0}
	must(t, s.InsertDelivery(ctx, d))
	return d
}
