package live_test

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/bus/bustest"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/domain"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/live"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
)

func runHub(t *testing.T, base string, maxPerUser int) (*live.Hub, context.CancelFunc) {
	t.Helper()
	b := bustest.Embedded(t)
	h, err := live.New(b.Conn(), b.Subject(base), maxPerUser, slog.New(slog.DiscardHandler), nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan struct{})
	done := make(chan error, 1)
	go func() { done <- h.Run(ctx, func() { close(ready) }) }()
	<-ready
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
	return h, cancel
}

func unread(n int) notifyapi.LiveMessage { return notifyapi.LiveMessage{Kind: "unread", Unread: &n} }

func TestHubDeliversToTheUsersConnections(t *testing.T) {
	h, _ := runHub(t, "live.notify", 3)
	a, _ := h.Register("u1")
	b, _ := h.Register("u1")
	other, _ := h.Register("u2")
	h.Publish("u1", unread(7))
	for _, c := range []*live.Conn{a, b} {
		select {
		case m := <-c.Messages():
			var got notifyapi.LiveMessage
			if err := json.Unmarshal(m, &got); err != nil || got.Kind != "unread" || *got.Unread != 7 {
				t.Fatalf("got %s", m)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("message not delivered")
		}
	}
	select {
	case m := <-other.Messages():
		t.Fatalf("another user got %s", m)
	case <-time.After(100 * time.Millisecond):
	}
	// Ids that are not one subject token are never published.
	h.Publish("u1.*", unread(1))
	h.Publish("", unread(1))
	if _, err := h.Register("u1"); err != nil {
		t.Fatal(err)
	}
	if _, err := h.Register("u1"); !errors.Is(err, domain.ErrTooManyStreams) {
		t.Fatalf("fourth connection: %v", err)
	}
	h.Unregister(a)
	if _, err := h.Register("u1"); err != nil {
		t.Fatalf("after unregistering: %v", err)
	}
}

func TestHubDropsSlowConnections(t *testing.T) {
	h, _ := runHub(t, "live.notify", 5)
	slow, _ := h.Register("u1")
	fast, _ := h.Register("u1")
	receive := func(n int) {
		t.Helper()
		for i := range n {
			select {
			case <-fast.Messages():
			case <-time.After(5 * time.Second):
				t.Fatalf("the reading connection got %d of %d", i, n)
			}
		}
	}
	// A full buffer's worth reaches both; the next message finds the slow
	// connection's buffer full and drops it, the reading one gets it.
	for i := range live.Buffer {
		h.Publish("u1", unread(i))
	}
	receive(live.Buffer)
	h.Publish("u1", unread(-1))
	receive(1)
	select {
	case <-slow.Gone():
		if slow.Reason() != "too slow" {
			t.Fatalf("reason %q", slow.Reason())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the connection that never read was not dropped")
	}
	select {
	case <-fast.Gone():
		t.Fatal("the reading connection was dropped")
	default:
	}
}

func TestHubStopEndsConnections(t *testing.T) {
	h, stop := runHub(t, "live.notify", 5)
	c, _ := h.Register("u1")
	stop()
	select {
	case <-c.Gone():
	case <-time.After(5 * time.Second):
		t.Fatal("connection not ended when the hub stopped")
	}
	<-h.Done()
	if _, err := h.Register("u1"); !errors.Is(err, domain.ErrStopping) {
		t.Fatalf("register after stop: %v", err)
	}
}
