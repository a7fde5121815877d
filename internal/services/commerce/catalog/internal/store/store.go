// Package store keeps the catalog in SQL: one implementation of portable
// `$1`-style SQL for SQLite and PostgreSQL, with the full-text search
// difference behind dialect.go. Every write that changes a product also adds
// its event to the transactional outbox in the same transaction.
package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/sporthub/sporthub/internal/platform/sqldb"
	"github.com/sporthub/sporthub/internal/platform/textsearch"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
)

// Store is the catalog's SQL store.
type Store struct {
	db *sqldb.DB
}

// New returns a store over db (already migrated).
func New(db *sqldb.DB) *Store { return &Store{db: db} }

// DB returns the underlying database (for the outbox relay and health checks).
func (s *Store) DB() *sqldb.DB { return s.db }

// InTx runs fn in one transaction; stores and the outbox join it through ctx.
func (s *Store) InTx(ctx context.Context, fn func(ctx context.Context) error) error {
	return s.db.InTx(ctx, fn)
}

// productRow is a product as stored.
type productRow struct {
	ID, SKU                      string
	NameRU, NameEN               string
	DescriptionRU, DescriptionEN string
	BrandID, CategoryID          string
	Specs, Sizes, Images         string
	SizeSystem, SupplierID       string
	Popularity, TotalStock       int
	Version                      int
	CreatedAt, UpdatedAt         time.Time
}

const productColumns = `p.id, p.sku, p.name_ru, p.name_en, p.description_ru, p.description_en, p.brand_id,
	p.category_id, p.specs, p.sizes, p.images, p.size_system, p.supplier_id, p.popularity, p.total_stock,
	p.version, p.created_at, p.updated_at`

func (r *productRow) scanTargets() []any {
	return []any{&r.ID, &r.SKU, &r.NameRU, &r.NameEN, &r.DescriptionRU, &r.DescriptionEN, &r.BrandID,
		&r.CategoryID, &r.Specs, &r.Sizes, &r.Images, &r.SizeSystem, &r.SupplierID, &r.Popularity,
		&r.TotalStock, &r.Version, &r.CreatedAt, &r.UpdatedAt}
}

// productFromRow rebuilds a domain product from its stored row.
func productFromRow(r productRow, sports []string) (domain.Product, error) {
	p := domain.Product{
		ID: r.ID, SKU: r.SKU,
		Name:        domain.Text{RU: r.NameRU, EN: r.NameEN},
		Description: domain.Text{RU: r.DescriptionRU, EN: r.DescriptionEN},
		BrandID:     r.BrandID, CategoryID: r.CategoryID, Sports: sports,
		SizeSystem: r.SizeSystem, SupplierID: r.SupplierID, Popularity: r.Popularity,
		Version: r.Version, CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC(),
	}
	if err := json.Unmarshal([]byte(r.Specs), &p.Specs); err != nil {
		return p, fmt.Errorf("decode specs of %s: %w", r.ID, err)
	}
	if err := json.Unmarshal([]byte(r.Sizes), &p.Sizes); err != nil {
		return p, fmt.Errorf("decode sizes of %s: %w", r.ID, err)
	}
	if err := json.Unmarshal([]byte(r.Images), &p.Images); err != nil {
		return p, fmt.Errorf("decode images of %s: %w", r.ID, err)
	}
	return p, nil
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("marshal %T: %v", v, err)) // only plain data types reach here
	}
	return string(b)
}

// searchDoc is what full-text search indexes for a product: its names and
// descriptions in both languages, brand, category and sport names and SKU.
func searchDoc(p domain.Product, brand string, category domain.Text, sports []domain.Text) string {
	fields := []string{p.SKU, brand, p.Name.RU, p.Name.EN, category.RU, category.EN, p.Description.RU, p.Description.EN}
	for _, s := range sports {
		fields = append(fields, s.RU, s.EN)
	}
	return textsearch.Document(fields...)
}
