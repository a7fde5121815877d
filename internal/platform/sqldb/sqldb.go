// Package sqldb opens a service's SQL database on SQLite (embedded default: one
// file per service, pure Go, WAL) or PostgreSQL (a schema per service), runs
// its embedded goose migrations, keeps transactions in the context and maps
// driver errors to apperr kinds. Services write portable `$1`-style SQL and
// keep real dialect differences (full-text search, geo) behind Dialect.
package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Dialect names the SQL engine behind a DB.
type Dialect string

// The supported engines.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Options says where a service's database lives.
type Options struct {
	// DSN is empty or "sqlite" for a SQLite file per service under DataDir,
	// "sqlite:/path/to/file.db" for an explicit file, or a PostgreSQL URL
	// ("postgres://user@host:5432/db?sslmode=disable").
	DSN string
	// DataDir holds the SQLite files.
	DataDir string
	// Service names the file (SQLite) or the schema (PostgreSQL).
	Service string
	// Schema overrides the PostgreSQL schema name (default: Service).
	Schema string
	// MaxOpenConns caps the pool (default 16 on PostgreSQL, 8 on SQLite).
	MaxOpenConns int
}

// DB is one service's database handle.
type DB struct {
	SQL     *sql.DB
	Dialect Dialect
	// Schema is the PostgreSQL schema the service owns ("" on SQLite).
	Schema string
	// Path is the SQLite file ("" on PostgreSQL).
	Path string

	// writeSlot queues this process's SQLite writers and guards open, the
	// transaction writers are joining (group commit; see group.go). Unused
	// on PostgreSQL, where writers do not exclude each other.
	writeSlot chan struct{}
	open      *group
}

var identRe = regexp.MustCompile(`^[a-z_][a-z0-9_]{0,62}$`)

// IsPostgresDSN reports whether dsn points at PostgreSQL.
func IsPostgresDSN(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open opens (and for SQLite creates) the service's database. It does not
// migrate: call Migrate with the service's embedded migrations.
func Open(ctx context.Context, o Options) (*DB, error) {
	if o.Service == "" {
		return nil, errors.New("open database: service name is required")
	}
	if IsPostgresDSN(o.DSN) {
		return openPostgres(ctx, o)
	}
	if o.DSN != "" && o.DSN != "sqlite" && !strings.HasPrefix(o.DSN, "sqlite:") {
		return nil, fmt.Errorf("open database for %s: unsupported DSN (want sqlite, sqlite:/path or postgres://...)", o.Service)
	}
	path := strings.TrimPrefix(strings.TrimPrefix(o.DSN, "sqlite"), ":")
	if path == "" {
		if o.DataDir == "" {
			return nil, fmt.Errorf("open database for %s: data dir is required for SQLite", o.Service)
		}
		path = filepath.Join(o.DataDir, "db", o.Service+".db")
	}
	return openSQLite(ctx, path, o.MaxOpenConns)
}

// The pragma order matters: busy_timeout first so the others wait for a lock
// rather than fail, then WAL (readers never block the writer), synchronous
// FULL (a committed write survives power loss, not only a crash), foreign keys
// on. _txlock=immediate takes the write lock at BEGIN, so two transactions
// never deadlock upgrading a read lock.
const sqlitePragmas = "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=foreign_keys(1)&_txlock=immediate"

func openSQLite(ctx context.Context, path string, maxConns int) (*DB, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	u := url.URL{Scheme: "file", Path: path, RawQuery: sqlitePragmas}
	db, err := sql.Open("sqlite", u.String())
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	if maxConns <= 0 {
		maxConns = 8
	}
	db.SetMaxOpenConns(maxConns)
	db.SetMaxIdleConns(maxConns)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	return &DB{SQL: db, Dialect: SQLite, Path: path, writeSlot: make(chan struct{}, 1)}, nil
}

func openPostgres(ctx context.Context, o Options) (*DB, error) {
	schema := o.Schema
	if schema == "" {
		schema = o.Service
	}
	if !identRe.MatchString(schema) {
		return nil, fmt.Errorf("open postgres for %s: schema %q is not a plain lowercase identifier", o.Service, schema)
	}
	cfg, err := pgx.ParseConfig(o.DSN)
	if err != nil {
		return nil, fmt.Errorf("open postgres for %s: %w", o.Service, err)
	}
	// Every connection of this pool sees the service's own schema first, so
	// services share a database but never a table.
	cfg.RuntimeParams["search_path"] = schema
	db := stdlib.OpenDB(*cfg)
	if o.MaxOpenConns <= 0 {
		o.MaxOpenConns = 16
	}
	db.SetMaxOpenConns(o.MaxOpenConns)
	db.SetMaxIdleConns(o.MaxOpenConns)
	db.SetConnMaxIdleTime(5 * time.Minute)
	db.SetConnMaxLifetime(time.Hour)
	if _, err := db.ExecContext(ctx, `CREATE SCHEMA IF NOT EXISTS "`+schema+`"`); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("open postgres for %s: create schema: %w", o.Service, Classify(err))
	}
	return &DB{SQL: db, Dialect: Postgres, Schema: schema}, nil
}

// Close closes the pool.
func (db *DB) Close() error { return db.SQL.Close() }

// Ping checks that the database answers; used by readiness checks.
func (db *DB) Ping(ctx context.Context) error { return db.SQL.PingContext(ctx) }
