package bus

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// Run implements lifecycle.Service. It creates (or updates) the durable
// consumers, reports ready, and handles events until ctx is cancelled. Then
// it stops pulling, hands prefetched messages back to the server (Nak, so
// another replica gets them at once), lets the handlers in flight finish and
// acknowledge, and returns nil. While NATS is unreachable it keeps retrying.
func (c *Consumer) Run(ctx context.Context, ready func()) error {
	for i := range c.groups {
		delay := 100 * time.Millisecond
		for {
			_, err := c.ensure(ctx, i)
			if err == nil {
				break
			}
			if ctx.Err() != nil {
				return nil
			}
			c.logger.Warn("create consumer; retrying", "err", err, "retry_in", delay)
			sleepCtx(ctx, delay)
			delay = min(2*delay, consumerRetryMax)
		}
	}
	ready()
	sem := make(chan struct{}, c.sub.Concurrency)
	var loops, handlers sync.WaitGroup
	for i := range c.groups {
		loops.Go(func() { c.consume(ctx, i, sem, &handlers) })
	}
	loops.Go(func() { c.refreshLag(ctx) })
	loops.Wait()
	handlers.Wait()
	return nil
}

// consume pulls from group i's consumer until ctx is cancelled, recreating
// the pull subscription (and the consumer, if it was deleted) on failure.
func (c *Consumer) consume(ctx context.Context, i int, sem chan struct{}, handlers *sync.WaitGroup) {
	c.mu.Lock()
	h := c.handles[i]
	c.mu.Unlock()
	delay := 100 * time.Millisecond
	for ctx.Err() == nil {
		it, err := h.Messages(jetstream.PullMaxMessages(2 * c.sub.Concurrency))
		if err == nil {
			c.pull(ctx, it, sem, handlers)
			if ctx.Err() != nil {
				return
			}
			err = errors.New("message iterator closed")
		}
		c.logger.Warn("pull messages; retrying", "stream", c.groups[i].stream, "err", err, "retry_in", delay)
		sleepCtx(ctx, delay)
		delay = min(2*delay, consumerRetryMax)
		if nh, err := c.ensure(ctx, i); err == nil {
			h = nh
		}
	}
}

// pull dispatches messages from it to handlers, at most Concurrency at once.
func (c *Consumer) pull(ctx context.Context, it jetstream.MessagesContext, sem chan struct{}, handlers *sync.WaitGroup) {
	// Drain (rather than Stop) keeps the prefetched messages readable, so
	// they can be handed back below instead of waiting out AckWait.
	stop := context.AfterFunc(ctx, it.Drain)
	defer stop()
	for {
		msg, err := it.Next()
		if errors.Is(err, jetstream.ErrMsgIteratorClosed) {
			return
		}
		if err != nil {
			c.logger.Warn("next message", "err", err)
			continue
		}
		if ctx.Err() != nil {
			_ = msg.Nak()
			continue
		}
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			_ = msg.Nak()
			continue
		}
		handlers.Go(func() {
			defer func() { <-sem }()
			c.handle(ctx, msg)
		})
	}
}

// refreshLag updates the lag gauge every few seconds.
func (c *Consumer) refreshLag(ctx context.Context) {
	t := time.NewTicker(lagEvery)
	defer t.Stop()
	for {
		lctx, cancel := context.WithTimeout(ctx, lagEvery)
		if _, err := c.Lag(lctx); err != nil && ctx.Err() == nil {
			c.logger.Debug("refresh consumer lag", "err", err)
		}
		cancel()
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func sleepCtx(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}
