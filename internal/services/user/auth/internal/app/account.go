package app

import (
	"context"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/domain"
)

// Me describes the signed-in account: the roles it holds, and the
// permissions the current session carries (none of a staff user's before
// the session passed two-factor authentication, which TwoFactorRequired
// then says).
func (a *App) Me(ctx context.Context) (authapi.Me, error) {
	c, err := a.current(ctx)
	if err != nil {
		return authapi.Me{}, err
	}
	g, err := a.repo.Grants(ctx, c.acct.ID)
	if err != nil {
		return authapi.Me{}, err
	}
	_, perms := g.Effective(c.session.TwoFactor)
	return authapi.Me{
		UserID: c.acct.ID, Email: c.acct.Email, EmailVerified: c.acct.Verified(),
		TwoFactorEnabled: c.acct.TwoFactor(), TwoFactorRequired: g.TwoFactorRequired(c.session.TwoFactor),
		Roles: g.Held(), Permissions: perms, Staff: g.Staff, CreatedAt: c.acct.CreatedAt,
	}, nil
}

// DeleteAccount deletes the signed-in user's account after checking the
// password and, when two-factor authentication is on, a code. Every row of
// the user goes; user_deleted tells the other services to erase theirs.
func (a *App) DeleteAccount(ctx context.Context, pw, code string) error {
	c, err := a.current(ctx)
	if err != nil {
		return err
	}
	if c.acct.TwoFactor() && code == "" {
		return apperr.Validation(apperr.FieldError{Field: "code", Code: "required",
			Message: "a code from your authenticator app or a recovery code is required"})
	}
	if err := a.checkPassword(ctx, c.acct, pw); err != nil {
		return err
	}
	now := a.now()
	return a.guarded(ctx, c.acct, func(ctx context.Context, b *batch) error {
		if c.acct.TwoFactor() {
			if err := a.checkCode(ctx, c.acct, code); err != nil {
				return err
			}
		}
		before, err := a.revocationPoint(ctx, c.acct.ID, now)
		if err != nil {
			return err
		}
		if err := a.repo.DeleteUser(ctx, c.acct.ID); err != nil {
			return err
		}
		b.add(event(authapi.EventAccessRevoked, c.acct.ID, authapi.AccessRevokedV1{
			UserID: c.acct.ID, IssuedBefore: before, Reason: authapi.RevokedDeleted}))
		b.add(event(authapi.EventUserDeleted, c.acct.ID, authapi.UserDeletedV1{UserID: c.acct.ID, DeletedAt: now}))
		return nil
	})
}

// Logout ends the current session.
func (a *App) Logout(ctx context.Context) error {
	c, err := a.current(ctx)
	if err != nil {
		return err
	}
	return a.endSession(ctx, c.acct.ID, c.session.ID, authapi.RevokedLogout)
}

func (a *App) endSession(ctx context.Context, userID, sessionID, reason string) error {
	now := a.now()
	return a.commit(ctx, func(ctx context.Context, b *batch) error {
		ok, err := a.repo.DeleteSession(ctx, userID, sessionID)
		if err != nil {
			return err
		}
		if !ok {
			return domain.ErrSessionNotFound
		}
		return a.revokeSession(ctx, b, userID, sessionID, reason, now)
	})
}

// Sessions lists the signed-in user's live sessions, newest first.
func (a *App) Sessions(ctx context.Context) ([]authapi.Session, error) {
	c, err := a.current(ctx)
	if err != nil {
		return nil, err
	}
	all, err := a.repo.Sessions(ctx, c.acct.ID)
	if err != nil {
		return nil, err
	}
	now := a.now()
	out := make([]authapi.Session, 0, len(all))
	for _, s := range all {
		if !s.ExpiresAt(a.cfg.SessionIdle, a.cfg.SessionMax).After(now) {
			continue
		}
		out = append(out, authapi.Session{ID: s.ID, Device: s.Device, IP: s.IP, CreatedAt: s.CreatedAt,
			LastSeenAt: s.LastSeenAt, Current: s.ID == c.session.ID, TwoFactor: s.TwoFactor})
	}
	return out, nil
}

// RevokeSession ends one of the signed-in user's sessions; a session of
// anybody else does not exist as far as the caller can tell.
func (a *App) RevokeSession(ctx context.Context, id string) error {
	c, err := a.current(ctx)
	if err != nil {
		return err
	}
	if id == "" || len(id) > 64 {
		return domain.ErrSessionNotFound
	}
	return a.endSession(ctx, c.acct.ID, id, authapi.RevokedSession)
}

// RevokeOtherSessions ends every session of the signed-in user but the
// current one.
func (a *App) RevokeOtherSessions(ctx context.Context) error {
	c, err := a.current(ctx)
	if err != nil {
		return err
	}
	now := a.now()
	return a.commit(ctx, func(ctx context.Context, b *batch) error {
		ended, err := a.repo.DeleteSessions(ctx, c.acct.ID, c.session.ID)
		if err != nil {
			return err
		}
		for _, id := range ended {
			if err := a.revokeSession(ctx, b, c.acct.ID, id, authapi.RevokedSession, now); err != nil {
				return err
			}
		}
		return nil
	})
}
