package app

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/services/admin/access/accessapi"
	"github.com/sporthub/sporthub/internal/services/admin/access/internal/domain"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
)

// actionsShown is how many staff actions a user's detail lists.
const actionsShown = 50

// UserView is a user with their latest staff actions.
type UserView struct {
	domain.User
	Actions []domain.StaffAction
}

// Now is the service's clock (for "locked" in answers).
func (a *App) Now() time.Time { return a.now() }

// SearchUsers searches the directory; the caller needs access.users.read.
func (a *App) SearchUsers(ctx context.Context, q domain.UserQuery) (domain.UserPage, error) {
	if _, err := caller(ctx, accessapi.PermUsersRead); err != nil {
		return domain.UserPage{}, err
	}
	if q.Role != "" {
		if _, err := a.repo.Role(ctx, q.Role); errors.Is(err, domain.ErrRoleNotFound) {
			return domain.UserPage{}, apperr.Validation(apperr.FieldError{Field: "role", Code: "unknown_role", Message: "no such role"})
		} else if err != nil {
			return domain.UserPage{}, err
		}
	}
	q.Now = a.now()
	return a.repo.SearchUsers(ctx, q)
}

// User returns one user with their staff actions; the caller needs
// access.users.read.
func (a *App) User(ctx context.Context, userID string) (UserView, error) {
	if _, err := caller(ctx, accessapi.PermUsersRead); err != nil {
		return UserView{}, err
	}
	return a.detail(ctx, userID)
}

func (a *App) detail(ctx context.Context, userID string) (UserView, error) {
	u, err := a.repo.User(ctx, userID)
	if err != nil {
		return UserView{}, err
	}
	acts, err := a.repo.Actions(ctx, userID, actionsShown)
	return UserView{User: u, Actions: acts}, err
}

// Block blocks a user (auth then refuses their logins and revokes their
// tokens); the caller needs access.users.block. Staff cannot block
// themselves, nor the last active admin.
func (a *App) Block(ctx context.Context, userID, reason string) (UserView, error) {
	return a.userAction(ctx, accessapi.PermUsersBlock, userID, reason, func(ctx context.Context, c *change, actor string, u domain.User, at time.Time) error {
		if u.Blocked {
			return domain.ErrAlreadyBlocked
		}
		if u.HasRole(accessapi.RoleAdmin) {
			if err := a.keepAnAdmin(ctx, u); err != nil {
				return err
			}
		}
		if err := a.repo.SetBlocked(ctx, userID, true, at); err != nil {
			return err
		}
		c.event(accessapi.EventUserBlocked, userID, accessapi.UserBlockedV1{UserID: userID, ActorID: actor, Reason: reason, At: at})
		c.notification(notifyapi.RequestedV1{Type: accessapi.NotifyUserBlocked, UserID: userID, Critical: true,
			Data: map[string]string{"reason": reason}})
		return a.record(ctx, actor, userID, domain.ActionUserBlocked, reason, map[string]any{}, at)
	}, true)
}

// Unblock lifts a block; the caller needs access.users.block.
func (a *App) Unblock(ctx context.Context, userID, reason string) (UserView, error) {
	return a.userAction(ctx, accessapi.PermUsersBlock, userID, reason, func(ctx context.Context, c *change, actor string, u domain.User, at time.Time) error {
		if !u.Blocked {
			return domain.ErrNotBlocked
		}
		if err := a.repo.SetBlocked(ctx, userID, false, at); err != nil {
			return err
		}
		c.event(accessapi.EventUserUnblocked, userID, accessapi.UserUnblockedV1{UserID: userID, ActorID: actor, Reason: reason, At: at})
		c.notification(notifyapi.RequestedV1{Type: accessapi.NotifyUserUnblocked, UserID: userID, Data: map[string]string{"reason": reason}})
		return a.record(ctx, actor, userID, domain.ActionUserUnblocked, reason, map[string]any{}, at)
	}, false)
}

// Unlock lifts a user's login lockout (auth clears it on user_unlocked);
// the caller needs access.users.unlock.
func (a *App) Unlock(ctx context.Context, userID, reason string) (UserView, error) {
	return a.userAction(ctx, accessapi.PermUsersUnlock, userID, reason, func(ctx context.Context, c *change, actor string, u domain.User, at time.Time) error {
		if _, err := a.repo.SetLockedUntil(ctx, userID, nil); err != nil {
			return err
		}
		c.event(accessapi.EventUserUnlocked, userID, accessapi.UserUnlockedV1{UserID: userID, ActorID: actor, Reason: reason, At: at})
		details := map[string]any{"was_locked": u.Locked(at)}
		if u.LockedUntil != nil {
			details["locked_until"] = u.LockedUntil
		}
		return a.record(ctx, actor, userID, domain.ActionUserUnlocked, reason, details, at)
	}, false)
}

// userAction runs one staff action on a user: permission, reason, the
// self guard (noSelf), the user's existence, then act in the transaction.
func (a *App) userAction(ctx context.Context, perm, userID, reason string,
	act func(ctx context.Context, c *change, actor string, u domain.User, at time.Time) error, noSelf bool) (UserView, error) {
	actor, err := caller(ctx, perm)
	if err != nil {
		return UserView{}, err
	}
	if reason, err = domain.CheckReason("reason", reason); err != nil {
		return UserView{}, err
	}
	if noSelf && actor == userID {
		return UserView{}, domain.ErrSelfBlock
	}
	err = a.commit(ctx, func(ctx context.Context, c *change) error {
		u, err := a.repo.User(ctx, userID)
		if err != nil {
			return err
		}
		return act(ctx, c, actor, u, a.now())
	})
	if err != nil {
		return UserView{}, err
	}
	return a.detail(ctx, userID)
}

func itoa(i int) string { return strconv.Itoa(i) }
