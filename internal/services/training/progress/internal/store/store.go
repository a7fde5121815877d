// Package store keeps the progress service's data in SQL, one portable
// `$1`-style implementation for SQLite and PostgreSQL: the projection of
// activities with their best efforts, daily loads, athletes' age and sex,
// and settings. Out-of-order events are settled by conditional upserts on
// the event time (version).
package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/training/progress/internal/domain"
)

// Store is the progress service's SQL store.
type Store struct {
	db *sqldb.DB
}

// New returns a store over db (already migrated).
func New(db *sqldb.DB) *Store { return &Store{db: db} }

// InTx runs fn in one transaction; the store and the outbox join it
// through ctx.
func (s *Store) InTx(ctx context.Context, fn func(ctx context.Context) error) error {
	return s.db.InTx(ctx, fn)
}

func (s *Store) q(ctx context.Context) sqldb.Querier { return s.db.Q(ctx) }

// dbTime is how times are stored: UTC, microseconds (PostgreSQL's
// precision), so values compare alike on both engines.
func dbTime(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

func affected(res sql.Result) (bool, error) {
	n, err := res.RowsAffected()
	return n > 0, err
}

var _ domain.Repository = (*Store)(nil)
