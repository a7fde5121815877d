// Package store keeps the auth service's data in SQL: one implementation of
// portable `$1`-style SQL for SQLite and PostgreSQL. Times are stored as
// microseconds since the epoch (0 for none). Single-use and conditional
// updates (refresh rotation, TOTP steps, recovery codes, link tokens) are
// single statements, so two concurrent requests can never both win.
package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/user/auth/internal/domain"
)

// Store is the auth service's SQL store.
type Store struct {
	db *sqldb.DB
}

var _ domain.Repository = (*Store)(nil)

// New returns a store over db (already migrated).
func New(db *sqldb.DB) *Store { return &Store{db: db} }

// InTx runs fn in one transaction; the store's methods and the outbox join
// it through ctx.
func (s *Store) InTx(ctx context.Context, fn func(ctx context.Context) error) error {
	return s.db.InTx(ctx, fn)
}

func (s *Store) q(ctx context.Context) sqldb.Querier { return s.db.Q(ctx) }

// us is t in microseconds since the epoch, 0 for the zero time.
func us(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMicro()
}

// fromUS is the inverse of us.
func fromUS(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.UnixMicro(n).UTC()
}

// exec runs a write and returns how many rows it changed.
func (s *Store) exec(ctx context.Context, op, query string, args ...any) (int64, error) {
	res, err := s.q(ctx).ExecContext(ctx, query, args...)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", op, sqldb.Classify(err))
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("%s: %w", op, err)
	}
	return n, nil
}

func toJSON(v []string) string {
	if v == nil {
		v = []string{}
	}
	b, _ := json.Marshal(v) // a string slice always marshals
	return string(b)
}

func fromJSON(s string) ([]string, error) {
	var v []string
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return nil, err
	}
	if v == nil {
		v = []string{}
	}
	return v, nil
}
