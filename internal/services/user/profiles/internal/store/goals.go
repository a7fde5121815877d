package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/domain"
)

const goalColumns = `id, user_id, kind, sport, period, target, race_name, race_date, progress, created_at, updated_at,
	race_distance_m`

func goalFromRow(sc sqldb.Scanner) (domain.Goal, error) {
	var (
		g                                 domain.Goal
		sport, period, raceName, raceDate sql.NullString
		raceDistance                      sql.NullFloat64
	)
	err := sc.Scan(&g.ID, &g.UserID, &g.Kind, &sport, &period, &g.Target, &raceName, &raceDate, &g.Progress,
		&g.CreatedAt, &g.UpdatedAt, &raceDistance)
	g.Sport, g.Period, g.RaceName, g.RaceDate = strPtr(sport), strPtr(period), strPtr(raceName), strPtr(raceDate)
	g.RaceDistanceM = floatPtr(raceDistance)
	g.CreatedAt, g.UpdatedAt = g.CreatedAt.UTC(), g.UpdatedAt.UTC()
	return g, err
}

// Goals implements domain.Repository: the user's goals, oldest first.
func (s *Store) Goals(ctx context.Context, userID string) ([]domain.Goal, error) {
	goals, err := sqldb.QueryAll(ctx, s.q(ctx), `SELECT `+goalColumns+` FROM goals WHERE user_id = $1
		ORDER BY created_at, id`, []any{userID}, goalFromRow)
	if err != nil {
		return nil, fmt.Errorf("list goals of %s: %w", userID, err)
	}
	return goals, nil
}

// Goal implements domain.Repository. Another user's goal is "not found".
func (s *Store) Goal(ctx context.Context, userID, id string) (domain.Goal, error) {
	g, err := goalFromRow(s.q(ctx).QueryRowContext(ctx, `SELECT `+goalColumns+` FROM goals
		WHERE id = $1 AND user_id = $2`, id, userID))
	if sqldb.IsNoRows(err) {
		return g, domain.ErrGoalNotFound
	}
	if err != nil {
		return g, fmt.Errorf("read goal %s: %w", id, sqldb.Classify(err))
	}
	return g, nil
}

// InsertGoal implements domain.Repository.
func (s *Store) InsertGoal(ctx context.Context, g domain.Goal) error {
	_, err := s.q(ctx).ExecContext(ctx, `INSERT INTO goals (`+goalColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`, g.ID, g.UserID, g.Kind, nullable(g.Sport),
		nullable(g.Period), g.Target, nullable(g.RaceName), nullable(g.RaceDate), g.Progress, dbTime(g.CreatedAt),
		dbTime(g.UpdatedAt), nullable(g.RaceDistanceM))
	if err != nil {
		return fmt.Errorf("insert goal %s: %w", g.ID, sqldb.Classify(err))
	}
	return nil
}

// UpdateGoal implements domain.Repository.
func (s *Store) UpdateGoal(ctx context.Context, g domain.Goal) error {
	res, err := s.q(ctx).ExecContext(ctx, `UPDATE goals SET kind = $3, sport = $4, period = $5, target = $6,
		race_name = $7, race_date = $8, progress = $9, updated_at = $10, race_distance_m = $11
		WHERE id = $1 AND user_id = $2`,
		g.ID, g.UserID, g.Kind, nullable(g.Sport), nullable(g.Period), g.Target, nullable(g.RaceName),
		nullable(g.RaceDate), g.Progress, dbTime(g.UpdatedAt), nullable(g.RaceDistanceM))
	if err != nil {
		return fmt.Errorf("update goal %s: %w", g.ID, sqldb.Classify(err))
	}
	if ok, err := affected(res); err != nil || !ok {
		if err == nil {
			err = domain.ErrGoalNotFound
		}
		return err
	}
	return nil
}

// DeleteGoal implements domain.Repository.
func (s *Store) DeleteGoal(ctx context.Context, userID, id string) error {
	res, err := s.q(ctx).ExecContext(ctx, `DELETE FROM goals WHERE id = $1 AND user_id = $2`, id, userID)
	if err != nil {
		return fmt.Errorf("delete goal %s: %w", id, sqldb.Classify(err))
	}
	if ok, err := affected(res); err != nil || !ok {
		if err == nil {
			err = domain.ErrGoalNotFound
		}
		return err
	}
	return nil
}

// CountGoals implements domain.Repository.
func (s *Store) CountGoals(ctx context.Context, userID string) (int, error) {
	var n int
	if err := s.q(ctx).QueryRowContext(ctx, `SELECT COUNT(*) FROM goals WHERE user_id = $1`, userID).Scan(&n); err != nil {
		return 0, fmt.Errorf("count goals of %s: %w", userID, sqldb.Classify(err))
	}
	return n, nil
}

// SetGoalProgress implements domain.Repository.
func (s *Store) SetGoalProgress(ctx context.Context, id string, progress float64) error {
	res, err := s.q(ctx).ExecContext(ctx, `UPDATE goals SET progress = $2 WHERE id = $1`, id, progress)
	if err != nil {
		return fmt.Errorf("set progress of goal %s: %w", id, sqldb.Classify(err))
	}
	if ok, err := affected(res); err != nil || !ok {
		if err == nil {
			err = domain.ErrGoalNotFound
		}
		return err
	}
	return nil
}
