// Package store keeps the tracker's data in SQL, in portable `$1` SQL for
// SQLite and PostgreSQL: live sessions with their samples, raw frames and
// pauses; activities (summary, analysis, routes; their samples are blobs);
// share links, watch tickets and safety settings; and the projection of
// the profiles service's privacy, follows and athlete data. Every method
// joins the transaction of its context. Times are Unix milliseconds.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/sport/activity"
)

// Store is the tracker service's SQL store.
type Store struct {
	db *sqldb.DB
}

// New returns a store over db (already migrated).
func New(db *sqldb.DB) *Store { return &Store{db: db} }

// DB returns the database (for the inbox of consumers).
func (s *Store) DB() *sqldb.DB { return s.db }

// InTx runs fn in one transaction; the store and the outbox join it
// through ctx.
func (s *Store) InTx(ctx context.Context, fn func(ctx context.Context) error) error {
	return s.db.InTx(ctx, fn)
}

func (s *Store) q(ctx context.Context) sqldb.Querier { return s.db.Q(ctx) }

// forUpdate is the clause that locks a row read for a change: PostgreSQL
// needs it against lost updates; SQLite has one writer at a time.
func (s *Store) forUpdate() string {
	if s.db.Dialect == sqldb.Postgres {
		return " FOR UPDATE"
	}
	return ""
}

// exec runs a statement, classifying driver errors.
func (s *Store) exec(ctx context.Context, what, query string, args ...any) (int64, error) {
	res, err := s.q(ctx).ExecContext(ctx, query, args...)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", what, sqldb.Classify(err))
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("%s: %w", what, err)
	}
	return n, nil
}

// ms is t in Unix milliseconds.
func ms(t time.Time) int64 { return t.UnixMilli() }

// fromMS is a Unix-millisecond time in UTC.
func fromMS(v int64) time.Time { return time.UnixMilli(v).UTC() }

func msPtr(v sql.NullInt64) *time.Time {
	if !v.Valid {
		return nil
	}
	t := fromMS(v.Int64)
	return &t
}

func nullMS(t *time.Time) any {
	if t == nil {
		return nil
	}
	return ms(*t)
}

// num is a float for SQL: NULL for NaN.
func num(v float64) any {
	if !activity.Has(v) {
		return nil
	}
	return v
}

// val is a scanned nullable float: NaN for NULL.
func val(v sql.NullFloat64) float64 {
	if !v.Valid {
		return activity.Missing()
	}
	return v.Float64
}

func nullStr(p *string) any {
	if p == nil {
		return nil
	}
	return *p
}

func strPtr(v sql.NullString) *string {
	if !v.Valid {
		return nil
	}
	s := v.String
	return &s
}

func emptyNull(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// placeholders writes "($n+1,...,$n+cols)", one row of a multi-row
// VALUES whose parameters are all in order. On SQLite it writes "?"
// instead: SQLite looks numbered parameters up by name in a list, in time
// that grows with the square of their number, which made the parameter
// handling of the ingest's multi-row upserts most of the tracker's CPU.
func (s *Store) placeholders(sb *strings.Builder, first, cols int) {
	sb.WriteByte('(')
	for c := range cols {
		if c > 0 {
			sb.WriteByte(',')
		}
		if s.db.Dialect == sqldb.SQLite {
			sb.WriteByte('?')
		} else {
			fmt.Fprintf(sb, "$%d", first+c+1)
		}
	}
	sb.WriteByte(')')
}

// inList returns "$n+1,...,$n+k".
func inList(first, k int) string {
	var sb strings.Builder
	for i := range k {
		if i > 0 {
			sb.WriteByte(',')
		}
		fmt.Fprintf(&sb, "$%d", first+i+1)
	}
	return sb.String()
}

// prefixed qualifies every column of a column list with p (e.g. "s.").
func prefixed(cols, p string) string {
	parts := strings.Split(cols, ",")
	for i, c := range parts {
		parts[i] = p + strings.TrimSpace(c)
	}
	return strings.Join(parts, ", ")
}

// Handled reports whether a consumer's inbox holds the event already, so
// a redelivery can skip work done outside the inbox transaction.
func (s *Store) Handled(ctx context.Context, consumer, eventID string) (bool, error) {
	var n int
	err := s.q(ctx).QueryRowContext(ctx, `SELECT count(*) FROM bus_inbox WHERE consumer = $1 AND event_id = $2`,
		consumer, eventID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("check inbox: %w", sqldb.Classify(err))
	}
	return n > 0, nil
}
