package store

import (
	"context"
	"encoding/base64"
	"fmt"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/domain"
)

// SigningKeys returns every stored signing key.
func (s *Store) SigningKeys(ctx context.Context) ([]domain.SigningKey, error) {
	out, err := sqldb.QueryAll(ctx, s.q(ctx), `SELECT id, public_key, sealed_private, created_at, signs_from, expires_at
		FROM signing_keys ORDER BY signs_from, id`, nil, func(sc sqldb.Scanner) (domain.SigningKey, error) {
		var k domain.SigningKey
		var pub string
		var created, from, expires int64
		if err := sc.Scan(&k.ID, &pub, &k.SealedPrivate, &created, &from, &expires); err != nil {
			return k, err
		}
		raw, err := base64.RawURLEncoding.DecodeString(pub)
		if err != nil {
			return k, fmt.Errorf("decode public key %s: %w", k.ID, err)
		}
		k.Public = raw
		k.CreatedAt, k.SignsFrom, k.ExpiresAt = fromUS(created), fromUS(from), fromUS(expires)
		return k, nil
	})
	if err != nil {
		return nil, fmt.Errorf("read signing keys: %w", err)
	}
	return out, nil
}

// AddSigningKey stores a new key.
func (s *Store) AddSigningKey(ctx context.Context, k domain.SigningKey) error {
	_, err := s.exec(ctx, "add signing key", `INSERT INTO signing_keys (id, public_key, sealed_private, created_at, signs_from, expires_at)
		VALUES ($1,$2,$3,$4,$5,$6)`, k.ID, base64.RawURLEncoding.EncodeToString(k.Public), k.SealedPrivate, us(k.CreatedAt), us(k.SignsFrom), us(k.ExpiresAt))
	return err
}

// ExpireSigningKey sets when a key that no longer signs leaves the JWKS.
func (s *Store) ExpireSigningKey(ctx context.Context, id string, at time.Time) error {
	_, err := s.exec(ctx, "expire signing key", `UPDATE signing_keys SET expires_at = $2 WHERE id = $1 AND expires_at = 0`, id, us(at))
	return err
}

// DeleteSigningKey removes a key whose tokens have all expired.
func (s *Store) DeleteSigningKey(ctx context.Context, id string) error {
	_, err := s.exec(ctx, "delete signing key", `DELETE FROM signing_keys WHERE id = $1`, id)
	return err
}
