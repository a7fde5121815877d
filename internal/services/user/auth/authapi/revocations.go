package authapi

import (
	"log/slog"
	"sync"
	"time"

	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/platform/bus"
)

// RevocationWindow is how far back a process reads revocations when it
// starts, and how long it keeps each: longer than any access token lives
// (the auth service refuses an access TTL above MaxAccessTTL).
const RevocationWindow = 2 * time.Hour

// MaxAccessTTL is the longest access-token lifetime the auth service
// accepts, so that RevocationWindow covers every token still valid.
const MaxAccessTTL = time.Hour

// RevocationList holds the recent AccessRevokedV1 events of the platform
// and tells an authn.Verifier which verified tokens are no longer valid. Every
// process that verifies tokens runs one, fed by a bus.Tail (see Tail).
type RevocationList struct {
	mu       sync.RWMutex
	users    map[string]time.Time    // user id -> tokens issued before are revoked
	sessions map[[2]string]time.Time // (user, session) -> likewise
	now      func() time.Time
	pruned   time.Time
}

// NewRevocationList returns an empty list.
func NewRevocationList() *RevocationList {
	return &RevocationList{users: map[string]time.Time{}, sessions: map[[2]string]time.Time{}, now: time.Now}
}

// Add records one revocation; a later IssuedBefore for the same user or
// session replaces an earlier one.
func (l *RevocationList) Add(ev AccessRevokedV1) {
	if ev.UserID == "" {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if ev.SessionID == "" {
		if ev.IssuedBefore.After(l.users[ev.UserID]) {
			l.users[ev.UserID] = ev.IssuedBefore
		}
	} else {
		k := [2]string{ev.UserID, ev.SessionID}
		if ev.IssuedBefore.After(l.sessions[k]) {
			l.sessions[k] = ev.IssuedBefore
		}
	}
	l.pruneLocked()
}

// pruneLocked drops entries older than the window at most once a minute:
// tokens they could revoke have expired.
func (l *RevocationList) pruneLocked() {
	now := l.now()
	if now.Sub(l.pruned) < time.Minute {
		return
	}
	l.pruned = now
	cut := now.Add(-RevocationWindow)
	for k, t := range l.users {
		if t.Before(cut) {
			delete(l.users, k)
		}
	}
	for k, t := range l.sessions {
		if t.Before(cut) {
			delete(l.sessions, k)
		}
	}
}

// Revoked implements authn.Revocations.
func (l *RevocationList) Revoked(p *authn.Principal) bool {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if t, ok := l.users[p.Subject]; ok && p.IssuedAt.Before(t) {
		return true
	}
	if p.SessionID != "" {
		if t, ok := l.sessions[[2]string{p.Subject, p.SessionID}]; ok && p.IssuedAt.Before(t) {
			return true
		}
	}
	return false
}

// Tail returns the lifecycle service that feeds the list from the bus,
// starting RevocationWindow ago.
func (l *RevocationList) Tail(b *bus.Bus, logger *slog.Logger) (*bus.Tail, error) {
	return bus.NewTail(b, EventAccessRevoked, RevocationWindow, func(ev bus.Event) {
		var r AccessRevokedV1
		if err := ev.Decode(&r); err != nil {
			if logger != nil {
				logger.Warn("undecodable access revocation", "event", ev.ID, "err", err)
			}
			return
		}
		l.Add(r)
	}, logger)
}

var _ authn.Revocations = (*RevocationList)(nil)
