package bus

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
)

// Relay publishes a service's committed outbox rows to JetStream, in
// sequence order, and deletes them once acknowledged. It is a
// lifecycle.Service; run one per service that writes events.
//
// Each round reads up to a batch of rows, publishes them all asynchronously
// (many in flight on one connection), waits for every acknowledgement and
// deletes the acknowledged rows with one statement. A crash between the
// publish and the delete leaves rows that are published again on restart;
// JetStream drops those as duplicates because Nats-Msg-Id is the event id
// (within Config.DuplicateWindow). If one publish of a batch fails, the
// later ones may already be stored, so that event goes out after them:
// order holds as long as publishes succeed, and consumers must tolerate the
// rare exception (as they tolerate redelivery). On PostgreSQL, sequence
// numbers are taken at insert and rows become visible at commit, so the
// events of concurrent transactions may go out in either order; events of
// one transaction, and of transactions serialised by a row lock on the same
// entity (with AddToOutbox after the state change), keep their order.
//
// On PostgreSQL several replicas of a service share the outbox, and only the
// one holding a session advisory lock (pg_try_advisory_lock, keyed by schema
// and service) publishes; it reads and deletes through that same connection,
// so losing the connection also stops it publishing. The others stand by and
// retry the lock. SQLite has a single process, so no lock is needed.
type Relay struct {
	b         *Bus
	db        *sqldb.DB
	service   string
	logger    *slog.Logger
	batch     int
	poll      time.Duration
	lockRetry time.Duration
	wake      chan struct{}

	published     prometheus.Counter
	publishErrors prometheus.Counter
	depth         prometheus.Gauge
	latency       prometheus.Observer
}

// RelayOption tunes a Relay.
type RelayOption func(*Relay)

// WithBatchSize sets how many rows one round publishes (default 500).
func WithBatchSize(n int) RelayOption {
	return func(r *Relay) {
		if n > 0 {
			r.batch = n
		}
	}
}

// WithPollInterval sets how often an idle relay looks for rows nobody
// announced with Notify (default 250ms).
func WithPollInterval(d time.Duration) RelayOption {
	return func(r *Relay) {
		if d > 0 {
			r.poll = d
		}
	}
}

// WithLockRetry sets how often a standby relay (PostgreSQL) tries to take
// over publishing (default 2s).
func WithLockRetry(d time.Duration) RelayOption {
	return func(r *Relay) {
		if d > 0 {
			r.lockRetry = d
		}
	}
}

// The relay's defaults and limits.
const (
	DefaultRelayBatch = 500
	DefaultRelayPoll  = 250 * time.Millisecond
	relayLockRetry    = 2 * time.Second
	relayMaxBackoff   = 5 * time.Second
	relayDepthEvery   = 2 * time.Second
	relayRoundTimeout = publishTimeout + 10*time.Second
)

// NewRelay returns the outbox relay of service, whose database is db.
func NewRelay(b *Bus, db *sqldb.DB, service string, logger *slog.Logger, opts ...RelayOption) *Relay {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	r := &Relay{
		b: b, db: db, service: service,
		logger:    logger.With("component", "outbox-relay", "service", service),
		batch:     DefaultRelayBatch,
		poll:      DefaultRelayPoll,
		lockRetry: relayLockRetry,
		wake:      make(chan struct{}, 1),

		published:     b.metrics.published.WithLabelValues(service),
		publishErrors: b.metrics.publishErrors.WithLabelValues(service),
		depth:         b.metrics.outboxDepth.WithLabelValues(service),
		latency:       b.metrics.commitLatency.WithLabelValues(service),
	}
	for _, o := range opts {
		o(r)
	}
	return r
}

// Name implements lifecycle.Service.
func (r *Relay) Name() string { return r.service + "-outbox-relay" }

// Notify wakes the relay to publish new rows now; it never blocks. Call it
// after the InTx that added events returned nil.
func (r *Relay) Notify() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// Run implements lifecycle.Service: it publishes until ctx is cancelled,
// finishing the round in flight (publish, wait for acks, delete) first.
func (r *Relay) Run(ctx context.Context, ready func()) error {
	ready()
	var sess *relaySession
	defer func() { sess.release() }()
	var lastDepth time.Time
	backoff := r.poll
	for ctx.Err() == nil {
		if sess == nil {
			var err error
			if sess, err = r.acquire(ctx); err != nil || sess == nil {
				if err != nil && ctx.Err() == nil {
					r.logger.Warn("outbox relay: take the publishing lock", "err", err)
				}
				r.sleep(ctx, r.lockRetry, false)
				continue
			}
		}
		// The round runs to its end even when ctx is cancelled meanwhile, so
		// what was published is also deleted.
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), relayRoundTimeout)
		n, err := r.round(rctx, sess.q)
		if err == nil && time.Since(lastDepth) >= relayDepthEvery {
			err = r.refreshDepth(rctx, sess.q)
			lastDepth = time.Now()
		}
		cancel()
		if err != nil {
			r.logger.Warn("outbox relay round failed; retrying", "err", err, "retry_in", backoff)
			// The connection may be what failed: on PostgreSQL give the lock up
			// with it and take it again (or let a standby take over).
			sess.release()
			sess = nil
			r.sleep(ctx, backoff, false)
			backoff = min(2*backoff, relayMaxBackoff)
			continue
		}
		backoff = r.poll
		if n < r.batch {
			r.sleep(ctx, r.poll, true)
		}
	}
	return nil
}

// sleep waits for d, ctx, or (when wakeable) a Notify.
func (r *Relay) sleep(ctx context.Context, d time.Duration, wakeable bool) {
	t := time.NewTimer(d)
	defer t.Stop()
	var wake <-chan struct{}
	if wakeable {
		wake = r.wake
	}
	select {
	case <-ctx.Done():
	case <-t.C:
	case <-wake:
	}
}

func (r *Relay) refreshDepth(ctx context.Context, q sqldb.Querier) error {
	var n int64
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM bus_outbox`).Scan(&n); err != nil {
		return fmt.Errorf("count outbox: %w", sqldb.Classify(err))
	}
	r.depth.Set(float64(n))
	return nil
}

// relaySession is where a relay runs its SQL: the pool on SQLite, the
// connection holding the advisory lock on PostgreSQL.
type relaySession struct {
	q    sqldb.Querier
	conn *sql.Conn // nil on SQLite
}
