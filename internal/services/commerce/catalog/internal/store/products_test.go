package store_test

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/store"
)

func TestInsertGet(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()

		t.Run("round_trip_every_field", func(t *testing.T) {
			t.Parallel()
			p := newProduct(1)
			p.Sports = []string{"running", "outdoor"}
			p.Specs = domain.Specs{
				WeightG: ptr(245), DropMM: ptr(0), StackMM: ptr(33), Cushioning: "high", Terrain: "road",
				Waterproof: ptr(false), TempMinC: ptr(-5), TempMaxC: ptr(0),
				Materials: &domain.Text{RU: "сетка «air», пена", EN: `mesh "air", foam`},
			}
			p.Name = text("Кроссовки Ёлка 'N' \"кавычки\"", "Acme Tempo 3 Men's Running Shoes")
			p.Description = text("Строка\nвторая строка; 100% полиэстер", "Line\ntwo; 100% \\ polyester")
			p.Sizes = []string{"40", "40.5", "41"}
			p.Images = []string{"/img/one.svg", "https://cdn.example.com/two.png"}
			mustInsert(t, s, p)
			got := mustGet(t, s, p.ID)
			want := stored(p)
			if !reflect.DeepEqual(got.Product, want) {
				t.Fatalf("round trip:\n got %+v\nwant %+v", got.Product, want)
			}
			if got.Version != 1 || got.CreatedAt.Location() != time.UTC || got.UpdatedAt.Location() != time.UTC {
				t.Fatalf("version %d, locations %v %v", got.Version, got.CreatedAt.Location(), got.UpdatedAt.Location())
			}
			if !got.CreatedAt.Equal(p.CreatedAt.Truncate(time.Microsecond)) || got.CreatedAt.Nanosecond() != 123456000 {
				t.Fatalf("created %v, want %v at µs precision", got.CreatedAt, p.CreatedAt)
			}
			if len(got.Prices) != 0 || len(got.Stock) != 0 || got.TotalStock != 0 {
				t.Fatalf("new product has offers: %+v %+v %d", got.Prices, got.Stock, got.TotalStock)
			}
		})

		t.Run("nil_specs_and_empty_lists", func(t *testing.T) {
			t.Parallel()
			p := newProduct(2)
			p.Specs, p.Sizes, p.Images, p.SizeSystem, p.SupplierID = domain.Specs{}, nil, nil, "", ""
			mustInsert(t, s, p)
			got := mustGet(t, s, p.ID)
			if !reflect.DeepEqual(got.Product, stored(p)) {
				t.Fatalf("round trip:\n got %+v\nwant %+v", got.Product, stored(p))
			}
			sp := got.Specs
			if sp.WeightG != nil || sp.DropMM != nil || sp.StackMM != nil || sp.Waterproof != nil ||
				sp.TempMinC != nil || sp.TempMaxC != nil || sp.Materials != nil {
				t.Fatalf("unset specs came back set: %+v", sp)
			}
		})

		t.Run("missing_id", func(t *testing.T) {
			t.Parallel()
			_, err := s.Get(ctx, "prd_nope")
			wantErrIs(t, err, domain.ErrProductNotFound)
		})

		t.Run("duplicate_sku", func(t *testing.T) {
			t.Parallel()
			a, b := newProduct(3), newProduct(4)
			b.SKU = a.SKU
			mustInsert(t, s, a)
			wantErrIs(t, s.Insert(ctx, b), domain.ErrSKUTaken)
			_, err := s.Get(ctx, b.ID)
			wantErrIs(t, err, domain.ErrProductNotFound)
		})

		t.Run("unknown_references", func(t *testing.T) {
			t.Parallel()
			cases := []struct {
				name, field string
				change      func(p *domain.Product)
			}{
				{"brand", "brand_id", func(p *domain.Product) { p.BrandID = "nobrand" }},
				{"category", "category_id", func(p *domain.Product) { p.CategoryID = "nocat" }},
				{"sport", "sports[1]", func(p *domain.Product) { p.Sports = []string{"running", "chess"} }},
				{"category_sport_missing", "sports", func(p *domain.Product) { p.Sports = []string{"cycling"} }},
				{"no_sports", "sports", func(p *domain.Product) { p.Sports = nil }},
			}
			for i, c := range cases {
				p := newProduct(10 + i)
				c.change(&p)
				wantInvalidField(t, s.Insert(ctx, p), c.field)
				if _, err := s.Get(ctx, p.ID); !errors.Is(err, domain.ErrProductNotFound) {
					t.Errorf("%s: refused product was stored (get: %v)", c.name, err)
				}
			}
		})

		t.Run("count", func(t *testing.T) {
			// Not parallel: runs before the parallel subtests insert.
			n, err := s.Count(ctx)
			if err != nil || n != 0 {
				t.Fatalf("count = %d, %v; want 0 before the parallel subtests run", n, err)
			}
		})
	})
}

