package app

import (
	"context"
	"fmt"
	"time"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/domain"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/live"
	"github.com/sporthub/sporthub/internal/services/training/tracker/internal/store"
	"github.com/sporthub/sporthub/internal/services/training/tracker/trackerapi"
)

// Share purposes.
const (
	PurposeLink   = "link"
	PurposeSafety = "safety"
)

// DefaultShareTTL is a share link's lifetime when the owner names none.
const DefaultShareTTL = 4 * time.Hour

// WatchTicket issues a single-use ticket for the live view of a session
// the caller may watch (its owner, or a follower the owner's privacy
// allows); others get "not found".
func (a *App) WatchTicket(ctx context.Context, sessionID string) (trackerapi.Ticket, error) {
	uid, err := caller(ctx)
	if err != nil {
		return trackerapi.Ticket{}, err
	}
	if _, _, err := a.visibleSession(ctx, sessionID, uid); err != nil {
		return trackerapi.Ticket{}, err
	}
	t, err := randomToken()
	if err != nil {
		return trackerapi.Ticket{}, err
	}
	if err := a.store.InsertTicket(ctx, tokenHash(t), sessionID, uid, a.now().Add(a.cfg.TicketTTL)); err != nil {
		return trackerapi.Ticket{}, err
	}
	return trackerapi.Ticket{Ticket: t, ExpiresIn: int(a.cfg.TicketTTL.Seconds())}, nil
}

// Watcher is a viewer admitted to a live view.
type Watcher struct {
	SessionID string
	Audience  live.Audience
	UserID    string
	ShareID   string
	// Expires is when a share link's viewer must go (zero: never).
	Expires time.Time
}

// UseTicket spends a watch ticket of the session and admits its user with
// the access they have now.
func (a *App) UseTicket(ctx context.Context, sessionID, ticket string) (Watcher, error) {
	if ticket == "" || !domain.ValidID(sessionID) {
		return Watcher{}, domain.ErrInvalidTicket
	}
	uid, err := a.store.UseTicket(ctx, tokenHash(ticket), sessionID, a.now())
	if err != nil {
		return Watcher{}, err
	}
	s, _, err := a.visibleSession(ctx, sessionID, uid)
	if err != nil {
		return Watcher{}, err
	}
	w := Watcher{SessionID: sessionID, Audience: live.Follower, UserID: uid}
	if uid == s.UserID {
		w.Audience = live.Owner
	}
	return w, nil
}

// ShareWatcher admits the holder of a share link until it expires.
func (a *App) ShareWatcher(ctx context.Context, token string) (Watcher, error) {
	sh, err := a.shareByToken(ctx, token)
	if err != nil {
		return Watcher{}, err
	}
	return Watcher{SessionID: sh.SessionID, Audience: live.Shared, ShareID: sh.ID, Expires: sh.ExpiresAt}, nil
}

// Join adds a watcher to the live hub.
func (a *App) Join(w Watcher) (*live.Viewer, error) {
	return a.hub.Join(w.SessionID, w.Audience, w.UserID, w.ShareID)
}

// Leave removes a viewer from the live hub.
func (a *App) Leave(v *live.Viewer) { a.hub.Leave(v) }

// LiveState is the first message of a live view: the session as the
// watcher may see it now (access checked again), and its status.
func (a *App) LiveState(ctx context.Context, w Watcher) (msg []byte, status string, err error) {
	s, err := a.store.Session(ctx, w.SessionID)
	if err != nil {
		return nil, "", err
	}
	p, err := a.store.Privacy(ctx, s.UserID)
	if err != nil {
		return nil, "", err
	}
	var v domain.View
	ok := false
	switch w.Audience {
	case live.Owner:
		v, ok = domain.OwnerView(), w.UserID == s.UserID
	case live.Follower:
		rel, err := a.relation(ctx, w.UserID, s.UserID)
		if err != nil {
			return nil, "", err
		}
		if rel == domain.Follower {
			v, ok = domain.LiveView(p, rel)
		}
	case live.Shared:
		v, ok = domain.LiveView(p, domain.ShareLink)
	}
	if !ok {
		return nil, "", domain.ErrSessionNotFound
	}
	dto := a.SessionDTO(s, v)
	return mustJSON(trackerapi.LiveMessage{Type: trackerapi.LiveState, Session: &dto}), s.Status, nil
}

// EndedMessage is the last message of a live view of an ended session.
func EndedMessage(status string) []byte {
	return mustJSON(trackerapi.LiveMessage{Type: trackerapi.LiveEnded, Status: status})
}

// shareByToken finds the share link of a token; ErrShareExpired once it
// has expired.
func (a *App) shareByToken(ctx context.Context, token string) (store.Share, error) {
	if len(token) < 32 || len(token) > 64 {
		return store.Share{}, domain.ErrShareNotFound
	}
	sh, err := a.store.ShareByHash(ctx, tokenHash(token))
	if err != nil {
		return sh, err
	}
	if !a.now().Before(sh.ExpiresAt) {
		return sh, domain.ErrShareExpired
	}
	return sh, nil
}

