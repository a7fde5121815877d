// Package store keeps the devices service's data in SQL: paired devices
// (token hashes), pending pairing codes (hashes) and imports, in portable
// `$1` SQL for SQLite and PostgreSQL. Times are Unix microseconds.
package store

import (
	"context"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/integrations/devices/internal/domain"
)

// Store is the devices service's SQL store.
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

func micros(t time.Time) int64 { return t.UnixMicro() }

func fromMicros(us int64) time.Time { return time.UnixMicro(us).UTC() }

var _ domain.Repository = (*Store)(nil)
