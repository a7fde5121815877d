package app

import (
	"context"

	"github.com/sporthub/sporthub/internal/platform/authn"
	"github.com/sporthub/sporthub/internal/platform/bus"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/catalogapi"
	"github.com/sporthub/sporthub/internal/services/commerce/catalog/internal/domain"
)

// SetPrice sets a product's price in one region and currency; the caller
// needs catalog.prices.write.
func (a *App) SetPrice(ctx context.Context, id string, pr domain.Price) (domain.ProductView, error) {
	if _, err := authn.RequirePermission(ctx, catalogapi.PermPricesWrite); err != nil {
		return domain.ProductView{}, err
	}
	if err := pr.Validate(); err != nil {
		return domain.ProductView{}, err
	}
	err := a.commit(ctx, func(ctx context.Context) ([]bus.Event, error) {
		old, err := a.repo.SetPrice(ctx, id, pr)
		if err != nil {
			return nil, err
		}
		ev, err := bus.NewEvent(catalogapi.EventPriceChanged, Source, id, catalogapi.PriceChangedV1{
			ProductID: id, Region: pr.Region, Currency: pr.Currency, OldAmountMinor: old, NewAmountMinor: pr.AmountMinor})
		return []bus.Event{ev}, err
	})
	if err != nil {
		return domain.ProductView{}, err
	}
	return a.repo.Get(ctx, id)
}

// SetStock sets a product's quantity at one location; the caller needs
// catalog.stock.write.
func (a *App) SetStock(ctx context.Context, id string, st domain.StockLevel) (domain.ProductView, error) {
	if _, err := authn.RequirePermission(ctx, catalogapi.PermStockWrite); err != nil {
		return domain.ProductView{}, err
	}
	if err := st.Validate(); err != nil {
		return domain.ProductView{}, err
	}
	err := a.commit(ctx, func(ctx context.Context) ([]bus.Event, error) {
		old, total, err := a.repo.SetStock(ctx, id, st)
		if err != nil {
			return nil, err
		}
		ev, err := bus.NewEvent(catalogapi.EventStockChanged, Source, id, catalogapi.StockChangedV1{
			ProductID: id, LocationID: st.LocationID, OldQuantity: old, NewQuantity: st.Quantity, TotalStock: total})
		return []bus.Event{ev}, err
	})
	if err != nil {
		return domain.ProductView{}, err
	}
	return a.repo.Get(ctx, id)
}
