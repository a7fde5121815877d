package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/sporthub/sporthub/bench/internal/benchkit"
	"github.com/sporthub/sporthub/internal/platform/bus"
)

// stamp is when something happened to one event.
type stamp struct {
	id string
	at time.Time
}

// runOutbox commits transactions from o.Writers goroutines for o.Duration,
// each inserting a row and adding one event to the outbox, with the outbox
// relay running and notified after every commit. A JetStream consumer on
// the stream records when each event arrives (stored, so published). It
// returns the commit rate and every event's commit-to-publish latency.
func runOutbox(ctx context.Context, e *env, o Options, rate float64) (Rate, benchkit.Sample, error) {
	rctx, stopRelay := context.WithCancel(ctx)
	defer stopRelay()
	relay := bus.NewRelay(e.bus, e.db, "bench", nil)
	relayDone := make(chan error, 1)
	go func() { relayDone <- relay.Run(rctx, func() {}) }()

	recv, stopRecv, err := receive(ctx, e)
	if err != nil {
		return Rate{}, nil, err
	}
	defer stopRecv()

	commits, elapsed, err := commitLoop(ctx, e, o, rate, relay.Notify)
	if err != nil {
		return Rate{}, nil, err
	}
	total := 0
	for _, c := range commits {
		total += len(c)
	}
	got, err := recv.waitFor(ctx, total, o.Drain)
	stopRelay()
	if rerr := <-relayDone; rerr != nil && err == nil {
		err = fmt.Errorf("outbox relay: %w", rerr)
	}
	if err != nil {
		return Rate{}, nil, err
	}
	lat := make(benchkit.Sample, 0, total)
	for _, c := range commits {
		for _, s := range c {
			at, ok := got[s.id]
			if !ok {
				return Rate{}, nil, fmt.Errorf("event %s committed but not received", s.id)
			}
			lat = append(lat, at.Sub(s.at))
		}
	}
	return Rate{Events: total, Elapsed: elapsed}, lat, nil
}

// commitLoop commits transactions from o.Writers goroutines for
// o.Duration, calling notify after each commit, and returns each writer's
// commits with their commit times. With rate > 0 the writers together
// commit on a fixed schedule of rate per second (open loop: a writer that
// falls behind catches up at once), else back to back.
func commitLoop(ctx context.Context, e *env, o Options, rate float64, notify func()) ([][]stamp, time.Duration, error) {
	commits := make([][]stamp, o.Writers)
	errs := make([]error, o.Writers)
	var wg sync.WaitGroup
	start := time.Now()
	end := start.Add(o.Duration)
	for g := range o.Writers {
		wg.Go(func() {
			for seq := 0; time.Now().Before(end) && ctx.Err() == nil; seq++ {
				if rate > 0 {
					interval := time.Duration(float64(o.Writers) / rate * float64(time.Second))
					time.Sleep(time.Until(start.Add(time.Duration(seq) * interval)))
				}
				id, err := commitOne(ctx, e, g, seq)
				if err != nil {
					errs[g] = err
					return
				}
				commits[g] = append(commits[g], stamp{id, time.Now()})
				notify()
			}
		})
	}
	wg.Wait()
	return commits, time.Since(start), errors.Join(errs...)
}

// commitOnly measures the same transactions with no relay running (what
// SQLite alone sustains), then empties the outbox again.
func commitOnly(ctx context.Context, e *env, o Options) (Rate, error) {
	commits, elapsed, err := commitLoop(ctx, e, o, 0, func() {})
	if err != nil {
		return Rate{}, err
	}
	if _, err := e.db.SQL.ExecContext(ctx, `DELETE FROM bus_outbox`); err != nil {
		return Rate{}, fmt.Errorf("empty outbox: %w", err)
	}
	n := 0
	for _, c := range commits {
		n += len(c)
	}
	return Rate{Events: n, Elapsed: elapsed}, nil
}

// commitOne writes one row and its event in one transaction and returns
// the event id.
func commitOne(ctx context.Context, e *env, writer, seq int) (string, error) {
	ev, err := newEvent(outboxType, writer, seq)
	if err != nil {
		return "", err
	}
	err = e.db.InTx(ctx, func(ctx context.Context) error {
		if _, err := e.db.Q(ctx).ExecContext(ctx,
			`INSERT INTO bench_rows (id, writer, seq, note, amount, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
			ev.ID, writer, seq, note, seq%1000, time.Now().UnixMicro()); err != nil {
			return fmt.Errorf("insert row: %w", err)
		}
		return bus.AddToOutbox(ctx, e.db, ev)
	})
	if err != nil {
		return "", fmt.Errorf("commit %s: %w", ev.Subject, err)
	}
	return ev.ID, nil
}

// receiver records when each outbox event reaches a consumer.
type receiver struct {
	mu    sync.Mutex
	got   map[string]time.Time
	dupes int
	more  chan struct{} // signalled on every arrival
}

// receive starts an ordered JetStream consumer on the outbox events that
// arrive from now on.
func receive(ctx context.Context, e *env) (*receiver, func(), error) {
	c, err := e.bus.JetStream().OrderedConsumer(ctx, e.bus.StreamName("commerce"), jetstream.OrderedConsumerConfig{
		FilterSubjects: []string{e.bus.Subject(outboxType)},
		DeliverPolicy:  jetstream.DeliverNewPolicy,
	})
	if err != nil {
		return nil, nil, fmt.Errorf("outbox consumer: %w", err)
	}
	r := &receiver{got: map[string]time.Time{}, more: make(chan struct{}, 1)}
	cc, err := c.Consume(func(m jetstream.Msg) {
		at := time.Now()
		id := m.Headers().Get(jetstream.MsgIDHeader)
		r.mu.Lock()
		if _, ok := r.got[id]; ok {
			r.dupes++
		} else {
			r.got[id] = at
		}
		r.mu.Unlock()
		select {
		case r.more <- struct{}{}:
		default:
		}
	})
	if err != nil {
		return nil, nil, fmt.Errorf("outbox consumer: %w", err)
	}
	return r, cc.Stop, nil
}

// waitFor waits until n events arrived, at most d, and returns them.
func (r *receiver) waitFor(ctx context.Context, n int, d time.Duration) (map[string]time.Time, error) {
	deadline := time.After(d)
	for {
		r.mu.Lock()
		have := len(r.got)
		r.mu.Unlock()
		if have >= n {
			r.mu.Lock()
			defer r.mu.Unlock()
			return r.got, nil
		}
		select {
		case <-r.more:
		case <-deadline:
			return nil, fmt.Errorf("outbox relay: %d of %d committed events published within %s", have, n, d)
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}
