package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/domain"
)

// PutTrainingActivity implements domain.Repository. The conditional upsert
// keeps whichever version is later, so the order events arrive in does
// not matter.
func (s *Store) PutTrainingActivity(ctx context.Context, a domain.TrainingActivity, version time.Time) (bool, error) {
	efforts := a.Efforts
	if efforts == nil {
		efforts = []domain.Effort{}
	}
	ej, err := json.Marshal(efforts)
	if err != nil {
		return false, fmt.Errorf("put training activity %s: %w", a.ID, err)
	}
	res, err := s.q(ctx).ExecContext(ctx, `INSERT INTO training_activities (activity_id, user_id, sport, started_at,
		time_zone, distance_m, moving_s, efforts, deleted, version)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, FALSE, $9)
		ON CONFLICT (activity_id) DO UPDATE SET user_id = excluded.user_id, sport = excluded.sport,
			started_at = excluded.started_at, time_zone = excluded.time_zone, distance_m = excluded.distance_m,
			moving_s = excluded.moving_s, efforts = excluded.efforts, deleted = FALSE, version = excluded.version
		WHERE training_activities.version < excluded.version
			OR (training_activities.version = excluded.version AND NOT training_activities.deleted)`,
		a.ID, a.UserID, a.Sport, dbTime(a.StartedAt), a.TimeZone, a.DistanceM, a.MovingS, string(ej), dbTime(version))
	if err != nil {
		return false, fmt.Errorf("put training activity %s: %w", a.ID, sqldb.Classify(err))
	}
	return affected(res)
}

// DeleteTrainingActivity implements domain.Repository.
func (s *Store) DeleteTrainingActivity(ctx context.Context, id, userID string, version time.Time) (bool, error) {
	v := dbTime(version)
	res, err := s.q(ctx).ExecContext(ctx, `INSERT INTO training_activities (activity_id, user_id, sport, started_at,
		time_zone, distance_m, moving_s, efforts, deleted, version)
		VALUES ($1, $2, '', $3, '', 0, 0, '[]', TRUE, $3)
		ON CONFLICT (activity_id) DO UPDATE SET deleted = TRUE, efforts = '[]', version = excluded.version
		WHERE training_activities.version <= excluded.version`, id, userID, v)
	if err != nil {
		return false, fmt.Errorf("delete training activity %s: %w", id, sqldb.Classify(err))
	}
	return affected(res)
}

// TrainingActivities implements domain.Repository.
func (s *Store) TrainingActivities(ctx context.Context, userID string, since time.Time) ([]domain.TrainingActivity, error) {
	out, err := sqldb.QueryAll(ctx, s.q(ctx), `SELECT activity_id, user_id, sport, started_at, time_zone, distance_m,
		moving_s, efforts FROM training_activities
		WHERE user_id = $1 AND NOT deleted AND started_at >= $2 ORDER BY started_at, activity_id`,
		[]any{userID, dbTime(since)}, func(sc sqldb.Scanner) (domain.TrainingActivity, error) {
			var (
				a       domain.TrainingActivity
				efforts string
			)
			if err := sc.Scan(&a.ID, &a.UserID, &a.Sport, &a.StartedAt, &a.TimeZone, &a.DistanceM, &a.MovingS, &efforts); err != nil {
				return a, err
			}
			a.StartedAt = a.StartedAt.UTC()
			if err := json.Unmarshal([]byte(efforts), &a.Efforts); err != nil {
				return a, fmt.Errorf("decode efforts of %s: %w", a.ID, err)
			}
			return a, nil
		})
	if err != nil {
		return nil, fmt.Errorf("list training activities of %s: %w", userID, err)
	}
	return out, nil
}
