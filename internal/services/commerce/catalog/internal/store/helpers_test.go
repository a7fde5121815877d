package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/sporthub/sporthub/internal/platform/apperr"
	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/platform/sqldb/sqldbtest"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/store"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/store/migrations"
)

const service = "catalog"

// forEachEngine runs suite on a fresh, migrated SQLite and PostgreSQL
// catalog holding the fixture taxonomy.
func forEachEngine(t *testing.T, suite func(t *testing.T, s *store.Store)) {
	sqldbtest.ForEachEngine(t, service, migrations.FS, func(t *testing.T, db *sqldb.DB) {
		s := store.New(db)
		if err := s.SaveTaxonomy(context.Background(), fixtureTaxonomy()); err != nil {
			t.Fatalf("save taxonomy: %v", err)
		}
		suite(t, s)
	})
}

func text(ru, en string) domain.Text { return domain.Text{RU: ru, EN: en} }

func ptr[T any](v T) *T { return &v }

// fixtureTaxonomy is a small taxonomy for the write tests.
func fixtureTaxonomy() domain.Taxonomy {
	return domain.Taxonomy{
		Sports: []domain.Sport{
			{ID: "running", Name: text("Бег", "Running")},
			{ID: "cycling", Name: text("Велоспорт", "Cycling")},
			{ID: "outdoor", Name: text("Туризм", "Outdoor")},
		},
		Categories: []domain.Category{
			{ID: "running-shoes", Sport: "running", Name: text("Кроссовки для бега", "Running shoes")},
			{ID: "bike-helmets", Sport: "cycling", Name: text("Велошлемы", "Bike helmets")},
		},
		Brands: []domain.Brand{{ID: "zenith", Name: "Zenith"}, {ID: "acme", Name: "Acme"}},
		Locations: []domain.Location{
			{ID: "wh-main", Name: text("Склад", "Warehouse"), City: text("Подольск", "Podolsk"), Kind: domain.Warehouse},
			{ID: "msk", Name: text("Магазин", "Store"), City: text("Москва", "Moscow"), Kind: domain.Store},
		},
	}
}

// newProduct returns a valid running shoe of the fixture taxonomy; its SKU
// TST-000n is a search query that finds it and nothing else.
func newProduct(n int) domain.Product {
	created := time.Date(2025, 3, 4, 5, 6, 7, 123456789, time.FixedZone("MSK", 3*3600)).Add(time.Duration(n) * time.Hour)
	return domain.Product{
		ID:          fmt.Sprintf("prd_t%03d", n),
		SKU:         fmt.Sprintf("TST-%04d", n),
		Name:        text("Кроссовки Acme Tempo", "Acme Tempo running shoes"),
		Description: text("Лёгкие кроссовки.", "Light shoes."),
		BrandID:     "acme",
		CategoryID:  "running-shoes",
		Sports:      []string{"running"},
		Sizes:       []string{"41", "42"},
		SizeSystem:  "EU",
		Images:      []string{"/img/a.svg"},
		SupplierID:  "sup_01",
		Popularity:  10 * n,
		Version:     1,
		CreatedAt:   created,
		UpdatedAt:   created.Add(time.Minute),
	}
}

func mustInsert(t *testing.T, s *store.Store, p domain.Product) {
	t.Helper()
	if err := s.Insert(context.Background(), p); err != nil {
		t.Fatalf("insert %s: %v", p.ID, err)
	}
}

func mustGet(t *testing.T, s *store.Store, id string) domain.ProductView {
	t.Helper()
	v, err := s.Get(context.Background(), id)
	if err != nil {
		t.Fatalf("get %s: %v", id, err)
	}
	return v
}

// stored is how a product reads back: times in UTC at microsecond
// precision, sports in id order, empty lists as empty.
func stored(p domain.Product) domain.Product {
	p.CreatedAt = p.CreatedAt.UTC().Truncate(time.Microsecond)
	p.UpdatedAt = p.UpdatedAt.UTC().Truncate(time.Microsecond)
	p.Sports = slices.Sorted(slices.Values(p.Sports))
	if p.Sizes == nil {
		p.Sizes = []string{}
	}
	if p.Images == nil {
		p.Images = []string{}
	}
	return p
}

// wantErrIs fails unless err matches target.
func wantErrIs(t *testing.T, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("err = %v, want %v", err, target)
	}
}

// wantInvalidField fails unless err is an apperr Invalid naming field.
func wantInvalidField(t *testing.T, err error, field string) {
	t.Helper()
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Kind != apperr.Invalid {
		t.Fatalf("err = %v, want an Invalid apperr naming %s", err, field)
	}
	for _, f := range ae.Fields {
		if f.Field == field {
			return
		}
	}
	t.Fatalf("err = %v with fields %+v, want field %q", err, ae.Fields, field)
}

// searchIDs returns the ids of every result of q (one large page).
func searchIDs(t *testing.T, s *store.Store, q domain.SearchQuery) []string {
	t.Helper()
	if q.Region == "" {
		q.Region, q.Currency = "RU", "RUB"
	}
	if q.Sort == "" {
		q.Sort = domain.SortPopular
	}
	q.Limit = 1000
	res, err := s.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("search %+v: %v", q, err)
	}
	ids := make([]string, len(res.Items))
	for i, it := range res.Items {
		ids[i] = it.ID
	}
	if res.Total != len(ids) {
		t.Fatalf("search %+v: total %d, %d items", q, res.Total, len(ids))
	}
	return ids
}
