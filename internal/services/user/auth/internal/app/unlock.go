package app

import (
	"context"
	"errors"
	"time"

	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/domain"
)

// unlock lifts acct's lockout (and forgets its failure count) inside the
// caller's transaction, announcing it when sign-in was locked.
func (a *App) unlock(ctx context.Context, b *batch, acct domain.Account, by string, now time.Time) error {
	l, err := a.repo.ClearLockout(ctx, emailKey(acct.Email))
	if err != nil {
		return err
	}
	if err := a.repo.DeleteTokens(ctx, acct.ID, domain.TokenUnlock); err != nil {
		return err
	}
	if l.Locked(now) {
		b.add(event(authapi.EventAccountUnlocked, acct.ID, authapi.AccountUnlockedV1{UserID: acct.ID, By: by, At: now}))
	}
	return nil
}

// Unlock uses the link of a lockout notice: sign-in works again at once.
func (a *App) Unlock(ctx context.Context, token string) error {
	if token == "" || len(token) > 128 {
		return domain.ErrInvalidLinkToken
	}
	now := a.now()
	return a.commit(ctx, func(ctx context.Context, b *batch) error {
		t, err := a.repo.TakeToken(ctx, hashSecret(token), domain.TokenUnlock, now)
		if err != nil {
			return err
		}
		acct, err := a.repo.UserByID(ctx, t.UserID)
		if err != nil {
			return err
		}
		return a.unlock(ctx, b, acct, authapi.UnlockedByEmail, now)
	})
}

// StaffUnlock lifts a user's lockout because staff said so (the access
// service's user_unlocked event). An unknown user is nothing to do.
func (a *App) StaffUnlock(ctx context.Context, userID string) error {
	now := a.now()
	return a.commit(ctx, func(ctx context.Context, b *batch) error {
		acct, err := a.repo.UserByID(ctx, userID)
		if errors.Is(err, domain.ErrUserNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		return a.unlock(ctx, b, acct, authapi.UnlockedByStaff, now)
	})
}
