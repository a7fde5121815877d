package store

import (
	"context"
	"fmt"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/domain"
)

// Grants returns the user's projected grants (none when access never
// said anything about the user).
func (s *Store) Grants(ctx context.Context, userID string) (domain.Grants, error) {
	g := domain.Grants{UserID: userID}
	var roles, perms string
	var updated int64
	err := s.q(ctx).QueryRowContext(ctx, `SELECT roles, permissions, staff, blocked, updated_at FROM grants WHERE user_id = $1`,
		userID).Scan(&roles, &perms, &g.Staff, &g.Blocked, &updated)
	if sqldb.IsNoRows(err) {
		return g, nil
	}
	if err != nil {
		return g, fmt.Errorf("read grants of %s: %w", userID, sqldb.Classify(err))
	}
	if g.Roles, err = fromJSON(roles); err != nil {
		return g, fmt.Errorf("decode roles of %s: %w", userID, err)
	}
	if g.Permissions, err = fromJSON(perms); err != nil {
		return g, fmt.Errorf("decode permissions of %s: %w", userID, err)
	}
	g.UpdatedAt = fromUS(updated)
	return g, nil
}

// SaveGrants stores the user's roles, permissions and staff flag as of
// g.UpdatedAt, unless a later snapshot is stored already; it reports
// whether it changed anything. The blocked flag is kept.
func (s *Store) SaveGrants(ctx context.Context, g domain.Grants) (bool, error) {
	return s.exec1(ctx, "save grants", `INSERT INTO grants (user_id, roles, permissions, staff, updated_at)
		VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (user_id) DO UPDATE SET roles = excluded.roles, permissions = excluded.permissions,
			staff = excluded.staff, updated_at = excluded.updated_at
		WHERE grants.updated_at <= excluded.updated_at`,
		g.UserID, toJSON(g.Roles), toJSON(g.Permissions), g.Staff, us(g.UpdatedAt))
}

// SetBlocked records whether staff blocked the user.
func (s *Store) SetBlocked(ctx context.Context, userID string, blocked bool) error {
	_, err := s.exec(ctx, "set blocked", `INSERT INTO grants (user_id, blocked) VALUES ($1, $2)
		ON CONFLICT (user_id) DO UPDATE SET blocked = excluded.blocked`, userID, blocked)
	return err
}

func (s *Store) exec1(ctx context.Context, op, query string, args ...any) (bool, error) {
	n, err := s.exec(ctx, op, query, args...)
	return n > 0, err
}
