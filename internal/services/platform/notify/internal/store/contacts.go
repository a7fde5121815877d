package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/domain"
)

// Contact returns what notify knows of a user, or nil when nothing.
func (s *Store) Contact(ctx context.Context, userID string) (*domain.Contact, error) {
	c := domain.Contact{UserID: userID}
	var overrides string
	err := s.q(ctx).QueryRowContext(ctx, `SELECT email, email_verified, name, language, time_zone, units, phone,
		overrides, quiet_enabled, quiet_start, quiet_end FROM contacts WHERE user_id = $1`, userID).
		Scan(&c.Email, &c.EmailVerified, &c.Name, &c.Language, &c.TimeZone, &c.Units, &c.Phone,
			&overrides, &c.QuietHours.Enabled, &c.QuietHours.Start, &c.QuietHours.End)
	if sqldb.IsNoRows(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read contact %s: %w", userID, sqldb.Classify(err))
	}
	if err := json.Unmarshal([]byte(overrides), &c.Overrides); err != nil {
		return nil, fmt.Errorf("decode overrides of %s: %w", userID, err)
	}
	return &c, nil
}

// ensureContact creates an empty contact row for userID if there is none.
func (s *Store) ensureContact(ctx context.Context, userID string, at time.Time) error {
	_, err := s.exec(ctx, "create contact "+userID,
		`INSERT INTO contacts (user_id, updated_at) VALUES ($1, $2) ON CONFLICT (user_id) DO NOTHING`, userID, us(at))
	return err
}

// SetRegistered records a new account's email and language; a language
// already set from the user's settings is kept.
func (s *Store) SetRegistered(ctx context.Context, userID, email, language string, at time.Time) error {
	if err := s.ensureContact(ctx, userID, at); err != nil {
		return err
	}
	_, err := s.exec(ctx, "record registration of "+userID,
		`UPDATE contacts SET email = $2, language = CASE WHEN language = '' THEN $3 ELSE language END, updated_at = $4
		 WHERE user_id = $1`, userID, email, language, us(at))
	return err
}

// SetVerified records a verified email address.
func (s *Store) SetVerified(ctx context.Context, userID, email string, at time.Time) error {
	if err := s.ensureContact(ctx, userID, at); err != nil {
		return err
	}
	_, err := s.exec(ctx, "record verified email of "+userID,
		`UPDATE contacts SET email = $2, email_verified = TRUE, updated_at = $3 WHERE user_id = $1`, userID, email, us(at))
	return err
}

// SetSettings records the user's settings snapshot: language, time zone,
// units, phone, per-type channel overrides and quiet hours.
func (s *Store) SetSettings(ctx context.Context, c domain.Contact, at time.Time) error {
	if err := s.ensureContact(ctx, c.UserID, at); err != nil {
		return err
	}
	overrides := c.Overrides
	if overrides == nil {
		overrides = map[string]map[string]bool{}
	}
	_, err := s.exec(ctx, "record settings of "+c.UserID,
		`UPDATE contacts SET language = $2, time_zone = $3, units = $4, phone = $5, overrides = $6,
		 quiet_enabled = $7, quiet_start = $8, quiet_end = $9, updated_at = $10 WHERE user_id = $1`,
		c.UserID, c.Language, c.TimeZone, c.Units, c.Phone, mustJSON(overrides),
		c.QuietHours.Enabled, c.QuietHours.Start, c.QuietHours.End, us(at))
	return err
}

// SetName records the user's display name.
func (s *Store) SetName(ctx context.Context, userID, name string, at time.Time) error {
	if err := s.ensureContact(ctx, userID, at); err != nil {
		return err
	}
	_, err := s.exec(ctx, "record name of "+userID,
		`UPDATE contacts SET name = $2, updated_at = $3 WHERE user_id = $1`, userID, name, us(at))
	return err
}

// Deleted reports whether the user's account was deleted.
func (s *Store) Deleted(ctx context.Context, userID string) (bool, error) {
	var n int
	err := s.q(ctx).QueryRowContext(ctx, `SELECT COUNT(*) FROM deleted_users WHERE user_id = $1`, userID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("check deletion of %s: %w", userID, sqldb.Classify(err))
	}
	return n > 0, nil
}
