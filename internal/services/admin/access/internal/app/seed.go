package app

import (
	"context"
	"errors"

	"github.com/sporthub/sporthub/internal/services/admin/access/accessapi"
	"github.com/sporthub/sporthub/internal/services/admin/access/internal/domain"
)

// Reasons the system gives for the changes it makes itself.
const (
	ReasonBuiltin   = "built-in role"
	ReasonCatalog   = "permission catalog changed"
	ReasonBootstrap = "bootstrap"
)

// EnsureBuiltins creates the built-in roles that are missing and gives
// admin every permission of the catalog (a service added since the last
// start brings new ones; admins then get grants_changed). It is
// idempotent: a second run changes nothing and emits nothing. Roles the
// system changes are recorded as staff actions of the system.
func (a *App) EnsureBuiltins(ctx context.Context) error {
	return a.commit(ctx, func(ctx context.Context, c *change) error {
		for _, b := range domain.Builtins {
			perms := b.Permissions
			if b.Name == accessapi.RoleAdmin {
				perms = a.catalog.Names()
			}
			old, err := a.repo.Role(ctx, b.Name)
			if errors.Is(err, domain.ErrRoleNotFound) {
				r := domain.Role{Name: b.Name, Staff: b.Staff, Builtin: true, Description: b.Description,
					Permissions: domain.NormalizePermissions(perms)}
				if err := a.saveRole(ctx, c, r, accessapi.SystemActor, ReasonBuiltin); err != nil {
					return err
				}
				continue
			}
			if err != nil {
				return err
			}
			if b.Name == accessapi.RoleAdmin && (len(a.catalog.Missing(old.Permissions)) > 0 || !old.Staff) {
				r := old
				r.Staff = true
				r.Permissions = domain.NormalizePermissions(append(old.Permissions, a.catalog.Missing(old.Permissions)...))
				if err := a.saveRole(ctx, c, r, accessapi.SystemActor, ReasonCatalog); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
