package app

import (
	"context"

	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/catalogapi"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
)

// CreateProduct adds a product; the caller needs catalog.products.write.
func (a *App) CreateProduct(ctx context.Context, p domain.Product) (domain.ProductView, error) {
	if _, err := authn.RequirePermission(ctx, catalogapi.PermProductsWrite); err != nil {
		return domain.ProductView{}, err
	}
	if err := p.Validate(); err != nil {
		return domain.ProductView{}, err
	}
	now := a.now().UTC()
	p.ID, p.Version, p.CreatedAt, p.UpdatedAt = newProductID(), 1, now, now
	err := a.commit(ctx, func(ctx context.Context) ([]bus.Event, error) {
		if err := a.repo.Insert(ctx, p); err != nil {
			return nil, err
		}
		ev, err := bus.NewEvent(catalogapi.EventProductCreated, Source, p.ID, catalogapi.ProductCreatedV1(productEvent(p)))
		return []bus.Event{ev}, err
	})
	if err != nil {
		return domain.ProductView{}, err
	}
	return a.repo.Get(ctx, p.ID)
}

// UpdateProduct replaces a product's description. version must be the
// version the caller read (optimistic locking: ErrVersionConflict otherwise).
func (a *App) UpdateProduct(ctx context.Context, id string, version int, in domain.Product) (domain.ProductView, error) {
	if _, err := authn.RequirePermission(ctx, catalogapi.PermProductsWrite); err != nil {
		return domain.ProductView{}, err
	}
	if err := in.Validate(); err != nil {
		return domain.ProductView{}, err
	}
	err := a.commit(ctx, func(ctx context.Context) ([]bus.Event, error) {
		p, err := a.repo.Update(ctx, id, func(p *domain.Product) error {
			if p.Version != version {
				return domain.ErrVersionConflict
			}
			in.ID, in.Popularity, in.CreatedAt, in.UpdatedAt = p.ID, p.Popularity, p.CreatedAt, a.now().UTC()
			*p = in
			return nil
		})
		if err != nil {
			return nil, err
		}
		ev, err := bus.NewEvent(catalogapi.EventProductUpdated, Source, p.ID, catalogapi.ProductUpdatedV1(productEvent(p)))
		return []bus.Event{ev}, err
	})
	if err != nil {
		return domain.ProductView{}, err
	}
	return a.repo.Get(ctx, id)
}

// productEvent is the product as its v1 events carry it.
func productEvent(p domain.Product) catalogapi.ProductV1 {
	return catalogapi.ProductV1{ProductID: p.ID, SKU: p.SKU, Name: catalogapi.Text(p.Name), BrandID: p.BrandID,
		CategoryID: p.CategoryID, Sports: p.Sports, Specs: SpecsToAPI(p.Specs), Version: p.Version}
}

// SpecsToAPI converts domain specs to their public shape.
func SpecsToAPI(s domain.Specs) catalogapi.Specs {
	out := catalogapi.Specs{WeightG: s.WeightG, DropMM: s.DropMM, StackMM: s.StackMM, Cushioning: s.Cushioning,
		Terrain: s.Terrain, Waterproof: s.Waterproof, TempMinC: s.TempMinC, TempMaxC: s.TempMaxC}
	if s.Materials != nil {
		m := catalogapi.Text(*s.Materials)
		out.Materials = &m
	}
	return out
}

// SpecsFromAPI converts public specs to the domain's.
func SpecsFromAPI(s catalogapi.Specs) domain.Specs {
	out := domain.Specs{WeightG: s.WeightG, DropMM: s.DropMM, StackMM: s.StackMM, Cushioning: s.Cushioning,
		Terrain: s.Terrain, Waterproof: s.Waterproof, TempMinC: s.TempMinC, TempMaxC: s.TempMaxC}
	if s.Materials != nil {
		m := domain.Text(*s.Materials)
		out.Materials = &m
	}
	return out
}
