package sqldb_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/sporthub/sporthub/internal/platform/sqldb/sqldbtest"
)

// Many concurrent writers share group commits; each one's failure undoes
// only its own changes, and every nil InTx is durable (visible after).
func TestGroupCommitKeepsWritersApart(t *testing.T) {
	db := sqldbtest.SQLite(t, "items", migrations)
	ctx := context.Background()
	const writers, each = 8, 40
	var wg sync.WaitGroup
	results := make([][]error, writers)
	for w := 0; w < writers; w++ {
		results[w] = make([]error, each)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				id := fmt.Sprintf("w%d-%d", w, i)
				results[w][i] = db.InTx(ctx, func(ctx context.Context) error {
					if _, err := db.Q(ctx).ExecContext(ctx, `INSERT INTO items (id, name) VALUES ($1, $1)`, id); err != nil {
						return err
					}
					if i%3 == 0 {
						return errors.New("refused") // after writing: the row must vanish
					}
					return nil
				})
			}
		}()
	}
	wg.Wait()
	for w := 0; w < writers; w++ {
		for i := 0; i < each; i++ {
			id := fmt.Sprintf("w%d-%d", w, i)
			var n int
			if err := db.SQL.QueryRow(`SELECT count(*) FROM items WHERE id = $1`, id).Scan(&n); err != nil {
				t.Fatal(err)
			}
			failed := results[w][i] != nil
			if failed != (i%3 == 0) || (n == 1) == failed {
				t.Fatalf("%s: err %v, stored %d", id, results[w][i], n)
			}
		}
	}
}

func TestGroupCommitPanicUndoesOnlyThePanicker(t *testing.T) {
	db := sqldbtest.SQLite(t, "items", migrations)
	ctx := context.Background()
	func() {
		defer func() {
			if p := recover(); p != "boom" {
				t.Fatalf("recovered %v, want the writer's panic", p)
			}
		}()
		_ = db.InTx(ctx, func(ctx context.Context) error {
			if _, err := db.Q(ctx).ExecContext(ctx, `INSERT INTO items (id, name) VALUES ('p', 'p')`); err != nil {
				return err
			}
			panic("boom")
		})
	}()
	if _, err := db.Q(ctx).ExecContext(ctx, `INSERT INTO items (id, name) VALUES ('q', 'q')`); err != nil {
		t.Fatal(err)
	}
	var ids []string
	rows, _ := db.SQL.Query(`SELECT id FROM items ORDER BY id`)
	for rows.Next() {
		var id string
		_ = rows.Scan(&id)
		ids = append(ids, id)
	}
	rows.Close()
	if fmt.Sprint(ids) != "[q]" {
		t.Fatalf("items %v, want only q", ids)
	}
}

func TestGroupCommitCancelledWriter(t *testing.T) {
	db := sqldbtest.SQLite(t, "items", migrations)
	ctx, cancel := context.WithCancel(context.Background())
	err := db.InTx(ctx, func(ctx context.Context) error {
		if _, err := db.Q(ctx).ExecContext(ctx, `INSERT INTO items (id, name) VALUES ('c', 'c')`); err != nil {
			return err
		}
		cancel() // the request ends before its transaction does
		_, err := db.Q(ctx).ExecContext(ctx, `INSERT INTO items (id, name) VALUES ('d', 'd')`)
		return err
	})
	if err == nil {
		t.Fatal("a writer whose context ended reported success")
	}
	if err := db.InTx(context.Background(), func(ctx context.Context) error {
		_, err := db.Q(ctx).ExecContext(ctx, `INSERT INTO items (id, name) VALUES ('e', 'e')`)
		return err
	}); err != nil {
		t.Fatalf("the next writer: %v", err)
	}
	var n int
	_ = db.SQL.QueryRow(`SELECT count(*) FROM items`).Scan(&n)
	if n != 1 {
		t.Fatalf("%d items, want only the next writer's", n)
	}
}
