package domain

import "context"

// Repository stores the catalog. Writes that must happen together run in
// InTx; every method joins the transaction of the context it is given.
type Repository interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
	Count(ctx context.Context) (int, error)
	Taxonomy(ctx context.Context) (Taxonomy, error)
	SaveTaxonomy(ctx context.Context, t Taxonomy) error
	Get(ctx context.Context, id string) (ProductView, error)
	Insert(ctx context.Context, p Product) error
	InsertMany(ctx context.Context, t Taxonomy, products []Product) error
	Update(ctx context.Context, id string, fn func(p *Product) error) (Product, error)
	SetPrice(ctx context.Context, id string, p Price) (old *int64, err error)
	SetStock(ctx context.Context, id string, s StockLevel) (old, total int, err error)
	Search(ctx context.Context, q SearchQuery) (SearchResult, error)
	SeedOffers(ctx context.Context, id string, prices []Price, stock []StockLevel) (total int, err error)
}
