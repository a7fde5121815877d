package store

import (
	"context"
	"fmt"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/domain"
)

// Achievements implements domain.Repository: oldest first.
func (s *Store) Achievements(ctx context.Context, userID string) ([]domain.Achievement, error) {
	as, err := sqldb.QueryAll(ctx, s.q(ctx), `SELECT user_id, code, awarded_at FROM achievements
		WHERE user_id = $1 ORDER BY awarded_at, code`, []any{userID}, func(sc sqldb.Scanner) (domain.Achievement, error) {
		var a domain.Achievement
		err := sc.Scan(&a.UserID, &a.Code, &a.AwardedAt)
		a.AwardedAt = a.AwardedAt.UTC()
		return a, err
	})
	if err != nil {
		return nil, fmt.Errorf("list achievements of %s: %w", userID, err)
	}
	return as, nil
}

// Award implements domain.Repository.
func (s *Store) Award(ctx context.Context, a domain.Achievement) (bool, error) {
	res, err := s.q(ctx).ExecContext(ctx, `INSERT INTO achievements (user_id, code, awarded_at) VALUES ($1, $2, $3)
		ON CONFLICT (user_id, code) DO NOTHING`, a.UserID, a.Code, dbTime(a.AwardedAt))
	if err != nil {
		return false, fmt.Errorf("award %s to %s: %w", a.Code, a.UserID, sqldb.Classify(err))
	}
	return affected(res)
}

// EraseUser implements domain.Repository.
func (s *Store) EraseUser(ctx context.Context, userID string) error {
	return s.db.InTx(ctx, func(ctx context.Context) error {
		for _, q := range []string{
			`DELETE FROM privacy_zones WHERE user_id = $1`,
			`DELETE FROM goals WHERE user_id = $1`,
			`DELETE FROM achievements WHERE user_id = $1`,
			`DELETE FROM follows WHERE follower_id = $1 OR followee_id = $1`,
			`DELETE FROM training_activities WHERE user_id = $1`,
			`DELETE FROM profiles WHERE user_id = $1`,
		} {
			if _, err := s.q(ctx).ExecContext(ctx, q, userID); err != nil {
				return fmt.Errorf("erase user %s: %w", userID, sqldb.Classify(err))
			}
		}
		return nil
	})
}

var _ domain.Repository = (*Store)(nil)
