package bus

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// Tail follows one event type in every process that runs it, unlike a
// durable Consumer whose events are shared out among replicas. It reads
// through an ordered, ephemeral JetStream consumer that starts Since ago,
// so a process that starts late still learns the recent past; nothing is
// acknowledged and nothing is recorded. It suits in-memory state every
// process must hold, like revoked access tokens.
type Tail struct {
	b      *Bus
	typ    string
	since  time.Duration
	handle func(Event)
	logger *slog.Logger
}

// NewTail returns a Tail of events of type typ (an exact type, no
// wildcards) that calls handle for each, in stream order, from since ago.
func NewTail(b *Bus, typ string, since time.Duration, handle func(Event), logger *slog.Logger) (*Tail, error) {
	if err := ValidateType(typ); err != nil {
		return nil, fmt.Errorf("new tail: %w", err)
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Tail{b: b, typ: typ, since: since, handle: handle, logger: logger.With("tail", typ)}, nil
}

// Name implements lifecycle.Service.
func (t *Tail) Name() string { return "tail " + t.typ }

// Run implements lifecycle.Service: it reports ready once it has caught up
// with the events already in the stream, then follows new ones until ctx
// is cancelled, re-subscribing from the last event seen after a failure.
func (t *Tail) Run(ctx context.Context, ready func()) error {
	start := time.Now().Add(-t.since)
	domain, _ := validateFilter(t.typ)
	delay := 100 * time.Millisecond
	readied := false
	for ctx.Err() == nil {
		last, err := t.follow(ctx, domain, start, func() {
			if !readied {
				readied = true
				ready()
			}
		})
		if !last.IsZero() {
			start = last
		}
		if ctx.Err() != nil {
			break
		}
		t.logger.Warn("tail interrupted; resubscribing", "err", err, "retry_in", delay)
		sleepCtx(ctx, delay)
		delay = min(2*delay, consumerRetryMax)
	}
	return nil
}

// follow reads until ctx ends or the subscription fails, returning the
// time of the last event handled.
func (t *Tail) follow(ctx context.Context, domain string, start time.Time, caughtUp func()) (time.Time, error) {
	var last time.Time
	c, err := t.b.js.OrderedConsumer(ctx, t.b.StreamName(domain), jetstream.OrderedConsumerConfig{
		FilterSubjects: []string{t.b.Subject(t.typ)},
		DeliverPolicy:  jetstream.DeliverByStartTimePolicy,
		OptStartTime:   &start,
	})
	if err != nil {
		return last, err
	}
	info, err := c.Info(ctx)
	if err != nil {
		return last, err
	}
	if info.NumPending == 0 {
		caughtUp()
	}
	it, err := c.Messages()
	if err != nil {
		return last, err
	}
	stop := context.AfterFunc(ctx, it.Stop)
	defer stop()
	for {
		msg, err := it.Next()
		if err != nil {
			return last, err
		}
		if ev, err := decodeEvent(msg.Data(), t.typ); err != nil {
			t.logger.Warn("undecodable event skipped", "err", err)
		} else {
			t.handle(ev)
		}
		if md, err := msg.Metadata(); err == nil {
			last = md.Timestamp
			if md.NumPending == 0 {
				caughtUp()
			}
		}
	}
}
