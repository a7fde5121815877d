// Package live fans a live session's updates out to the viewers connected
// to this process. Updates travel over core NATS on
// "<prefix>live.track.<session_id>" (outside every JetStream stream: they
// are not stored); a process subscribes to a session's subject while it
// has at least one viewer of that session, so ingest in one process
// reaches viewers in every other.
//
// An update carries one encoded message per audience (the owner, followers,
// share links), each encoded once by the publisher with that audience's
// privacy applied; the hub writes the same bytes to every viewer of the
// audience without decoding or encoding anything. Every viewer has a
// bounded queue: one that falls behind is dropped instead of slowing the
// rest, so one process serves thousands of viewers of a session.
package live

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/domain"
)

// Audience is who a viewer is to the athlete.
type Audience int

// Audiences.
const (
	Owner Audience = iota
	Follower
	Shared
)

// Update is one message to a session's viewers. A nil audience message
// sends nothing to that audience.
type Update struct {
	Owner    json.RawMessage `json:"o,omitempty"`
	Follower json.RawMessage `json:"f,omitempty"`
	Shared   json.RawMessage `json:"s,omitempty"`
	// Ended closes every connection after this message: the session ended.
	Ended bool `json:"end,omitempty"`
	// RevokeFollowers drops every follower (the owner's privacy no longer
	// lets followers watch); RevokeViewer drops the connections of one
	// user (they stopped following); RevokeShare those of one share link.
	RevokeFollowers bool   `json:"rf,omitempty"`
	RevokeViewer    string `json:"rv,omitempty"`
	RevokeShare     string `json:"rs,omitempty"`
}

// Reasons a viewer is dropped.
const (
	ReasonEnded    = "session ended"
	ReasonSlow     = "too slow"
	ReasonRevoked  = "access revoked"
	ReasonStopping = "server stopping"
)

// Viewer is one connected viewer: messages arrive on Messages; Gone is
// closed when the hub drops it.
type Viewer struct {
	SessionID string
	Audience  Audience
	UserID    string // the viewer's user ("" for a share link)
	ShareID   string // the share link used ("" otherwise)

	send   chan []byte
	gone   chan struct{}
	once   sync.Once
	reason string
}

// Messages delivers encoded trackerapi.LiveMessages.
func (v *Viewer) Messages() <-chan []byte { return v.send }

// Gone is closed when the connection must end; Reason says why.
func (v *Viewer) Gone() <-chan struct{} { return v.gone }

// Reason says why the viewer was dropped.
func (v *Viewer) Reason() string { return v.reason }

func (v *Viewer) drop(reason string) {
	v.once.Do(func() {
		v.reason = reason
		close(v.gone)
	})
}

// room is one session's viewers on this process.
type room struct {
	sub     *nats.Subscription
	mu      sync.RWMutex
	viewers map[*Viewer]struct{}
}

// Hub is one process's live viewers.
type Hub struct {
	nc         *nats.Conn
	base       string // "<prefix>live.track"
	maxViewers int
	queue      int
	logger     *slog.Logger

	mu      sync.Mutex
	rooms   map[string]*room
	stopped bool
	done    chan struct{}
	count   atomic.Int64
}

// New returns a hub publishing and listening on base+".<session_id>".
func New(nc *nats.Conn, base string, maxViewers, queue int, logger *slog.Logger) *Hub {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Hub{nc: nc, base: base, maxViewers: maxViewers, queue: queue, logger: logger,
		rooms: map[string]*room{}, done: make(chan struct{})}
}

// Done is closed when the hub stops.
func (h *Hub) Done() <-chan struct{} { return h.done }

// Viewers is how many viewers this process serves.
func (h *Hub) Viewers() int { return int(h.count.Load()) }

// Rooms is how many sessions this process has viewers of (and so NATS
// subscriptions).
func (h *Hub) Rooms() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.rooms)
}

// validToken reports whether an id can be a subject token.
func validToken(s string) bool { return s != "" && !strings.ContainsAny(s, ".*> \t\r\n") }

