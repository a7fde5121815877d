// Package store keeps notify's data in SQL (portable `$1`-style SQL for
// SQLite and PostgreSQL): the recipients' contacts, notifications and
// their per-channel deliveries, the in-app inbox, push subscriptions, live
// tickets and service keys. Every method joins the transaction in its
// context.
package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
)

// Store is notify's SQL store.
type Store struct {
	db *sqldb.DB
}

// New returns a store over db (already migrated).
func New(db *sqldb.DB) *Store { return &Store{db: db} }

// DB returns the underlying database.
func (s *Store) DB() *sqldb.DB { return s.db }

// InTx runs fn in one transaction; the store's methods join it via ctx.
func (s *Store) InTx(ctx context.Context, fn func(ctx context.Context) error) error {
	return s.db.InTx(ctx, fn)
}

func (s *Store) q(ctx context.Context) sqldb.Querier { return s.db.Q(ctx) }

// us stores a time as Unix microseconds.
func us(t time.Time) int64 { return t.UnixMicro() }

// fromUS rebuilds a stored time.
func fromUS(v int64) time.Time { return time.UnixMicro(v).UTC() }

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("marshal %T: %v", v, err)) // only plain maps reach here
	}
	return string(b)
}

// exec runs a write and classifies its error.
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
