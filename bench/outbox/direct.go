package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/sporthub/sporthub/internal/platform/bus"
)

// The event types of the two phases, so the outbox phase's receiver sees
// only its own events.
const (
	directType = "commerce.bench.direct_published.v1"
	outboxType = "commerce.bench.row_written.v1"
)

// payload is the data of every event: about the size of a real domain
// event's (the envelope is ~330 bytes).
type payload struct {
	Writer int    `json:"writer"`
	Seq    int    `json:"seq"`
	Amount int    `json:"amount"`
	Note   string `json:"note"`
}

var note = strings.Repeat("x", 64)

func newEvent(typ string, writer, seq int) (bus.Event, error) {
	return bus.NewEvent(typ, "bench", fmt.Sprintf("row_%d_%d", writer, seq),
		payload{Writer: writer, Seq: seq, Amount: seq % 1000, Note: note})
}

// publishSync publishes events with bus.Publish (each waits for its
// acknowledgement) from n goroutines for d.
func publishSync(ctx context.Context, e *env, n int, d time.Duration) (Rate, error) {
	var count atomic.Int64
	var firstErr error
	var once sync.Once
	var wg sync.WaitGroup
	start := time.Now()
	end := start.Add(d)
	for g := range n {
		wg.Go(func() {
			for seq := 0; time.Now().Before(end) && ctx.Err() == nil; seq++ {
				ev, err := newEvent(directType, g, seq)
				if err == nil {
					err = e.bus.Publish(ctx, ev)
				}
				if err != nil {
					once.Do(func() { firstErr = err })
					return
				}
				count.Add(1)
			}
		})
	}
	wg.Wait()
	if firstErr != nil {
		return Rate{}, fmt.Errorf("direct publish: %w", firstErr)
	}
	return Rate{Events: int(count.Load()), Elapsed: time.Since(start)}, ctx.Err()
}

// publishAsync publishes events asynchronously, as the relay does (the
// envelope as body, the event id as Nats-Msg-Id), keeping window publishes
// in flight, for d; it counts the acknowledged ones.
func publishAsync(ctx context.Context, e *env, window int, d time.Duration) (Rate, error) {
	js := e.bus.JetStream()
	inflight := make([]jetstream.PubAckFuture, 0, window)
	acked := 0
	wait := func(f jetstream.PubAckFuture) error {
		select {
		case <-f.Ok():
			acked++
			return nil
		case err := <-f.Err():
			return fmt.Errorf("direct async publish: %w", err)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	start := time.Now()
	end := start.Add(d)
	for seq := 0; time.Now().Before(end); seq++ {
		if len(inflight) == window {
			if err := wait(inflight[0]); err != nil {
				return Rate{}, err
			}
			inflight = inflight[1:]
		}
		ev, err := newEvent(directType, -1, seq)
		if err != nil {
			return Rate{}, err
		}
		body, err := json.Marshal(ev)
		if err != nil {
			return Rate{}, err
		}
		msg := &nats.Msg{Subject: e.bus.Subject(ev.Type), Data: body, Header: nats.Header{}}
		f, err := js.PublishMsgAsync(msg, jetstream.WithMsgID(ev.ID))
		if err != nil {
			return Rate{}, fmt.Errorf("direct async publish: %w", err)
		}
		inflight = append(inflight, f)
	}
	// Count what was acknowledged by the end of the window only, then drain
	// the rest. (An acknowledgement can be received from Ok() only once.)
	elapsed := time.Since(start)
	counted := acked
	var rest []jetstream.PubAckFuture
	for _, f := range inflight {
		select {
		case <-f.Ok():
			counted++
		default:
			rest = append(rest, f)
		}
	}
	for _, f := range rest {
		if err := wait(f); err != nil {
			return Rate{}, err
		}
	}
	return Rate{Events: counted, Elapsed: elapsed}, nil
}
