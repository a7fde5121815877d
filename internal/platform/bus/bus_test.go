package bus_test

import (
	"context"
	"log/slog"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/bus/bustest"
)

func TestEmbeddedServerSyncsEveryWrite(t *testing.T) {
	t.Parallel()
	b := bustest.Embedded(t)
	jsz, err := b.Server().Jsz(&server.JSzOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !jsz.Config.SyncAlways {
		t.Fatalf("embedded JetStream config %+v: sync_always is off; acknowledged writes could be lost", jsz.Config)
	}
	if !strings.HasPrefix(jsz.Config.StoreDir, b.Config().DataDir) {
		t.Fatalf("store dir %q is not under the data dir %q", jsz.Config.StoreDir, b.Config().DataDir)
	}
	if b.Server().Addr() != nil {
		t.Fatalf("embedded server listens on %v without a ListenAddr", b.Server().Addr())
	}
}

func TestStreamsExist(t *testing.T) {
	t.Parallel()
	bustest.ForEachServer(t, func(t *testing.T, b *bus.Bus) {
		ctx := context.Background()
		want := append(bus.Domains(), "dlq")
		if got := b.Streams(); len(got) != len(want) {
			t.Fatalf("streams = %v, want one per domain and a DLQ", got)
		}
		for i, name := range b.Streams() {
			s, err := b.JetStream().Stream(ctx, name)
			if err != nil {
				t.Fatalf("stream %s: %v", name, err)
			}
			cfg := s.CachedInfo().Config
			if subj := b.Subject(want[i] + ".>"); len(cfg.Subjects) != 1 || cfg.Subjects[0] != subj {
				t.Errorf("%s subjects = %v, want [%s]", name, cfg.Subjects, subj)
			}
			if cfg.Storage != jetstream.FileStorage || cfg.Duplicates != bus.DefaultDuplicateWindow {
				t.Errorf("%s: storage %v, duplicate window %v", name, cfg.Storage, cfg.Duplicates)
			}
		}
		if err := b.Ping(ctx); err != nil {
			t.Fatalf("ping: %v", err)
		}
	})
}

func TestReopenKeepsEventsAndUpdatesStreams(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ctx := context.Background()
	b, err := bus.Open(ctx, bus.Config{DataDir: dir}, slog.New(slog.DiscardHandler), prometheus.NewRegistry())
	if err != nil {
		t.Fatal(err)
	}
	ev := mustEvent(t, "user.auth.user_registered.v1", "u1")
	if err := b.Publish(ctx, ev); err != nil {
		t.Fatal(err)
	}
	b.Close()
	if err := b.Ping(ctx); err == nil {
		t.Fatal("ping after close succeeded")
	}
	// Reopen with another duplicate window: the stream is updated, the event kept.
	b = bustest.Embedded(t, bustest.WithConfig(func(c *bus.Config) {
		c.DataDir, c.DuplicateWindow = dir, 20*time.Minute
	}))
	if got := bustest.Events(t, b, "user.>"); len(got) != 1 || got[0].ID != ev.ID {
		t.Fatalf("after reopen: %+v", got)
	}
	s, err := b.JetStream().Stream(ctx, b.StreamName("user"))
	if err != nil || s.CachedInfo().Config.Duplicates != 20*time.Minute {
		t.Fatalf("stream not updated: %v", err)
	}
}

func TestEmbeddedListenAddr(t *testing.T) {
	t.Parallel()
	b := bustest.Embedded(t, bustest.WithConfig(func(c *bus.Config) { c.ListenAddr = "127.0.0.1:0" }))
	addr, ok := b.Server().Addr().(*net.TCPAddr)
	if !ok {
		t.Fatalf("no TCP listener: %v", b.Server().Addr())
	}
	nc, err := nats.Connect("nats://" + addr.String())
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	if err := nc.Flush(); err != nil {
		t.Fatal(err)
	}
}

func TestPublishDeduplicatesByEventID(t *testing.T) {
	t.Parallel()
	bustest.ForEachServer(t, func(t *testing.T, b *bus.Bus) {
		ctx := context.Background()
		ev := mustEvent(t, "commerce.catalog.product_created.v1", "p1")
		for range 3 {
			if err := b.Publish(ctx, ev); err != nil {
				t.Fatal(err)
			}
		}
		msgs := bustest.Messages(t, b, b.StreamName("commerce"), b.Subject("commerce.>"))
		if len(msgs) != 1 {
			t.Fatalf("stored %d copies, want 1", len(msgs))
		}
		if id := msgs[0].Headers().Get(jetstream.MsgIDHeader); id != ev.ID {
			t.Fatalf("Nats-Msg-Id = %q, want %q", id, ev.ID)
		}
		if err := b.Publish(ctx, bus.Event{ID: "x", Type: "nope", Source: "s"}); err == nil {
			t.Fatal("invalid event published")
		}
	})
}

func mustEvent(t testing.TB, typ, subject string) bus.Event {
	t.Helper()
	ev, err := bus.NewEvent(typ, strings.Split(typ, ".")[1], subject, map[string]string{"id": subject})
	if err != nil {
		t.Fatal(err)
	}
	return ev
}