// Join adds a viewer of a session, subscribing this process to the
// session's updates if it is the first. Once Join returns, every update
// published afterwards reaches the viewer, so state read from the store
// after Join and the updates that follow leave no gap.
func (h *Hub) Join(sessionID string, aud Audience, userID, shareID string) (*Viewer, error) {
	if !validToken(sessionID) {
		return nil, domain.ErrSessionNotFound
	}
	v := &Viewer{SessionID: sessionID, Audience: aud, UserID: userID, ShareID: shareID,
		send: make(chan []byte, h.queue), gone: make(chan struct{})}
	h.mu.Lock()
	if h.stopped {
		h.mu.Unlock()
		return nil, domain.ErrStopping
	}
	r := h.rooms[sessionID]
	if r == nil {
		r = &room{viewers: map[*Viewer]struct{}{}}
		sub, err := h.nc.Subscribe(h.base+"."+sessionID, func(m *nats.Msg) { h.deliver(r, m.Data) })
		if err != nil {
			h.mu.Unlock()
			return nil, fmt.Errorf("subscribe to live updates: %w", err)
		}
		r.sub = sub
		h.rooms[sessionID] = r
	}
	r.mu.Lock()
	if len(r.viewers) >= h.maxViewers {
		r.mu.Unlock()
		h.mu.Unlock()
		return nil, domain.ErrTooManyViewers
	}
	r.viewers[v] = struct{}{}
	r.mu.Unlock()
	h.count.Add(1)
	h.mu.Unlock()
	// The subscription is in place on the server once the round trip is.
	if err := h.nc.FlushTimeout(5 * time.Second); err != nil {
		h.Leave(v)
		return nil, fmt.Errorf("subscribe to live updates: %w", err)
	}
	return v, nil
}

// Leave removes a viewer, unsubscribing from the session's updates when it
// was the last.
func (h *Hub) Leave(v *Viewer) {
	h.mu.Lock()
	defer h.mu.Unlock()
	r := h.rooms[v.SessionID]
	if r == nil {
		return
	}
	r.mu.Lock()
	if _, ok := r.viewers[v]; ok {
		delete(r.viewers, v)
		h.count.Add(-1)
	}
	empty := len(r.viewers) == 0
	r.mu.Unlock()
	if empty {
		_ = r.sub.Unsubscribe()
		delete(h.rooms, v.SessionID)
	}
}

// Publish sends an update to the session's viewers in every process. Live
// updates are best effort: a failure is logged, never returned.
func (h *Hub) Publish(sessionID string, u Update) {
	if !validToken(sessionID) {
		return
	}
	b, err := json.Marshal(u)
	if err == nil {
		err = h.nc.Publish(h.base+"."+sessionID, b)
	}
	if err != nil {
		h.logger.Warn("publish live update", "session_id", sessionID, "err", err)
	}
}

// deliver hands an update to the room's viewers; a viewer whose queue is
// full is dropped instead of slowing the rest.
func (h *Hub) deliver(r *room, data []byte) {
	var u Update
	if err := json.Unmarshal(data, &u); err != nil {
		h.logger.Warn("bad live update", "err", err)
		return
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	for v := range r.viewers {
		switch {
		case u.RevokeFollowers && v.Audience == Follower,
			u.RevokeViewer != "" && v.Audience == Follower && v.UserID == u.RevokeViewer,
			u.RevokeShare != "" && v.ShareID == u.RevokeShare:
			v.drop(ReasonRevoked)
			continue
		}
		var msg []byte
		switch v.Audience {
		case Owner:
			msg = u.Owner
		case Follower:
			msg = u.Follower
		case Shared:
			msg = u.Shared
		}
		if msg != nil {
			select {
			case v.send <- msg:
			default:
				v.drop(ReasonSlow)
				continue
			}
		}
		if u.Ended {
			v.drop(ReasonEnded)
		}
	}
}

// Run waits until ctx is cancelled, then ends every connection and stops
// taking new ones.
func (h *Hub) Run(ctx context.Context, ready func()) error {
	ready()
	<-ctx.Done()
	h.mu.Lock()
	h.stopped = true
	close(h.done)
	for id, r := range h.rooms {
		r.mu.RLock()
		for v := range r.viewers {
			v.drop(ReasonStopping)
		}
		h.count.Add(-int64(len(r.viewers)))
		r.mu.RUnlock()
		_ = r.sub.Unsubscribe()
		delete(h.rooms, id)
	}
	h.mu.Unlock()
	return nil
}
