package sqldb_test

import (
	"context"
	"errors"
	"os"
	"testing"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/platform/sqldb/sqldbtest"
)

var migrations = os.DirFS("testdata/migrations")

func TestEngines(t *testing.T) {
	sqldbtest.ForEachEngine(t, "items", migrations, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()

		t.Run("dialect override replaces the portable migration", func(t *testing.T) {
			var name string
			if err := db.SQL.QueryRowContext(ctx, `SELECT name FROM engine`).Scan(&name); err != nil {
				t.Fatal(err)
			}
			want := "portable"
			if db.Dialect == sqldb.Postgres {
				want = "postgres"
			}
			if name != want {
				t.Fatalf("engine = %q, want %q", name, want)
			}
		})

		t.Run("migrating twice is a no-op", func(t *testing.T) {
			if err := db.Migrate(ctx, migrations); err != nil {
				t.Fatal(err)
			}
		})

		t.Run("commit and rollback", func(t *testing.T) {
			err := db.InTx(ctx, func(ctx context.Context) error {
				_, err := db.Q(ctx).ExecContext(ctx, `INSERT INTO items (id, name) VALUES ($1, $2)`, "a", "alpha")
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			boom := errors.New("boom")
			err = db.InTx(ctx, func(ctx context.Context) error {
				if _, err := db.Q(ctx).ExecContext(ctx, `INSERT INTO items (id, name) VALUES ($1, $2)`, "b", "beta"); err != nil {
					return err
				}
				// A nested InTx joins the outer transaction.
				return db.InTx(ctx, func(ctx context.Context) error { return boom })
			})
			if !errors.Is(err, boom) {
				t.Fatalf("err = %v, want boom", err)
			}
			var n int
			if err := db.Q(ctx).QueryRowContext(ctx, `SELECT count(*) FROM items`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != 1 {
				t.Fatalf("items = %d, want 1 (the rolled back insert must be gone)", n)
			}
		})

		t.Run("driver errors map to kinds", func(t *testing.T) {
			_, err := db.SQL.ExecContext(ctx, `INSERT INTO items (id, name) VALUES ($1, $2)`, "c", "alpha")
			if !sqldb.IsUniqueViolation(err) || apperr.KindOf(sqldb.Classify(err)) != apperr.Conflict {
				t.Fatalf("duplicate name: %v is not a conflict", err)
			}
			_, err = db.SQL.ExecContext(ctx, `INSERT INTO tags (item_id, tag) VALUES ($1, $2)`, "missing", "x")
			if !sqldb.IsForeignKeyViolation(err) || apperr.KindOf(sqldb.Classify(err)) != apperr.Invalid {
				t.Fatalf("dangling reference: %v is not a foreign key violation", err)
			}
			var id string
			err = db.SQL.QueryRowContext(ctx, `SELECT id FROM items WHERE id = $1`, "nope").Scan(&id)
			if apperr.KindOf(sqldb.Classify(err)) != apperr.NotFound {
				t.Fatalf("no rows: %v is not NotFound", err)
			}
		})

		t.Run("upsert and returning", func(t *testing.T) {
			var qty int
			for i := 0; i < 2; i++ {
				err := db.SQL.QueryRowContext(ctx, `INSERT INTO items (id, name, qty) VALUES ($1, $2, 1)
					ON CONFLICT (id) DO UPDATE SET qty = items.qty + 1 RETURNING qty`, "u", "upsert").Scan(&qty)
				if err != nil {
					t.Fatal(err)
				}
			}
			if qty != 2 {
				t.Fatalf("qty = %d, want 2", qty)
			}
		})
	})
}

func TestOpenRefusesBadOptions(t *testing.T) {
	ctx := context.Background()
	if _, err := sqldb.Open(ctx, sqldb.Options{DataDir: t.TempDir()}); err == nil {
		t.Fatal("missing service accepted")
	}
	if _, err := sqldb.Open(ctx, sqldb.Options{DSN: "mysql://x", Service: "a", DataDir: t.TempDir()}); err == nil {
		t.Fatal("unsupported DSN accepted")
	}
	if _, err := sqldb.Open(ctx, sqldb.Options{DSN: "postgres://127.0.0.1:1/x", Service: "Bad-Name"}); err == nil {
		t.Fatal("bad schema name accepted")
	}
}

func TestPostgresUnreachableIsUnavailable(t *testing.T) {
	ctx := context.Background()
	_, err := sqldb.Open(ctx, sqldb.Options{DSN: "postgres://postgres@127.0.0.1:1/postgres?sslmode=disable&connect_timeout=2", Service: "x"})
	if apperr.KindOf(err) != apperr.Unavailable {
		t.Fatalf("err = %v (kind %v), want Unavailable", err, apperr.KindOf(err))
	}
}
