package app

import (
	"context"
	"errors"
	"time"

	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/domain"
)

// staleFailures is how long failed logins count towards a lockout when no
// more follow.
const staleFailures = 24 // hours

// Housekeep ends what has expired: lockouts (announced as unlocked by
// expiry), idle and too old sessions, used and expired single-use tokens,
// refresh tokens replaced long ago.
func (a *App) Housekeep(ctx context.Context) error {
	now := a.now()
	err := a.commit(ctx, func(ctx context.Context, b *batch) error {
		ended, err := a.repo.ExpireLockouts(ctx, now, now.Add(-staleFailures*time.Hour))
		if err != nil {
			return err
		}
		for _, l := range ended {
			if l.UserID == "" {
				continue
			}
			if _, err := a.repo.UserByID(ctx, l.UserID); errors.Is(err, domain.ErrUserNotFound) {
				continue
			} else if err != nil {
				return err
			}
			b.add(event(authapi.EventAccountUnlocked, l.UserID, authapi.AccountUnlockedV1{
				UserID: l.UserID, By: authapi.UnlockedByExpiry, At: now}))
		}
		return nil
	})
	if err != nil {
		return err
	}
	if _, err := a.repo.DeleteExpiredSessions(ctx, now.Add(-a.cfg.SessionIdle), now.Add(-a.cfg.SessionMax)); err != nil {
		return err
	}
	if _, err := a.repo.PruneTokens(ctx, now); err != nil {
		return err
	}
	_, err = a.repo.PruneRefreshTokens(ctx, now.Add(-a.cfg.SessionIdle))
	return err
}
