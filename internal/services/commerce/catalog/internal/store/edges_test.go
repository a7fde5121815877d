package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/store"
)

// TestEdges covers orders and writes the demo catalog does not exercise,
// and the store bugs this suite once found (fixed; kept as regressions).
func TestEdges(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()

		t.Run("newest_sub_second", func(t *testing.T) {
			t.Parallel()
			// Times a microsecond, half a second and a second apart, and a
			// tie broken by id: the order must hold across page boundaries.
			base := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
			offsets := []time.Duration{0, time.Microsecond, 500 * time.Millisecond, time.Second, 0, 999999 * time.Microsecond}
			var want []string
			for i, d := range offsets {
				p := newProduct(20 + i)
				p.Name.EN = "Chronoton shoe"
				p.CreatedAt = base.Add(d)
				mustInsert(t, s, p)
				want = append(want, p.ID)
			}
			slices.SortFunc(want, func(a, b string) int {
				da, db := offsets[idx(a)-20], offsets[idx(b)-20]
				if da != db {
					return int(db - da)
				}
				return strings.Compare(b, a)
			})
			w := walk(t, s, domain.SearchQuery{Text: "chronoton", Region: "RU", Currency: "RUB", Sort: domain.SortNewest}, 1, everyTotal)
			if !slices.Equal(w.ids, want) {
				t.Fatalf("newest: %v, want %v", w.ids, want)
			}
		})

		t.Run("concurrent_stock", func(t *testing.T) {
			t.Parallel()
			p := newProduct(30)
			mustInsert(t, s, p)
			var wg sync.WaitGroup
			for _, loc := range []string{"msk", "wh-main"} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for q := 1; q <= 8; q++ {
						if _, _, err := s.SetStock(ctx, p.ID, domain.StockLevel{LocationID: loc, Quantity: q}); err != nil {
							t.Errorf("set stock %s: %v", loc, err)
						}
					}
				}()
			}
			wg.Wait()
			if v := mustGet(t, s, p.ID); v.TotalStock != 16 || v.Version != 17 {
				t.Fatalf("after concurrent stock writes: total %d version %d, want 16 17", v.TotalStock, v.Version)
			}
		})

		t.Run("limit_zero", func(t *testing.T) {
			t.Parallel()
			mustInsert(t, s, newProduct(40))
			var (
				res domain.SearchResult
				err error
			)
			panicked := func() (p any) {
				defer func() { p = recover() }()
				res, err = s.Search(ctx, domain.SearchQuery{Region: "RU", Currency: "RUB", Sort: domain.SortPopular})
				return nil
			}()
			if panicked != nil {
				t.Fatalf("Search with Limit 0 panicked: %v", panicked)
			}
			if apperr.KindOf(err) != apperr.Invalid || len(res.Items) != 0 {
				t.Fatalf("limit 0: %d items, err %v; want an Invalid error", len(res.Items), err)
			}
		})

		t.Run("duplicate_id", func(t *testing.T) {
			t.Parallel()
			a, b := newProduct(50), newProduct(51)
			b.ID = a.ID
			mustInsert(t, s, a)
			err := s.Insert(ctx, b)
			if err == nil {
				t.Fatal("a second product with the same id was stored")
			}
			if !errors.Is(err, domain.ErrProductExists) {
				t.Fatalf("an existing id with a free SKU: %v, want ErrProductExists", err)
			}
		})

		t.Run("brand_rename_reindexes", func(t *testing.T) {
			// Not parallel: renames a fixture brand, then restores it.
			p := newProduct(60)
			p.BrandID = "zenith"
			mustInsert(t, s, p)
			rename := func(name string) {
				if err := s.SaveTaxonomy(ctx, domain.Taxonomy{Brands: []domain.Brand{{ID: "zenith", Name: name}}}); err != nil {
					t.Fatal(err)
				}
			}
			rename("Quuxcorp")
			defer rename("Zenith")
			if !slices.Contains(searchIDs(t, s, domain.SearchQuery{Text: "quuxcorp"}), p.ID) {
				t.Fatal("the new brand name does not find the brand's product")
			}
			if slices.Contains(searchIDs(t, s, domain.SearchQuery{Text: "zenith"}), p.ID) {
				t.Fatal("the old brand name still finds the product")
			}
		})
	})
}

// idx returns the number in a newProduct id.
func idx(id string) int {
	var n int
	_, _ = fmt.Sscanf(id, "prd_t%d", &n)
	return n
}
