package app

import (
	"context"
	"time"

	"github.com/google/uuid"
)

// The directory projection: consumers of auth's and profiles' events call
// these inside their inbox transaction. Events about users the directory
// does not hold (deleted, or never registered here) change nothing.

// UserRegistered adds a user to the directory.
func (a *App) UserRegistered(ctx context.Context, userID, email string, at time.Time) error {
	if at.IsZero() {
		at = a.now()
	}
	return a.repo.UpsertUser(ctx, userID, email, at)
}

// EmailVerified marks a user's email verified.
func (a *App) EmailVerified(ctx context.Context, userID, email string) error {
	_, err := a.repo.SetEmailVerified(ctx, userID, email)
	return err
}

// AccountLocked records a login lockout until the given time.
func (a *App) AccountLocked(ctx context.Context, userID string, until time.Time) error {
	_, err := a.repo.SetLockedUntil(ctx, userID, &until)
	return err
}

// AccountUnlocked records the end of a lockout.
func (a *App) AccountUnlocked(ctx context.Context, userID string) error {
	_, err := a.repo.SetLockedUntil(ctx, userID, nil)
	return err
}

// TwoFactorChanged records whether the user has two-factor login on.
func (a *App) TwoFactorChanged(ctx context.Context, userID string, enabled bool) error {
	_, err := a.repo.SetTwoFactor(ctx, userID, enabled)
	return err
}

// ProfileUpdated records the user's display name.
func (a *App) ProfileUpdated(ctx context.Context, userID, displayName string) error {
	_, err := a.repo.SetDisplayName(ctx, userID, displayName)
	return err
}

// UserDeleted erases a deleted user: their directory entry and grants go,
// and the staff actions taken on them stay (the audit trail of what staff
// did) with the target replaced by a random tombstone id that links to
// no one. Actions the user took as staff keep their actor id: staff
// accountability outlives the account, and the id alone names no one once
// the directory entry is gone.
func (a *App) UserDeleted(ctx context.Context, userID string) error {
	tombstone := "deleted-" + uuid.NewString() // random (v4): no time or order to link back
	return a.commit(ctx, func(ctx context.Context, _ *change) error {
		return a.repo.DeleteUser(ctx, userID, tombstone)
	})
}
