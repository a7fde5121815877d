package bus

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/observability"
)

// Group commit for events that are the state change themselves (live
// samples), where a caller must learn that its data is durable.
//
// The embedded JetStream fsyncs every message before acknowledging it, and
// a window of asynchronous publishes does not share those fsyncs, so one
// message per request caps durable ingest at a few thousand requests a
// second. A Group gathers the items of many concurrent callers for up to
// MaxWait (or until MaxItems), publishes them as one event, waits for
// JetStream's acknowledgement and only then lets every caller's Add return.
// Many requests then share one fsync.
//
// Guarantees: Add returns nil only after the message holding the item was
// acknowledged; an error of the publish goes to every caller of the group;
// the event id is the Nats-Msg-Id. A failed Add may still have been stored
// (the acknowledgement was lost), so a caller that retries must send data
// whose second arrival is harmless (live samples merge by time).

// GroupConfig configures a Group.
type GroupConfig struct {
	// Type is the event type of the messages, Source the emitting service
	// and Subject the envelope's subject (e.g. "ingest").
	Type, Source, Subject string
	// Name labels the metrics and the lifecycle service (default Type).
	Name string
	// MaxWait is how long the first item of a group waits for others
	// before the group is published (default 5ms).
	MaxWait time.Duration
	// MaxItems publishes a group early once the sizes of its items add up
	// to this much (default 2000).
	MaxItems int
	// MaxInFlight bounds the groups published and not yet acknowledged
	// (default 4); while all are in flight the next group keeps gathering.
	MaxInFlight int
	// Timeout bounds the wait for one acknowledgement (default 10s).
	Timeout time.Duration
	// Registerer registers the group's metrics (nil: not registered).
	Registerer prometheus.Registerer
	// Logger receives publish failures (nil: discarded).
	Logger *slog.Logger
}

// The Group's defaults.
const (
	DefaultGroupMaxWait     = 5 * time.Millisecond
	DefaultGroupMaxItems    = 2000
	DefaultGroupMaxInFlight = 4
	DefaultGroupTimeout     = 10 * time.Second
	groupQueue              = 1024
)

// ErrGroupStopped is returned by Add when the group is not running any more.
var ErrGroupStopped = apperr.New(apperr.Unavailable, "shutting_down", "the server is shutting down; send again")

// GroupStats counts what a Group did since it was made.
type GroupStats struct {
	Publishes int64 // messages acknowledged by JetStream
	Failures  int64 // messages whose publish failed
	Items     int64 // items acknowledged
	Size      int64 // sum of the sizes of the acknowledged items
}

// Group gathers items of type T from concurrent callers and publishes them
// in few messages (see the comment above GroupConfig). It is a
// lifecycle.Service: Add works while Run runs.
type Group[T any] struct {
	b    *Bus
	cfg  GroupConfig
	size func(T) int
	wrap func([]T) any
	log  *slog.Logger

	items chan *groupWaiter[T]
	done  chan struct{} // closed when Run has returned

	publishes, failures, nItems, nSize atomic.Int64

	mGroupSize  prometheus.Observer
	mAckLatency prometheus.Observer
	mPublished  prometheus.Counter
	mFailed     prometheus.Counter
}

type groupWaiter[T any] struct {
	item   T
	size   int
	queued time.Time
	result chan error // buffered, one value
}

// NewGroup returns a group publishing on b. size weighs an item (e.g. its
// sample count, for MaxItems); wrap turns a group's items into the event
// payload.
func NewGroup[T any](b *Bus, cfg GroupConfig, size func(T) int, wrap func([]T) any) (*Group[T], error) {
	if err := ValidateType(cfg.Type); err != nil {
		return nil, fmt.Errorf("new group: %w", err)
	}
	if cfg.Source == "" || size == nil || wrap == nil {
		return nil, errors.New("new group: source, size and wrap are required")
	}
	if cfg.Name == "" {
		cfg.Name = cfg.Type
	}
	if cfg.MaxWait <= 0 {
		cfg.MaxWait = DefaultGroupMaxWait
	}
	if cfg.MaxItems <= 0 {
		cfg.MaxItems = DefaultGroupMaxItems
	}
	if cfg.MaxInFlight <= 0 {
		cfg.MaxInFlight = DefaultGroupMaxInFlight
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultGroupTimeout
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	g := &Group[T]{b: b, cfg: cfg, size: size, wrap: wrap, log: log.With("component", "bus-group", "group", cfg.Name),
		items: make(chan *groupWaiter[T], groupQueue), done: make(chan struct{})}
	if err := g.metrics(); err != nil {
		return nil, err
	}
	return g, nil
}

var groupSizeBuckets = []float64{1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000}

func (g *Group[T]) metrics() error {
	size := prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "sporthub_bus_group_size",
		Help:    "Size (e.g. samples) of the items one group-commit message carried, by group.",
		Buckets: groupSizeBuckets,
	}, []string{"group"})
	ack := prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "sporthub_bus_group_ack_seconds",
		Help:    "Time from an item's Add to JetStream acknowledging the message holding it, by group.",
		Buckets: latencyBuckets,
	}, []string{"group"})
	published := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "sporthub_bus_group_published_total",
		Help: "Group-commit messages JetStream acknowledged, by group.",
	}, []string{"group"})
	failed := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "sporthub_bus_group_failed_total",
		Help: "Group-commit messages whose publish failed (their callers got the error), by group.",
	}, []string{"group"})
	if reg := g.cfg.Registerer; reg != nil {
		var errs []error
		size = register(reg, size, &errs)
		ack = register(reg, ack, &errs)
		published = register(reg, published, &errs)
		failed = register(reg, failed, &errs)
		if err := errors.Join(errs...); err != nil {
			return fmt.Errorf("register group metrics: %w", err)
		}
	}
	g.mGroupSize = size.WithLabelValues(g.cfg.Name)
	g.mAckLatency = ack.WithLabelValues(g.cfg.Name)
	g.mPublished = published.WithLabelValues(g.cfg.Name)
	g.mFailed = failed.WithLabelValues(g.cfg.Name)
	return nil
}

