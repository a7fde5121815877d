// Package store keeps the settings service's data in SQL: one row of
// settings per user and the marketing consent history, in portable `$1`
// SQL for SQLite and PostgreSQL. The only dialect difference is the row
// lock of a read-modify-write (SQLite serialises writers by itself).
package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/user/settings/internal/domain"
)

// Store is the settings service's SQL store.
type Store struct {
	db *sqldb.DB
}

// New returns a store over db (already migrated).
func New(db *sqldb.DB) *Store { return &Store{db: db} }

// InTx runs fn in one transaction; the store and the outbox join it through ctx.
func (s *Store) InTx(ctx context.Context, fn func(ctx context.Context) error) error {
	return s.db.InTx(ctx, fn)
}

const columns = `user_id, theme, units, first_day_of_week, language, region, time_zone, currency, phone,
	notifications, quiet_enabled, quiet_start, quiet_end, consent_granted, consent_granted_at,
	consent_withdrawn_at, created_at, updated_at`

// row is a settings row as stored.
type row struct {
	UserID, Theme, Units         string
	FirstDay                     int
	Language, Region, Zone, Curr string
	Phone                        sql.NullString
	Notifications                string
	QuietEnabled                 bool
	QuietStart, QuietEnd         string
	Granted                      bool
	GrantedAt, WithdrawnAt       sql.NullTime
	CreatedAt, UpdatedAt         time.Time
}

func (r *row) targets() []any {
	return []any{&r.UserID, &r.Theme, &r.Units, &r.FirstDay, &r.Language, &r.Region, &r.Zone, &r.Curr, &r.Phone,
		&r.Notifications, &r.QuietEnabled, &r.QuietStart, &r.QuietEnd, &r.Granted, &r.GrantedAt, &r.WithdrawnAt,
		&r.CreatedAt, &r.UpdatedAt}
}

// settingsFromRow rebuilds domain settings from their stored row.
func settingsFromRow(r row) (domain.Settings, error) {
	s := domain.Settings{
		UserID: r.UserID, Theme: r.Theme, Units: r.Units, FirstDayOfWeek: r.FirstDay, Language: r.Language,
		Region: r.Region, TimeZone: r.Zone, Currency: r.Curr,
		QuietHours: domain.QuietHours{Enabled: r.QuietEnabled, Start: r.QuietStart, End: r.QuietEnd},
		Consent:    domain.Consent{Granted: r.Granted, GrantedAt: timePtr(r.GrantedAt), WithdrawnAt: timePtr(r.WithdrawnAt)},
		CreatedAt:  r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
	}
	if r.Phone.Valid {
		p := r.Phone.String
		s.Phone = &p
	}
	if err := json.Unmarshal([]byte(r.Notifications), &s.Notifications); err != nil {
		return s, fmt.Errorf("decode notifications of %s: %w", r.UserID, err)
	}
	if s.Notifications == nil {
		s.Notifications = map[string]domain.Channels{}
	}
	return s, nil
}

// args returns the values of s in the order of columns.
func args(s domain.Settings) ([]any, error) {
	notif, err := json.Marshal(s.Notifications)
	if err != nil {
		return nil, fmt.Errorf("encode notifications: %w", err)
	}
	if s.Notifications == nil {
		notif = []byte("{}")
	}
	var phone sql.NullString
	if s.Phone != nil {
		phone = sql.NullString{String: *s.Phone, Valid: true}
	}
	return []any{s.UserID, s.Theme, s.Units, s.FirstDayOfWeek, s.Language, s.Region, s.TimeZone, s.Currency, phone,
		string(notif), s.QuietHours.Enabled, s.QuietHours.Start, s.QuietHours.End, s.Consent.Granted,
		nullTime(s.Consent.GrantedAt), nullTime(s.Consent.WithdrawnAt), dbTime(s.CreatedAt), dbTime(s.UpdatedAt)}, nil
}

// dbTime is t as both engines store it: UTC, microseconds.
func dbTime(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

func nullTime(t *time.Time) sql.NullTime {
	if t == nil {
		return sql.NullTime{}
	}
	return sql.NullTime{Time: dbTime(*t), Valid: true}
}

func timePtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}

// forUpdate is the clause that locks a row read for a change: PostgreSQL
// needs it against lost updates; SQLite has one writer at a time.
func (s *Store) forUpdate() string {
	if s.db.Dialect == sqldb.Postgres {
		return " FOR UPDATE"
	}
	return ""
}
