package app

import (
	"context"
	"errors"
	"time"

	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/domain"
)

// issue gives the session a new refresh token and access token. It runs
// inside the caller's transaction.
func (a *App) issue(ctx context.Context, acct domain.Account, s domain.Session, now time.Time) (authapi.Tokens, error) {
	g, err := a.repo.Grants(ctx, acct.ID)
	if err != nil {
		return authapi.Tokens{}, err
	}
	refresh, hash := newSecret()
	if err := a.repo.AddRefreshToken(ctx, domain.RefreshToken{Hash: hash, SessionID: s.ID, UserID: acct.ID, CreatedAt: now}); err != nil {
		return authapi.Tokens{}, err
	}
	access, iat, exp, err := a.mint(acct, g, s, now)
	if err != nil {
		return authapi.Tokens{}, err
	}
	if err := a.repo.NoteIssued(ctx, acct.ID, iat); err != nil {
		return authapi.Tokens{}, err
	}
	s.LastSeenAt = now
	return authapi.Tokens{
		AccessToken: access, TokenType: "Bearer", ExpiresIn: int(exp.Sub(now).Seconds()),
		RefreshToken: refresh, RefreshExpiresIn: int(s.ExpiresAt(a.cfg.SessionIdle, a.cfg.SessionMax).Sub(now).Seconds()),
		SessionID: s.ID,
	}, nil
}

// startSession signs acct in from c: a new session with its tokens, the
// logged_in event, and a new-login notice when this device and address
// are new for a user who signed in before. It runs inside the caller's
// transaction.
func (a *App) startSession(ctx context.Context, b *batch, acct domain.Account, c Client, twoFactor bool, now time.Time) (authapi.Tokens, error) {
	s := domain.Session{ID: newID(), UserID: acct.ID, Device: c.Device, IP: c.IP, CreatedAt: now, LastSeenAt: now, TwoFactor: twoFactor}
	if err := a.repo.CreateSession(ctx, s); err != nil {
		return authapi.Tokens{}, err
	}
	isNew, hadAny, err := a.repo.SeeDevice(ctx, acct.ID, c.Device, c.IP, now)
	if err != nil {
		return authapi.Tokens{}, err
	}
	b.add(event(authapi.EventLoggedIn, acct.ID, authapi.LoggedInV1{
		UserID: acct.ID, SessionID: s.ID, Device: c.Device, IP: c.IP, NewDevice: isNew, At: now}))
	if isNew && hadAny {
		b.add(notification(authapi.NotifyNewLogin, acct, map[string]string{"device": c.Device, "ip": c.IP}))
	}
	return a.issue(ctx, acct, s, now)
}

// errRefreshReuse ends a refresh whose token was already used, after the
// family has been revoked.
var errRefreshReuse = errors.New("refresh token reused")

// Refresh exchanges a refresh token for new tokens; the token is used up.
// Presenting a token that was already exchanged ends its whole session
// (someone else holds a copy) and publishes the revocation.
func (a *App) Refresh(ctx context.Context, token string, c Client) (authapi.Tokens, error) {
	if token == "" || len(token) > 128 {
		return authapi.Tokens{}, domain.ErrInvalidRefresh
	}
	hash := hashSecret(token)
	now := a.now()
	var out authapi.Tokens
	err := a.commit(ctx, func(ctx context.Context, b *batch) error {
		rt, err := a.repo.RefreshToken(ctx, hash)
		if err != nil {
			return err
		}
		ok, err := a.repo.ReplaceRefreshToken(ctx, hash, now)
		if err != nil {
			return err
		}
		if !ok {
			if _, err := a.repo.DeleteSession(ctx, rt.UserID, rt.SessionID); err != nil {
				return err
			}
			return a.revokeSession(ctx, b, rt.UserID, rt.SessionID, authapi.RevokedRefreshReuse, now)
		}
		s, err := a.repo.Session(ctx, rt.SessionID)
		if errors.Is(err, domain.ErrSessionNotFound) {
			return domain.ErrInvalidRefresh
		}
		if err != nil {
			return err
		}
		if !s.ExpiresAt(a.cfg.SessionIdle, a.cfg.SessionMax).After(now) {
			return domain.ErrInvalidRefresh
		}
		acct, err := a.repo.UserByID(ctx, s.UserID)
		if err != nil {
			return err
		}
		if g, err := a.repo.Grants(ctx, acct.ID); err != nil {
			return err
		} else if g.Blocked {
			return domain.ErrUserBlocked
		}
		if err := a.repo.TouchSession(ctx, s.ID, c.IP, now); err != nil {
			return err
		}
		s.IP = c.IP
		out, err = a.issue(ctx, acct, s, now)
		return err
	})
	if err != nil {
		return authapi.Tokens{}, err
	}
	if out.AccessToken == "" {
		return authapi.Tokens{}, domain.ErrInvalidRefresh // the reuse was recorded
	}
	return out, nil
}