// Shared returns the session of a share link as its holders see it.
func (a *App) Shared(ctx context.Context, token string) (trackerapi.Session, error) {
	sh, err := a.shareByToken(ctx, token)
	if err != nil {
		return trackerapi.Session{}, err
	}
	s, err := a.store.Session(ctx, sh.SessionID)
	if err != nil {
		return trackerapi.Session{}, err
	}
	p, err := a.store.Privacy(ctx, s.UserID)
	if err != nil {
		return trackerapi.Session{}, err
	}
	v, _ := domain.LiveView(p, domain.ShareLink)
	return a.SessionDTO(s, v), nil
}

// CreateShare makes a share link of the caller's open session, valid for
// expiresInS seconds (60 up to the configured maximum; 4 hours when
// absent). The token is in the answer only.
func (a *App) CreateShare(ctx context.Context, sessionID string, expiresInS *int) (trackerapi.Share, error) {
	uid, err := caller(ctx)
	if err != nil {
		return trackerapi.Share{}, err
	}
	ttl := DefaultShareTTL
	if expiresInS != nil {
		maxS := int(a.cfg.ShareMaxTTL.Seconds())
		if *expiresInS < 60 || *expiresInS > maxS {
			return trackerapi.Share{}, apperr.Validation(apperr.FieldError{Field: "expires_in_s", Code: "out_of_range",
				Message: fmt.Sprintf("must be between 60 and %d seconds", maxS)})
		}
		ttl = time.Duration(*expiresInS) * time.Second
	}
	ttl = min(ttl, a.cfg.ShareMaxTTL)
	var out trackerapi.Share
	err = a.commit(ctx, func(ctx context.Context) ([]bus.Event, error) {
		s, err := a.ownSession(ctx, uid, sessionID)
		if err != nil {
			return nil, err
		}
		if !s.Open() {
			return nil, domain.ErrSessionEnded
		}
		n, err := a.store.CountActiveShares(ctx, s.ID, a.now())
		if err != nil {
			return nil, err
		}
		if n >= a.cfg.MaxShares {
			return nil, domain.ErrTooManyShares
		}
		out, err = a.newShare(ctx, s, PurposeLink, ttl)
		return nil, err
	})
	return out, err
}

// newShare stores a share link of s in the caller's transaction.
func (a *App) newShare(ctx context.Context, s domain.Session, purpose string, ttl time.Duration) (trackerapi.Share, error) {
	token, err := randomToken()
	if err != nil {
		return trackerapi.Share{}, err
	}
	now := a.now().Truncate(time.Millisecond)
	sh := store.Share{ID: newID(), SessionID: s.ID, UserID: s.UserID, TokenHash: tokenHash(token), Purpose: purpose,
		CreatedAt: now, ExpiresAt: now.Add(ttl)}
	if err := a.store.InsertShare(ctx, sh); err != nil {
		return trackerapi.Share{}, err
	}
	out := shareDTO(sh, now)
	out.Token, out.URL = token, trackerapi.SharePath(token)
	return out, nil
}

func shareDTO(sh store.Share, now time.Time) trackerapi.Share {
	return trackerapi.Share{ID: sh.ID, SessionID: sh.SessionID, Purpose: sh.Purpose, CreatedAt: sh.CreatedAt,
		ExpiresAt: sh.ExpiresAt, Expired: !now.Before(sh.ExpiresAt)}
}

// Shares lists the share links of the caller's session (without tokens).
func (a *App) Shares(ctx context.Context, sessionID string) (trackerapi.ShareList, error) {
	uid, err := caller(ctx)
	if err != nil {
		return trackerapi.ShareList{}, err
	}
	if _, err := a.ownSession(ctx, uid, sessionID); err != nil {
		return trackerapi.ShareList{}, err
	}
	list, err := a.store.Shares(ctx, sessionID)
	if err != nil {
		return trackerapi.ShareList{}, err
	}
	out := trackerapi.ShareList{Items: make([]trackerapi.Share, 0, len(list))}
	now := a.now()
	for _, sh := range list {
		out.Items = append(out.Items, shareDTO(sh, now))
	}
	return out, nil
}

// DeleteShare revokes a share link of the caller's session; its viewers
// are disconnected at once.
func (a *App) DeleteShare(ctx context.Context, sessionID, shareID string) error {
	uid, err := caller(ctx)
	if err != nil {
		return err
	}
	if _, err := a.ownSession(ctx, uid, sessionID); err != nil {
		return err
	}
	if !domain.ValidID(shareID) {
		return domain.ErrShareNotFound
	}
	if err := a.store.DeleteShare(ctx, sessionID, shareID); err != nil {
		return err
	}
	a.hub.Publish(sessionID, live.Update{RevokeShare: shareID})
	return nil
}
