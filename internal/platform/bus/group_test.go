package bus_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/platform/bus/bustest"
)

const groupType = "integrations.devices.samples_received.v1"

type groupItem struct {
	ID   string `json:"id"`
	N    int    `json:"n"`
	Junk string `json:"junk,omitempty"`
}

type groupPayload struct {
	Items []groupItem `json:"items"`
}

func newTestGroup(t *testing.T, b *bus.Bus, cfg bus.GroupConfig) *bus.Group[groupItem] {
	t.Helper()
	cfg.Type, cfg.Source, cfg.Subject = groupType, "devices", "ingest"
	g, err := bus.NewGroup(b, cfg, func(it groupItem) int { return it.N },
		func(items []groupItem) any { return groupPayload{Items: items} })
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// stored returns every item id in the stream and how many messages held them.
func stored(t *testing.T, b *bus.Bus) (map[string]int, int) {
	t.Helper()
	ids := map[string]int{}
	evs := bustest.Events(t, b, groupType)
	for _, ev := range evs {
		var p groupPayload
		if err := ev.Decode(&p); err != nil {
			t.Fatal(err)
		}
		if ev.Source != "devices" || ev.Subject != "ingest" {
			t.Fatalf("envelope %+v", ev)
		}
		for _, it := range p.Items {
			ids[it.ID]++
		}
	}
	return ids, len(evs)
}

// TestGroupBurstSharesPublishes: a burst of concurrent callers is
// acknowledged with a handful of messages, each caller only once its item
// is in the stream, and every item is stored exactly once.
func TestGroupBurstSharesPublishes(t *testing.T) {
	t.Parallel()
	b := bustest.Embedded(t)
	reg := prometheus.NewRegistry()
	g := newTestGroup(t, b, bus.GroupConfig{MaxWait: 20 * time.Millisecond, MaxItems: 100000, Registerer: reg, Name: "test"})
	start(t, g)
	const callers = 300
	var wg sync.WaitGroup
	errs := make(chan error, callers)
	for i := range callers {
		wg.Go(func() {
			id := fmt.Sprint("item-", i)
			if err := g.Add(context.Background(), groupItem{ID: id, N: 2}); err != nil {
				errs <- err
				return
			}
			// Acknowledged means stored: it must already be readable (checked
			// for some callers: reading the stream is not free).
			if i%25 != 0 {
				return
			}
			if ids, _ := stored(t, b); ids[id] != 1 {
				errs <- fmt.Errorf("%s acknowledged but stored %d times", id, ids[id])
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	ids, msgs := stored(t, b)
	if len(ids) != callers {
		t.Fatalf("%d distinct items stored, want %d", len(ids), callers)
	}
	st := g.Stats()
	t.Logf("%d callers acknowledged with %d publishes (%d messages stored)", callers, st.Publishes, msgs)
	if st.Publishes > callers/10 || int(st.Publishes) != msgs || st.Items != callers || st.Size != 2*callers {
		t.Fatalf("stats %+v for %d callers, %d messages", st, callers, msgs)
	}
	if n := metric(t, reg, "sporthub_bus_group_ack_seconds", "group", "test"); n != callers {
		t.Fatalf("ack latency observed %v times, want %d", n, callers)
	}
	if n := metric(t, reg, "sporthub_bus_group_size", "group", "test"); n != float64(st.Publishes) {
		t.Fatalf("group size observed %v times, want %d", n, st.Publishes)
	}
}

// TestGroupFlushesAtMaxItems: a full group goes out at once, without
// waiting for MaxWait.
func TestGroupFlushesAtMaxItems(t *testing.T) {
	t.Parallel()
	b := bustest.Embedded(t)
	g := newTestGroup(t, b, bus.GroupConfig{MaxWait: time.Hour, MaxItems: 10})
	start(t, g)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var wg sync.WaitGroup
	for i := range 2 {
		wg.Go(func() {
			if err := g.Add(ctx, groupItem{ID: fmt.Sprint("full-", i), N: 5}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if st := g.Stats(); st.Publishes != 1 || st.Items != 2 {
		t.Fatalf("stats %+v, want one message with both items", st)
	}
}

// TestGroupErrorsReachEveryCaller: when the publish fails, every caller
// of the group gets the error and nothing counts as acknowledged.
func TestGroupErrorsReachEveryCaller(t *testing.T) {
	t.Parallel()
	b := bustest.Embedded(t)
	g := newTestGroup(t, b, bus.GroupConfig{MaxWait: 20 * time.Millisecond, Timeout: 2 * time.Second})
	start(t, g)
	// Without its stream, nothing captures the subject: JetStream refuses.
	if err := b.JetStream().DeleteStream(context.Background(), b.StreamName("integrations")); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for i := range 20 {
		wg.Go(func() { errs <- g.Add(context.Background(), groupItem{ID: fmt.Sprint("lost-", i), N: 1}) })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err == nil || !apperr.IsKind(err, apperr.Unavailable) {
			t.Fatalf("Add after a failed publish: %v, want an Unavailable error", err)
		}
	}
	if st := g.Stats(); st.Publishes != 0 || st.Items != 0 || st.Failures == 0 {
		t.Fatalf("stats %+v", st)
	}
}

// TestGroupSplitsWhatTheServerCannotTake: items that together exceed the
// server's payload limit go out in several messages; one item alone over
// the limit is refused with TooLarge.
func TestGroupSplitsWhatTheServerCannotTake(t *testing.T) {
	t.Parallel()
	b := bustest.Embedded(t)
	g := newTestGroup(t, b, bus.GroupConfig{MaxWait: 50 * time.Millisecond})
	start(t, g)
	limit := int(b.Conn().MaxPayload())
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			if err := g.Add(context.Background(), groupItem{ID: fmt.Sprint("big-", i), N: 1, Junk: strings.Repeat("x", limit/3)}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if ids, msgs := stored(t, b); len(ids) != 4 || msgs < 2 {
		t.Fatalf("%d items in %d messages", len(ids), msgs)
	}
	err := g.Add(context.Background(), groupItem{ID: "huge", N: 1, Junk: strings.Repeat("x", limit)})
	if !apperr.IsKind(err, apperr.TooLarge) {
		t.Fatalf("an item over the limit: %v", err)
	}
}

// TestGroupStopPublishesWhatIsQueued: stopping publishes the waiting
// group before Run returns; afterwards Add refuses at once.
func TestGroupStopPublishesWhatIsQueued(t *testing.T) {
	t.Parallel()
	b := bustest.Embedded(t)
	g := newTestGroup(t, b, bus.GroupConfig{MaxWait: time.Hour})
	stop := start(t, g)
	added := make(chan error, 1)
	go func() { added <- g.Add(context.Background(), groupItem{ID: "queued", N: 1}) }()
	time.Sleep(50 * time.Millisecond) // the item reaches the group; MaxWait holds it there
	if n := len(bustest.Events(t, b, groupType)); n != 0 {
		t.Fatalf("%d messages published before MaxWait or stop", n)
	}
	stop()
	if err := <-added; err != nil {
		t.Fatalf("queued item at stop: %v", err)
	}
	if ids, _ := stored(t, b); ids["queued"] != 1 {
		t.Fatalf("queued item not stored: %v", ids)
	}
	if err := g.Add(context.Background(), groupItem{ID: "late", N: 1}); !errors.Is(err, bus.ErrGroupStopped) {
		t.Fatalf("Add after stop: %v", err)
	}
}

// TestGroupAddHonoursItsContext: a caller that gives up gets its context's
// error.
func TestGroupAddHonoursItsContext(t *testing.T) {
	t.Parallel()
	b := bustest.Embedded(t)
	g := newTestGroup(t, b, bus.GroupConfig{MaxWait: time.Hour})
	start(t, g)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := g.Add(ctx, groupItem{ID: "impatient", N: 1}); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Add with an ended context: %v", err)
	}
}
