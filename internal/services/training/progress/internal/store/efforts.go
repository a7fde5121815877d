package store

import (
	"context"
	"fmt"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/training/progress/internal/domain"
)

const effortColumns = `activity_id, user_id, family, effort, distance_m, elapsed_s, started_at`

func effortFromRow(sc sqldb.Scanner) (domain.EffortRow, error) {
	var e domain.EffortRow
	err := sc.Scan(&e.ActivityID, &e.UserID, &e.Family, &e.Effort, &e.DistanceM, &e.ElapsedS, &e.StartedAt)
	e.StartedAt = e.StartedAt.UTC()
	return e, err
}

// Efforts implements domain.Repository.
func (s *Store) Efforts(ctx context.Context, userID, family string, since time.Time) ([]domain.EffortRow, error) {
	return s.efforts(ctx, userID, family, since, "")
}

// efforts lists efforts; activityID, when not "", keeps that activity's.
func (s *Store) efforts(ctx context.Context, userID, family string, since time.Time, activityID string) ([]domain.EffortRow, error) {
	query := `SELECT ` + effortColumns + ` FROM efforts WHERE user_id = $1 AND started_at >= $2`
	args := []any{userID, dbTime(since)}
	if family != "" {
		args = append(args, family)
		query += fmt.Sprintf(" AND family = $%d", len(args))
	}
	if activityID != "" {
		args = append(args, activityID)
		query += fmt.Sprintf(" AND activity_id = $%d", len(args))
	}
	out, err := sqldb.QueryAll(ctx, s.q(ctx), query+` ORDER BY started_at, activity_id, distance_m`, args, effortFromRow)
	if err != nil {
		return nil, fmt.Errorf("efforts of %s: %w", userID, err)
	}
	return out, nil
}

// BestEffort implements domain.Repository: the fastest, the earlier on a tie.
func (s *Store) BestEffort(ctx context.Context, userID, family, effort string) (*domain.EffortRow, error) {
	e, err := effortFromRow(s.q(ctx).QueryRowContext(ctx, `SELECT `+effortColumns+` FROM efforts
		WHERE user_id = $1 AND family = $2 AND effort = $3 ORDER BY elapsed_s, started_at, activity_id LIMIT 1`,
		userID, family, effort))
	if sqldb.IsNoRows(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("best %s %s of %s: %w", family, effort, userID, sqldb.Classify(err))
	}
	return &e, nil
}

// Cohort implements domain.Repository.
func (s *Store) Cohort(ctx context.Context, q domain.CohortQuery) ([]float64, error) {
	out, err := sqldb.QueryAll(ctx, s.q(ctx), `SELECT MIN(e.elapsed_s) FROM efforts e
		JOIN settings st ON st.user_id = e.user_id AND st.share_in_comparisons
		JOIN athletes a ON a.user_id = e.user_id
		WHERE e.family = $1 AND e.effort = $2 AND e.started_at >= $3 AND e.user_id <> $4
			AND a.sex = $5 AND a.birth_year >= $6 AND a.birth_year <= $7
		GROUP BY e.user_id`,
		[]any{q.Family, q.Effort, dbTime(q.Since), q.ExceptUser, q.Sex, q.BirthYearFrom, q.BirthYearTo},
		func(sc sqldb.Scanner) (v float64, err error) {
			err = sc.Scan(&v)
			return v, err
		})
	if err != nil {
		return nil, fmt.Errorf("cohort of %s %s: %w", q.Family, q.Effort, err)
	}
	return out, nil
}
