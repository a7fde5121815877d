package bus

import (
	"context"
	"fmt"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"

	"github.com/sporthub/sporthub/internal/platform/observability"
)

// Headers of a dead-lettered message, beside the original's own headers.
const (
	HeaderDLQError      = "Sporthub-Dlq-Error"      // the last handler error
	HeaderDLQConsumer   = "Sporthub-Dlq-Consumer"   // the consumer that gave up
	HeaderDLQDeliveries = "Sporthub-Dlq-Deliveries" // deliveries so far
	HeaderDLQEventID    = "Sporthub-Dlq-Event-Id"   // the original event id
	HeaderDLQSubject    = "Sporthub-Dlq-Subject"    // the original wire subject
	HeaderDLQStreamSeq  = "Sporthub-Dlq-Stream-Seq" // stream and sequence of the original
	HeaderDLQPermanent  = "Sporthub-Dlq-Permanent"  // "true" when not retried
)

// handle runs the handler for one delivery and settles the message: Ack,
// Nak with back-off, or dead-letter and Term.
func (c *Consumer) handle(ctx context.Context, msg jetstream.Msg) {
	start := time.Now()
	deliveries := uint64(1)
	meta, metaErr := msg.Metadata()
	if metaErr == nil {
		deliveries = meta.NumDelivered
	}
	typ := c.b.Type(msg.Subject())
	// In-flight handlers finish even when the consumer is stopping.
	hctx := observability.ExtractHeaders(context.WithoutCancel(ctx), msg.Headers())
	hctx, span := observability.StartSpan(hctx, "consume "+typ, trace.SpanKindConsumer,
		attribute.String("messaging.system", "nats"),
		attribute.String("messaging.consumer.group.name", c.sub.Name),
		attribute.String("messaging.destination.name", msg.Subject()))
	defer span.End()

	ev, err := decodeEvent(msg.Data(), typ)
	switch {
	case err != nil:
		err = Permanent(err)
	case deliveries > uint64(c.sub.MaxDeliver):
		// Earlier deliveries never settled (the process died or AckWait ran
		// out): do not let a poison event crash the consumer forever.
		err = Permanent(fmt.Errorf("delivered %d times, over the limit of %d, without settling", deliveries, c.sub.MaxDeliver))
	default:
		span.SetAttributes(attribute.String("messaging.message.id", ev.ID))
		stop := c.keepAlive(msg)
		err = c.callHandler(hctx, ev)
		stop()
		c.handleTime.Observe(time.Since(start).Seconds())
	}
	if err == nil {
		c.consumed.Inc()
		if aerr := msg.Ack(); aerr != nil {
			c.logger.Warn("ack", "type", typ, "event_id", ev.ID, "err", aerr)
		}
		return
	}
	span.RecordError(err)
	span.SetStatus(codes.Error, "handler failed")
	c.failed.Inc()
	if IsPermanent(err) || deliveries >= uint64(c.sub.MaxDeliver) {
		c.deadLetter(hctx, msg, typ, ev.ID, meta, deliveries, err)
		return
	}
	delay := c.sub.Backoff[min(int(deliveries)-1, len(c.sub.Backoff)-1)]
	c.logger.Warn("handler failed; will retry", "type", typ, "event_id", ev.ID,
		"delivery", deliveries, "retry_in", delay, "err", err)
	if nerr := msg.NakWithDelay(delay); nerr != nil {
		c.logger.Warn("nak", "type", typ, "event_id", ev.ID, "err", nerr)
	}
}

// callHandler runs the handler, turning a panic into an error so one bad
// event cannot take the process down.
func (c *Consumer) callHandler(ctx context.Context, ev Event) (err error) {
	defer func() {
		if p := recover(); p != nil {
			c.logger.Error("handler panicked", "type", ev.Type, "event_id", ev.ID, "panic", p, "stack", string(debug.Stack()))
			err = fmt.Errorf("handler panic: %v", p)
		}
	}()
	return c.sub.Handler(ctx, ev)
}

// keepAlive tells the server the message is still being worked on every
// half AckWait, so a slow handler is not raced by a redelivery.
func (c *Consumer) keepAlive(msg jetstream.Msg) (stop func()) {
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(c.sub.AckWait / 2)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				_ = msg.InProgress()
			}
		}
	}()
	return func() { close(done) }
}

// deadLetter copies the message to "<prefix>dlq.<type>" with headers saying
// why, then terminates the original. If the copy cannot be stored the
// original is retried later instead, so nothing is dropped.
func (c *Consumer) deadLetter(ctx context.Context, msg jetstream.Msg, typ, eventID string, meta *jetstream.MsgMetadata, deliveries uint64, cause error) {
	if eventID == "" {
		eventID = msg.Headers().Get(jetstream.MsgIDHeader)
	}
	out := nats.NewMsg(c.b.DLQSubject(typ))
	out.Data = msg.Data()
	for k, v := range msg.Headers() {
		if !strings.HasPrefix(k, "Nats-") {
			out.Header[k] = v
		}
	}
	out.Header.Set(HeaderDLQError, headerValue(cause.Error()))
	out.Header.Set(HeaderDLQConsumer, c.sub.Name)
	out.Header.Set(HeaderDLQDeliveries, strconv.FormatUint(deliveries, 10))
	out.Header.Set(HeaderDLQEventID, eventID)
	out.Header.Set(HeaderDLQSubject, msg.Subject())
	out.Header.Set(HeaderDLQPermanent, strconv.FormatBool(IsPermanent(cause)))
	dedup := c.sub.Name + ":" + eventID
	if meta != nil {
		out.Header.Set(HeaderDLQStreamSeq, meta.Stream+":"+strconv.FormatUint(meta.Sequence.Stream, 10))
		if eventID == "" {
			dedup = c.sub.Name + ":" + meta.Stream + ":" + strconv.FormatUint(meta.Sequence.Stream, 10)
		}
	}
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if _, err := c.b.js.PublishMsg(pctx, out, jetstream.WithMsgID(dedup)); err != nil {
		delay := c.sub.Backoff[len(c.sub.Backoff)-1]
		c.logger.Error("dead-letter failed; will retry the event", "type", typ, "event_id", eventID, "err", err, "cause", cause)
		_ = msg.NakWithDelay(delay)
		return
	}
	c.deadLettered.Inc()
	c.logger.Error("event dead-lettered", "type", typ, "event_id", eventID, "delivery", deliveries, "err", cause)
	// Plain Term: servers before 2.10.4 do not understand a reason.
	if err := msg.Term(); err != nil {
		c.logger.Warn("term dead-lettered message", "type", typ, "event_id", eventID, "err", err)
	}
}

// headerValue makes text safe for a header: one line, at most 1 KiB.
func headerValue(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 1024 {
		s = strings.ToValidUTF8(s[:1024], "")
	}
	return s
}
