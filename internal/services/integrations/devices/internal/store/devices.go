package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/internal/domain"
)

const deviceColumns = `id, user_id, kind, name, manufacturer, model, serial, firmware, settings, token_hash,
	paired_at, last_seen_at`

// deviceFromRow rebuilds a device from its stored row.
func deviceFromRow(r sqldb.Scanner) (domain.Device, error) {
	var (
		d        domain.Device
		settings string
		paired   int64
		seen     sql.NullInt64
	)
	if err := r.Scan(&d.ID, &d.UserID, &d.Kind, &d.Name, &d.Manufacturer, &d.Model, &d.Serial, &d.Firmware,
		&settings, &d.TokenHash, &paired, &seen); err != nil {
		return d, err
	}
	d.PairedAt = fromMicros(paired)
	if seen.Valid {
		t := fromMicros(seen.Int64)
		d.LastSeenAt = &t
	}
	if err := json.Unmarshal([]byte(settings), &d.Settings); err != nil {
		return d, fmt.Errorf("decode settings of device %s: %w", d.ID, err)
	}
	return d, nil
}

// Devices implements domain.Repository.
func (s *Store) Devices(ctx context.Context, userID string) ([]domain.Device, error) {
	out, err := sqldb.QueryAll(ctx, s.db.Q(ctx), `SELECT `+deviceColumns+` FROM devices WHERE user_id = $1
		ORDER BY paired_at, id`, []any{userID}, deviceFromRow)
	if err != nil {
		return nil, fmt.Errorf("devices of %s: %w", userID, err)
	}
	return out, nil
}

func (s *Store) oneDevice(ctx context.Context, what, where string, args ...any) (domain.Device, error) {
	d, err := deviceFromRow(s.db.Q(ctx).QueryRowContext(ctx, `SELECT `+deviceColumns+` FROM devices WHERE `+where, args...))
	if sqldb.IsNoRows(err) {
		return d, domain.ErrDeviceNotFound
	}
	if err != nil {
		return d, fmt.Errorf("%s: %w", what, sqldb.Classify(err))
	}
	return d, nil
}

// Device implements domain.Repository: another user's device is not found.
func (s *Store) Device(ctx context.Context, userID, id string) (domain.Device, error) {
	return s.oneDevice(ctx, "device "+id, `id = $1 AND user_id = $2`, id, userID)
}

// DeviceByToken implements domain.Repository.
func (s *Store) DeviceByToken(ctx context.Context, tokenHash string) (domain.Device, error) {
	return s.oneDevice(ctx, "device by token", `token_hash = $1`, tokenHash)
}

// CountDevices implements domain.Repository.
func (s *Store) CountDevices(ctx context.Context, userID string) (int, error) {
	var n int
	if err := s.db.Q(ctx).QueryRowContext(ctx, `SELECT count(*) FROM devices WHERE user_id = $1`, userID).Scan(&n); err != nil {
		return 0, fmt.Errorf("count devices of %s: %w", userID, sqldb.Classify(err))
	}
	return n, nil
}

func settingsJSON(st domain.Settings) (string, error) {
	b, err := json.Marshal(st)
	if err != nil {
		return "", fmt.Errorf("encode settings: %w", err)
	}
	return string(b), nil
}

