// Package live keeps the open live inbox connections of this process and
// fans inbox changes out to them. Changes travel over core NATS on
// "<prefix>live.notify.<user_id>" (outside every JetStream stream, so they
// are not stored), which every notify process subscribes to: a user
// connected to one process hears about items created in another.
package live

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"sync"

	"github.com/nats-io/nats.go"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/domain"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
)

// Buffer is how many messages a connection may fall behind before it is
// dropped as too slow.
const Buffer = 32

// Hub is one process's set of live connections.
type Hub struct {
	nc         *nats.Conn
	base       string // "<prefix>live.notify"
	maxPerUser int
	logger     *slog.Logger
	gauge      prometheus.Gauge

	mu    sync.Mutex
	conns map[string]map[*Conn]struct{}
	done  chan struct{} // closed when the hub stops
}

// Conn is one registered connection: messages arrive on Messages; Gone is
// closed when the hub dropped it (too slow, or the hub stopped).
type Conn struct {
	userID string
	send   chan []byte
	gone   chan struct{}
	once   sync.Once
	reason string
}

// Messages delivers encoded LiveMessages.
func (c *Conn) Messages() <-chan []byte { return c.send }

// Gone is closed when the connection must end; Reason says why.
func (c *Conn) Gone() <-chan struct{} { return c.gone }

// Reason says why the connection was dropped.
func (c *Conn) Reason() string { return c.reason }

func (c *Conn) drop(reason string) {
	c.once.Do(func() {
		c.reason = reason
		close(c.gone)
	})
}

// New returns a hub publishing and listening on base+".<user_id>" (base is
// the wire subject prefix, e.g. bus.Subject("live.notify")).
func New(nc *nats.Conn, base string, maxPerUser int, logger *slog.Logger, reg prometheus.Registerer) (*Hub, error) {
	h := &Hub{nc: nc, base: base, maxPerUser: maxPerUser, logger: logger, conns: map[string]map[*Conn]struct{}{},
		done: make(chan struct{}),
		gauge: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "sporthub_notify_live_connections", Help: "Open live inbox WebSocket connections of this process.",
		})}
	if reg != nil {
		if err := reg.Register(h.gauge); err != nil {
			return nil, fmt.Errorf("register live metrics: %w", err)
		}
	}
	return h, nil
}

// Done is closed when the hub stops: connections must end.
func (h *Hub) Done() <-chan struct{} { return h.done }

// Register adds a connection for userID.
func (h *Hub) Register(userID string) (*Conn, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	select {
	case <-h.done:
		return nil, domain.ErrStopping
	default:
	}
	if len(h.conns[userID]) >= h.maxPerUser {
		return nil, domain.ErrTooManyStreams
	}
	c := &Conn{userID: userID, send: make(chan []byte, Buffer), gone: make(chan struct{})}
	if h.conns[userID] == nil {
		h.conns[userID] = map[*Conn]struct{}{}
	}
	h.conns[userID][c] = struct{}{}
	h.gauge.Inc()
	return c, nil
}

// Unregister removes a connection.
func (h *Hub) Unregister(c *Conn) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if set, ok := h.conns[c.userID]; ok {
		if _, ok := set[c]; ok {
			delete(set, c)
			h.gauge.Dec()
		}
		if len(set) == 0 {
			delete(h.conns, c.userID)
		}
	}
}

// validToken reports whether a user id can be a subject token.
func validToken(s string) bool {
	return s != "" && !strings.ContainsAny(s, ".*> \t\r\n")
}

// Publish sends messages to the user's connections in every process.
// Live updates are best effort: a failure is logged, never returned.
func (h *Hub) Publish(userID string, msgs ...notifyapi.LiveMessage) {
	if !validToken(userID) || len(msgs) == 0 {
		return
	}
	b, err := json.Marshal(msgs)
	if err == nil {
		err = h.nc.Publish(h.base+"."+userID, b)
	}
	if err != nil {
		h.logger.Warn("publish live inbox update", "err", err)
	}
}

// deliver hands encoded messages to the user's local connections; a
// connection whose buffer is full is dropped instead of slowing the rest.
func (h *Hub) deliver(userID string, msgs []json.RawMessage) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.conns[userID] {
		for _, m := range msgs {
			select {
			case c.send <- m:
			default:
				c.drop("too slow")
			}
		}
	}
}

// Run listens for updates until ctx is cancelled, then ends every
// connection. ready is called once the subscription is in place.
func (h *Hub) Run(ctx context.Context, ready func()) error {
	sub, err := h.nc.Subscribe(h.base+".*", func(m *nats.Msg) {
		userID := strings.TrimPrefix(m.Subject, h.base+".")
		var msgs []json.RawMessage
		if err := json.Unmarshal(m.Data, &msgs); err != nil {
			h.logger.Warn("bad live inbox update", "subject", m.Subject, "err", err)
			return
		}
		h.deliver(userID, msgs)
	})
	if err != nil {
		return fmt.Errorf("subscribe to live inbox updates: %w", err)
	}
	if err := h.nc.Flush(); err != nil {
		_ = sub.Unsubscribe()
		return fmt.Errorf("subscribe to live inbox updates: %w", err)
	}
	ready()
	<-ctx.Done()
	_ = sub.Unsubscribe()
	h.mu.Lock()
	close(h.done)
	for _, set := range h.conns {
		for c := range set {
			c.drop("server stopping")
		}
	}
	h.mu.Unlock()
	return nil
}
