package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/training/progress/internal/domain"
)

// PutAthlete implements domain.Repository.
func (s *Store) PutAthlete(ctx context.Context, a domain.Athlete, version time.Time) error {
	var birth, sex any
	if a.BirthYear != nil {
		birth = *a.BirthYear
	}
	if a.Sex != nil {
		sex = *a.Sex
	}
	_, err := s.q(ctx).ExecContext(ctx, `INSERT INTO athletes (user_id, birth_year, sex, version) VALUES ($1, $2, $3, $4)
		ON CONFLICT (user_id) DO UPDATE SET birth_year = excluded.birth_year, sex = excluded.sex,
			version = excluded.version
		WHERE athletes.version <= excluded.version`, a.UserID, birth, sex, dbTime(version))
	if err != nil {
		return fmt.Errorf("put athlete %s: %w", a.UserID, sqldb.Classify(err))
	}
	return nil
}

// Athlete implements domain.Repository.
func (s *Store) Athlete(ctx context.Context, userID string) (domain.Athlete, error) {
	a := domain.Athlete{UserID: userID}
	var (
		birth sql.NullInt64
		sex   sql.NullString
	)
	err := s.q(ctx).QueryRowContext(ctx, `SELECT birth_year, sex FROM athletes WHERE user_id = $1`, userID).Scan(&birth, &sex)
	if sqldb.IsNoRows(err) {
		return a, nil
	}
	if err != nil {
		return a, fmt.Errorf("read athlete %s: %w", userID, sqldb.Classify(err))
	}
	if birth.Valid {
		y := int(birth.Int64)
		a.BirthYear = &y
	}
	if sex.Valid {
		a.Sex = &sex.String
	}
	return a, nil
}

// Settings implements domain.Repository.
func (s *Store) Settings(ctx context.Context, userID string) (domain.Settings, error) {
	st := domain.Settings{UserID: userID}
	err := s.q(ctx).QueryRowContext(ctx, `SELECT share_in_comparisons, updated_at FROM settings WHERE user_id = $1`, userID).
		Scan(&st.ShareInComparisons, &st.UpdatedAt)
	if sqldb.IsNoRows(err) {
		return st, nil
	}
	if err != nil {
		return st, fmt.Errorf("read settings of %s: %w", userID, sqldb.Classify(err))
	}
	st.UpdatedAt = st.UpdatedAt.UTC()
	return st, nil
}

// PutSettings implements domain.Repository.
func (s *Store) PutSettings(ctx context.Context, st domain.Settings) error {
	_, err := s.q(ctx).ExecContext(ctx, `INSERT INTO settings (user_id, share_in_comparisons, updated_at) VALUES ($1, $2, $3)
		ON CONFLICT (user_id) DO UPDATE SET share_in_comparisons = excluded.share_in_comparisons,
			updated_at = excluded.updated_at`, st.UserID, st.ShareInComparisons, dbTime(st.UpdatedAt))
	if err != nil {
		return fmt.Errorf("save settings of %s: %w", st.UserID, sqldb.Classify(err))
	}
	return nil
}

// EraseUser implements domain.Repository: every row of the user, the
// tombstones of their deleted activities included.
func (s *Store) EraseUser(ctx context.Context, userID string) error {
	return s.db.InTx(ctx, func(ctx context.Context) error {
		for _, table := range []string{"efforts", "daily_loads", "activities", "athletes", "settings"} {
			if _, err := s.q(ctx).ExecContext(ctx, `DELETE FROM `+table+` WHERE user_id = $1`, userID); err != nil {
				return fmt.Errorf("erase %s of %s: %w", table, userID, sqldb.Classify(err))
			}
		}
		return nil
	})
}
