// Package store keeps profiles in SQL: one implementation of portable
// `$1`-style SQL for SQLite and PostgreSQL. Per-user limits (zones, goals)
// and read-modify-write of a profile are serialised by the profile row's
// lock (see LockProfile), which both engines take on UPDATE.
package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
)

// Store is the profiles service's SQL store.
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

// dbTime is how times are stored: UTC, microseconds (PostgreSQL's precision),
// so values read back and cursors compare equal on both engines.
func dbTime(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

func intPtr(n sql.NullInt64) *int {
	if !n.Valid {
		return nil
	}
	v := int(n.Int64)
	return &v
}

func floatPtr(n sql.NullFloat64) *float64 {
	if !n.Valid {
		return nil
	}
	v := n.Float64
	return &v
}

func strPtr(n sql.NullString) *string {
	if !n.Valid {
		return nil
	}
	v := n.String
	return &v
}

// nullable turns a nil pointer into SQL NULL.
func nullable[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// affected reports whether a statement changed a row.
func affected(res sql.Result) (bool, error) {
	n, err := res.RowsAffected()
	return n > 0, err
}
