package app

import (
	"context"
	"slices"
	"strings"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/services/admin/access/accessapi"
	"github.com/sporthub/sporthub/internal/services/admin/access/internal/domain"
	"github.com/sporthub/sporthub/internal/services/platform/notify/notifyapi"
)

// SetUserRoles sets the roles assigned to a user (athlete is implicit and
// may be named or not); the caller needs access.grants.write and must give
// a reason. Admins cannot take admin from themselves and the last active
// admin keeps it. A change emits grants_changed and asks notify to tell
// the user; setting the roles they have changes nothing.
func (a *App) SetUserRoles(ctx context.Context, userID string, roles []string, reason string) (UserView, error) {
	actor, err := caller(ctx, accessapi.PermGrantsWrite)
	if err != nil {
		return UserView{}, err
	}
	if reason, err = domain.CheckReason("reason", reason); err != nil {
		return UserView{}, err
	}
	var f apperr.Fields
	for i, r := range roles {
		if !domain.ValidRoleName(r) {
			f.Add("roles["+itoa(i)+"]", "invalid_format", "not a role name")
		}
	}
	if err := f.Err(); err != nil {
		return UserView{}, err
	}
	err = a.commit(ctx, func(ctx context.Context, c *change) error {
		return a.setRoles(ctx, c, actor, userID, assigned(roles), reason, true)
	})
	if err != nil {
		return UserView{}, err
	}
	return a.detail(ctx, userID)
}

// assigned returns the roles to store: sorted, unique, athlete left out.
func assigned(roles []string) []string {
	out := slices.DeleteFunc(slices.Clone(roles), func(r string) bool { return r == accessapi.RoleAthlete })
	slices.Sort(out)
	return slices.Compact(out)
}

// setRoles replaces a user's roles, keeping the guards when guard is set.
func (a *App) setRoles(ctx context.Context, c *change, actor, userID string, names []string, reason string, guard bool) error {
	u, err := a.repo.User(ctx, userID)
	if err != nil {
		return err
	}
	all, err := a.roleMap(ctx)
	if err != nil {
		return err
	}
	var f apperr.Fields
	for _, n := range names {
		if _, ok := all[n]; !ok {
			f.Add("roles", "unknown_role", "no such role: "+n)
		}
	}
	if err := f.Err(); err != nil {
		return err
	}
	if slices.Equal(u.Roles, names) {
		return nil
	}
	if guard && u.HasRole(accessapi.RoleAdmin) && !slices.Contains(names, accessapi.RoleAdmin) {
		if actor == userID {
			return domain.ErrOwnAdmin
		}
		if err := a.keepAnAdmin(ctx, u); err != nil {
			return err
		}
	}
	now := a.now()
	if err := a.repo.SetUserRoles(ctx, userID, names, now); err != nil {
		return err
	}
	details := map[string]any{"roles": nonNil(names), "added": diff(names, u.Roles), "removed": diff(u.Roles, names)}
	if err := a.record(ctx, actor, userID, domain.ActionRolesChanged, reason, details, now); err != nil {
		return err
	}
	if err := a.grantsChanged(ctx, c, []string{userID}, actor, reason, now); err != nil {
		return err
	}
	g := domain.GrantsOf(names, all)
	c.notification(notifyapi.RequestedV1{Type: accessapi.NotifyRolesChanged, UserID: userID,
		Data: map[string]string{"roles": strings.Join(g.Roles, ", "), "reason": reason}})
	return nil
}

// keepAnAdmin refuses a change that would leave no active (unblocked) admin
// once u stops being one.
func (a *App) keepAnAdmin(ctx context.Context, u domain.User) error {
	if u.Blocked {
		return nil // a blocked admin is not counted as active anyway
	}
	n, err := a.repo.ActiveHolders(ctx, accessapi.RoleAdmin)
	if err != nil {
		return err
	}
	if n <= 1 {
		return domain.ErrLastAdmin
	}
	return nil
}

// GrantBootstrapAdmin makes a user admin on behalf of the system (the CLI's
// first admin): it adds the user to the directory when auth's registration
// has not reached access yet, and assigns admin with the usual staff action,
// events and notification. A user who is admin already is left alone.
func (a *App) GrantBootstrapAdmin(ctx context.Context, userID, email string) error {
	if userID == "" {
		return apperr.Validation(apperr.FieldError{Field: "user_id", Code: "required", Message: "name the user"})
	}
	return a.commit(ctx, func(ctx context.Context, c *change) error {
		if err := a.repo.EnsureUser(ctx, userID, email, a.now()); err != nil {
			return err
		}
		u, err := a.repo.User(ctx, userID)
		if err != nil || u.HasRole(accessapi.RoleAdmin) {
			return err
		}
		return a.setRoles(ctx, c, accessapi.SystemActor, userID, assigned(append(u.Roles, accessapi.RoleAdmin)), ReasonBootstrap, false)
	})
}

// diff returns the elements of a not in b.
func diff(a, b []string) []string {
	out := []string{}
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
