package store_test

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/platform/sqldb/sqldbtest"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/store"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/store/migrations"
)

func TestOffers(t *testing.T) {
	t.Parallel()
	forEachEngine(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()

		t.Run("set_price", func(t *testing.T) {
			t.Parallel()
			p := newProduct(1)
			mustInsert(t, s, p)
			old, err := s.SetPrice(ctx, p.ID, domain.Price{Region: "RU", Currency: "RUB", AmountMinor: 999000})
			if err != nil || old != nil {
				t.Fatalf("first price: old %v, %v; want nil", old, err)
			}
			if v := mustGet(t, s, p.ID); v.Version != 2 || v.UpdatedAt.Before(p.UpdatedAt) {
				t.Fatalf("version %d updated %v after the first price", v.Version, v.UpdatedAt)
			}
			if _, err := s.SetPrice(ctx, p.ID, domain.Price{Region: "EU", Currency: "EUR", AmountMinor: 11999}); err != nil {
				t.Fatal(err)
			}
			old, err = s.SetPrice(ctx, p.ID, domain.Price{Region: "RU", Currency: "RUB", AmountMinor: 899000})
			if err != nil || old == nil || *old != 999000 {
				t.Fatalf("second price: old %v, %v; want 999000", old, err)
			}
			v := mustGet(t, s, p.ID)
			want := []domain.Price{{Region: "EU", Currency: "EUR", AmountMinor: 11999}, {Region: "RU", Currency: "RUB", AmountMinor: 899000}}
			if v.Version != 4 || !reflect.DeepEqual(v.Prices, want) {
				t.Fatalf("version %d prices %+v, want 4 %+v", v.Version, v.Prices, want)
			}
			ids := searchIDs(t, s, domain.SearchQuery{Text: p.SKU, PriceMax: ptr[int64](899000)})
			if !slices.Equal(ids, []string{p.ID}) {
				t.Fatalf("price filter on the new price: %v", ids)
			}
			_, err = s.SetPrice(ctx, "prd_nope", want[0])
			wantErrIs(t, err, domain.ErrProductNotFound)
		})

		t.Run("set_stock", func(t *testing.T) {
			t.Parallel()
			p := newProduct(2)
			mustInsert(t, s, p)
			inStock := func() bool {
				return slices.Contains(searchIDs(t, s, domain.SearchQuery{Text: p.SKU, InStock: true}), p.ID)
			}
			if inStock() {
				t.Fatal("a product without stock is in stock")
			}
			_, _, err := s.SetStock(ctx, p.ID, domain.StockLevel{LocationID: "nowhere", Quantity: 5})
			wantErrIs(t, err, domain.ErrLocationNotFound)
			if v := mustGet(t, s, p.ID); v.Version != 1 || len(v.Stock) != 0 {
				t.Fatalf("refused stock change left version %d stock %+v", v.Version, v.Stock)
			}
			_, _, err = s.SetStock(ctx, "prd_nope", domain.StockLevel{LocationID: "msk", Quantity: 5})
			wantErrIs(t, err, domain.ErrProductNotFound)

			steps := []struct {
				loc             string
				qty, old, total int
			}{
				{"msk", 5, 0, 5},
				{"wh-main", 3, 0, 8},
				{"msk", 2, 5, 5},
				{"wh-main", 0, 3, 2},
			}
			for i, st := range steps {
				old, total, err := s.SetStock(ctx, p.ID, domain.StockLevel{LocationID: st.loc, Quantity: st.qty})
				if err != nil || old != st.old || total != st.total {
					t.Fatalf("step %d: old %d total %d (%v), want %d %d", i, old, total, err, st.old, st.total)
				}
			}
			v := mustGet(t, s, p.ID)
			want := []domain.StockLevel{{LocationID: "msk", Quantity: 2}, {LocationID: "wh-main", Quantity: 0}}
			if v.TotalStock != 2 || v.Version != 1+len(steps) || !reflect.DeepEqual(v.Stock, want) {
				t.Fatalf("total %d version %d stock %+v", v.TotalStock, v.Version, v.Stock)
			}
			if !inStock() {
				t.Fatal("a product with stock 2 is not in stock")
			}
			if _, total, err := s.SetStock(ctx, p.ID, domain.StockLevel{LocationID: "msk", Quantity: 0}); err != nil || total != 0 {
				t.Fatalf("sell out: total %d, %v", total, err)
			}
			if inStock() || !slices.Contains(searchIDs(t, s, domain.SearchQuery{Text: p.SKU}), p.ID) {
				t.Fatal("a sold-out product is in stock, or is not found without the filter")
			}
		})

		t.Run("seed_offers", func(t *testing.T) {
			t.Parallel()
			p := newProduct(3)
			mustInsert(t, s, p)
			total, err := s.SeedOffers(ctx, p.ID, []domain.Price{{Region: "RU", Currency: "RUB", AmountMinor: 100}},
				[]domain.StockLevel{{LocationID: "msk", Quantity: 4}, {LocationID: "wh-main", Quantity: 6}})
			if err != nil || total != 10 {
				t.Fatalf("seed: total %d, %v", total, err)
			}
			if v := mustGet(t, s, p.ID); v.Version != 1 || v.TotalStock != 10 || len(v.Prices) != 1 || len(v.Stock) != 2 {
				t.Fatalf("seeded product: %+v", v)
			}
		})
	})
}

func TestTaxonomy(t *testing.T) {
	t.Parallel()
	sqldbtest.ForEachEngine(t, service, migrations.FS, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		s := store.New(db)
		tx := fixtureTaxonomy()
		for range 2 {
			if err := s.SaveTaxonomy(ctx, tx); err != nil {
				t.Fatalf("save taxonomy: %v", err)
			}
		}
		got, err := s.Taxonomy(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := fixtureTaxonomy()
		// Sports and categories keep the saved order; brands come by name,
		// locations by kind and city.
		want.Brands = []domain.Brand{{ID: "acme", Name: "Acme"}, {ID: "zenith", Name: "Zenith"}}
		want.Locations = []domain.Location{want.Locations[1], want.Locations[0]}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("taxonomy:\n got %+v\nwant %+v", got, want)
		}

		// Saving again updates in place: renamed, reordered, one added.
		tx.Sports[0].Name.EN = "Road running"
		slices.Reverse(tx.Sports)
		tx.Categories[0].Name.RU = "Беговые кроссовки"
		tx.Brands = append(tx.Brands, domain.Brand{ID: "borealis", Name: "Borealis"})
		tx.Locations[1].City.EN = "Moskva"
		if err := s.SaveTaxonomy(ctx, tx); err != nil {
			t.Fatal(err)
		}
		got, err = s.Taxonomy(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.Sports, tx.Sports) || !reflect.DeepEqual(got.Categories, tx.Categories) {
			t.Fatalf("sports %+v categories %+v, want %+v %+v", got.Sports, got.Categories, tx.Sports, tx.Categories)
		}
		if n := len(got.Brands); n != 3 || got.Brands[1].ID != "borealis" {
			t.Fatalf("brands %+v", got.Brands)
		}
		if got.Locations[0].City.EN != "Moskva" || len(got.Locations) != 2 {
			t.Fatalf("locations %+v", got.Locations)
		}
	})
}
