package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/store"
)

// testConcurrentUpdates runs two Updates of the same version at once, each
// refusing a version other than the one its caller read: exactly one wins.
func testConcurrentUpdates(t *testing.T, s *store.Store, p domain.Product) {
	mustInsert(t, s, p)
	ctx := context.Background()
	var (
		wg    sync.WaitGroup
		start = make(chan struct{})
		errs  = make([]error, 2)
	)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, errs[i] = s.Update(ctx, p.ID, func(q *domain.Product) error {
				if q.Version != 1 {
					return domain.ErrVersionConflict
				}
				q.Popularity = 1000 + i
				return nil
			})
		}()
	}
	close(start)
	wg.Wait()
	won, lost := 0, 0
	for _, err := range errs {
		switch {
		case err == nil:
			won++
		case errors.Is(err, domain.ErrVersionConflict):
			lost++
		default:
			t.Fatalf("unexpected error: %v", err)
		}
	}
	if won != 1 || lost != 1 {
		t.Fatalf("won %d lost %d (%v), want exactly one winner", won, lost, errs)
	}
	if got := mustGet(t, s, p.ID); got.Version != 2 || got.Popularity < 1000 {
		t.Fatalf("version %d popularity %d after one winning update", got.Version, got.Popularity)
	}
}

// testInterleavedUpdate proves the store itself refuses a write based on a
// stale read, even when fn accepts it: another write lands between
// Update's read and its write.
func testInterleavedUpdate(t *testing.T, s *store.Store, p domain.Product) {
	mustInsert(t, s, p)
	bump := func(q *domain.Product) error { q.Popularity++; return nil }

	// Same transaction, both engines: the inner Update commits nothing
	// separately, but the outer write still sees a version it did not read.
	err := s.InTx(context.Background(), func(ctx context.Context) error {
		_, err := s.Update(ctx, p.ID, func(q *domain.Product) error {
			if _, err := s.Update(ctx, p.ID, bump); err != nil {
				t.Errorf("inner update: %v", err)
			}
			q.Name.EN = "stale write"
			return nil
		})
		return err
	})
	wantErrIs(t, err, domain.ErrVersionConflict)
	if got := mustGet(t, s, p.ID); got.Version != 1 || got.Name.EN == "stale write" {
		t.Fatalf("after the refused transaction: version %d name %q", got.Version, got.Name.EN)
	}

	// Separate connections: only PostgreSQL lets a second writer in while a
	// write transaction is open (SQLite takes the write lock at BEGIN, so a
	// stale read inside Update cannot happen there).
	if s.DB().Dialect != sqldb.Postgres {
		return
	}
	_, err = s.Update(context.Background(), p.ID, func(q *domain.Product) error {
		if _, err := s.Update(context.Background(), p.ID, bump); err != nil {
			t.Errorf("concurrent update: %v", err)
		}
		q.Name.EN = "stale write"
		return nil
	})
	wantErrIs(t, err, domain.ErrVersionConflict)
	got := mustGet(t, s, p.ID)
	if got.Version != 2 || got.Popularity != p.Popularity+1 || got.Name.EN == "stale write" {
		t.Fatalf("after the lost update: version %d popularity %d name %q", got.Version, got.Popularity, got.Name.EN)
	}
}
