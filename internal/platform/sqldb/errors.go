package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"net"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/sporthub/sporthub/internal/platform/apperr"
)

// IsNoRows reports whether err means the query matched no row.
func IsNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// IsUniqueViolation reports whether err is a unique or primary key violation.
func IsUniqueViolation(err error) bool {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code == "23505"
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	return false
}

// ConstraintOf names the constraint a violation broke: the constraint name
// on PostgreSQL (products_sku_key), the table.column list SQLite reports
// (products.sku). Stores use it to tell one unique key from another.
func ConstraintOf(err error) string {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.ConstraintName
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		msg := se.Error()
		if i := strings.Index(msg, "constraint failed: "); i >= 0 {
			return strings.TrimSuffix(msg[i+len("constraint failed: "):], ")")
		}
	}
	return ""
}

// IsForeignKeyViolation reports whether err is a foreign key violation.
func IsForeignKeyViolation(err error) bool {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code == "23503"
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
	}
	return false
}

// IsUnavailable reports whether err means the database cannot be reached.
func IsUnavailable(err error) bool {
	if errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, sql.ErrConnDone) {
		return true
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return true
	}
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		return true
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		// Class 08: connection exception; 57P0x: the server is shutting down.
		return strings.HasPrefix(pg.Code, "08") || strings.HasPrefix(pg.Code, "57P0")
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code()&0xff == sqlite3.SQLITE_BUSY || se.Code()&0xff == sqlite3.SQLITE_LOCKED
	}
	return false
}

// Classify wraps a driver error in the apperr kind callers react to: no rows
// is NotFound, a unique violation Conflict, a foreign key violation Invalid,
// an unreachable server Unavailable. Other errors are returned unchanged
// (internal). Stores usually map to their own domain errors first and call
// Classify for the rest.
func Classify(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	case IsNoRows(err):
		return apperr.Wrap(err, apperr.NotFound, "not_found", "not found")
	case IsUniqueViolation(err):
		return apperr.Wrap(err, apperr.Conflict, "conflict", "already exists")
	case IsForeignKeyViolation(err):
		return apperr.Wrap(err, apperr.Invalid, "reference_not_found", "a referenced entity does not exist")
	case IsUnavailable(err):
		return apperr.Wrap(err, apperr.Unavailable, "database_unavailable", "the database is unavailable; try again later")
	}
	return err
}
