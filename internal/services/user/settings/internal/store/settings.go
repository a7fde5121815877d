package store

import (
	"context"
	"fmt"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/user/settings/internal/domain"
)

// Get implements domain.Repository.
func (s *Store) Get(ctx context.Context, userID string) (domain.Settings, error) {
	return s.get(ctx, userID, "")
}

// GetForUpdate implements domain.Repository.
func (s *Store) GetForUpdate(ctx context.Context, userID string) (domain.Settings, error) {
	return s.get(ctx, userID, s.forUpdate())
}

func (s *Store) get(ctx context.Context, userID, lock string) (domain.Settings, error) {
	var r row
	err := s.db.Q(ctx).QueryRowContext(ctx, `SELECT `+columns+` FROM settings WHERE user_id = $1`+lock, userID).
		Scan(r.targets()...)
	if sqldb.IsNoRows(err) {
		return domain.Settings{}, domain.ErrSettingsNotFound
	}
	if err != nil {
		return domain.Settings{}, fmt.Errorf("get settings of %s: %w", userID, sqldb.Classify(err))
	}
	return settingsFromRow(r)
}

// Create implements domain.Repository.
func (s *Store) Create(ctx context.Context, st domain.Settings) (bool, error) {
	a, err := args(st)
	if err != nil {
		return false, err
	}
	res, err := s.db.Q(ctx).ExecContext(ctx, `INSERT INTO settings (`+columns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
		ON CONFLICT (user_id) DO NOTHING`, a...)
	if err != nil {
		return false, fmt.Errorf("create settings of %s: %w", st.UserID, sqldb.Classify(err))
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("create settings of %s: %w", st.UserID, err)
	}
	return n == 1, nil
}

// Save implements domain.Repository.
func (s *Store) Save(ctx context.Context, st domain.Settings) error {
	a, err := args(st)
	if err != nil {
		return err
	}
	res, err := s.db.Q(ctx).ExecContext(ctx, `UPDATE settings SET theme = $2, units = $3, first_day_of_week = $4,
		language = $5, region = $6, time_zone = $7, currency = $8, phone = $9, notifications = $10,
		quiet_enabled = $11, quiet_start = $12, quiet_end = $13, consent_granted = $14, consent_granted_at = $15,
		consent_withdrawn_at = $16, created_at = $17, updated_at = $18
		WHERE user_id = $1`, a...)
	if err != nil {
		return fmt.Errorf("save settings of %s: %w", st.UserID, sqldb.Classify(err))
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("save settings of %s: %w", st.UserID, err)
	} else if n == 0 {
		return domain.ErrSettingsNotFound
	}
	return nil
}

// AddConsentRecord implements domain.Repository.
func (s *Store) AddConsentRecord(ctx context.Context, r domain.ConsentRecord) error {
	_, err := s.db.Q(ctx).ExecContext(ctx, `INSERT INTO consent_history (id, user_id, granted, at)
		VALUES ($1, $2, $3, $4)`, r.ID, r.UserID, r.Granted, dbTime(r.At))
	if err != nil {
		return fmt.Errorf("record consent of %s: %w", r.UserID, sqldb.Classify(err))
	}
	return nil
}

// ConsentHistory implements domain.Repository.
func (s *Store) ConsentHistory(ctx context.Context, userID string) ([]domain.ConsentRecord, error) {
	out, err := sqldb.QueryAll(ctx, s.db.Q(ctx), `SELECT id, user_id, granted, at FROM consent_history
		WHERE user_id = $1 ORDER BY at, id`, []any{userID},
		func(r sqldb.Scanner) (c domain.ConsentRecord, err error) {
			err = r.Scan(&c.ID, &c.UserID, &c.Granted, &c.At)
			c.At = c.At.UTC()
			return c, err
		})
	if err != nil {
		return nil, fmt.Errorf("consent history of %s: %w", userID, err)
	}
	return out, nil
}

// DeleteUser implements domain.Repository. The consent records stay, under
// tombstone instead of the user id: see the app layer's DeleteUser for why.
func (s *Store) DeleteUser(ctx context.Context, userID, tombstone string) (bool, error) {
	var existed bool
	err := s.db.InTx(ctx, func(ctx context.Context) error {
		q := s.db.Q(ctx)
		res, err := q.ExecContext(ctx, `DELETE FROM settings WHERE user_id = $1`, userID)
		if err != nil {
			return fmt.Errorf("delete settings of %s: %w", userID, sqldb.Classify(err))
		}
		n, err := res.RowsAffected()
		if err != nil {
			return fmt.Errorf("delete settings of %s: %w", userID, err)
		}
		existed = n > 0
		if _, err := q.ExecContext(ctx, `UPDATE consent_history SET user_id = $2 WHERE user_id = $1`, userID, tombstone); err != nil {
			return fmt.Errorf("anonymise consent history of %s: %w", userID, sqldb.Classify(err))
		}
		return nil
	})
	return existed, err
}

var _ domain.Repository = (*Store)(nil)
