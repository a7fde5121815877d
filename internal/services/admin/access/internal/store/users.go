package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/admin/access/internal/domain"
)

const userColumns = `u.user_id, u.email, u.display_name, u.email_verified, u.two_factor_enabled, u.blocked,
	u.locked_until, u.registered_at`

func scanUser(r sqldb.Scanner) (domain.User, error) {
	var (
		u      domain.User
		locked sql.NullTime
	)
	if err := r.Scan(&u.UserID, &u.Email, &u.DisplayName, &u.EmailVerified, &u.TwoFactor, &u.Blocked, &locked,
		&u.RegisteredAt); err != nil {
		return u, err
	}
	u.LockedUntil, u.RegisteredAt = timePtr(locked), u.RegisteredAt.UTC()
	return u, nil
}

// User implements domain.Repository.
func (s *Store) User(ctx context.Context, userID string) (domain.User, error) {
	u, err := scanUser(s.db.Q(ctx).QueryRowContext(ctx, `SELECT `+userColumns+` FROM users u WHERE u.user_id = $1`, userID))
	if sqldb.IsNoRows(err) {
		return u, domain.ErrUserNotFound
	}
	if err != nil {
		return u, fmt.Errorf("get user %s: %w", userID, sqldb.Classify(err))
	}
	roles, err := s.rolesOf(ctx, []string{userID})
	u.Roles = roles[userID]
	return u, err
}

// rolesOf returns the assigned roles of each user, sorted.
func (s *Store) rolesOf(ctx context.Context, ids []string) (map[string][]string, error) {
	out := make(map[string][]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var a argList
	type pair struct{ user, role string }
	pairs, err := sqldb.QueryAll(ctx, s.db.Q(ctx), `SELECT user_id, role FROM user_roles WHERE user_id IN (`+a.in(ids)+`)
		ORDER BY user_id, role`, a.args, func(r sqldb.Scanner) (p pair, err error) { return p, r.Scan(&p.user, &p.role) })
	if err != nil {
		return nil, fmt.Errorf("roles of users: %w", err)
	}
	for _, p := range pairs {
		out[p.user] = append(out[p.user], p.role)
	}
	return out, nil
}

// SetBlocked implements domain.Repository.
func (s *Store) SetBlocked(ctx context.Context, userID string, blocked bool, at time.Time) error {
	ok, err := rowsAffected(s.db.Q(ctx).ExecContext(ctx, `UPDATE users SET blocked = $2, updated_at = $3 WHERE user_id = $1`,
		userID, blocked, dbTime(at)))
	if err != nil {
		return fmt.Errorf("set blocked of %s: %w", userID, err)
	}
	if !ok {
		return domain.ErrUserNotFound
	}
	return nil
}

// UpsertUser implements domain.Repository: a registration adds the user or,
// when the bootstrap put them in first, sets their email and time.
func (s *Store) UpsertUser(ctx context.Context, userID, email string, registeredAt time.Time) error {
	_, err := s.db.Q(ctx).ExecContext(ctx, `INSERT INTO users (user_id, email, email_lower, registered_at, updated_at)
		VALUES ($1, $2, $3, $4, $4)
		ON CONFLICT (user_id) DO UPDATE SET email = excluded.email, email_lower = excluded.email_lower,
			registered_at = excluded.registered_at, updated_at = excluded.updated_at`,
		userID, email, strings.ToLower(email), dbTime(registeredAt))
	if err != nil {
		return fmt.Errorf("upsert user %s: %w", userID, sqldb.Classify(err))
	}
	return nil
}

// EnsureUser implements domain.Repository: it adds the user unless present.
func (s *Store) EnsureUser(ctx context.Context, userID, email string, registeredAt time.Time) error {
	_, err := s.db.Q(ctx).ExecContext(ctx, `INSERT INTO users (user_id, email, email_lower, registered_at, updated_at)
		VALUES ($1, $2, $3, $4, $4) ON CONFLICT (user_id) DO NOTHING`,
		userID, email, strings.ToLower(email), dbTime(registeredAt))
	if err != nil {
		return fmt.Errorf("ensure user %s: %w", userID, sqldb.Classify(err))
	}
	return nil
}

// SetEmailVerified implements domain.Repository.
func (s *Store) SetEmailVerified(ctx context.Context, userID, email string) (bool, error) {
	return s.update(ctx, userID, `email_verified = TRUE, email = COALESCE(NULLIF($2, ''), email),
		email_lower = COALESCE(NULLIF($3, ''), email_lower)`, email, strings.ToLower(email))
}

// SetLockedUntil implements domain.Repository.
func (s *Store) SetLockedUntil(ctx context.Context, userID string, until *time.Time) (bool, error) {
	return s.update(ctx, userID, `locked_until = $2`, nullTime(until))
}

// SetTwoFactor implements domain.Repository.
func (s *Store) SetTwoFactor(ctx context.Context, userID string, enabled bool) (bool, error) {
	return s.update(ctx, userID, `two_factor_enabled = $2`, enabled)
}

// SetDisplayName implements domain.Repository.
func (s *Store) SetDisplayName(ctx context.Context, userID, name string) (bool, error) {
	return s.update(ctx, userID, `display_name = $2, name_lower = $3`, name, strings.ToLower(name))
}

// update sets columns of a directory row ($1 is the user id, args follow).
func (s *Store) update(ctx context.Context, userID, set string, args ...any) (bool, error) {
	ok, err := rowsAffected(s.db.Q(ctx).ExecContext(ctx, `UPDATE users SET `+set+` WHERE user_id = $1`,
		append([]any{userID}, args...)...))
	if err != nil {
		return false, fmt.Errorf("update user %s: %w", userID, err)
	}
	return ok, nil
}

// DeleteUser implements domain.Repository.
func (s *Store) DeleteUser(ctx context.Context, userID, tombstone string) error {
	return s.db.InTx(ctx, func(ctx context.Context) error {
		q := s.db.Q(ctx)
		for _, stmt := range []string{
			`DELETE FROM user_roles WHERE user_id = $1`,
			`DELETE FROM users WHERE user_id = $1`,
		} {
			if _, err := q.ExecContext(ctx, stmt, userID); err != nil {
				return fmt.Errorf("delete user %s: %w", userID, sqldb.Classify(err))
			}
		}
		if _, err := q.ExecContext(ctx, `UPDATE staff_actions SET target_user_id = $2 WHERE target_user_id = $1`,
			userID, tombstone); err != nil {
			return fmt.Errorf("anonymise actions on %s: %w", userID, sqldb.Classify(err))
		}
		return nil
	})
}
