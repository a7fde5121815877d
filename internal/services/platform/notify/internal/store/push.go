package store

import (
	"context"
	"fmt"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/platform/notify/internal/domain"
)

// SaveSubscription registers a browser for a user. An endpoint is one
// browser profile, so registering it again (also for another account
// signed in on it) moves it. A user keeps at most max subscriptions: the
// oldest go first.
func (s *Store) SaveSubscription(ctx context.Context, sub domain.PushSubscription, max int) error {
	return s.InTx(ctx, func(ctx context.Context) error {
		_, err := s.exec(ctx, "save push subscription",
			`INSERT INTO push_subscriptions (endpoint, user_id, p256dh, auth, created_at) VALUES ($1, $2, $3, $4, $5)
			 ON CONFLICT (endpoint) DO UPDATE SET user_id = excluded.user_id, p256dh = excluded.p256dh,
			 auth = excluded.auth, created_at = excluded.created_at`,
			sub.Endpoint, sub.UserID, sub.P256dh, sub.Auth, us(sub.CreatedAt))
		if err != nil {
			return err
		}
		_, err = s.exec(ctx, "trim push subscriptions", `DELETE FROM push_subscriptions WHERE user_id = $1 AND endpoint NOT IN
			(SELECT endpoint FROM push_subscriptions WHERE user_id = $1 ORDER BY created_at DESC, endpoint LIMIT $2)`,
			sub.UserID, max)
		return err
	})
}

// DeleteSubscription removes a user's subscription; the endpoints of other
// users are left alone.
func (s *Store) DeleteSubscription(ctx context.Context, userID, endpoint string) error {
	_, err := s.exec(ctx, "delete push subscription",
		`DELETE FROM push_subscriptions WHERE user_id = $1 AND endpoint = $2`, userID, endpoint)
	return err
}

// DropEndpoint removes a subscription the push service says is gone.
func (s *Store) DropEndpoint(ctx context.Context, endpoint string) error {
	_, err := s.exec(ctx, "drop push endpoint", `DELETE FROM push_subscriptions WHERE endpoint = $1`, endpoint)
	return err
}

// Subscriptions lists a user's push subscriptions, newest first.
func (s *Store) Subscriptions(ctx context.Context, userID string) ([]domain.PushSubscription, error) {
	out, err := sqldb.QueryAll(ctx, s.q(ctx), `SELECT endpoint, user_id, p256dh, auth, created_at
		FROM push_subscriptions WHERE user_id = $1 ORDER BY created_at DESC, endpoint`, []any{userID},
		func(sc sqldb.Scanner) (domain.PushSubscription, error) {
			var p domain.PushSubscription
			var created int64
			err := sc.Scan(&p.Endpoint, &p.UserID, &p.P256dh, &p.Auth, &created)
			p.CreatedAt = fromUS(created)
			return p, err
		})
	if err != nil {
		return nil, fmt.Errorf("list push subscriptions of %s: %w", userID, err)
	}
	return out, nil
}

// Key returns a service-wide value, "" when unset.
func (s *Store) Key(ctx context.Context, name string) (string, error) {
	var v string
	err := s.q(ctx).QueryRowContext(ctx, `SELECT value FROM service_keys WHERE name = $1`, name).Scan(&v)
	if sqldb.IsNoRows(err) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read key %s: %w", name, sqldb.Classify(err))
	}
	return v, nil
}

// KeyOrSet stores value under name unless a value is there already, and
// returns the stored one: of processes starting at once, the first wins.
func (s *Store) KeyOrSet(ctx context.Context, name, value string) (string, error) {
	if _, err := s.exec(ctx, "store key "+name, `INSERT INTO service_keys (name, value) VALUES ($1, $2)
		ON CONFLICT (name) DO NOTHING`, name, value); err != nil {
		return "", err
	}
	return s.Key(ctx, name)
}

// InsertTicket stores a live ticket's hash.
func (s *Store) InsertTicket(ctx context.Context, hash, userID string, expires time.Time) error {
	_, err := s.exec(ctx, "store live ticket", `INSERT INTO live_tickets (ticket_hash, user_id, expires_at)
		VALUES ($1, $2, $3)`, hash, userID, us(expires))
	return err
}

// UseTicket deletes a ticket and returns its user when it was there and
// unexpired: a ticket works once.
func (s *Store) UseTicket(ctx context.Context, hash string, now time.Time) (string, error) {
	var userID string
	var expires int64
	err := s.InTx(ctx, func(ctx context.Context) error {
		return s.q(ctx).QueryRowContext(ctx, `DELETE FROM live_tickets WHERE ticket_hash = $1
			RETURNING user_id, expires_at`, hash).Scan(&userID, &expires)
	})
	if sqldb.IsNoRows(err) {
		return "", domain.ErrInvalidTicket
	}
	if err != nil {
		return "", fmt.Errorf("use live ticket: %w", sqldb.Classify(err))
	}
	if expires <= us(now) {
		return "", domain.ErrInvalidTicket
	}
	return userID, nil
}