// CreateDevice implements domain.Repository.
func (s *Store) CreateDevice(ctx context.Context, d domain.Device) error {
	st, err := settingsJSON(d.Settings)
	if err != nil {
		return err
	}
	_, err = s.db.Q(ctx).ExecContext(ctx, `INSERT INTO devices (`+deviceColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, NULL)`,
		d.ID, d.UserID, d.Kind, d.Name, d.Manufacturer, d.Model, d.Serial, d.Firmware, st, d.TokenHash, micros(d.PairedAt))
	if err != nil {
		return fmt.Errorf("create device %s: %w", d.ID, sqldb.Classify(err))
	}
	return nil
}

// SaveDevice implements domain.Repository (name and settings change).
func (s *Store) SaveDevice(ctx context.Context, d domain.Device) error {
	st, err := settingsJSON(d.Settings)
	if err != nil {
		return err
	}
	res, err := s.db.Q(ctx).ExecContext(ctx, `UPDATE devices SET name = $3, settings = $4 WHERE id = $1 AND user_id = $2`,
		d.ID, d.UserID, d.Name, st)
	if err != nil {
		return fmt.Errorf("save device %s: %w", d.ID, sqldb.Classify(err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return domain.ErrDeviceNotFound
	}
	return nil
}

// DeleteDevice implements domain.Repository.
func (s *Store) DeleteDevice(ctx context.Context, userID, id string) (bool, error) {
	res, err := s.db.Q(ctx).ExecContext(ctx, `DELETE FROM devices WHERE id = $1 AND user_id = $2`, id, userID)
	if err != nil {
		return false, fmt.Errorf("delete device %s: %w", id, sqldb.Classify(err))
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// TouchDevice implements domain.Repository.
func (s *Store) TouchDevice(ctx context.Context, id string, at time.Time) error {
	_, err := s.db.Q(ctx).ExecContext(ctx, `UPDATE devices SET last_seen_at = $2 WHERE id = $1`, id, micros(at))
	if err != nil {
		return fmt.Errorf("touch device %s: %w", id, sqldb.Classify(err))
	}
	return nil
}

// CountPairings implements domain.Repository: codes not yet expired.
func (s *Store) CountPairings(ctx context.Context, userID string, now time.Time) (int, error) {
	var n int
	err := s.db.Q(ctx).QueryRowContext(ctx, `SELECT count(*) FROM pairings WHERE user_id = $1 AND expires_at > $2`,
		userID, micros(now)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count pairings of %s: %w", userID, sqldb.Classify(err))
	}
	return n, nil
}

// CreatePairing implements domain.Repository; it also drops the user's
// expired codes.
func (s *Store) CreatePairing(ctx context.Context, p domain.Pairing) error {
	q := s.db.Q(ctx)
	if _, err := q.ExecContext(ctx, `DELETE FROM pairings WHERE user_id = $1 AND expires_at <= $2`, p.UserID, micros(p.CreatedAt)); err != nil {
		return fmt.Errorf("drop expired pairings: %w", sqldb.Classify(err))
	}
	_, err := q.ExecContext(ctx, `INSERT INTO pairings (code_hash, user_id, kind, name, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, p.CodeHash, p.UserID, p.Kind, p.Name, micros(p.CreatedAt), micros(p.ExpiresAt))
	if sqldb.IsUniqueViolation(err) {
		return domain.ErrCodeTaken
	}
	if err != nil {
		return fmt.Errorf("create pairing: %w", sqldb.Classify(err))
	}
	return nil
}

// TakePairing implements domain.Repository. The DELETE ... RETURNING
// makes a code work once even when two devices race with it.
func (s *Store) TakePairing(ctx context.Context, codeHash string, now time.Time) (domain.Pairing, error) {
	var (
		p                domain.Pairing
		created, expires int64
	)
	err := s.db.Q(ctx).QueryRowContext(ctx, `DELETE FROM pairings WHERE code_hash = $1
		RETURNING code_hash, user_id, kind, name, created_at, expires_at`, codeHash).
		Scan(&p.CodeHash, &p.UserID, &p.Kind, &p.Name, &created, &expires)
	if sqldb.IsNoRows(err) {
		return p, domain.ErrPairingNotFound
	}
	if err != nil {
		return p, fmt.Errorf("take pairing: %w", sqldb.Classify(err))
	}
	p.CreatedAt, p.ExpiresAt = fromMicros(created), fromMicros(expires)
	if !now.Before(p.ExpiresAt) {
		return p, domain.ErrPairingNotFound // expired: gone either way
	}
	return p, nil
}
