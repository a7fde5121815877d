package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/user/profiles/internal/domain"
)

// Zones implements domain.Repository: the user's zones, oldest first.
func (s *Store) Zones(ctx context.Context, userID string) ([]domain.Zone, error) {
	zones, err := sqldb.QueryAll(ctx, s.q(ctx), `SELECT id, user_id, name, lat, lon, radius_m, created_at
		FROM privacy_zones WHERE user_id = $1 ORDER BY created_at, id`, []any{userID},
		func(sc sqldb.Scanner) (domain.Zone, error) {
			var (
				z    domain.Zone
				name sql.NullString
			)
			err := sc.Scan(&z.ID, &z.UserID, &name, &z.Lat, &z.Lon, &z.RadiusM, &z.CreatedAt)
			z.Name, z.CreatedAt = strPtr(name), z.CreatedAt.UTC()
			return z, err
		})
	if err != nil {
		return nil, fmt.Errorf("list zones of %s: %w", userID, err)
	}
	return zones, nil
}

// InsertZone implements domain.Repository.
func (s *Store) InsertZone(ctx context.Context, z domain.Zone) error {
	_, err := s.q(ctx).ExecContext(ctx, `INSERT INTO privacy_zones (id, user_id, name, lat, lon, radius_m, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, z.ID, z.UserID, nullable(z.Name), z.Lat, z.Lon, z.RadiusM, dbTime(z.CreatedAt))
	if err != nil {
		return fmt.Errorf("insert zone %s: %w", z.ID, sqldb.Classify(err))
	}
	return nil
}

// DeleteZone implements domain.Repository. Another user's zone id is "not
// found": nobody learns that it exists.
func (s *Store) DeleteZone(ctx context.Context, userID, id string) error {
	res, err := s.q(ctx).ExecContext(ctx, `DELETE FROM privacy_zones WHERE id = $1 AND user_id = $2`, id, userID)
	if err != nil {
		return fmt.Errorf("delete zone %s: %w", id, sqldb.Classify(err))
	}
	if ok, err := affected(res); err != nil || !ok {
		if err == nil {
			err = domain.ErrZoneNotFound
		}
		return err
	}
	return nil
}
