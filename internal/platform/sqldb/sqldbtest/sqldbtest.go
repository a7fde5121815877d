// Package sqldbtest runs store test suites on every SQL engine SportHub
// supports: SQLite always, PostgreSQL when the environment provides one (see
// testkit). Each run gets a fresh database that no other test shares.
package sqldbtest

import (
	"context"
	"database/sql"
	"io/fs"
	"net/url"
	"testing"

	"github.com/jackc/pgx/v5/stdlib"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/platform/testkit"
)

// SQLite opens a migrated SQLite database for service in a temp dir.
func SQLite(t testing.TB, service string, migrations fs.FS) *sqldb.DB {
	t.Helper()
	return open(t, sqldb.Options{DataDir: t.TempDir(), Service: service}, migrations)
}

// open opens a database, closes it when the test ends, and migrates it.
func open(t testing.TB, o sqldb.Options, migrations fs.FS) *sqldb.DB {
	t.Helper()
	db, err := sqldb.Open(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	if migrations != nil {
		if err := db.Migrate(context.Background(), migrations); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// PostgresDatabase creates a uniquely named database on the test server and
// returns its DSN; it is dropped when the test ends.
func PostgresDatabase(t testing.TB) string {
	t.Helper()
	base := testkit.PostgresDSN(t)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	name := testkit.UniqueName("sh_test_")
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		a, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer a.Close()
		_, _ = a.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// Postgres opens a migrated PostgreSQL database for service in a fresh
// database (skipped or failed per testkit when no server is configured).
func Postgres(t testing.TB, service string, migrations fs.FS) *sqldb.DB {
	t.Helper()
	return open(t, sqldb.Options{DSN: PostgresDatabase(t), Service: service}, migrations)
}

// ForEachEngine runs suite once per engine as subtests "sqlite" and "postgres".
func ForEachEngine(t *testing.T, service string, migrations fs.FS, suite func(t *testing.T, db *sqldb.DB)) {
	t.Run("sqlite", func(t *testing.T) { suite(t, SQLite(t, service, migrations)) })
	t.Run("postgres", func(t *testing.T) { suite(t, Postgres(t, service, migrations)) })
}

var _ = stdlib.GetDefaultDriver // the pgx database/sql driver is registered by importing stdlib
