package app

import (
	"context"
	"errors"
	"time"

	"github.com/sporthub/sporthub/internal/services/user/auth/authapi"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/domain"
)

// The grants projection: the access service owns roles, permissions and
// blocks, and auth keeps what it needs to mint tokens and refuse sign-ins.
// These run inside the consumer's HandleOnce transaction.

// ApplyGrants records a user's roles and permissions as of at and, when
// they changed, revokes the user's access tokens so the old grants stop
// working (clients refresh and get the new ones). A snapshot older than
// the one held is ignored.
func (a *App) ApplyGrants(ctx context.Context, userID string, roles, perms []string, staff bool, at time.Time) error {
	now := a.now()
	return a.commit(ctx, func(ctx context.Context, b *batch) error {
		changed, err := a.repo.SaveGrants(ctx, domain.Grants{UserID: userID, Roles: roles, Permissions: perms, Staff: staff, UpdatedAt: at})
		if err != nil || !changed {
			return err
		}
		return a.revokeIfUser(ctx, b, userID, authapi.RevokedGrants, now)
	})
}

// revokeIfUser revokes the user's tokens when the account exists (access
// may speak of a user auth has deleted).
func (a *App) revokeIfUser(ctx context.Context, b *batch, userID, reason string, now time.Time) error {
	_, err := a.revokeUser(ctx, b, userID, reason, now)
	if errors.Is(err, domain.ErrUserNotFound) {
		return nil
	}
	return err
}

// Block records that staff blocked the user: every session ends, every
// access token is revoked, and sign-in is refused from now on.
func (a *App) Block(ctx context.Context, userID string) error {
	now := a.now()
	return a.commit(ctx, func(ctx context.Context, b *batch) error {
		if err := a.repo.SetBlocked(ctx, userID, true); err != nil {
			return err
		}
		if _, err := a.repo.DeleteSessions(ctx, userID, ""); err != nil {
			return err
		}
		if err := a.repo.DeleteTokens(ctx, userID, domain.TokenMFA); err != nil {
			return err
		}
		return a.revokeIfUser(ctx, b, userID, authapi.RevokedBlocked, now)
	})
}

// Unblock records that staff lifted the user's block.
func (a *App) Unblock(ctx context.Context, userID string) error {
	return a.commit(ctx, func(ctx context.Context, b *batch) error {
		return a.repo.SetBlocked(ctx, userID, false)
	})
}
