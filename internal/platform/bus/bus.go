// Package bus carries SportHub's domain events over NATS JetStream: an
// embedded in-process server by default (file storage, fsync on every write)
// or an external cluster, one stream per domain plus a dead-letter stream.
//
// Producers never publish a state change's event directly: they write it to
// the transactional outbox (AddToOutbox) inside the same database
// transaction as the change, and a Relay publishes committed rows with the
// event id as Nats-Msg-Id, so JetStream drops the republish that follows a
// crash. Consumers are durable pull consumers that retry with back-off and
// dead-letter what keeps failing; HandleOnce records processed event ids in
// the service's inbox in the same transaction as the consumer's own change.
// Together: at-least-once delivery, effectively-once effect.
//
// The outbox and inbox tables live in each service's own database; Migrate
// creates them with a goose version table of their own (bus_schema_version).
package bus

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/sporthub/sporthub/internal/platform/lifecycle"
)

// Bus is a connection to JetStream (and the embedded server, if any).
type Bus struct {
	cfg           Config
	subjectPrefix string // "" or "<SubjectPrefix>."
	logger        *slog.Logger
	metrics       *metrics
	srv           *server.Server // nil when external
	nc            *nats.Conn
	js            jetstream.JetStream
	closed        chan struct{} // closed by the connection's ClosedHandler
}

// Open starts the embedded server (cfg.URL == "") or connects to the
// external one, and creates or updates the streams. Metrics are registered
// with reg (nil: not registered).
func Open(ctx context.Context, cfg Config, logger *slog.Logger, reg prometheus.Registerer) (*Bus, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	m, err := newMetrics(reg)
	if err != nil {
		return nil, err
	}
	b := &Bus{cfg: cfg, logger: logger.With("component", "bus"), metrics: m, closed: make(chan struct{})}
	if cfg.SubjectPrefix != "" {
		b.subjectPrefix = cfg.SubjectPrefix + "."
	}
	opts := []nats.Option{
		nats.Name("sporthub"),
		nats.ClosedHandler(func(*nats.Conn) { close(b.closed) }),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil {
				b.logger.Warn("nats disconnected", "err", err)
			}
		}),
		nats.ReconnectHandler(func(nc *nats.Conn) { b.logger.Info("nats reconnected", "url", nc.ConnectedUrlRedacted()) }),
		nats.ErrorHandler(func(_ *nats.Conn, sub *nats.Subscription, err error) {
			b.logger.Warn("nats async error", "err", err)
		}),
	}
	url := cfg.URL
	if cfg.Embedded() {
		if b.srv, err = startEmbedded(cfg, logger); err != nil {
			return nil, err
		}
		url = b.srv.ClientURL()
		opts = append(opts, nats.InProcessServer(b.srv))
	} else {
		opts = append(opts, nats.MaxReconnects(-1), nats.ReconnectWait(time.Second), nats.RetryOnFailedConnect(false))
	}
	if b.nc, err = nats.Connect(url, opts...); err != nil {
		b.shutdownServer()
		return nil, fmt.Errorf("connect nats %s: %w", redact(cfg.URL), err)
	}
	b.js, err = jetstream.New(b.nc,
		jetstream.WithPublishAsyncMaxPending(publishWindow),
		jetstream.WithPublishAsyncTimeout(publishTimeout))
	if err != nil {
		b.Close()
		return nil, fmt.Errorf("jetstream: %w", err)
	}
	if err := b.ensureStreams(ctx); err != nil {
		b.Close()
		return nil, err
	}
	return b, nil
}

// publishWindow bounds the async publishes in flight on one connection;
// publishTimeout bounds the wait for each acknowledgement.
const (
	publishWindow  = 4096
	publishTimeout = 30 * time.Second
)

// ensureStreams creates or updates one stream per domain and the DLQ stream.
func (b *Bus) ensureStreams(ctx context.Context) error {
	for _, d := range domains {
		sc := jetstream.StreamConfig{
			Name:        b.StreamName(d),
			Description: "SportHub " + d + " domain events",
			Subjects:    []string{b.Subject(d + ".>")},
			Storage:     jetstream.FileStorage,
			Replicas:    b.cfg.Replicas,
			Duplicates:  b.cfg.DuplicateWindow,
			MaxAge:      b.cfg.MaxAge,
		}
		if _, err := b.js.CreateOrUpdateStream(ctx, sc); err != nil {
			return fmt.Errorf("ensure stream %s: %w", sc.Name, err)
		}
	}
	sc := jetstream.StreamConfig{
		Name:        b.DLQStream(),
		Description: "SportHub dead-lettered events, kept until removed",
		Subjects:    []string{b.subjectPrefix + dlqToken + ".>"},
		Storage:     jetstream.FileStorage,
		Replicas:    b.cfg.Replicas,
		Duplicates:  b.cfg.DuplicateWindow,
	}
	if _, err := b.js.CreateOrUpdateStream(ctx, sc); err != nil {
		return fmt.Errorf("ensure stream %s: %w", sc.Name, err)
	}
	return nil
}

// Close drains the connection (pending publishes and acks go out) and shuts
// the embedded server down. Stop relays and consumers first.
func (b *Bus) Close() {
	if b.nc != nil && !b.nc.IsClosed() {
		if err := b.nc.Drain(); err != nil {
			b.nc.Close()
		}
		select {
		case <-b.closed:
		case <-time.After(10 * time.Second):
			b.nc.Close()
		}
	}
	b.shutdownServer()
}

func (b *Bus) shutdownServer() {
	if b.srv != nil {
		b.srv.Shutdown()
		b.srv.WaitForShutdown()
	}
}

// Service wraps the bus for the lifecycle manager: ready at once, closed when
// stopped. Register it before the relays and consumers that use it, so it
// stops after them.
func (b *Bus) Service() lifecycle.Service {
	return lifecycle.Idle("bus", func(context.Context) error { b.Close(); return nil })
}

// JetStream returns the JetStream API on the bus's connection.
func (b *Bus) JetStream() jetstream.JetStream { return b.js }

// Conn returns the NATS connection.
func (b *Bus) Conn() *nats.Conn { return b.nc }

// Server returns the embedded server, or nil when the bus is external.
func (b *Bus) Server() *server.Server { return b.srv }

// Config returns the configuration with defaults filled in.
func (b *Bus) Config() Config { return b.cfg }

// Ping checks that the server answers (a round trip on the connection), for
// readiness checks.
func (b *Bus) Ping(ctx context.Context) error {
	if b.srv != nil && !b.srv.Running() {
		return errors.New("ping nats: embedded server is not running")
	}
	if !b.nc.IsConnected() {
		return fmt.Errorf("ping nats: connection %s", b.nc.Status())
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
	}
	if err := b.nc.FlushWithContext(ctx); err != nil {
		return fmt.Errorf("ping nats: %w", err)
	}
	return nil
}
