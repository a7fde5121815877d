// Package store keeps the access service's data in SQL: roles, assigned
// roles, the staff directory and the staff actions, in portable `$1` SQL
// for SQLite and PostgreSQL. The one dialect difference is the row lock
// that serialises grant changes (SQLite has a single writer anyway).
package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/admin/access/accessapi"
	"github.com/sporthub/sporthub/internal/services/admin/access/internal/domain"
)

// Store is the access service's SQL store.
type Store struct {
	db *sqldb.DB
}

// New returns a store over db (already migrated).
func New(db *sqldb.DB) *Store { return &Store{db: db} }

// InTx runs fn in one transaction; the store and the outbox join it through ctx.
func (s *Store) InTx(ctx context.Context, fn func(ctx context.Context) error) error {
	return s.db.InTx(ctx, fn)
}

// LockGrants implements domain.Repository: on PostgreSQL it locks the
// admin role's row, which every grant-changing transaction takes first.
func (s *Store) LockGrants(ctx context.Context) error {
	if s.db.Dialect != sqldb.Postgres {
		return nil
	}
	var name string
	err := s.db.Q(ctx).QueryRowContext(ctx, `SELECT name FROM roles WHERE name = $1 FOR UPDATE`, accessapi.RoleAdmin).Scan(&name)
	if err != nil && !sqldb.IsNoRows(err) {
		return fmt.Errorf("lock grants: %w", sqldb.Classify(err))
	}
	return nil
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

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("marshal %T: %v", v, err)) // only plain data types reach here
	}
	return string(b)
}

// argList numbers query arguments as $1, $2, ... while a query is built.
type argList struct{ args []any }

func (a *argList) add(v any) string {
	a.args = append(a.args, v)
	return "$" + strconv.Itoa(len(a.args))
}

func (a *argList) in(vals []string) string {
	ph := make([]string, len(vals))
	for i, v := range vals {
		ph[i] = a.add(v)
	}
	return strings.Join(ph, ", ")
}

// rowsAffected reports whether a statement changed a row.
func rowsAffected(res sql.Result, err error) (bool, error) {
	if err != nil {
		return false, sqldb.Classify(err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, err
	}
	return n > 0, nil
}

var _ domain.Repository = (*Store)(nil)
