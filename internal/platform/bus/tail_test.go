package bus_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/bus/bustest"
)

// TestTailSeesRecentPastAndNewEvents: a tail started after some events
// were published receives those within its window, then new ones, and two
// tails both receive every event (unlike a shared durable consumer).
func TestTailSeesRecentPastAndNewEvents(t *testing.T) {
	b := bustest.Embedded(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	const typ = "user.auth.access_revoked.v1"
	publish := func(subject string) {
		ev, err := bus.NewEvent(typ, "test", subject, map[string]string{"x": subject})
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Publish(ctx, ev); err != nil {
			t.Fatal(err)
		}
	}
	publish("before")
	type seen struct {
		mu   sync.Mutex
		subs []string
	}
	start := func() *seen {
		s := &seen{}
		tail, err := bus.NewTail(b, typ, time.Minute, func(ev bus.Event) {
			s.mu.Lock()
			s.subs = append(s.subs, ev.Subject)
			s.mu.Unlock()
		}, nil)
		if err != nil {
			t.Fatal(err)
		}
		ready := make(chan struct{})
		go func() { _ = tail.Run(ctx, func() { close(ready) }) }()
		select {
		case <-ready:
		case <-time.After(10 * time.Second):
			t.Fatal("tail not ready")
		}
		return s
	}
	a, c := start(), start()
	publish("after")
	for _, s := range []*seen{a, c} {
		deadline := time.Now().Add(10 * time.Second)
		for {
			s.mu.Lock()
			got := append([]string(nil), s.subs...)
			s.mu.Unlock()
			if len(got) == 2 {
				if got[0] != "before" || got[1] != "after" {
					t.Fatalf("tail saw %v, want [before after]", got)
				}
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("tail saw %v within 10s, want [before after]", got)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	if _, err := bus.NewTail(b, "user.auth.>", time.Minute, func(bus.Event) {}, nil); err == nil {
		t.Fatal("a wildcard type was accepted")
	}
}
