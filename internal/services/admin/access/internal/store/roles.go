package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/admin/access/accessapi"
	"github.com/sporthub/sporthub/internal/services/admin/access/internal/domain"
)

// roleSelect reads roles with their member counts; athlete, everyone's
// implicit role, counts every user in the directory.
const roleSelect = `SELECT r.name, r.staff, r.builtin, r.permissions, r.description, r.created_at, r.updated_at,
	CASE WHEN r.name = $1 THEN (SELECT count(*) FROM users)
	     ELSE (SELECT count(*) FROM user_roles ur WHERE ur.role = r.name) END
	FROM roles r`

func scanRole(r sqldb.Scanner) (domain.Role, error) {
	var (
		role  domain.Role
		perms string
	)
	if err := r.Scan(&role.Name, &role.Staff, &role.Builtin, &perms, &role.Description, &role.CreatedAt,
		&role.UpdatedAt, &role.Members); err != nil {
		return role, err
	}
	role.CreatedAt, role.UpdatedAt = role.CreatedAt.UTC(), role.UpdatedAt.UTC()
	if err := json.Unmarshal([]byte(perms), &role.Permissions); err != nil {
		return role, fmt.Errorf("decode permissions of role %s: %w", role.Name, err)
	}
	if role.Permissions == nil {
		role.Permissions = []string{}
	}
	return role, nil
}

// Roles implements domain.Repository.
func (s *Store) Roles(ctx context.Context) ([]domain.Role, error) {
	out, err := sqldb.QueryAll(ctx, s.db.Q(ctx), roleSelect+` ORDER BY r.name`, []any{accessapi.RoleAthlete}, scanRole)
	if err != nil {
		return nil, fmt.Errorf("list roles: %w", err)
	}
	return out, nil
}

// Role implements domain.Repository.
func (s *Store) Role(ctx context.Context, name string) (domain.Role, error) {
	r, err := scanRole(s.db.Q(ctx).QueryRowContext(ctx, roleSelect+` WHERE r.name = $2`, accessapi.RoleAthlete, name))
	if sqldb.IsNoRows(err) {
		return r, domain.ErrRoleNotFound
	}
	if err != nil {
		return r, fmt.Errorf("get role %s: %w", name, sqldb.Classify(err))
	}
	return r, nil
}

// SaveRole implements domain.Repository.
func (s *Store) SaveRole(ctx context.Context, r domain.Role) error {
	perms := r.Permissions
	if perms == nil {
		perms = []string{}
	}
	_, err := s.db.Q(ctx).ExecContext(ctx, `INSERT INTO roles (name, staff, builtin, permissions, description, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)
		ON CONFLICT (name) DO UPDATE SET staff = excluded.staff, builtin = excluded.builtin,
			permissions = excluded.permissions, description = excluded.description, updated_at = excluded.updated_at`,
		r.Name, r.Staff, r.Builtin, mustJSON(perms), r.Description, dbTime(r.CreatedAt), dbTime(r.UpdatedAt))
	if err != nil {
		return fmt.Errorf("save role %s: %w", r.Name, sqldb.Classify(err))
	}
	return nil
}

// DeleteRole implements domain.Repository: the role and its assignments.
func (s *Store) DeleteRole(ctx context.Context, name string) error {
	return s.db.InTx(ctx, func(ctx context.Context) error {
		q := s.db.Q(ctx)
		if _, err := q.ExecContext(ctx, `DELETE FROM user_roles WHERE role = $1`, name); err != nil {
			return fmt.Errorf("unassign role %s: %w", name, sqldb.Classify(err))
		}
		ok, err := rowsAffected(q.ExecContext(ctx, `DELETE FROM roles WHERE name = $1`, name))
		if err != nil {
			return fmt.Errorf("delete role %s: %w", name, err)
		}
		if !ok {
			return domain.ErrRoleNotFound
		}
		return nil
	})
}

// RoleMembers implements domain.Repository.
func (s *Store) RoleMembers(ctx context.Context, role string) ([]string, error) {
	out, err := sqldb.QueryAll(ctx, s.db.Q(ctx), `SELECT user_id FROM user_roles WHERE role = $1 ORDER BY user_id`,
		[]any{role}, func(r sqldb.Scanner) (id string, err error) { return id, r.Scan(&id) })
	if err != nil {
		return nil, fmt.Errorf("members of role %s: %w", role, err)
	}
	return out, nil
}

// ActiveHolders implements domain.Repository.
func (s *Store) ActiveHolders(ctx context.Context, role string) (int, error) {
	var n int
	err := s.db.Q(ctx).QueryRowContext(ctx, `SELECT count(*) FROM user_roles ur JOIN users u ON u.user_id = ur.user_id
		WHERE ur.role = $1 AND NOT u.blocked`, role).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count holders of %s: %w", role, sqldb.Classify(err))
	}
	return n, nil
}

// SetUserRoles implements domain.Repository: it replaces the user's
// assigned roles, keeping the grant time of roles they keep.
func (s *Store) SetUserRoles(ctx context.Context, userID string, roles []string, at time.Time) error {
	return s.db.InTx(ctx, func(ctx context.Context) error {
		q := s.db.Q(ctx)
		var a argList
		cond := `user_id = ` + a.add(userID)
		if len(roles) > 0 {
			cond += ` AND role NOT IN (` + a.in(roles) + `)`
		}
		if _, err := q.ExecContext(ctx, `DELETE FROM user_roles WHERE `+cond, a.args...); err != nil {
			return fmt.Errorf("unassign roles of %s: %w", userID, sqldb.Classify(err))
		}
		for _, r := range roles {
			if _, err := q.ExecContext(ctx, `INSERT INTO user_roles (user_id, role, granted_at) VALUES ($1, $2, $3)
				ON CONFLICT (user_id, role) DO NOTHING`, userID, r, dbTime(at)); err != nil {
				if sqldb.IsForeignKeyViolation(err) {
					return domain.ErrRoleNotFound
				}
				return fmt.Errorf("assign role %s to %s: %w", r, userID, sqldb.Classify(err))
			}
		}
		return nil
	})
}