func TestUpdate(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()

		t.Run("changes_fields_and_links", func(t *testing.T) {
			t.Parallel()
			p := newProduct(1)
			mustInsert(t, s, p)
			later := p.UpdatedAt.Add(48 * time.Hour)
			out, err := s.Update(ctx, p.ID, func(q *domain.Product) error {
				if q.Version != 1 {
					t.Errorf("fn saw version %d, want 1", q.Version)
				}
				q.SKU = "TST-0101"
				q.Name = text("Велошлем Zenith Orbit", "Zenith Orbit bike helmet")
				q.Description = text("Шлем.", "Helmet.")
				q.BrandID, q.CategoryID = "zenith", "bike-helmets"
				q.Sports = []string{"outdoor", "cycling"}
				q.Sizes, q.SizeSystem = []string{"43", "44"}, "cm"
				q.Specs = domain.Specs{WeightG: ptr(280), Waterproof: ptr(true)}
				q.Images, q.SupplierID, q.Popularity = nil, "sup_02", 77
				q.UpdatedAt = later
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if out.Version != 2 {
				t.Fatalf("returned version %d, want 2", out.Version)
			}
			got := mustGet(t, s, p.ID)
			if !reflect.DeepEqual(got.Product, stored(out)) {
				t.Fatalf("stored:\n got %+v\nwant %+v", got.Product, stored(out))
			}
			if !got.CreatedAt.Equal(p.CreatedAt.Truncate(time.Microsecond)) || !got.UpdatedAt.Equal(later.Truncate(time.Microsecond)) {
				t.Fatalf("times %v %v", got.CreatedAt, got.UpdatedAt)
			}
			// The links and the search document follow the change.
			has := func(q domain.SearchQuery) bool { return slices.Contains(searchIDs(t, s, q), p.ID) }
			if !has(domain.SearchQuery{Text: "TST-0101", Size: "43"}) || has(domain.SearchQuery{Text: "TST-0101", Size: "42"}) {
				t.Error("size links not rewritten")
			}
			if !has(domain.SearchQuery{Sport: "outdoor", Category: "bike-helmets", Brands: []string{"zenith"}}) ||
				has(domain.SearchQuery{Sport: "running"}) {
				t.Error("sport/category/brand not rewritten")
			}
			if !has(domain.SearchQuery{Text: "orbit helmet"}) || has(domain.SearchQuery{Text: "TST-0001"}) ||
				has(domain.SearchQuery{Text: "tempo"}) {
				t.Error("search document not rewritten")
			}
		})

		t.Run("fn_error_leaves_row", func(t *testing.T) {
			t.Parallel()
			p := newProduct(2)
			mustInsert(t, s, p)
			before := mustGet(t, s, p.ID)
			boom := domain.ErrImageNotFound // any error of fn's own
			_, err := s.Update(ctx, p.ID, func(q *domain.Product) error {
				q.Name.EN, q.Sizes, q.Sports = "changed", []string{"99"}, []string{"running", "outdoor"}
				return boom
			})
			wantErrIs(t, err, boom)
			if after := mustGet(t, s, p.ID); !reflect.DeepEqual(after, before) {
				t.Fatalf("row changed by a refused update:\n got %+v\nwant %+v", after, before)
			}
		})

		t.Run("refused_reference_leaves_row", func(t *testing.T) {
			t.Parallel()
			p := newProduct(3)
			mustInsert(t, s, p)
			before := mustGet(t, s, p.ID)
			_, err := s.Update(ctx, p.ID, func(q *domain.Product) error { q.BrandID = "nobrand"; return nil })
			wantInvalidField(t, err, "brand_id")
			_, err = s.Update(ctx, p.ID, func(q *domain.Product) error { q.Sports = []string{"cycling"}; return nil })
			wantInvalidField(t, err, "sports")
			if after := mustGet(t, s, p.ID); !reflect.DeepEqual(after, before) {
				t.Fatalf("row changed by a refused update")
			}
		})

		t.Run("missing_id", func(t *testing.T) {
			t.Parallel()
			_, err := s.Update(ctx, "prd_nope", func(*domain.Product) error { return nil })
			wantErrIs(t, err, domain.ErrProductNotFound)
		})

		t.Run("sku_conflict", func(t *testing.T) {
			t.Parallel()
			a, b := newProduct(4), newProduct(5)
			mustInsert(t, s, a)
			mustInsert(t, s, b)
			_, err := s.Update(ctx, b.ID, func(q *domain.Product) error { q.SKU = a.SKU; return nil })
			wantErrIs(t, err, domain.ErrSKUTaken)
			if got := mustGet(t, s, b.ID); got.SKU != b.SKU || got.Version != 1 {
				t.Fatalf("after refused update: sku %s version %d", got.SKU, got.Version)
			}
		})

		t.Run("stale_version_sequential", func(t *testing.T) {
			t.Parallel()
			p := newProduct(6)
			mustInsert(t, s, p)
			expect := func(v int) func(*domain.Product) error {
				return func(q *domain.Product) error {
					if q.Version != v {
						return domain.ErrVersionConflict
					}
					q.Popularity++
					return nil
				}
			}
			if _, err := s.Update(ctx, p.ID, expect(1)); err != nil {
				t.Fatal(err)
			}
			_, err := s.Update(ctx, p.ID, expect(1))
			wantErrIs(t, err, domain.ErrVersionConflict)
			if got := mustGet(t, s, p.ID); got.Version != 2 || got.Popularity != p.Popularity+1 {
				t.Fatalf("version %d popularity %d", got.Version, got.Popularity)
			}
		})

		t.Run("concurrent_same_version", func(t *testing.T) {
			t.Parallel()
			testConcurrentUpdates(t, s, newProduct(7))
		})

		t.Run("store_checks_version", func(t *testing.T) {
			t.Parallel()
			testInterleavedUpdate(t, s, newProduct(8))
		})
	})
}
