package live_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/sporthub/sporthub/internal/platform/bus/bustest"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/domain"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/live"
)

// hubs starts two hubs on separate NATS connections to one server, as two
// processes would be.
func hubs(t *testing.T, maxViewers, queue int) (*live.Hub, *live.Hub) {
	t.Helper()
	b := bustest.Embedded(t)
	nc2, err := nats.Connect(b.Server().ClientURL(), nats.InProcessServer(b.Server()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc2.Close)
	base := b.Subject("live.track")
	h1 := live.New(b.Conn(), base, maxViewers, queue, nil)
	h2 := live.New(nc2, base, maxViewers, queue, nil)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for _, h := range []*live.Hub{h1, h2} {
		wg.Add(1)
		go func() { defer wg.Done(); _ = h.Run(ctx, func() {}) }()
	}
	t.Cleanup(func() { cancel(); wg.Wait() })
	return h1, h2
}

func recv(t *testing.T, v *live.Viewer) string {
	t.Helper()
	select {
	case m := <-v.Messages():
		return string(m)
	case <-time.After(5 * time.Second):
		t.Fatal("no message within 5s")
		return ""
	}
}

func none(t *testing.T, v *live.Viewer) {
	t.Helper()
	select {
	case m := <-v.Messages():
		t.Fatalf("unexpected message %s", m)
	case <-time.After(100 * time.Millisecond):
	}
}

const session = "0190a1b2-0000-7000-8000-00000000aaaa"

func TestAudiencesGetTheirOwnMessage(t *testing.T) {
	t.Parallel()
	h1, h2 := hubs(t, 100, 8)
	owner, err := h1.Join(session, live.Owner, "owner", "")
	if err != nil {
		t.Fatal(err)
	}
	fan, _ := h2.Join(session, live.Follower, "fan", "")
	link, _ := h2.Join(session, live.Shared, "", "share-1")
	other, _ := h2.Join("0190a1b2-0000-7000-8000-00000000bbbb", live.Owner, "x", "")
	// Published in a third place (the ingest), heard in both processes.
	h1.Publish(session, live.Update{Owner: []byte(`"o"`), Follower: []byte(`"f"`), Shared: []byte(`"s"`)})
	if recv(t, owner) != `"o"` || recv(t, fan) != `"f"` || recv(t, link) != `"s"` {
		t.Fatal("wrong message for an audience")
	}
	none(t, other)
	// An audience without a message gets nothing.
	h2.Publish(session, live.Update{Owner: []byte(`"o2"`)})
	if recv(t, owner) != `"o2"` {
		t.Fatal("owner missed an update")
	}
	none(t, fan)
	// Revocations.
	h1.Publish(session, live.Update{RevokeViewer: "fan"})
	<-fan.Gone()
	if fan.Reason() != live.ReasonRevoked {
		t.Fatalf("reason %q", fan.Reason())
	}
	h1.Publish(session, live.Update{RevokeShare: "share-1"})
	<-link.Gone()
	// The end: the message, then the connection closes.
	h1.Publish(session, live.Update{Owner: []byte(`"end"`), Ended: true})
	<-owner.Gone()
	if recv(t, owner) != `"end"` || owner.Reason() != live.ReasonEnded {
		t.Fatal("the end message is lost")
	}
	for _, v := range []*live.Viewer{owner, fan, link} {
		h := h2
		if v == owner {
			h = h1
		}
		h.Leave(v)
	}
	if h1.Rooms() != 0 || h2.Rooms() != 1 || h2.Viewers() != 1 {
		t.Fatalf("rooms %d %d, viewers %d", h1.Rooms(), h2.Rooms(), h2.Viewers())
	}
}

func TestSlowViewerIsDropped(t *testing.T) {
	t.Parallel()
	h, _ := hubs(t, 100, 4)
	slow, _ := h.Join(session, live.Follower, "slow", "")
	fast, _ := h.Join(session, live.Follower, "fast", "")
	// The fast viewer takes each update before the next is sent; the slow
	// one takes none and is dropped once its queue of 4 is full.
	for i := range 20 {
		h.Publish(session, live.Update{Follower: []byte(fmt.Sprintf("%d", i))})
		if got := recv(t, fast); got != fmt.Sprint(i) {
			t.Fatalf("fast viewer got %s, want %d", got, i)
		}
	}
	select {
	case <-slow.Gone():
	case <-time.After(5 * time.Second):
		t.Fatal("the slow viewer was not dropped")
	}
	if slow.Reason() != live.ReasonSlow {
		t.Fatalf("slow viewer: %q", slow.Reason())
	}
	select {
	case <-fast.Gone():
		t.Fatal("the fast viewer was dropped")
	default:
	}
}

func TestLimitsAndStop(t *testing.T) {
	t.Parallel()
	b := bustest.Embedded(t)
	h := live.New(b.Conn(), b.Subject("live.track"), 2, 4, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- h.Run(ctx, func() {}) }()
	a, _ := h.Join(session, live.Follower, "a", "")
	if _, err := h.Join(session, live.Follower, "b", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := h.Join(session, live.Follower, "c", ""); !errors.Is(err, domain.ErrTooManyViewers) {
		t.Fatalf("third viewer: %v", err)
	}
	if _, err := h.Join("bad.subject", live.Owner, "a", ""); err == nil {
		t.Fatal("a session id that is no subject token was accepted")
	}
	cancel()
	<-done
	<-a.Gone()
	if a.Reason() != live.ReasonStopping {
		t.Fatalf("reason %q", a.Reason())
	}
	if _, err := h.Join(session, live.Owner, "a", ""); !errors.Is(err, domain.ErrStopping) {
		t.Fatalf("join after stop: %v", err)
	}
}

// TestManyViewers fans one update out to a crowd of one session: every
// viewer gets it, each from the same bytes.
func TestManyViewers(t *testing.T) {
	t.Parallel()
	h, _ := hubs(t, 5000, 8)
	const n = 2000
	vs := make([]*live.Viewer, n)
	for i := range vs {
		v, err := h.Join(session, live.Follower, fmt.Sprint(i), "")
		if err != nil {
			t.Fatal(err)
		}
		vs[i] = v
	}
	h.Publish(session, live.Update{Follower: []byte(`{"type":"points"}`)})
	for i, v := range vs {
		if m := recv(t, v); m != `{"type":"points"}` {
			t.Fatalf("viewer %d got %s", i, m)
		}
	}
	if h.Viewers() != n || h.Rooms() != 1 {
		t.Fatalf("%d viewers in %d rooms", h.Viewers(), h.Rooms())
	}
}