// Name implements lifecycle.Service.
func (g *Group[T]) Name() string { return g.cfg.Name + "-group" }

// Stats returns the group's counters.
func (g *Group[T]) Stats() GroupStats {
	return GroupStats{Publishes: g.publishes.Load(), Failures: g.failures.Load(), Items: g.nItems.Load(), Size: g.nSize.Load()}
}

// Add queues item and returns once the message holding it is acknowledged
// (nil), its publish failed (that error), ctx ended (ctx.Err(); the item
// may still be published), or the group stopped (ErrGroupStopped).
func (g *Group[T]) Add(ctx context.Context, item T) error {
	w := &groupWaiter[T]{item: item, size: g.size(item), queued: time.Now(), result: make(chan error, 1)}
	select {
	case g.items <- w:
	case <-g.done:
		return ErrGroupStopped
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case err := <-w.result:
		return err
	case <-ctx.Done():
		return ctx.Err()
	case <-g.done:
		// Run's last flush may have settled this item just before it returned.
		select {
		case err := <-w.result:
			return err
		default:
			return ErrGroupStopped
		}
	}
}

// Run implements lifecycle.Service: it gathers and publishes until ctx is
// cancelled, then publishes what is queued and waits for every
// acknowledgement before returning.
func (g *Group[T]) Run(ctx context.Context, ready func()) error {
	defer close(g.done)
	ready()
	slots := make(chan struct{}, g.cfg.MaxInFlight)
	var wg sync.WaitGroup
	var pending []*groupWaiter[T]
	size := 0
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	flush := func() {
		timer.Stop()
		if len(pending) == 0 {
			return
		}
		batch := pending
		pending, size = nil, 0
		slots <- struct{}{} // waits while MaxInFlight groups are unacknowledged
		wg.Go(func() {
			defer func() { <-slots }()
			g.publish(batch)
		})
	}
	add := func(w *groupWaiter[T]) {
		if len(pending) == 0 {
			timer.Reset(g.cfg.MaxWait)
		}
		pending = append(pending, w)
		size += w.size
		if size >= g.cfg.MaxItems {
			flush()
		}
	}
	for {
		select {
		case w := <-g.items:
			add(w)
		case <-timer.C:
			flush()
		case <-ctx.Done():
			for drained := false; !drained; {
				select {
				case w := <-g.items:
					add(w)
				default:
					drained = true
				}
			}
			flush()
			wg.Wait()
			return nil
		}
	}
}

// publish sends one group as one event (split in halves while the message
// exceeds the server's payload limit) and settles every waiter.
func (g *Group[T]) publish(batch []*groupWaiter[T]) {
	items := make([]T, len(batch))
	for i, w := range batch {
		items[i] = w.item
	}
	ev, err := NewEvent(g.cfg.Type, g.cfg.Source, g.cfg.Subject, g.wrap(items))
	var body []byte
	if err == nil {
		body, err = json.Marshal(ev)
	}
	if err == nil && int64(len(body)) > g.b.nc.MaxPayload() {
		if len(batch) > 1 {
			half := len(batch) / 2
			g.publish(batch[:half])
			g.publish(batch[half:])
			return
		}
		err = apperr.New(apperr.TooLarge, "message_too_large", fmt.Sprintf(
			"this encodes to %d bytes, over the bus's message limit of %d; send it in smaller parts", len(body), g.b.nc.MaxPayload()))
	}
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), g.cfg.Timeout)
		msg := &nats.Msg{Subject: g.b.Subject(ev.Type), Data: body, Header: nats.Header{}}
		observability.InjectHeaders(ctx, msg.Header)
		_, err = g.b.js.PublishMsg(ctx, msg, jetstream.WithMsgID(ev.ID))
		cancel()
		if err != nil {
			err = apperr.Wrap(fmt.Errorf("publish %s %s: %w", ev.Type, ev.ID, err), apperr.Unavailable, "not_stored",
				"the data could not be stored durably; send it again")
		}
	}
	now := time.Now()
	if err != nil {
		g.failures.Add(1)
		g.mFailed.Inc()
		g.log.Warn("group publish failed", "items", len(batch), "err", err)
	} else {
		total := 0
		for _, w := range batch {
			total += w.size
		}
		g.publishes.Add(1)
		g.nItems.Add(int64(len(batch)))
		g.nSize.Add(int64(total))
		g.mPublished.Inc()
		g.mGroupSize.Observe(float64(total))
	}
	for _, w := range batch {
		if err == nil {
			g.mAckLatency.Observe(now.Sub(w.queued).Seconds())
		}
		w.result <- err
	}
}