// caller is the signed-in user of a request: the token's principal, the
// account and the session the token belongs to.
type caller struct {
	p       *authn.Principal
	acct    domain.Account
	session domain.Session
}

// current returns the caller, refusing tokens of sessions that have ended
// or that a revocation covers (the auth service does not wait for the
// revocation list: it checks its own records).
func (a *App) current(ctx context.Context) (caller, error) {
	p, err := authn.Require(ctx)
	if err != nil {
		return caller{}, err
	}
	acct, err := a.repo.UserByID(ctx, p.Subject)
	if errors.Is(err, domain.ErrUserNotFound) {
		return caller{}, domain.ErrSessionEnded
	}
	if err != nil {
		return caller{}, err
	}
	if p.IssuedAt.Before(acct.TokensNotBefore) {
		return caller{}, domain.ErrSessionEnded
	}
	s, err := a.repo.Session(ctx, p.SessionID)
	if errors.Is(err, domain.ErrSessionNotFound) || (err == nil && s.UserID != acct.ID) {
		return caller{}, domain.ErrSessionEnded
	}
	if err != nil {
		return caller{}, err
	}
	if !s.ExpiresAt(a.cfg.SessionIdle, a.cfg.SessionMax).After(a.now()) {
		return caller{}, domain.ErrSessionEnded
	}
	return caller{p: p, acct: acct, session: s}, nil
}

// revocationPoint is the issued_before of a revocation of the user's
// tokens at now: past every token issued so far (tokens carry whole
// seconds, and one may carry an "iat" a little ahead of its minting, see
// mint).
func (a *App) revocationPoint(ctx context.Context, userID string, now time.Time) (time.Time, error) {
	acct, err := a.repo.UserByID(ctx, userID)
	if err != nil {
		return time.Time{}, err
	}
	p := ceilSecond(now)
	if next := acct.LastIssuedAt.Add(time.Second); next.After(p) {
		p = next
	}
	return p, nil
}

// revokeSession records the access_revoked event of an ended session.
func (a *App) revokeSession(ctx context.Context, b *batch, userID, sessionID, reason string, now time.Time) error {
	before, err := a.revocationPoint(ctx, userID, now)
	if err != nil {
		return err
	}
	b.add(event(authapi.EventAccessRevoked, userID, authapi.AccessRevokedV1{
		UserID: userID, SessionID: sessionID, IssuedBefore: before, Reason: reason}))
	return nil
}

// revokeUser invalidates every access token of the user issued so far: it
// records the point (tokens minted later start at it, and the service's own
// checks refuse older ones) and publishes the access_revoked event.
func (a *App) revokeUser(ctx context.Context, b *batch, userID, reason string, now time.Time) (time.Time, error) {
	before, err := a.revocationPoint(ctx, userID, now)
	if err != nil {
		return before, err
	}
	if err := a.repo.RevokeTokensBefore(ctx, userID, before); err != nil {
		return before, err
	}
	b.add(event(authapi.EventAccessRevoked, userID, authapi.AccessRevokedV1{
		UserID: userID, IssuedBefore: before, Reason: reason}))
	return before, nil
}
