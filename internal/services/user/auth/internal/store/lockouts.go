package store

import (
	"context"
	"fmt"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/domain"
)

func lockoutFromRow(sc sqldb.Scanner) (domain.Lockout, error) {
	var l domain.Lockout
	var until int64
	if err := sc.Scan(&l.Key, &l.UserID, &l.Failures, &until); err != nil {
		return l, err
	}
	l.LockedUntil = fromUS(until)
	return l, nil
}

// Lockout returns the failure count of an email key (zero when none).
func (s *Store) Lockout(ctx context.Context, key string) (domain.Lockout, error) {
	l, err := lockoutFromRow(s.q(ctx).QueryRowContext(ctx,
		`SELECT email_key, user_id, failures, locked_until FROM lockouts WHERE email_key = $1`, key))
	if sqldb.IsNoRows(err) {
		return domain.Lockout{Key: key}, nil
	}
	if err != nil {
		return l, fmt.Errorf("read lockout: %w", sqldb.Classify(err))
	}
	return l, nil
}

// RecordFailure counts one more failed login for key. When the count
// reaches threshold the key is locked until now+lock and the count starts
// again; locked reports that this failure locked it.
func (s *Store) RecordFailure(ctx context.Context, key, userID string, threshold int, lock time.Duration, now time.Time) (l domain.Lockout, locked bool, err error) {
	l, err = lockoutFromRow(s.q(ctx).QueryRowContext(ctx, `INSERT INTO lockouts (email_key, user_id, failures, locked_until, updated_at)
		VALUES ($1, $2, 1, 0, $3)
		ON CONFLICT (email_key) DO UPDATE SET failures = lockouts.failures + 1, user_id = excluded.user_id,
			updated_at = excluded.updated_at
		RETURNING email_key, user_id, failures, locked_until`, key, userID, us(now)))
	if err != nil {
		return l, false, fmt.Errorf("record failed login: %w", sqldb.Classify(err))
	}
	if l.Failures < threshold || l.Locked(now) {
		return l, false, nil
	}
	l.LockedUntil, l.Failures = now.Add(lock), 0
	if _, err := s.exec(ctx, "lock", `UPDATE lockouts SET failures = 0, locked_until = $2 WHERE email_key = $1`,
		key, us(l.LockedUntil)); err != nil {
		return l, false, err
	}
	return l, true, nil
}

// ClearLockout forgets the failures of key and returns what it held.
func (s *Store) ClearLockout(ctx context.Context, key string) (domain.Lockout, error) {
	l, err := lockoutFromRow(s.q(ctx).QueryRowContext(ctx,
		`DELETE FROM lockouts WHERE email_key = $1 RETURNING email_key, user_id, failures, locked_until`, key))
	if sqldb.IsNoRows(err) {
		return domain.Lockout{Key: key}, nil
	}
	if err != nil {
		return l, fmt.Errorf("clear lockout: %w", sqldb.Classify(err))
	}
	return l, nil
}

// ExpireLockouts deletes locks that ended by now, and failure counts not
// touched since staleBefore, returning the locks that ended.
func (s *Store) ExpireLockouts(ctx context.Context, now, staleBefore time.Time) ([]domain.Lockout, error) {
	ended, err := sqldb.QueryAll(ctx, s.q(ctx), `DELETE FROM lockouts WHERE locked_until <> 0 AND locked_until <= $1
		RETURNING email_key, user_id, failures, locked_until`, []any{us(now)}, lockoutFromRow)
	if err != nil {
		return nil, fmt.Errorf("expire lockouts: %w", err)
	}
	if _, err := s.exec(ctx, "prune failure counts", `DELETE FROM lockouts WHERE locked_until = 0 AND updated_at < $1`,
		us(staleBefore)); err != nil {
		return nil, err
	}
	return ended, nil
}
