package bus

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"slices"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
)

// Subscription describes a durable consumer of domain events.
type Subscription struct {
	// Name is the durable consumer name, unique per consuming service and
	// purpose, e.g. "notify-catalog-events". It also labels the metrics.
	Name string
	// Subjects are event types to receive (without the SubjectPrefix);
	// wildcards are allowed after the domain: "commerce.catalog.>",
	// "training.*.activity_completed.v1". Types of several domains make one
	// JetStream consumer per domain stream, all named Name.
	Subjects []string
	// Handler handles one event. nil acknowledges it; an error retries it
	// after Backoff, or dead-letters it once MaxDeliver deliveries failed or
	// at once when IsPermanent(err). Handlers see each event at least once:
	// make them idempotent, usually with HandleOnce. The context is not
	// cancelled when the consumer stops, so a handler in flight finishes.
	Handler func(ctx context.Context, ev Event) error
	// MaxDeliver is how many deliveries an event gets before it is
	// dead-lettered (default 8).
	MaxDeliver int
	// Backoff is the delay before redelivering after the n-th failed
	// delivery (the last entry repeats); default 1s, 5s, 30s, 2m, 5m, 10m, 30m.
	Backoff []time.Duration
	// AckWait is how long the server waits for an acknowledgement before
	// redelivering (default 30s). A long handler keeps its message alive.
	AckWait time.Duration
	// Concurrency is how many handlers run at once (default 1: events are
	// then handled in stream order, bar retries).
	Concurrency int
	// DeliverNew makes a newly created consumer start with events published
	// from now on instead of everything the streams still hold.
	DeliverNew bool
}

// defaultBackoff is the retry schedule of a Subscription without one.
var defaultBackoff = []time.Duration{
	time.Second, 5 * time.Second, 30 * time.Second, 2 * time.Minute,
	5 * time.Minute, 10 * time.Minute, 30 * time.Minute,
}

// The consumer's defaults.
const (
	DefaultMaxDeliver = 8
	DefaultAckWait    = 30 * time.Second
	lagEvery          = 5 * time.Second
	consumerRetryMax  = 10 * time.Second
)

var consumerNameRe = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,62}$`)

// Consumer runs a Subscription as a lifecycle.Service.
type Consumer struct {
	b      *Bus
	sub    Subscription
	logger *slog.Logger
	groups []consumerGroup

	mu      sync.Mutex
	handles []jetstream.Consumer // one per group once created

	consumed, failed, deadLettered prometheus.Counter
	lag                            prometheus.Gauge
	handleTime                     prometheus.Observer
}

// consumerGroup is the part of a subscription one domain stream serves.
type consumerGroup struct {
	stream  string
	filters []string // wire subjects
}

// NewConsumer validates sub, fills in its defaults and returns the consumer.
// Nothing is created on the server until Run.
func NewConsumer(b *Bus, sub Subscription, logger *slog.Logger) (*Consumer, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if sub.MaxDeliver == 0 {
		sub.MaxDeliver = DefaultMaxDeliver
	}
	if len(sub.Backoff) == 0 {
		sub.Backoff = defaultBackoff
	}
	if sub.AckWait == 0 {
		sub.AckWait = DefaultAckWait
	}
	if sub.Concurrency == 0 {
		sub.Concurrency = 1
	}
	var errs []error
	if !consumerNameRe.MatchString(sub.Name) {
		errs = append(errs, fmt.Errorf("name %q: want lowercase letters, digits, - or _", sub.Name))
	}
	if sub.Handler == nil {
		errs = append(errs, errors.New("handler is required"))
	}
	if len(sub.Subjects) == 0 {
		errs = append(errs, errors.New("at least one subject is required"))
	}
	if sub.MaxDeliver < 1 {
		errs = append(errs, fmt.Errorf("max deliver %d: want at least 1", sub.MaxDeliver))
	}
	if sub.AckWait < 0 || sub.Concurrency < 1 || slices.ContainsFunc(sub.Backoff, func(d time.Duration) bool { return d <= 0 }) {
		errs = append(errs, errors.New("ack wait, concurrency and back-off delays must be positive"))
	}
	byDomain := map[string][]string{}
	for _, s := range sub.Subjects {
		d, err := validateFilter(s)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		byDomain[d] = append(byDomain[d], b.Subject(s))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("consumer %s: %w", sub.Name, err)
	}
	c := &Consumer{
		b: b, sub: sub,
		logger:       logger.With("component", "bus-consumer", "consumer", sub.Name),
		consumed:     b.metrics.consumed.WithLabelValues(sub.Name),
		failed:       b.metrics.failed.WithLabelValues(sub.Name),
		deadLettered: b.metrics.deadLettered.WithLabelValues(sub.Name),
		lag:          b.metrics.lag.WithLabelValues(sub.Name),
		handleTime:   b.metrics.handleTime.WithLabelValues(sub.Name),
	}
	for _, d := range domains {
		if f, ok := byDomain[d]; ok {
			c.groups = append(c.groups, consumerGroup{stream: b.StreamName(d), filters: f})
		}
	}
	c.handles = make([]jetstream.Consumer, len(c.groups))
	return c, nil
}

// NewConsumers builds a Consumer for each subscription (a service's set).
func NewConsumers(b *Bus, logger *slog.Logger, subs ...Subscription) ([]*Consumer, error) {
	out := make([]*Consumer, 0, len(subs))
	for _, s := range subs {
		c, err := NewConsumer(b, s, logger)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// Name implements lifecycle.Service.
func (c *Consumer) Name() string { return c.sub.Name }

// ensure creates or updates the durable consumer on group i's stream.
func (c *Consumer) ensure(ctx context.Context, i int) (jetstream.Consumer, error) {
	g := c.groups[i]
	cc := jetstream.ConsumerConfig{
		Durable:       c.sub.Name,
		Description:   "SportHub consumer " + c.sub.Name,
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       c.sub.AckWait,
		MaxDeliver:    -1, // the consumer decides when to dead-letter, never the server
		DeliverPolicy: jetstream.DeliverAllPolicy,
	}
	if c.sub.DeliverNew {
		cc.DeliverPolicy = jetstream.DeliverNewPolicy
	}
	if len(g.filters) == 1 {
		cc.FilterSubject = g.filters[0]
	} else {
		cc.FilterSubjects = g.filters
	}
	h, err := c.b.js.CreateOrUpdateConsumer(ctx, g.stream, cc)
	if err != nil {
		return nil, fmt.Errorf("ensure consumer %s on %s: %w", c.sub.Name, g.stream, err)
	}
	c.mu.Lock()
	c.handles[i] = h
	c.mu.Unlock()
	return h, nil
}

// Lag returns the events waiting for this consumer on all its streams (not
// yet delivered plus delivered and unacknowledged, retries included) and
// sets the sporthub_bus_consumer_lag gauge. Run refreshes it every 5s.
func (c *Consumer) Lag(ctx context.Context) (uint64, error) {
	c.mu.Lock()
	handles := slices.Clone(c.handles)
	c.mu.Unlock()
	var total uint64
	for i, h := range handles {
		if h == nil {
			return 0, fmt.Errorf("consumer %s lag: not running on %s", c.sub.Name, c.groups[i].stream)
		}
		info, err := h.Info(ctx)
		if err != nil {
			return 0, fmt.Errorf("consumer %s lag: %w", c.sub.Name, err)
		}
		total += info.NumPending + uint64(info.NumAckPending)
	}
	c.lag.Set(float64(total))
	return total, nil
}
