package app

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/sporthub/sporthub/internal/services/admin/access/accessapi"
	"github.com/sporthub/sporthub/internal/services/admin/access/internal/domain"
)

// Permissions returns the permission catalog; the caller needs
// access.roles.read.
func (a *App) Permissions(ctx context.Context) ([]accessapi.PermissionInfo, error) {
	if _, err := caller(ctx, accessapi.PermRolesRead); err != nil {
		return nil, err
	}
	return a.catalog.Items(), nil
}

// Roles returns every role with its member count; the caller needs
// access.roles.read.
func (a *App) Roles(ctx context.Context) ([]domain.Role, error) {
	if _, err := caller(ctx, accessapi.PermRolesRead); err != nil {
		return nil, err
	}
	return a.repo.Roles(ctx)
}

// RoleInput is a role as an editor saves it.
type RoleInput struct {
	Staff       bool
	Permissions []string
	Description string
	Reason      string
}

// SaveRole creates or changes a role; the caller needs access.roles.write.
// It emits role_saved, and grants_changed for every member when the role's
// permissions or staff flag changed.
func (a *App) SaveRole(ctx context.Context, name string, in RoleInput) (domain.Role, error) {
	actor, err := caller(ctx, accessapi.PermRolesWrite)
	if err != nil {
		return domain.Role{}, err
	}
	reason, err := domain.CheckReason("reason", in.Reason)
	if err != nil {
		return domain.Role{}, err
	}
	r := domain.Role{Name: name, Staff: in.Staff, Permissions: in.Permissions, Description: in.Description}
	if err := domain.CheckRole(r, a.catalog); err != nil {
		return domain.Role{}, err
	}
	r.Permissions = domain.NormalizePermissions(r.Permissions)
	err = a.commit(ctx, func(ctx context.Context, c *change) error {
		return a.saveRole(ctx, c, r, actor, reason)
	})
	if err != nil {
		return domain.Role{}, err
	}
	return a.repo.Role(ctx, name)
}

// saveRole stores r (keeping its creation time and built-in flag) and
// records the action and events, unless nothing changed.
func (a *App) saveRole(ctx context.Context, c *change, r domain.Role, actor, reason string) error {
	now := a.now()
	old, err := a.repo.Role(ctx, r.Name)
	created := errors.Is(err, domain.ErrRoleNotFound)
	if err != nil && !created {
		return err
	}
	r.CreatedAt, r.UpdatedAt = now, now
	if !created {
		r.CreatedAt, r.Builtin = old.CreatedAt, old.Builtin
		if old.Staff == r.Staff && slices.Equal(old.Permissions, r.Permissions) && old.Description == r.Description {
			return nil
		}
	}
	if err := a.repo.SaveRole(ctx, r); err != nil {
		return err
	}
	details := map[string]any{"role": r.Name, "staff": r.Staff, "permissions": r.Permissions, "created": created}
	if err := a.record(ctx, actor, "", domain.ActionRoleSaved, reason, details, now); err != nil {
		return err
	}
	c.event(accessapi.EventRoleSaved, r.Name, accessapi.RoleSavedV1{Role: r.Name, Staff: r.Staff,
		Permissions: r.Permissions, ActorID: actor, Reason: reason, At: now})
	if created || old.Staff == r.Staff && slices.Equal(old.Permissions, r.Permissions) {
		return nil
	}
	members, err := a.repo.RoleMembers(ctx, r.Name)
	if err != nil {
		return err
	}
	return a.grantsChanged(ctx, c, members, actor, reason, now)
}

// DeleteRole deletes a role that is not built in; the caller needs
// access.roles.write. Its members lose it and each gets grants_changed.
func (a *App) DeleteRole(ctx context.Context, name, reason string) error {
	actor, err := caller(ctx, accessapi.PermRolesWrite)
	if err != nil {
		return err
	}
	if reason, err = domain.CheckReason("reason", reason); err != nil {
		return err
	}
	return a.commit(ctx, func(ctx context.Context, c *change) error {
		r, err := a.repo.Role(ctx, name)
		if err != nil {
			return err
		}
		if r.Builtin {
			return domain.ErrBuiltinRole
		}
		members, err := a.repo.RoleMembers(ctx, name)
		if err != nil {
			return err
		}
		if err := a.repo.DeleteRole(ctx, name); err != nil {
			return err
		}
		now := a.now()
		details := map[string]any{"role": name, "members": len(members)}
		if err := a.record(ctx, actor, "", domain.ActionRoleDeleted, reason, details, now); err != nil {
			return err
		}
		c.event(accessapi.EventRoleDeleted, name, accessapi.RoleDeletedV1{Role: name, ActorID: actor, Reason: reason, At: now})
		return a.grantsChanged(ctx, c, members, actor, reason, now)
	})
}

// grantsChanged adds a grants_changed snapshot for each user.
func (a *App) grantsChanged(ctx context.Context, c *change, users []string, actor, reason string, at time.Time) error {
	if len(users) == 0 {
		return nil
	}
	roles, err := a.roleMap(ctx)
	if err != nil {
		return err
	}
	for _, id := range users {
		u, err := a.repo.User(ctx, id)
		if err != nil {
			return err
		}
		g := domain.GrantsOf(u.Roles, roles)
		c.event(accessapi.EventGrantsChanged, id, accessapi.GrantsChangedV1{UserID: id, Roles: g.Roles,
			Permissions: g.Permissions, Staff: g.Staff, ActorID: actor, Reason: reason, At: at})
	}
	return nil
}

// roleMap returns every role by name.
func (a *App) roleMap(ctx context.Context) (map[string]domain.Role, error) {
	list, err := a.repo.Roles(ctx)
	if err != nil {
		return nil, err
	}
	out := make(map[string]domain.Role, len(list))
	for _, r := range list {
		out[r.Name] = r
	}
	return out, nil
}
