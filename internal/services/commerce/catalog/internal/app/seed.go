package app

import (
	"context"
	"fmt"

	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/catalogapi"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
)

// SeedItem is a product with its prices and stock, as a seed data set holds it.
type SeedItem struct {
	Product domain.Product
	Prices  []domain.Price
	Stock   []domain.StockLevel
}

// Seed loads a data set into an empty catalog, in one transaction, with a
// product-created event per product (seeded prices and stock are read through
// the catalog's client; later changes each have their event). It does nothing and returns false
// when the catalog already holds products. Seeding is a system action: it
// is not reachable through the API and needs no permission.
func (a *App) Seed(ctx context.Context, t domain.Taxonomy, items []SeedItem) (bool, error) {
	loaded := false
	err := a.commit(ctx, func(ctx context.Context) ([]bus.Event, error) {
		n, err := a.repo.Count(ctx)
		if err != nil || n > 0 {
			return nil, err
		}
		if err := a.repo.SaveTaxonomy(ctx, t); err != nil {
			return nil, err
		}
		products := make([]domain.Product, len(items))
		for i, it := range items {
			if err := it.Product.Validate(); err != nil {
				return nil, fmt.Errorf("seed product %s: %w", it.Product.ID, err)
			}
			products[i] = it.Product
		}
		if err := a.repo.InsertMany(ctx, t, products); err != nil {
			return nil, fmt.Errorf("seed products: %w", err)
		}
		events := make([]bus.Event, 0, len(items))
		for _, it := range items {
			if _, err := a.repo.SeedOffers(ctx, it.Product.ID, it.Prices, it.Stock); err != nil {
				return nil, err
			}
			ev, err := bus.NewEvent(catalogapi.EventProductCreated, Source, it.Product.ID,
				catalogapi.ProductCreatedV1(productEvent(it.Product)))
			if err != nil {
				return nil, err
			}
			events = append(events, ev)
		}
		loaded = true
		return events, nil
	})
	if err != nil {
		return false, err
	}
	if loaded {
		a.taxonomy.Store(nil)
	}
	return loaded, nil
}
